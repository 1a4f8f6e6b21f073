import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalCli } from './temporal-cli';

export interface EmbeddedTemporal {
  /** host:port of the frontend, for clients and workers. */
  readonly address: string;
  readonly uiUrl: string;
  readonly namespace: string;
  /** Where the CLI came from. */
  readonly source: string;
  stop(): Promise<void>;
}

export interface EmbeddedTemporalOptions {
  readonly dbFile: string;
  readonly port: number;
  readonly uiPort: number;
  readonly namespace?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts `temporal server start-dev` on loopback with its SQLite file under ./data, waits until it
 * answers, and returns how to reach it. The SDK's ephemeral-server support owns the child process:
 * it checks health before returning and kills the server on stop().
 */
export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions): Promise<EmbeddedTemporal> {
  const { executable, source } = resolveTemporalCli(options.env);
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const namespace = options.namespace ?? 'default';
  const environment = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      namespace,
      log: { format: 'pretty', level: 'error' },
    },
  });
  return {
    address: environment.address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    namespace,
    source,
    stop: () => environment.teardown(),
  };
}
