import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentTokens } from '../../apps/api/src/auth/development-tokens';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_WEBHOOK_SECRET } from '@pj/config';
import { PgDriver } from '@pj/event-store';
import { verifyWebhook } from '@pj/notifications';
import { createScratchDatabase, type ScratchDatabase } from '../../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../../libs/event-store/src/testing/test-database';
import { buildEngine, freePort, startEngineProcess, untilHealthy, type EngineProcess } from './support/engine-process';
import { reportFigures } from './support/figures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const BUYER = 'notification-kill-council';
const BATCH = 30;

// The compiled engine sends a batch of webhook deliveries to a slow receiver and is killed with
// SIGKILL while calls are in flight (sent, not yet recorded). Started again on the same data, it
// sends every delivery, and each one sent twice carries the same idempotency key and body.
describe('the worker killed (SIGKILL) in the middle of a batch of deliveries', () => {
  let entry: string;
  let database: ScratchDatabase;
  let dataDir: string;
  let engine: EngineProcess | undefined;
  const calls: { key: string; body: string; signed: boolean }[] = [];
  // Answers after a while, so that calls are in flight when the engine dies.
  const receiver: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = request.headers['webhook-signature'] as string | undefined;
      calls.push({
        key: String(request.headers['idempotency-key']),
        body,
        signed: verifyWebhook(DEVELOPMENT_WEBHOOK_SECRET, body, signature, Math.floor(Date.now() / 1000)),
      });
      setTimeout(() => response.writeHead(204).end(), 1_500);
    });
  });
  const tokens = developmentTokens(DEVELOPMENT_JWT_SECRET, BUYER, { factories: ['f-kill'] });

  beforeAll(async () => {
    entry = buildEngine('resilience-notification-kill');
    database = await createScratchDatabase(testDatabaseUrl(), 'pj_notify_kill');
    dataDir = mkdtempSync(join(tmpdir(), 'pj-notify-kill-'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  }, 120_000);

  afterAll(async () => {
    await engine?.kill('SIGKILL');
    await database?.drop();
    // The killed engine's Temporal child may still be writing here for a moment: retry.
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('loses no delivery, and every duplicate carries the same idempotency key', async () => {
    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_TASK_QUEUE: 'resilience-notification-kill',
      NOTIFICATION_WEBHOOKS: `${BUYER}=http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`,
      NOTIFICATION_RETRY_SECONDS: '0.5',
    };
    const port = await freePort();
    engine = startEngineProcess(entry, port, env);
    await untilHealthy(engine);
    const post = (path: string, token: string, body: object) =>
      fetch(`${engine!.baseUrl}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post('/factories', tokens.contract_manager, {
          factoryId: 'f-kill',
          name: 'Kill garments',
          address: 'Dhaka',
          country: 'BD',
          tier: 1,
          products: ['uniforms'],
          numberOfWorkers: 300,
        })
      ).status,
    ).toBe(201);
    // Each grievance tells the buyer's webhook once: a batch of deliveries.
    for (let n = 0; n < BATCH; n++) {
      const answer = await post('/grievances', tokens.monitor, {
        grievanceId: `g-kill-${n}`,
        factoryId: 'f-kill',
        channel: 'independent_monitor',
        anonymous: true,
        allegation: 'unpaid overtime',
        workersConcerned: 3,
        severity: 'low',
        acknowledgeWithinDays: 7,
      });
      expect(answer.status).toBe(201);
    }
    await until(() => new Set(calls.map((call) => call.key)).size >= 5, 'the first deliveries');
    await engine.kill('SIGKILL');
    const killedAt = Date.now();
    const seenAtKill = new Set(calls.map((call) => call.key)).size;

    engine = startEngineProcess(entry, port, env);
    await untilHealthy(engine);
    const db = await PgDriver.open(database.url);
    try {
      await until(async () => {
        const [row] = await db.query<{ delivered: string }>(
          `SELECT count(*) AS delivered FROM pj_deliveries WHERE organisation_id = $1 AND status = 'delivered'`,
          [BUYER],
        );
        return Number(row.delivered) === BATCH;
      }, 'every delivery recorded delivered after the restart');
      const deliveries = await db.query<{ delivery_id: string; payload: string }>(
        'SELECT delivery_id, payload FROM pj_deliveries WHERE organisation_id = $1',
        [BUYER],
      );
      expect(deliveries).toHaveLength(BATCH);
      const received = new Map<string, string[]>();
      for (const call of calls) received.set(call.key, [...(received.get(call.key) ?? []), call.body]);
      const lost = deliveries.filter((delivery) => !received.has(delivery.delivery_id));
      const duplicated = [...received.values()].filter((bodies) => bodies.length > 1);
      reportFigures('worker killed mid-batch of deliveries', {
        acknowledged: BATCH,
        lost: lost.length,
        duplicated: duplicated.length,
        serverErrors: 0,
        recoveryMs: Date.now() - killedAt,
        extra: { deliveredBeforeKill: seenAtKill, calls: calls.length },
      });
      expect(seenAtKill).toBeLessThan(BATCH);
      // Calls were in flight when it died (sent, not recorded): they were sent again after the restart.
      expect(duplicated.length).toBeGreaterThan(0);
      expect(lost).toEqual([]);
      expect(received.size).toBe(BATCH);
      // A duplicate is the same delivery again: the same key, the same body, each call signed.
      for (const delivery of deliveries)
        expect(new Set(received.get(delivery.delivery_id))).toEqual(new Set([delivery.payload]));
      expect(calls.every((call) => call.signed)).toBe(true);
    } finally {
      await db.close();
    }
  }, 300_000);
});
