import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '@pj/config';
import { openEventStore } from '@pj/event-store';
import { startEmbeddedTemporal, type EmbeddedTemporal } from '@pj/temporal-runtime';
import { installTemporalRuntime, startWorkerRuntime, type WorkerRuntime } from '../../worker/src/worker-runtime';
import { createApi } from './create-api';

/**
 * The engine. Without TEMPORAL_ADDRESS it starts an embedded Temporal dev server; with
 * WORKER_EMBEDDED (default) the worker and process manager run in this process too, so one
 * command runs everything on a fresh machine.
 */
async function main() {
  const config = loadConfig();
  installTemporalRuntime();
  let temporal: EmbeddedTemporal | undefined;
  const address =
    config.temporal.address ??
    (temporal = await startEmbeddedTemporal({
      dbFile: config.temporal.devServerDbFile,
      port: config.temporal.devServerPort,
      uiPort: config.temporal.devServerUiPort,
      namespace: config.temporal.namespace,
    })).address;

  const store = await openEventStore(config.eventStore);
  const connection = await Connection.connect({ address });
  const temporalClient = new Client({ connection, namespace: config.temporal.namespace });
  const worker: WorkerRuntime | undefined = config.workerEmbedded
    ? await startWorkerRuntime(config, store, address)
    : undefined;
  const app = await createApi({ store, temporalClient, jwtSecret: config.jwtSecret });
  await app.listen(config.http.port, config.http.host);

  const base = `http://${config.http.host}:${config.http.port}`;
  console.log(
    [
      '',
      'Procurement Journey is running',
      `  API            ${base}`,
      `  OpenAPI        ${base}/api/docs  (JSON: ${base}/api/docs-json)`,
      `  Health         ${base}/health`,
      `  Temporal UI    ${temporal ? temporal.uiUrl : `(external Temporal at ${address})`}`,
      `  Temporal       ${address}${temporal ? `  (embedded dev server, CLI from ${temporal.source})` : ''}`,
      `  Event store    ${config.eventStore.kind}${config.eventStore.kind === 'pglite' ? ` (${config.eventStore.dataDir})` : ''}`,
      `  Worker         ${worker ? 'in this process' : 'separate (WORKER_EMBEDDED=false)'}`,
      '  Tokens         npm run tokens',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    await app.close();
    await worker?.stop();
    await connection.close();
    await store.close();
    await temporal?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
