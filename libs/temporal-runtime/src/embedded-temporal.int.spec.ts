import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedTemporal } from './embedded-temporal';
import { resolveTemporalCli } from './temporal-cli';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// A killed engine leaves its dev server behind, holding the port and the SQLite file. The next
// start on the same data finds it through the pid file beside the SQLite file and ends it.
describe('the embedded Temporal dev server left by a killed engine', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pj-stale-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is ended by the next start on the same data, which then succeeds', async () => {
    const dbFile = join(dir, 'temporal.sqlite');
    const port = await freePort();
    const cli = (resolveTemporalCli().executable as { path: string }).path;
    // The leftover: a dev server on our file and port whose engine is gone (it is not our child's child).
    const stale = spawn(
      cli,
      ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--db-filename', dbFile],
      { stdio: 'ignore', detached: true },
    );
    writeFileSync(`${dbFile}.pid`, String(stale.pid));
    const exited = new Promise((resolve) => stale.once('exit', resolve));
    try {
      for (let tries = 0; tries < 100 && (await portFree(port)); tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));

      const temporal = await startEmbeddedTemporal({ dbFile, port });
      try {
        expect(temporal.address).toBe(`127.0.0.1:${port}`);
        await exited;
        expect(alive(stale.pid!)).toBe(false);
      } finally {
        await temporal.stop();
      }
    } finally {
      if (alive(stale.pid!)) stale.kill('SIGKILL');
    }
  }, 60_000);
});

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}
