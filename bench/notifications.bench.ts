import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadNotificationConfig } from '@pj/config';
import { grievanceStreamId } from '@pj/domain';
import { PgDriver, SqlEventStore } from '@pj/event-store';
import { Channels, NotificationOutbox, prepareNotificationTables } from '@pj/notifications';
import { startEmbeddedTemporal } from '@pj/temporal-runtime';
import { DeliveryDispatcher } from '../apps/worker/src/notifications/delivery-dispatcher';
import { createWorker } from '../apps/worker/src/worker';
import { installTemporalRuntime } from '../apps/worker/src/worker-runtime';
import { createBenchDatabase } from './postgres-database';
import { BenchReport, formatNumber, percentile, stats } from './report';

const SUITE = 'Notification deliveries (outbox → Temporal → webhook)';
const organisationId = 'bench-council';

/**
 * Webhook deliveries end to end: events that notify are appended to the store (PostgreSQL); the
 * outbox derives one delivery per event, the dispatcher starts its workflow, the activity posts the
 * signed call to a local receiver (answers 204 at once) and records it delivered. The rate is
 * deliveries recorded per second from the first append; the latency is from the event's recording
 * to its delivery's.
 */
export async function run(report: BenchReport): Promise<void> {
  const { quick, runs, databaseUrl } = report.config;
  const perRun = quick ? 50 : 300;
  installTemporalRuntime('ERROR');
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
  const config = loadNotificationConfig({ NOTIFICATION_WEBHOOKS: `${organisationId}=${url}` });
  const database = await createBenchDatabase(databaseUrl);
  const temporal = await startEmbeddedTemporal({ dbFile: join(tmpdir(), `pj-bench-notify-${process.pid}.sqlite`) });
  const store = await SqlEventStore.open(await PgDriver.open(database.url, { max: 20 }));
  await prepareNotificationTables(store.driver);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const taskQueue = `bench-notify-${Date.now()}`;
  const { NativeConnection } = await import('@temporalio/worker');
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const channels = new Channels(config);
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    store,
    notifications: { db: store.driver, channels },
  });
  const running = worker.run();
  const dispatcher = new DeliveryDispatcher({
    db: store.driver,
    client,
    taskQueue,
    retry: { maximumAttempts: config.maxAttempts, initialIntervalMs: config.retryInitialMs },
    digestMs: config.digestMs,
  });
  const outbox = new NotificationOutbox({ store, db: store.driver, config, onWritten: () => dispatcher.wake() });
  await outbox.start();
  dispatcher.start();
  const rates: number[] = [];
  const latencies: number[] = [];
  try {
    for (let round = 0; round < runs + 1; round++) {
      report.log(`notifications: round ${round === 0 ? 'warm-up' : round} of ${runs}, ${perRun} webhook deliveries`);
      const started = performance.now();
      const eventIds: string[] = [];
      for (let i = 0; i < perRun; i++) {
        const grievanceId = randomUUID();
        const eventId = randomUUID();
        eventIds.push(eventId);
        const at = new Date().toISOString();
        await store.appendToStream(
          grievanceStreamId(organisationId, grievanceId),
          [
            {
              type: 'GrievanceAcknowledgementOverdue',
              data: { grievanceId, acknowledgeBy: at, recordedAt: at },
              metadata: {
                eventId,
                commandId: eventId,
                correlationId: eventId,
                causationId: eventId,
                actor: { id: 'bench', role: 'workflow' },
                organisationId,
                recordedAt: at,
                schemaVersion: 1,
              },
            },
          ],
          { expectedRevision: 'any' },
        );
      }
      for (;;) {
        const [row] = await store.driver.query<{ delivered: string }>(
          `SELECT count(*) AS delivered FROM pj_deliveries WHERE event_id = ANY($1::text[]) AND status = 'delivered'`,
          [eventIds],
        );
        if (Number(row.delivered) === perRun) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      if (round === 0) continue;
      rates.push(perRun / seconds);
      const rows = await store.driver.query<{ ms: string | number }>(
        `SELECT EXTRACT(EPOCH FROM (delivered_at - event_recorded_at)) * 1000 AS ms FROM pj_deliveries
          WHERE event_id = ANY($1::text[])`,
        [eventIds],
      );
      latencies.push(...rows.map((row) => Number(row.ms)));
    }
  } finally {
    await outbox.stop();
    await dispatcher.stop();
    worker.shutdown();
    await running.catch(() => undefined);
    channels.close();
    await nativeConnection.close();
    await connection.close();
    await store.close();
    await temporal.stop();
    await database.drop();
    receiver.closeAllConnections();
    receiver.close();
  }

  const rate = stats(rates);
  report.addSection({
    title: SUITE,
    level: 2,
    blocks: [
      {
        kind: 'text',
        text:
          `${perRun} events that notify per run, appended one after another; each becomes one signed webhook call ` +
          'through the outbox (its checkpointed subscriber), the dispatcher and one Temporal workflow with its ' +
          `activity, to a receiver on loopback. Worker in the bench process, PostgreSQL (${database.description}), ` +
          `Temporal dev server on loopback. Median of ${runs} runs after a warm-up; latencies over every delivery of them.`,
      },
      {
        kind: 'table',
        headers: ['measure', 'median', 'min', 'max'],
        rows: [
          [
            'deliveries/s (first append to last recorded)',
            formatNumber(rate.median, 1),
            formatNumber(rate.min, 1),
            formatNumber(rate.max, 1),
          ],
        ],
        align: ['l', 'r', 'r', 'r'],
      },
      {
        kind: 'table',
        headers: ['event → delivery', 'p50', 'p99'],
        rows: [['ms', formatNumber(percentile(latencies, 50), 0), formatNumber(percentile(latencies, 99), 0)]],
        align: ['l', 'r', 'r'],
      },
    ],
  });
  report.addTarget({
    suite: SUITE,
    target: 'deliveries/s and event → delivery p50/p99 (no target yet: a first measurement)',
    measured: `${formatNumber(rate.median, 1)} deliveries/s, p50 ${formatNumber(percentile(latencies, 50), 0)} ms, p99 ${formatNumber(percentile(latencies, 99), 0)} ms`,
    status: 'reference',
  });
}
