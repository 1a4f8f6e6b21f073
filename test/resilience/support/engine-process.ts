import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { resolveTemporalCli } from '@pj/temporal-runtime';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Compiles the engine as `npm run build` does, into a folder of the test's own (Jest ignores
 * .test-build), and returns the entry point: the engine runs as it does in production.
 */
export function buildEngine(name: string): string {
  const out = join(ROOT, '.test-build', name);
  execFileSync(
    join(ROOT, 'node_modules/.bin/swc'),
    ['apps', 'libs', 'workflows', '-d', out, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
    { cwd: ROOT },
  );
  return join(out, 'apps/api/src/main.js');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}

/** The compiled engine as an operating-system process, on fixed ports so a restart reuses them. */
export interface EngineProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly output: string[];
  /** Resolves with the exit code or signal when the process ends. */
  readonly exited: Promise<string>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

export function startEngineProcess(entry: string, port: number, env: NodeJS.ProcessEnv): EngineProcess {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      TEMPORAL_CLI_PATH: (resolveTemporalCli().executable as { path: string }).path,
      TEMPORAL_DEV_SERVER_UI_PORT: '0',
      OIDC_DEV_PROVIDER_PORT: '0',
      LOG_LEVEL: 'ERROR',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  let ended = false;
  // A test runner that dies must not leave engines behind (afterAll does not run then).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      process.off('exit', killOnExit);
      resolve(signal ?? `exit ${code}`);
    }),
  );
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output,
    exited,
    alive: () => !ended,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until /api/health answers ok; fails early with the engine's output if it exits. */
export async function untilHealthy(engine: EngineProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!engine.alive()) throw new Error(`the engine exited while starting:\n${engine.output.join('')}`);
    const health = await fetch(`${engine.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.json() as Promise<{ status?: string }>)
      .catch(() => undefined);
    if (health?.status === 'ok') return;
    if (Date.now() > deadline)
      throw new Error(`not healthy within ${timeoutMs} ms: ${JSON.stringify(health)}\n${engine.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Processes whose parent is `pid` (Linux /proc), with their command lines. */
export function childrenOf(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid)
        found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers kill 0; its state in /proc says it is gone.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
