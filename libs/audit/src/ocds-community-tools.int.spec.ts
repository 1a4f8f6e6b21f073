import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { PgliteDriver, SqlEventStore } from '@pj/event-store';
import { writeScenario } from './testing/audit-scenario';
import { ocdsRecordPackage, ocdsReleasePackage, versionedRelease, type OcdsRelease } from './export';
import { OCDS_EXTENSIONS_DIR, ocdsExtensions, patchReleaseSchema } from './ocds-extensions';
import { writeOcdsCase } from './testing/ocds-scenarios';

// The OCDS community's own tools on the export, offline: libcoveocds (the library behind the OCDS
// Data Review Tool) reads the extensions from this repository over a local HTTP server and the
// standard from ../shared/ocds and libs/audit/ocds-standard; ocdskit compiles the release package.
// Both are pinned in scripts/tools.json and installed into .tools/python by `npm run setup`.

const root = join(__dirname, '../../..');
const OCDS = join(root, '../shared/ocds');
const python = join(root, '.tools/python/bin/python');
const ocdskit = join(root, '.tools/python/bin/ocdskit');

type Any = Record<string, any>;

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

describe('the OCDS community tools on the export (offline)', () => {
  let server: Server;
  const served: string[] = [];
  let dir: string;
  const files: Record<string, { releases: string; record: string; releasePackage: Any; recordPackage: Any }> = {};

  beforeAll(async () => {
    for (const tool of [python, ocdskit])
      if (!existsSync(tool)) throw new Error(`${tool} is missing: run npm run setup (scripts/tools.json)`);
    // The repository's copies of the extensions, as a publisher would serve them.
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url!, 'http://localhost').pathname));
      const file = join(OCDS_EXTENSIONS_DIR, path);
      served.push(path);
      if (!file.startsWith(OCDS_EXTENSIONS_DIR) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const extensionsBaseUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    dir = mkdtempSync(join(tmpdir(), 'pj-ocds-'));
    const store = await SqlEventStore.open(await PgliteDriver.open());
    try {
      const streams: Record<string, string> = {
        terminated: (await writeScenario(store, 'case-terminated')).caseStreamId,
      };
      for (const ending of ['pending-award', 'cancelled-award', 'closed'] as const)
        streams[ending] = await writeOcdsCase(store, `case-${ending}`, ending);
      for (const [kind, streamId] of Object.entries(streams)) {
        const history = await store.readStream(streamId);
        const releasePackage = ocdsReleasePackage(history, { extensionsBaseUri }) as Any;
        const recordPackage = ocdsRecordPackage(history, { extensionsBaseUri }) as Any;
        files[kind] = {
          releases: join(dir, `${kind}-releases.json`),
          record: join(dir, `${kind}-record.json`),
          releasePackage,
          recordPackage,
        };
        writeFileSync(files[kind].releases, JSON.stringify(releasePackage));
        writeFileSync(files[kind].record, JSON.stringify(recordPackage));
      }
    } finally {
      await store.close();
    }
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('libcoveocds reports 0 errors, 0 additional fields and 0 codelist problems on all 8 files', async () => {
    // A broken copy shows that the review does look: a closed-codelist value and an unknown field.
    const broken = structuredClone(files.closed.releasePackage);
    const bid = broken.releases.find((r: Any) => r.bids).bids.details[0];
    bid.status = 'excluded';
    bid.excludedBecause = 'not an OCDS field';
    const brokenFile = join(dir, 'broken-releases.json');
    writeFileSync(brokenFile, JSON.stringify(broken));

    const packages = Object.values(files).flatMap((f) => [f.releases, f.record]);
    const output = await run(python, [
      join(root, 'libs/audit/ocds-review/review.py'),
      OCDS,
      join(root, 'libs/audit/ocds-standard/codelists'),
      ...packages,
      brokenFile,
    ]);
    const results = JSON.parse(output) as Record<string, Any>;
    for (const file of packages) {
      const result = results[file];
      expect({
        file,
        errors: result.validation_errors,
        additionalFields: result.additional_fields,
        closedCodelists: result.additional_closed_codelist_values,
        openCodelists: result.additional_open_codelist_values,
        checks: result.additional_checks,
        invalidExtensions: result.extensions.invalid_extension,
        derefError: result.json_deref_error ?? null,
      }).toEqual({
        file,
        errors: [],
        additionalFields: [],
        closedCodelists: {},
        openCodelists: {},
        checks: {},
        invalidExtensions: {},
        derefError: null,
      });
      expect(result.extensions.extensions).toHaveLength(ocdsExtensions.length);
      expect(result.extensions.is_extended_schema).toBe(true);
    }
    for (const extension of ocdsExtensions) expect(served).toContain(`/${extension.name}/extension.json`);

    const rejected = results[brokenFile];
    expect(rejected.additional_closed_codelist_values).toHaveProperty(['releases/bids/details/status']);
    expect(rejected.additional_fields).toEqual([
      expect.objectContaining({ path: '/releases/bids/details', field: 'excludedBecause' }),
    ]);
  }, 300_000);

  it('ocdskit compile of the release package equals the record export, compiled and versioned', async () => {
    const schemaFile = join(dir, 'patched-release-schema.json');
    writeFileSync(
      schemaFile,
      JSON.stringify(patchReleaseSchema(JSON.parse(readFileSync(join(OCDS, 'release-schema.json'), 'utf8')))),
    );
    for (const [kind, file] of Object.entries(files)) {
      const input = JSON.stringify(file.releasePackage);
      const compiled = JSON.parse(await run(ocdskit, ['compile', '--schema', schemaFile], input));
      expect({ kind, compiled }).toEqual({ kind, compiled: file.recordPackage.records[0].compiledRelease });
      const versioned = JSON.parse(await run(ocdskit, ['compile', '--schema', schemaFile, '--versioned'], input));
      expect({ kind, versioned }).toEqual({
        kind,
        versioned: versionedRelease(file.releasePackage.releases as OcdsRelease[]),
      });
    }
  }, 300_000);
});
