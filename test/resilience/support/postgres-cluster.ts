import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** POSTGRES_BIN_DIR, else the newest server installed the Debian way (/usr/lib/postgresql/<major>/bin). */
const BIN =
  process.env.POSTGRES_BIN_DIR ??
  `/usr/lib/postgresql/${
    readdirSync('/usr/lib/postgresql')
      .map(Number)
      .filter(Number.isInteger)
      .sort((a, b) => b - a)[0]
  }/bin`;
const root = process.getuid?.() === 0;

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder on a free port, so the test may
 * stop and start the server without touching anyone else's. The server refuses to run as root, so
 * under root it runs as the `postgres` user.
 */
export interface PrivateCluster {
  readonly url: string;
  start(): void;
  /** `fast`: disconnects every client, as a restart by an operator does. */
  stop(): void;
  destroy(): void;
}

const asPostgres = (command: string, args: string[]) =>
  root
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args], { stdio: 'pipe' })
    : execFileSync(join(BIN, command), args, { stdio: 'pipe' });

export function createPrivateCluster(port: number): PrivateCluster {
  const dir = mkdtempSync(join(tmpdir(), 'pj-cluster-'));
  const data = join(dir, 'data');
  if (root) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      '-w',
      'start',
    ]);
  start();
  execFileSync(
    join(BIN, 'psql'),
    ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE pj'],
    {
      stdio: 'pipe',
    },
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/pj`,
    start,
    stop: () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    destroy: () => {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Not running.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}
