import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
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
  /** Omit to let the SDK pick a free port (tests). */
  readonly port?: number;
  /** Omit to run without the web UI. */
  readonly uiPort?: number;
  readonly namespace?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts `temporal server start-dev` on loopback with its SQLite file under ./data, waits until it
 * answers, and returns how to reach it. The SDK's ephemeral-server support owns the child process:
 * it checks health before returning and kills the server on stop().
 */
export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions): Promise<EmbeddedTemporal> {
  for (const port of [options.port, options.uiPort]) {
    if (port !== undefined && !(await portIsFree(port)))
      throw new Error(
        `port ${port} on 127.0.0.1 is taken: another Temporal dev server may be running. ` +
          `Use it with TEMPORAL_ADDRESS=127.0.0.1:${options.port}, or choose other ports with ` +
          'TEMPORAL_DEV_SERVER_PORT and TEMPORAL_DEV_SERVER_UI_PORT.',
      );
  }
  const { executable, source } = resolveTemporalCli(options.env);
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const namespace = options.namespace ?? 'default';
  const environment = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      ip: '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      namespace,
      log: { format: 'pretty', level: 'error' },
    },
  });
  return {
    address: environment.address,
    uiUrl: options.uiPort === undefined ? 'none' : `http://127.0.0.1:${options.uiPort}`,
    namespace,
    source,
    stop: () => environment.teardown(),
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}
