import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from './activities';
import { correlatedActivityLogs, workflowInterceptorModules } from './correlation';

export interface WorkerSetup extends ActivityDependencies {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
}

/**
 * The tsconfig path aliases (`@pj/...`) for the workflow bundle when running from source (tests);
 * compiled code (dist/) already has them rewritten and no tsconfig beside it.
 */
function workflowAliases(): Record<string, string> {
  const root = resolve(__dirname, '../../..');
  const tsconfig = join(root, 'tsconfig.json');
  if (!existsSync(tsconfig)) return {};
  const paths: Record<string, string[]> = JSON.parse(readFileSync(tsconfig, 'utf8')).compilerOptions.paths;
  return Object.fromEntries(Object.entries(paths).map(([alias, [target]]) => [alias, join(root, target)]));
}

/** Where the workflows are and how to bundle them: shared by workers and replay tests. */
export const workflowBundle: Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'> = {
  workflowsPath: require.resolve('../../../workflows/src'),
  bundlerOptions: {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...workflowAliases() } },
    }),
  },
};

/** A worker hosting every workflow in workflows/ and every activity, on one task queue. */
export async function createWorker(setup: WorkerSetup, options: Partial<WorkerOptions> = {}): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    ...workflowBundle,
    activities: createActivities(setup),
    interceptors: { workflowModules: workflowInterceptorModules, activity: [correlatedActivityLogs] },
    ...options,
  });
}
