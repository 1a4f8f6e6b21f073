import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { loadNotificationConfig, type EngineConfig } from '@pj/config';
import { SqlCheckpointStore, type EventStore } from '@pj/event-store';
import { Channels, NotificationOutbox, prepareNotificationTables } from '@pj/notifications';
import { openReadModelDatabase } from '@pj/projections';
import { temporalConnectionOptions } from '@pj/temporal-runtime';
import { ProcessManager } from './process-manager/process-manager';
import { reactions } from './process-manager/reactions';
import { DeliveryDispatcher } from './notifications/delivery-dispatcher';
import { createWorker } from './worker';

export interface WorkerRuntime {
  stop(): Promise<void>;
  /** Resolves on stop(); rejects if the Temporal worker fails. */
  readonly done: Promise<void>;
}

/**
 * The Temporal SDK's own log level (LOG_LEVEL: TRACE, DEBUG, INFO, WARN, ERROR). The runtime can be
 * installed once per process, before the first connection; later calls keep the first setting.
 */
export function installTemporalRuntime(level: string = process.env.LOG_LEVEL ?? 'WARN'): void {
  try {
    Runtime.install({ logger: new DefaultLogger(level.toUpperCase() as LogLevel) });
  } catch {
    // Already installed by an earlier call (tests start several engines in one process).
  }
}

/**
 * The worker side of the engine: a Temporal worker with every workflow and activity, and the
 * process manager that starts workflows from events. Runs alone (apps/worker) or inside the API
 * process (embedded mode).
 */
export async function startWorkerRuntime(
  config: Pick<EngineConfig, 'temporal' | 'databaseUrl'> &
    Partial<Pick<EngineConfig, 'standstillLiftedWithoutConfirmation' | 'buyerCalendars' | 'notifications'>>,
  store: EventStore,
  address: string,
  // eslint-disable-next-line no-console -- the worker's own lines go to stdout unless a logger is given
  log: (message: string) => void = (message) => console.log(`[worker] ${message}`),
): Promise<WorkerRuntime> {
  const { namespace, taskQueue } = config.temporal;
  installTemporalRuntime();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect(temporalConnectionOptions(address));
  const client = new Client({ connection, namespace });
  // Sticky caching on by default; 0 turns it off, so every workflow task goes to the shared queue.
  const cacheSize = process.env.TEMPORAL_MAX_CACHED_WORKFLOWS;
  const { db, close: closeCheckpoints } = await openReadModelDatabase(store, config.databaseUrl);
  const notificationConfig = config.notifications ?? loadNotificationConfig({});
  await prepareNotificationTables(db);
  const channels = new Channels(notificationConfig);
  const worker = await createWorker(
    {
      connection: nativeConnection,
      namespace,
      taskQueue,
      store,
      standstillLiftedWithoutConfirmation: config.standstillLiftedWithoutConfirmation,
      buyerCalendars: config.buyerCalendars,
      notifications: { db, channels },
    },
    cacheSize === undefined ? {} : { maxCachedWorkflows: Number(cacheSize) },
  );
  const running = worker.run();
  const processManager = new ProcessManager({
    store,
    checkpoints: new SqlCheckpointStore(db),
    client,
    taskQueue,
    reactions,
    log,
  });
  await processManager.start();
  // People are told: the outbox derives notifications from the log, the dispatcher starts their deliveries.
  const dispatcher = new DeliveryDispatcher({
    db,
    client,
    taskQueue,
    retry: { maximumAttempts: notificationConfig.maxAttempts, initialIntervalMs: notificationConfig.retryInitialMs },
    digestMs: notificationConfig.digestMs,
    log,
  });
  const outbox = new NotificationOutbox({
    store,
    db,
    config: notificationConfig,
    onWritten: () => dispatcher.wake(),
    log,
  });
  await outbox.start();
  dispatcher.start();
  log(`polling task queue ${taskQueue} on ${address} (namespace ${namespace})`);

  // The process manager survives a lost database by itself (it resumes from its checkpoint), so only
  // a failed Temporal worker ends this. Logged here: inside the API nobody awaits it, and an
  // unobserved rejection would end the whole process; apps/worker awaits it and exits non-zero.
  const done = Promise.all([running, processManager.done]).then(() => undefined);
  done.catch((error: unknown) => log(`stopped: ${String(error)}`));
  return {
    done,
    async stop() {
      await processManager.stop();
      await outbox.stop();
      await dispatcher.stop();
      // The SDK shuts workers down by itself on SIGINT/SIGTERM; only ask if it has not.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await closeCheckpoints();
      await connection.close();
      await nativeConnection.close();
      channels.close();
    },
  };
}
