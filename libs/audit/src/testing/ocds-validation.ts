import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { OCDS_EXTENSIONS_DIR, patchReleaseSchema } from '../ocds-extensions';

/**
 * Validates OCDS 1.1 packages against the standard's own JSON schemas (draft-04), read from a
 * directory holding release-package-schema.json, record-package-schema.json, release-schema.json
 * and versioned-release-validation-schema.json (this repository's tests use ../shared/ocds). The
 * package schemas reference the others by their published URLs; they are loaded under those ids,
 * so validation works offline. The release schema is patched with the extensions the export declares
 * (their copies in libs/audit/ocds-extensions), as a data user's tools patch it from `extensions`.
 */
export interface OcdsValidator {
  validateReleasePackage(value: unknown): string[];
  validateRecordPackage(value: unknown): string[];
}

export function createOcdsValidator(schemaDir: string, extensionsDir = OCDS_EXTENSIONS_DIR): OcdsValidator {
  const load = (name: string) => JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(patchReleaseSchema(load('release-schema.json'), extensionsDir));
  ajv.addSchema(load('versioned-release-validation-schema.json'));
  const releasePackage = ajv.compile(load('release-package-schema.json'));
  const recordPackage = ajv.compile(load('record-package-schema.json'));
  const errors = (validate: typeof releasePackage, value: unknown) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return {
    validateReleasePackage: (value) => errors(releasePackage, value),
    validateRecordPackage: (value) => errors(recordPackage, value),
  };
}
