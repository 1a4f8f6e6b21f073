import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apply } from 'json-merge-patch';

/**
 * The OCDS extensions the export uses, pinned to the commits copied into libs/audit/ocds-extensions
 * (see its README). A package declares them by the URL of their extension.json at that commit.
 */
export const ocdsExtensions = [
  { name: 'lots', repository: 'ocds_lots_extension', commit: '8d3b52eb26ce0f1a015c91b665c120b17ef619a0' },
  // The lots extension's `Lot.submissionTerms` is defined by this one: declared so the patched schema resolves.
  {
    name: 'submissionTerms',
    repository: 'ocds_submissionTerms_extension',
    commit: '449ade63333a50f1e8cd2b0704c0a3c5e329a8a8',
  },
  { name: 'bids', repository: 'ocds_bid_extension', commit: 'd62ff4b0ba393d823ca8113a9039b12edf7acb8f' },
  {
    name: 'awardCriteria',
    repository: 'ocds_awardCriteria_extension',
    commit: '9391240f353e8536992938fe9f7987cd89235331',
  },
  {
    name: 'selectionCriteria',
    repository: 'ocds_selectionCriteria_extension',
    commit: '42109b4c5259f4a086744a4fd4f1ca4fd6ff1e7f',
  },
  {
    name: 'exclusionGrounds',
    repository: 'ocds_exclusionGrounds_extension',
    commit: 'e4920c7be285a159aafa42139d6d1671c5bd59b1',
  },
  {
    name: 'sustainability',
    repository: 'ocds_sustainability_extension',
    commit: 'b8d93a0edb8e0ac2f27f733cccf3884e392346e9',
  },
  {
    name: 'subcontracting',
    repository: 'ocds_subcontracting_extension',
    commit: '65d06d0af7e5dc56f0f28beb54e5d7dc5d9155e7',
  },
] as const;

/** The copies in this repository (source tree; not part of the build output). */
export const OCDS_EXTENSIONS_DIR = join(__dirname, '../ocds-extensions');

/**
 * The `extensions` of a package. By default the extensions' own published URLs at the pinned
 * commits; `baseUri` points at another copy of libs/audit/ocds-extensions (e.g. served locally, for
 * tools that fetch them: `<baseUri>/<name>/extension.json`).
 */
export function ocdsExtensionUrls(baseUri?: string): string[] {
  return ocdsExtensions.map((extension) =>
    baseUri
      ? `${baseUri.replace(/\/$/, '')}/${extension.name}/extension.json`
      : `https://raw.githubusercontent.com/open-contracting-extensions/${extension.repository}/${extension.commit}/extension.json`,
  );
}

type Schema = Record<string, unknown>;

/**
 * The release schema patched with every extension's release-schema.json (JSON Merge Patch, RFC 7396,
 * as the standard prescribes), in the order listed.
 */
export function patchReleaseSchema(releaseSchema: Schema, extensionsDir = OCDS_EXTENSIONS_DIR): Schema {
  let patched = structuredClone(releaseSchema);
  for (const extension of ocdsExtensions) {
    const patch = JSON.parse(
      readFileSync(join(extensionsDir, extension.name, 'release-schema.json'), 'utf8'),
    ) as Schema;
    patched = apply(patched, patch) as Schema;
  }
  return patched;
}
