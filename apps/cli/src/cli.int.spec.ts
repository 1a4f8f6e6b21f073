import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createScratchDatabase, SCENARIO_ORGANISATION, writeScenario, type ScenarioResult } from '@pj/audit/testing';
import { JwtService } from '@nestjs/jwt';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { grievanceStreamId } from '@pj/domain';
import { openEventStore, PgDriver, SqlEventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createApi } from '../../api/src/create-api';

// The compiled binary, run as a child process against the PostgreSQL server: exit codes and --json.
// Compiled with swc into a directory of its own inside the repository (so node_modules resolves),
// laid out like the build: <dir>/bin/procurement-journey.js requires <dir>/dist/apps/cli/src/main.js.

const root = join(__dirname, '../../..');
let buildDir: string;
let database: { url: string; drop(): Promise<void> };
let scenario: ScenarioResult;
/** The scenario's case as the CLI names it: ids are scoped to their organisation. */
const CASE = `case:${SCENARIO_ORGANISATION}/case-dell-2013`;

/** The claims of a token the CLI printed, checked against the development key the CLI signs with. */
const claimsOf = (token: string) => new JwtService({ secret: DEVELOPMENT_JWT_SECRET }).verify<object>(token);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(buildDir, 'bin/procurement-journey.js'), ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', EVENT_STORE: 'postgres', DATABASE_URL: database.url, ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 3) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  buildDir = mkdtempSync(join(root, '.cli-test-'));
  execFileSync(
    join(root, 'node_modules/.bin/swc'),
    ['apps', 'libs', '-d', join(buildDir, 'dist'), '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
    { cwd: root, stdio: 'inherit' },
  );
  mkdirSync(join(buildDir, 'bin'));
  copyFileSync(join(root, 'bin/procurement-journey.js'), join(buildDir, 'bin/procurement-journey.js'));

  database = await createScratchDatabase('audit_cli');
  const store = await SqlEventStore.open(await PgDriver.open(database.url));
  try {
    scenario = await writeScenario(store);
  } finally {
    await store.close();
  }
}, 180_000);

afterAll(async () => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  await database?.drop();
});

describe('procurement-journey CLI (compiled binary, PostgreSQL server)', () => {
  it('explains itself with --help and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const verb of ['replay', 'verify', 'export', 'rebuild-projections', 'tokens'])
      expect(run.stdout).toContain(verb);
    expect(run.stdout).toContain('Exit codes');
    expect((await cli(['verify', '--help'])).stdout).toContain('--seal');
  });

  it.each([
    [['no-such-verb']],
    // Ids are the organisation's own: a bare case id names no stream.
    [['replay', 'case-dell-2013', '--json']],
    [['export', 'finding:f-1']],
    [['replay']],
    [['replay', CASE, '--revision', 'abc']],
    [['export', CASE, '--format', 'pdf']],
    [['verify', CASE, '--seal']],
    [['export', CASE, '--format', 'ocds-record', '--base-uri', 'not a uri']],
    [['export', CASE, '--format', 'ocds-releases', '--versioned']],
  ])('exits 2 on bad usage: %j', async (args) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error/);
  });

  it('verifies the whole store and seals it (exit 0), as text and as JSON', async () => {
    const text = await cli(['verify', '--seal']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^OK: whole store/);
    expect(text.stdout).toContain('sealed stockholm-county-council');
    const run = await cli(['verify', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, issues: [] });
    expect(result.headsChecked).toEqual([expect.objectContaining({ organisationId: 'stockholm-county-council' })]);
  });

  it('replays a case to a revision, diffs two points and follows a decision back to its finding', async () => {
    const state = JSON.parse((await cli(['replay', CASE, '--revision', '3', '--json'])).stdout);
    expect(state).toMatchObject({ streamId: scenario.caseStreamId, aggregate: 'procurementCase', revision: 3 });

    const diff = await cli(['replay', CASE, '--diff', '3', '--to', '10', '--json']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout).changes.length).toBeGreaterThan(0);

    const why = await cli(['replay', CASE, '--why', scenario.terminationEvent.metadata.eventId, '--json']);
    const chain = JSON.parse(why.stdout) as { provenance: { type: string } }[];
    expect(chain[0].provenance.type).toBe('ContractTerminated');
    expect(chain.at(-1)!.provenance.type).toBe('FindingRecorded');

    const history = await cli(['replay', CASE, '--history']);
    expect(history.stdout).toContain('compliance_officer');

    const all = await cli(['replay', '--all', '--json']);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ failures: [] });
  });

  it('exports JSON Lines and an OCDS release package', async () => {
    const lines = (await cli(['export', CASE])).stdout.trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ type: 'CaseOpened', revision: 0 });
    const ocds = JSON.parse((await cli(['export', CASE, '--format', 'ocds-releases'])).stdout);
    expect(ocds.version).toBe('1.1');
    expect(ocds.releases.length).toBeGreaterThan(5);
  });

  it.each(['ocds-PJ0000', 'pj0000', 'ocds-pj00001', 'ocds-pj-000'])(
    'refuses an ocid prefix that is not ocds- and 6 lower-case letters or digits (%s), exit 2',
    async (prefix) => {
      const run = await cli(['export', CASE, '--format', 'ocds-record', '--ocid-prefix', prefix]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`option '--ocid-prefix <prefix>' argument '${prefix}' is invalid`);
      expect(run.stderr).toContain('"ocds-" and 6 lower-case letters or digits');
      expect(run.stdout).toBe('');
    },
  );

  it('writes the publication metadata it is given, and the versioned release on request', async () => {
    const run = await cli([
      'export',
      CASE,
      '--format',
      'ocds-record',
      '--ocid-prefix',
      'ocds-abc123',
      '--base-uri',
      'https://data.example.org/ocds',
      '--publisher',
      'Region Stockholm',
      '--publisher-scheme',
      'SE-BLV',
      '--publisher-uid',
      '232100-0016',
      '--publisher-uri',
      'https://www.regionstockholm.se',
      '--versioned',
    ]);
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout);
    expect(record).toMatchObject({
      uri: `https://data.example.org/ocds/ocds-abc123-${scenario.caseId}/record.json`,
      publisher: {
        name: 'Region Stockholm',
        scheme: 'SE-BLV',
        uid: '232100-0016',
        uri: 'https://www.regionstockholm.se',
      },
      license: 'https://opendatacommons.org/licenses/pddl/1-0/',
      publicationPolicy: 'https://data.example.org/ocds/publication-policy',
    });
    expect(record.records[0].compiledRelease.id).toMatch(new RegExp(`^ocds-abc123-${scenario.caseId}-\\d{4}-`));
    expect(record.records[0].versionedRelease.ocid).toBe(`ocds-abc123-${scenario.caseId}`);
    expect(run.stderr).toBe('');
    // The unregistered default prefix still exports, with a note.
    const defaults = await cli(['export', CASE, '--format', 'ocds-record']);
    expect(defaults.code).toBe(0);
    expect(defaults.stderr).toContain('ocds-pj0000 is not a registered ocid prefix');
  });

  it('rebuilds every read model from the log, and exits 0', async () => {
    const run = await cli(['rebuild-projections', '--json']);
    expect(run.code).toBe(0);
    const { rebuilt } = JSON.parse(run.stdout) as { rebuilt: { name: string; events: number }[] };
    expect(rebuilt.map((r) => r.name)).toEqual(expect.arrayContaining(['cases', 'escalations', 'inbox']));
    expect(rebuilt.every((r) => r.events > 0)).toBe(true);
  });

  it('prints development tokens per role', async () => {
    const run = await cli(['tokens', 'org-x', '--json']);
    expect(run.code).toBe(0);
    const { organisation, tokens } = JSON.parse(run.stdout);
    expect(organisation).toBe('org-x');
    expect(Object.keys(tokens)).toEqual(['contract_manager', 'compliance_officer', 'auditor', 'supplier', 'monitor']);
    expect(claimsOf(tokens.supplier)).toMatchObject({ role: 'supplier', org: 'org-x', supplierId: 'dev-supplier' });
  });

  it('prints one token for exactly the caller asked for, which the API accepts', async () => {
    const supplier = await cli([
      'tokens',
      '--role',
      'supplier',
      '--organisation',
      'org-x',
      '--supplier',
      'dell-emea',
      '--json',
    ]);
    expect(supplier.code).toBe(0);
    const asked = JSON.parse(supplier.stdout);
    expect(asked).toMatchObject({ organisation: 'org-x', role: 'supplier', supplierId: 'dell-emea' });
    expect(claimsOf(asked.token)).toEqual({
      sub: 'dev-supplier',
      role: 'supplier',
      org: 'org-x',
      supplierId: 'dell-emea',
      email: 'dev-supplier@org-x.example',
      iat: expect.any(Number),
      exp: expect.any(Number),
    });

    // Printed alone without --json, for TOKEN=$(…).
    const monitor = await cli(['tokens', '--role', 'monitor', '--organisation', 'org-x', '--factories', 'f-1,f-2']);
    expect(monitor.code).toBe(0);
    expect(monitor.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const monitorToken = monitor.stdout.trim();
    expect(claimsOf(monitorToken)).toMatchObject({ sub: 'dev-monitor', role: 'monitor', factories: ['f-1', 'f-2'] });
    expect(claimsOf(monitorToken)).not.toHaveProperty('supplierId');

    const manager = (await cli(['tokens', 'org-x', '--role', 'contract_manager'])).stdout.trim();
    expect(claimsOf(manager)).toMatchObject({ role: 'contract_manager', org: 'org-x' });
    expect(claimsOf(manager)).not.toHaveProperty('factories');

    // The API takes each as its caller: past the guard (never 401), the role decides.
    const store = await openEventStore({ kind: 'pglite' });
    const readModels = (store as unknown as { driver: never }).driver;
    const projections = new ProjectionRunner(store, readModels, readModelProjections);
    await projections.start();
    const app = await createApi(
      { store, readModels, projections, jwtSecret: DEVELOPMENT_JWT_SECRET },
      { logger: false },
    );
    try {
      await app.listen(0, '127.0.0.1');
      const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const call = async (token: string, path: string, body?: object) =>
        (
          await fetch(`${base}${path}`, {
            method: body ? 'POST' : 'GET',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: body && JSON.stringify(body),
          })
        ).status;
      expect(await call(manager, '/api/cases')).toBe(200);
      expect(await call(monitorToken, '/api/factories')).toBe(200);
      // The supplier's token is the supplier's: its obligations, never the buyer's escalation queue.
      expect(await call(asked.token, '/api/obligations')).toBe(200);
      expect(await call(asked.token, '/api/escalations')).toBe(403);
      // A supplier may disclose: the case is missing in org-x, not the caller.
      expect(
        await call(asked.token, '/api/cases/case-1/contract/supply-chain-disclosures', {
          contractYear: 1,
          disclosedSharePercent: 60,
          factories: [{ factoryId: 'f-1', annualPurchases: 30000 }],
        }),
      ).toBe(404);
    } finally {
      await app.close();
      await projections.stop();
      await store.close();
    }
  });

  it.each([
    [['tokens', '--role', 'janitor'], "argument 'janitor' is invalid"],
    [['tokens', '--role', 'supplier'], '--role supplier needs --supplier'],
    [['tokens', '--role', 'monitor', '--supplier', 'dell'], '--supplier names the supplier of a supplier token'],
    [['tokens', '--role', 'supplier', '--supplier', 'dell', '--factories', 'f-1'], "--factories names a monitor's"],
    [['tokens', 'org-x', '--organisation', 'org-y'], 'give the organisation once'],
    [['tokens', '--organisation', 'org/x'], 'no slash'],
    [['tokens', 'org x'], 'no slash'],
    [['tokens', '--role', 'supplier', '--supplier', 'dell/emea'], 'no slash'],
    [['tokens', '--role', 'monitor', '--factories', 'f-1,,f-2'], 'ids separated by commas'],
  ])('refuses tokens for a caller the API would not take, exit 2: %j', async (args, reason) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stdout).toBe('');
  });

  it('exits 1 and names stream and revision when a row was edited in PostgreSQL', async () => {
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    try {
      await sql.query(
        `UPDATE pj_events SET data = json_build_object('caseId', $2::text, 'title', 'nothing to see')
          WHERE stream_id = $1 AND stream_revision = 0`,
        [scenario.caseStreamId, scenario.caseId],
      );
    } finally {
      await sql.end();
    }
    const run = await cli(['verify', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).issues).toEqual([
      expect.objectContaining({ kind: 'changed', streamId: scenario.caseStreamId, revision: 0 }),
    ]);
    const one = await cli(['verify', CASE]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`changed                  ${scenario.caseStreamId} @ revision 0`);
  });

  it('tries parked events again on a rebuild and names those that still fail', async () => {
    const UNREADABLE = grievanceStreamId(SCENARIO_ORGANISATION, 'unreadable');
    const store = await SqlEventStore.open(await PgDriver.open(database.url));
    try {
      // Written straight to the store, as an old event would be: its deadline is no instant.
      await store.appendToStream(
        UNREADABLE,
        [
          {
            type: 'GrievanceSubmitted',
            data: {
              grievanceId: 'unreadable',
              factoryId: 'f-1',
              channel: 'hotline',
              anonymous: true,
              allegation: 'wages withheld',
              workersConcerned: 3,
              severity: 'medium',
              acknowledgeBy: 'not a date',
              submittedAt: new Date().toISOString(),
            },
            metadata: {
              eventId: randomUUID(),
              commandId: randomUUID(),
              correlationId: 'c',
              causationId: 'c',
              actor: { id: 'anonymous', role: 'monitor' },
              organisationId: 'stockholm-county-council',
              recordedAt: new Date().toISOString(),
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } finally {
      await store.close();
    }
    const run = await cli(['rebuild-projections', 'grievances', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rebuilt).toEqual([
      {
        name: 'grievances',
        events: expect.any(Number),
        parked: [{ streamId: UNREADABLE, revision: 0, error: expect.stringContaining('not a date') }],
      },
    ]);
    const text = await cli(['rebuild-projections', 'grievances']);
    expect(text.stdout).toContain(`parked ${UNREADABLE} @ revision 0`);
  });
});
