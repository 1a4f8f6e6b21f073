import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentTokens } from '../../apps/api/src/auth/development-tokens';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { PgDriver, SqlEventStore } from '@pj/event-store';
import { createScratchDatabase, type ScratchDatabase } from '../../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../../libs/event-store/src/testing/test-database';
import {
  buildEngine,
  childrenOf,
  freePort,
  processAlive,
  startEngineProcess,
  untilHealthy,
  type EngineProcess,
} from './support/engine-process';
import { reportFigures } from './support/figures';
import { audit, openCases, RESILIENCE_BUYER } from './support/load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// The compiled engine, with its embedded Temporal dev server on fixed ports, is killed with
// SIGKILL under load and started again at once on the same data. Nothing it acknowledged may be
// lost or doubled, its Temporal child must not block the restart ("port taken"), and a child whose
// engine is gone must end by itself.
describe('the engine killed (SIGKILL) under load and started again on the same data', () => {
  let entry: string;
  let database: ScratchDatabase;
  let dataDir: string;
  let engine: EngineProcess | undefined;
  const token = developmentTokens(DEVELOPMENT_JWT_SECRET, RESILIENCE_BUYER).contract_manager;

  beforeAll(async () => {
    entry = buildEngine('resilience-kill');
    database = await createScratchDatabase(testDatabaseUrl(), 'pj_kill');
    dataDir = mkdtempSync(join(tmpdir(), 'pj-kill-'));
  }, 120_000);

  afterAll(async () => {
    await engine?.kill('SIGKILL');
    await database?.drop();
    // The killed engine's Temporal child may still be writing here for a moment: retry.
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  });

  const temporalChildren = (pid: number) =>
    childrenOf(pid)
      .filter((child) => child.command.includes('start-dev'))
      .map((child) => child.pid);

  it('loses nothing acknowledged, duplicates nothing, and restarts on a clean slate', async () => {
    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_TASK_QUEUE: 'resilience-kill',
    };
    const port = await freePort();
    engine = startEngineProcess(entry, port, env);
    await untilHealthy(engine);
    const firstTemporal = temporalChildren(engine.child.pid!);
    expect(firstTemporal).toHaveLength(1);

    const load = openCases(engine.baseUrl, token, `kill-${Date.now()}`);
    await sleep(2_000);
    await engine.kill('SIGKILL');
    const killedAt = Date.now();
    const sent = await load.stop();

    // Started again at once, on the same ports and data: the old Temporal child must not be in the way.
    const staleAtRestart = processAlive(firstTemporal[0]);
    engine = startEngineProcess(entry, port, env);
    await untilHealthy(engine);
    const recoveryMs = Date.now() - killedAt;
    expect(processAlive(firstTemporal[0])).toBe(false);

    // The process manager and the projections carry on from their checkpoints.
    const opened = await fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'After the kill', productCategory: 'electronics', countriesOfProduction: ['CN'] }),
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    await until(async () => {
      const view = await fetch(`${engine!.baseUrl}/api/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
      return view.status === 200 && Boolean(((await view.json()) as { riskLevel?: string }).riskLevel);
    }, 'the risk screening of a case opened after the restart');

    const store = await SqlEventStore.open(await PgDriver.open(database.url));
    try {
      const figures = await audit(store, sent);
      reportFigures('engine killed', {
        ...figures,
        recoveryMs,
        extra: {
          sent: sent.length,
          noAnswer: sent.filter((s) => s.status === 0).length,
          staleTemporalAtRestart: staleAtRestart ? 'yes' : 'no',
        },
      });
      expect(figures.acknowledged).toBeGreaterThan(0);
      expect(figures.lost).toBe(0);
      expect(figures.duplicated).toBe(0);
      expect(figures.unexpected).toEqual([]);
    } finally {
      await store.close();
    }

    // Killed and not started again: its Temporal child ends by itself.
    const secondTemporal = temporalChildren(engine.child.pid!);
    expect(secondTemporal).toHaveLength(1);
    await engine.kill('SIGKILL');
    await until(() => !processAlive(secondTemporal[0]), 'the orphaned Temporal dev server to end', 30_000);
  }, 180_000);
});
