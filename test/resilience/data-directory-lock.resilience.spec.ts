import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEngine, freePort, startEngineProcess, untilHealthy, type EngineProcess } from './support/engine-process';

const ROOT = join(__dirname, '..', '..');

/** A CLI verb run from the sources, as `npm run cli` does, against the data directory `env` names. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(ROOT, 'scripts/from-source.js'), join(ROOT, 'apps/cli/src/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    ),
  );
}

// The embedded engine's PGlite data directory is one process's: a second `npm start` and a CLI verb
// are refused, naming the holder; once the holder is killed (SIGKILL, no chance to clean up) the
// next start takes the directory over at once.
describe('one process per PGlite data directory', () => {
  let entry: string;
  let dataDir: string;
  const engines: EngineProcess[] = [];

  beforeAll(() => {
    entry = buildEngine('data-directory-lock');
    dataDir = mkdtempSync(join(tmpdir(), 'pj-lock-'));
  }, 120_000);

  afterAll(async () => {
    for (const engine of engines) await engine.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  });

  const start = async () => {
    const engine = startEngineProcess(entry, await freePort(), {
      EVENT_STORE: 'pglite',
      DATA_DIR: dataDir,
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_TASK_QUEUE: 'data-directory-lock',
    });
    engines.push(engine);
    return engine;
  };

  it('refuses a second engine and a CLI verb, naming the holder, and is taken over after a SIGKILL', async () => {
    const first = await start();
    await untilHealthy(first);
    const holderPid = first.child.pid!;
    const pgliteDir = join(dataDir, 'pglite');
    const note = JSON.parse(readFileSync(`${pgliteDir}.lock-holder.json`, 'utf8')) as { pid: number; since: string };
    expect(note.pid).toBe(holderPid);

    const second = await start();
    expect(await second.exited).toBe('exit 1');
    const refusal = second.output.join('');
    expect(refusal).toContain(`in use by process ${holderPid}`);
    expect(refusal).toContain(note.since);
    expect(refusal).toContain('through its API');
    expect(refusal).toContain('stop the engine');

    const verify = await cli(['verify', '--json'], { EVENT_STORE: 'pglite', DATA_DIR: dataDir });
    expect(verify.code).toBe(3);
    expect(verify.stderr).toContain(`in use by process ${holderPid}`);
    // The first engine is untouched by both refusals.
    expect((await fetch(`${first.baseUrl}/api/health`)).status).toBe(200);

    await first.kill('SIGKILL');
    expect(existsSync(`${pgliteDir}.lock`)).toBe(true);
    const third = await start();
    await untilHealthy(third);
    const taken = JSON.parse(readFileSync(`${pgliteDir}.lock-holder.json`, 'utf8')) as { pid: number };
    expect(taken.pid).toBe(third.child.pid);

    // Stopped properly, it leaves the directory free for the CLI.
    expect(await third.kill('SIGTERM')).toBe('exit 0');
    expect(existsSync(`${pgliteDir}.lock`)).toBe(false);
    const after = await cli(['verify', '--json'], { EVENT_STORE: 'pglite', DATA_DIR: dataDir });
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  }, 240_000);
});
