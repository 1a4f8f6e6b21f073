import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { createLogger, type EngineConfig, type Logger } from '@pj/config';
import {
  describeProcess,
  lockDataDirectory,
  openBlobStore,
  openEventStore,
  type BlobStore,
  type EventStore,
} from '@pj/event-store';
import { openReadModelDatabase, ProjectionRunner, readModelProjections } from '@pj/projections';
import { startEmbeddedTemporal, temporalConnectionOptions, type EmbeddedTemporal } from '@pj/temporal-runtime';
import { installTemporalRuntime, startWorkerRuntime, type WorkerRuntime } from '../../worker/src/worker-runtime';
import type { IssuerSettings } from './auth/bearer-tokens';
import { startDevelopmentProvider, type DevelopmentProvider } from './auth/development-provider';
import { createApi } from './create-api';

/** Every read model the API serves, kept by the projection runner. */
export const projections = readModelProjections;

export interface Engine {
  readonly app: INestApplication;
  readonly store: EventStore;
  /** Where documents' content is kept (BLOB_STORE). */
  readonly blobs: BlobStore;
  readonly projections: ProjectionRunner;
  readonly temporalClient: Client;
  readonly temporalAddress: string;
  /** Set when this process runs the Temporal dev server itself. */
  readonly embeddedTemporal?: EmbeddedTemporal;
  /** Set when this process runs the development OpenID provider (no OIDC_ISSUER, never in production). */
  readonly developmentProvider?: DevelopmentProvider;
  /** The issuer whose access tokens the API accepts. */
  readonly identity: IssuerSettings;
  /** Set when the worker and process manager run in this process. */
  readonly worker?: WorkerRuntime;
  /** Stops and starts the worker side again, as after a crash (tests). */
  restartWorker(): Promise<void>;
  /** Stops the worker side (workflows and the process manager) until restartWorker (tests). */
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export interface EngineOptions {
  /** The process's logger (LOG_LEVEL, LOG_FORMAT); tests give a silent one or one they read. */
  readonly logger?: Logger;
  /** The clock the API decides commands at (tests set a day); workflows keep Temporal's time. */
  readonly clock?: () => Date;
}

/**
 * Composes the engine: Temporal (embedded unless TEMPORAL_ADDRESS), the event store, the read
 * models and their projections, the worker with the process manager (unless WORKER_EMBEDDED=false),
 * the development OpenID provider (unless OIDC_ISSUER) and the HTTP API, listening on the
 * configured host and port (port 0 picks a free one).
 */
export async function startEngine(config: EngineConfig, options: EngineOptions = {}): Promise<Engine> {
  // Before anything takes a port: a second engine on the same data is told who holds it, not "port in use".
  const { eventStore } = config;
  const unlock =
    eventStore.kind === 'pglite' && eventStore.dataDir
      ? await lockDataDirectory(eventStore.dataDir, `the engine (${describeProcess()})`)
      : async () => undefined;
  try {
    return await composeEngine(config, options, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function composeEngine(
  config: EngineConfig,
  options: EngineOptions,
  unlock: () => Promise<void>,
): Promise<Engine> {
  const logger = options.logger ?? createLogger();
  installTemporalRuntime(logger);
  // The development provider is only another issuer address: the API verifies its tokens as any.
  const developmentProvider = config.identity.issuer
    ? undefined
    : await startDevelopmentProvider({
        port: config.identity.developmentProviderPort,
        audience: config.identity.audience,
        webClient: config.identity.webClient,
      }).catch((error: unknown) => {
        throw new Error(
          `the development OpenID provider could not start on 127.0.0.1:${config.identity.developmentProviderPort}` +
            ` (OIDC_DEV_PROVIDER_PORT; or set OIDC_ISSUER): ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  const { developmentProviderPort: _, ...identitySettings } = config.identity;
  const identity: IssuerSettings = {
    ...identitySettings,
    issuer: config.identity.issuer ?? developmentProvider!.issuer,
  };
  const embeddedTemporal = config.temporal.address
    ? undefined
    : await startEmbeddedTemporal({
        dbFile: config.temporal.devServerDbFile,
        port: config.temporal.devServerPort || undefined,
        uiPort: config.temporal.devServerUiPort || undefined,
        namespace: config.temporal.namespace,
      });
  const temporalAddress = config.temporal.address ?? embeddedTemporal!.address;

  const store = await openEventStore(config.eventStore);
  const readModels = await openReadModelDatabase(store, config.databaseUrl);
  const projectionLog = logger.child({ component: 'projections' });
  const runner = new ProjectionRunner(store, readModels.db, projections, {
    log: (message) => projectionLog.warn(message),
  });
  const blobs = await openBlobStore(config.documents.blobStore, readModels.db);
  await runner.start();
  const connection = await Connection.connect(temporalConnectionOptions(temporalAddress));
  const temporalClient = new Client({ connection, namespace: config.temporal.namespace });
  let worker = config.workerEmbedded ? await startWorkerRuntime(config, store, temporalAddress, logger) : undefined;
  const app = await createApi({
    store,
    readModels: readModels.db,
    projections: runner,
    temporalClient,
    jwtSecret: config.jwtSecret,
    identity,
    liveUpdates: config.liveUpdates,
    buyerCalendars: config.buyerCalendars,
    ...(options.clock ? { clock: options.clock } : {}),
    buyerTenderDefaults: { abnormallyLowPricePercentByBuyer: config.abnormallyLowPricePercentByBuyer },
    logger,
    documents: { blobs, maxBytes: config.documents.maxBytes },
  });
  await app.listen(config.http.port, config.http.host);

  return {
    app,
    store,
    blobs,
    projections: runner,
    temporalClient,
    temporalAddress,
    embeddedTemporal,
    developmentProvider,
    identity,
    get worker() {
      return worker;
    },
    async restartWorker() {
      await worker?.stop();
      worker = await startWorkerRuntime(config, store, temporalAddress, logger);
    },
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async stop() {
      await app.close();
      await worker?.stop();
      await runner.stop();
      await connection.close();
      await blobs.close();
      await readModels.close();
      await store.close();
      await embeddedTemporal?.stop();
      await developmentProvider?.stop();
      await unlock();
    },
  };
}
