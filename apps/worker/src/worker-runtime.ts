import { Client, Connection } from '@temporalio/client';
import {
  NativeConnection,
  Runtime,
  type LogLevel,
  type LogMetadata,
  type Logger as SdkLogger,
} from '@temporalio/worker';
import { createLogger, loadNotificationConfig, type EngineConfig, type Logger } from '@pj/config';
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

/** Where the Temporal SDK's lines go: the last logger given to installTemporalRuntime (one Runtime per process). */
let sdkTarget: Logger | undefined;

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The SDK's logger interface over pino: its own lines, and workflow and activity `log` calls with their attributes. */
const sdkLogger: SdkLogger = {
  log: (level: LogLevel, message: string, meta?: LogMetadata) =>
    sdkTarget?.[PINO_LEVEL[level]]({ ...meta, component: 'temporal' }, message),
  trace: (message, meta) => sdkLogger.log('TRACE', message, meta),
  debug: (message, meta) => sdkLogger.log('DEBUG', message, meta),
  info: (message, meta) => sdkLogger.log('INFO', message, meta),
  warn: (message, meta) => sdkLogger.log('WARN', message, meta),
  error: (message, meta) => sdkLogger.log('ERROR', message, meta),
};

/**
 * Routes the Temporal SDK's logs (its own, the workflows' `log` and the activities' `log`) to the
 * process's logger; a level name gives a logger of that level (tests, benches; LOG_LEVEL or warn).
 * The runtime is installed once per process, before the first connection; later calls only change
 * which logger receives the lines.
 */
export function installTemporalRuntime(logger: Logger | string = process.env.LOG_LEVEL ?? 'warn'): void {
  sdkTarget = typeof logger === 'string' ? createLogger({ ...process.env, LOG_LEVEL: logger }) : logger;
  try {
    Runtime.install({ logger: sdkLogger });
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
  logger: Logger = createLogger(),
): Promise<WorkerRuntime> {
  const { namespace, taskQueue } = config.temporal;
  installTemporalRuntime(logger);
  // Each part's trouble (an interruption, a retry) as a warning under its own name.
  const warn = (component: string) => {
    const child = logger.child({ component });
    return (message: string) => child.warn(message);
  };
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
    log: warn('process-manager'),
  });
  await processManager.start();
  // People are told: the outbox derives notifications from the log, the dispatcher starts their deliveries.
  const dispatcher = new DeliveryDispatcher({
    db,
    client,
    taskQueue,
    retry: { maximumAttempts: notificationConfig.maxAttempts, initialIntervalMs: notificationConfig.retryInitialMs },
    digestMs: notificationConfig.digestMs,
    log: warn('delivery-dispatcher'),
  });
  const outbox = new NotificationOutbox({
    store,
    db,
    config: notificationConfig,
    onWritten: () => dispatcher.wake(),
    log: warn('notification-outbox'),
  });
  await outbox.start();
  dispatcher.start();
  logger.info({ component: 'worker', taskQueue, namespace }, 'worker polling its task queue');

  // The process manager survives a lost database by itself (it resumes from its checkpoint), so only
  // a failed Temporal worker ends this. Logged here: inside the API nobody awaits it, and an
  // unobserved rejection would end the whole process; apps/worker awaits it and exits non-zero.
  const done = Promise.all([running, processManager.done]).then(() => undefined);
  done.catch((error: unknown) => logger.error({ component: 'worker', err: error }, 'worker stopped'));
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
