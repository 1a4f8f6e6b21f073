import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { TestWorkflowEnvironment, type EphemeralServerExecutable } from '@temporalio/testing';
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
 * it checks health before returning and kills the server on stop(). The server never outlives this
 * process (see tiedToThisProcess), and one left by a killed engine is ended before starting anew.
 */
export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions): Promise<EmbeddedTemporal> {
  // Beside the SQLite file: a dev server left there by a killed engine holds the port and the file.
  const pidFile = `${options.dbFile}.pid`;
  await stopStaleServer(pidFile, options.dbFile);
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
      executable: tiedToThisProcess(executable, options.dbFile, pidFile),
      ip: '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      namespace,
      log: { format: 'pretty', level: 'error' },
    },
  });
  // Exiting on an uncaught error does not run stop(): end the server on the way out. (SIGKILL runs
  // nothing; the watchdog in the wrapper script ends the server then.)
  const stopOnExit = () => killServer(pidFile, options.dbFile, 'SIGTERM');
  process.once('exit', stopOnExit);
  return {
    address: environment.address,
    uiUrl: options.uiPort === undefined ? 'none' : `http://127.0.0.1:${options.uiPort}`,
    namespace,
    source,
    stop: async () => {
      process.off('exit', stopOnExit);
      await environment.teardown();
      rmSync(pidFile, { force: true });
    },
  };
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The CLI behind a small wrapper script: it writes the server's pid file, starts a watchdog that
 * ends the server (TERM, then KILL) once this process is gone, however it died, and then becomes
 * the server itself (exec), so the SDK's stop still kills the server directly. POSIX only; the
 * SDK's own download (no path to wrap) runs unwrapped.
 */
function tiedToThisProcess(executable: EphemeralServerExecutable, dbFile: string, pidFile: string) {
  if (executable.type !== 'existing-path' || process.platform === 'win32') return executable;
  const script = `${dbFile}.sh`;
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `# Written by the engine (pid ${process.pid}): runs the Temporal dev server and ends it when the engine is gone.`,
      `echo $$ > ${shellQuote(pidFile)}`,
      `server=$$`,
      '(',
      '  while kill -0 "$server" 2>/dev/null; do',
      `    if ! kill -0 ${process.pid} 2>/dev/null; then`,
      '      kill -TERM "$server" 2>/dev/null',
      '      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$server" 2>/dev/null || exit 0; sleep 1; done',
      '      kill -KILL "$server" 2>/dev/null; exit 0',
      '    fi',
      '    sleep 1',
      '  done',
      ') </dev/null >/dev/null 2>&1 &',
      `exec ${shellQuote(executable.path)} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return { type: 'existing-path' as const, path: script };
}

/** The pid in the pid file when that process is a dev server on `dbFile` (Linux /proc), else undefined. */
function serverPid(pidFile: string, dbFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    // A reused pid belongs to some other program: only a dev server on our file is ours.
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return command.includes('start-dev') && command.includes(dbFile) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Signals the dev server on `dbFile` named by the pid file; false when there is none. */
function killServer(pidFile: string, dbFile: string, signal: NodeJS.Signals): boolean {
  const pid = serverPid(pidFile, dbFile);
  if (pid === undefined) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Ends a dev server a killed engine left on this data directory, and waits until it is gone. */
async function stopStaleServer(pidFile: string, dbFile: string): Promise<void> {
  if (!killServer(pidFile, dbFile, 'SIGTERM')) return;
  for (let waited = 0; serverPid(pidFile, dbFile) !== undefined; waited += 100) {
    if (waited === 10_000) killServer(pidFile, dbFile, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rmSync(pidFile, { force: true });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}
