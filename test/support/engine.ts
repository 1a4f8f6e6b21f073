import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { createApi } from '../../apps/api/src/create-api';
import { developmentTokens } from '../../apps/api/src/auth/development-tokens';
import type { Role } from '../../apps/api/src/auth/roles';
import { startWorkerRuntime, type WorkerRuntime } from '../../apps/worker/src/worker-runtime';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '@pj/config';
import { openEventStore, type EventStore, type EventStoreConfig } from '@pj/event-store';
import { startEmbeddedTemporal, type EmbeddedTemporal } from '@pj/temporal-runtime';

/**
 * The whole engine for end-to-end tests, with nothing faked: a real Temporal dev server, a real
 * store, the worker with the process manager, and the HTTP API on a free port.
 */
export interface TestEngine {
  readonly baseUrl: string;
  readonly store: EventStore;
  readonly temporalClient: Client;
  readonly taskQueue: string;
  tokens(organisationId?: string): Record<Role, string>;
  /** Stops and restarts the worker side (worker + process manager), as after a crash. */
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestEngine(
  storeConfig: EventStoreConfig = { kind: 'pglite' },
  taskQueue = `e2e-${Date.now()}`,
): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'pj-e2e-'));
  const temporal: EmbeddedTemporal = await startEmbeddedTemporal({ dbFile: join(dir, 'temporal.sqlite') });
  const config = loadConfig({ TEMPORAL_TASK_QUEUE: taskQueue, DATA_DIR: dir });
  const store = await openEventStore(storeConfig);
  const connection = await Connection.connect({ address: temporal.address });
  const temporalClient = new Client({ connection, namespace: temporal.namespace });
  let worker: WorkerRuntime = await startWorkerRuntime(config, store, temporal.address, () => undefined);
  const app: INestApplication = await createApi({ store, temporalClient, jwtSecret: DEVELOPMENT_JWT_SECRET }, { logger: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  return {
    baseUrl,
    store,
    temporalClient,
    taskQueue,
    tokens: (organisationId) => developmentTokens(DEVELOPMENT_JWT_SECRET, organisationId),
    async restartWorker() {
      await worker.stop();
      worker = await startWorkerRuntime(config, store, temporal.address, () => undefined);
    },
    async stop() {
      await app.close();
      await worker.stop();
      await connection.close();
      await store.close();
      await temporal.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A response body as JSON; tests read fields freely and assert on them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const body = async (response: Response): Promise<any> => response.json();
