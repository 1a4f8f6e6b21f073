import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { lock } from 'proper-lockfile';

/**
 * One process per PGlite data directory. PGlite has no lock of its own, and two processes on one
 * directory corrupt it (upstream issues #327 and #709). The lock is a directory next to the data
 * (`<dir>.lock`, made atomically by proper-lockfile, its mtime refreshed while held) with a note of
 * who holds it (`<dir>.lock-holder.json`: pid, host, since, what). A holder killed with SIGKILL
 * leaves both behind: on the same host a holder whose pid is gone is taken over at once; a holder
 * on another host (a shared volume) only once its lock has not been refreshed for STALE_MS.
 */

/** Who holds a data directory, as the note next to it says. */
export interface DataDirectoryHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO-8601 instant the lock was taken. */
  readonly since: string;
  /** What the process is (`the engine (npm start)`, `procurement-journey verify`...). */
  readonly what: string;
}

/** A lock that is not refreshed for this long is stale (a holder on another host that died). */
const STALE_MS = 30_000;

/** Another process holds the data directory: the message says who, since when, and what to do instead. */
export class DataDirectoryLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly holder: DataDirectoryHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host} (${holder.what}) since ${holder.since}`
      : 'another process (it has not said which yet)';
    super(
      `the data directory ${directory} is in use by ${who}. Only one process may open a PGlite data ` +
        'directory: two corrupt it. Use the running engine through its API instead (the CLI verbs have ' +
        'HTTP twins for auditors under /api/audit, see docs/audit.md), or stop the engine first ' +
        `(SIGINT or SIGTERM releases the lock; after a SIGKILL the lock of a dead process on this host is taken over by itself).`,
    );
    this.name = 'DataDirectoryLockedError';
  }
}

interface HeldLock {
  count: number;
  readonly release: () => Promise<void>;
}

/** Locks this process holds, by directory: the engine locks first, its store's driver then shares the lock. */
const held = new Map<string, HeldLock>();

const lockPath = (directory: string) => `${directory}.lock`;
const holderPath = (directory: string) => `${directory}.lock-holder.json`;

function readHolder(directory: string): DataDirectoryHolder | undefined {
  try {
    return JSON.parse(readFileSync(holderPath(directory), 'utf8')) as DataDirectoryHolder;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On this host, a holder whose process is gone (or is us, and we hold nothing) was killed. */
function isDeadHolder(holder: DataDirectoryHolder | undefined): boolean {
  return holder !== undefined && holder.host === hostname() && (holder.pid === process.pid || !alive(holder.pid));
}

/**
 * Takes the lock on a PGlite data directory for this process, or throws DataDirectoryLockedError.
 * Within one process the lock is shared (counted): release it as often as it was taken.
 */
export async function lockDataDirectory(directory: string, what: string): Promise<() => Promise<void>> {
  const mine = held.get(directory);
  if (mine) {
    mine.count++;
    return once(() => releaseOne(directory));
  }
  mkdirSync(directory, { recursive: true });
  const holder = readHolder(directory);
  if (isDeadHolder(holder)) {
    // Renamed first (atomic): of two processes starting at once after a crash, one takes it over.
    const tomb = `${lockPath(directory)}.dead-${process.pid}`;
    try {
      renameSync(lockPath(directory), tomb);
      rmSync(tomb, { recursive: true, force: true });
    } catch {
      // Already taken over by the other one, or never made: lock() below decides.
    }
  } else if (holder && holder.host === hostname()) {
    // Alive on this host: refused even if its lock looks stale (a long pause of its event loop).
    throw new DataDirectoryLockedError(directory, holder);
  }
  let release: () => Promise<void>;
  try {
    release = await lock(directory, {
      lockfilePath: lockPath(directory),
      realpath: false,
      stale: STALE_MS,
      onCompromised: (error) => {
        // Someone removed or took our lock: writing on would risk the data. Stop the process.
        throw new Error(`lost the lock on the data directory ${directory} (${error.message}); stopping`);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED')
      throw new DataDirectoryLockedError(directory, readHolder(directory));
    throw error;
  }
  const note: DataDirectoryHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), what };
  writeFileSync(holderPath(directory), `${JSON.stringify(note)}\n`);
  held.set(directory, {
    count: 1,
    release: async () => {
      rmSync(holderPath(directory), { force: true });
      await release();
    },
  });
  return once(() => releaseOne(directory));
}

async function releaseOne(directory: string): Promise<void> {
  const mine = held.get(directory);
  if (!mine || --mine.count > 0) return;
  held.delete(directory);
  await mine.release();
}

function once(release: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= release());
}

/** What this process is, for the holder note: the CLI verb or the engine's entry point. */
export function describeProcess(argv: readonly string[] = process.argv): string {
  return argv
    .slice(1)
    .map((part) => part.replace(/^.*\/(dist|apps|scripts)\//, '$1/'))
    .join(' ')
    .slice(0, 200);
}
