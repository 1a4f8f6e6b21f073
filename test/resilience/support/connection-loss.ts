import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { developmentTokens } from '../../../apps/api/src/auth/development-tokens';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { PgDriver, SqlEventStore } from '@pj/event-store';
import { reportFigures } from './figures';
import { buildEngine, freePort, startEngineProcess, untilHealthy, type EngineProcess } from './engine-process';
import { audit, openCases, RESILIENCE_BUYER } from './load';

export interface ConnectionLossOptions {
  /** Figures line name. */
  readonly scenario: string;
  /** The engine's database (a scratch database). */
  readonly databaseUrl: () => string;
  /** Breaks the engine's connections; resolves once the database accepts connections again. */
  readonly fault: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backends of the engine that are LISTENing for new events (one per live subscription). */
export async function listeningBackends(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [row] = (
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
      )
    ).rows;
    return Number(row.n);
  } finally {
    await client.end();
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * The engine (compiled, its own process) under a load of commands while its database connections
 * break. It must live on; what it acknowledged must be stored once; what failed in flight must be
 * 503 with Retry-After; /health must come back to ok by itself, LISTEN connections must be open
 * again, and both the projections and the process manager must carry on.
 */
export function connectionLossScenario(options: ConnectionLossOptions): void {
  let entry: string;
  let engine: EngineProcess | undefined;
  let dataDir: string;
  const token = developmentTokens(DEVELOPMENT_JWT_SECRET, RESILIENCE_BUYER).contract_manager;

  beforeAll(() => {
    entry = buildEngine(options.scenario.replace(/\W+/g, '-'));
    dataDir = mkdtempSync(join(tmpdir(), 'pj-resilience-'));
  }, 120_000);

  afterAll(async () => {
    await engine?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives, loses nothing, answers 503 in flight and recovers by itself', async () => {
    const databaseUrl = options.databaseUrl();
    engine = startEngineProcess(entry, await freePort(), {
      EVENT_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_TASK_QUEUE: `resilience-${Date.now()}`,
    });
    await untilHealthy(engine);
    const listening = await listeningBackends(databaseUrl);
    expect(listening).toBeGreaterThan(0);

    const load = openCases(engine.baseUrl, token, `${options.scenario}-${Date.now()}`);
    await sleep(1_500);
    const faultAt = Date.now();
    await options.fault();
    await sleep(1_500);
    const sent = await load.stop();

    expect(engine.alive() ? 'alive' : `died: ${engine.output.join('')}`).toBe('alive');
    await untilHealthy(engine, 60_000);
    const recoveryMs = Date.now() - faultAt;

    // LISTEN is open again for every subscription, not left to the idle poll.
    await eventually(
      async () => ((await listeningBackends(databaseUrl)) >= listening ? true : undefined),
      'LISTEN re-established',
      30_000,
    );

    // A command after the recovery reaches the read model (projections resumed) and starts its
    // workflow (process manager resumed): the risk screening lands on the case.
    const opened = await fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'After the fault', productCategory: 'electronics', countriesOfProduction: ['CN'] }),
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    await eventually(async () => {
      const view = await fetch(`${engine!.baseUrl}/api/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
      return view.status === 200 && ((await view.json()) as { riskLevel?: string }).riskLevel ? true : undefined;
    }, 'the risk screening of a case opened after the recovery');

    const store = await SqlEventStore.open(await PgDriver.open(databaseUrl));
    try {
      const figures = await audit(store, sent);
      reportFigures(options.scenario, { ...figures, recoveryMs, extra: { sent: sent.length } });
      expect(figures.acknowledged).toBeGreaterThan(0);
      expect(figures.lost).toBe(0);
      expect(figures.duplicated).toBe(0);
      expect(figures.unexpected).toEqual([]);
      // The engine answered every request, if only to say 503.
      expect(sent.filter((s) => s.status === 0)).toEqual([]);
      // Every acknowledged case is readable through the API too.
      for (const { caseId } of sent.filter((s) => s.status >= 200 && s.status < 300)) {
        await eventually(async () => {
          const view = await fetch(`${engine!.baseUrl}/api/cases/${caseId}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return view.status === 200 ? true : undefined;
        }, `case ${caseId} in the read model`);
      }
    } finally {
      await store.close();
    }
    expect(engine.alive()).toBe(true);
  }, 180_000);
}
