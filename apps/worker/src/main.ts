import { createLogger, loadConfig } from '@pj/config';
import { catchMailInDevelopment } from '@pj/notifications';
import { openEventStore } from '@pj/event-store';
import { startWorkerRuntime } from './worker-runtime';

/** The worker alone, for deployments that scale it apart from the API (TEMPORAL_ADDRESS required). */
const logger = createLogger();

async function main() {
  // The worker sends the mail: in development without SMTP_URL it catches it itself.
  const { config, sink } = await catchMailInDevelopment(loadConfig());
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required to run the worker on its own');
  const store = await openEventStore(config.eventStore);
  const runtime = await startWorkerRuntime(config, store, config.temporal.address, logger);
  const shutdown = async () => {
    await runtime.stop();
    await store.close();
    await sink?.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await runtime.done;
}

main().catch((error) => {
  logger.fatal({ err: error }, 'the worker stopped');
  process.exit(1);
});
