import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../../../apps/worker/src/activities';
import { installTemporalRuntime } from '../../../apps/worker/src/worker-runtime';
import { workflowBundle } from '../../../apps/worker/src/worker';
import { PgDriver, SqlEventStore, type EventStore } from '@pj/event-store';
import { resolveTestServer } from '@pj/temporal-runtime/testing';
import { testDatabaseUrl } from '../../../libs/event-store/src/testing/test-database';

/**
 * Workflows under test run on Temporal's time-skipping test server (timers of days and years pass
 * in milliseconds), with the real activities over the real PostgreSQL event store.
 */
export interface WorkflowTestEnvironment {
  readonly env: TestWorkflowEnvironment;
  readonly store: EventStore;
  /** Runs `test` while a worker with every workflow and activity polls `taskQueue`. */
  withWorker<T>(taskQueue: string, test: () => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

/** `settings`: the buyers' settings the activities read (as the engine's configuration gives them). */
export async function startWorkflowTestEnvironment(
  settings: Omit<ActivityDependencies, 'store'> = {},
): Promise<WorkflowTestEnvironment> {
  installTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: resolveTestServer().executable },
  });
  const store = await SqlEventStore.open(await PgDriver.open(testDatabaseUrl()));
  return {
    env,
    store,
    async withWorker(taskQueue, test) {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        ...workflowBundle,
        activities: createActivities({ ...settings, store }),
      });
      return worker.runUntil(test);
    },
    async teardown() {
      await store.close();
      await env.teardown();
    },
  };
}

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves the workflow's history as a replay fixture
 * (workflows/test/histories/<name>.json). The replay spec then fails CI when a code change
 * breaks determinism for a workflow already running in production.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const history = await handle.fetchHistory();
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJSON(history) + '\n');
}
