import { createHash } from 'node:crypto';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  START_OF_LOG,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
  type SqlDriver,
  type SqlQueryable,
  type Subscription,
} from '@pj/event-store';
import type { Projection } from './projection';
import { withoutNul } from './clean-text';

export interface ProjectionStatus {
  readonly name: string;
  /** The last event handled (applied, skipped as irrelevant, or found already applied). */
  readonly position: LogPosition | undefined;
  readonly caughtUp: boolean;
  readonly error?: string;
}

/** An event a projection could not apply: set aside so that the events after it still reach the read model. */
export interface ParkedEvent {
  readonly projection: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: Date;
}

export interface ProjectionRunnerOptions {
  /** Attempts at one event (spaced by the runner's back-off) before it is parked. */
  readonly attemptsBeforeParking?: number;
  /** Where a retry and a parked event are told (the process's logger); silent without. */
  readonly log?: (message: string) => void;
}

/** Tries an event gets before it is parked, by default: about two seconds of back-off. */
export const ATTEMPTS_BEFORE_PARKING = 4;

interface RunningProjection {
  subscription?: Subscription;
  status: ProjectionStatus;
  /** The checkpoint this runner last committed or found: a stored one behind it means a rebuild elsewhere. */
  committed: LogPosition;
  /** Set while the subscription is being restarted; events still in flight are ignored. */
  restarting: boolean;
  retryTimer?: NodeJS.Timeout;
  retries: number;
  /** The event that failed last (its position) and how often in a row. */
  failure?: { position: string; attempts: number };
}

const subscriberIdOf = (projection: Projection) => `projection:${projection.name}`;
const schemaHashOf = (projection: Projection) =>
  createHash('sha256').update(JSON.stringify(projection.schema)).digest('hex');

/** Locks the projection's checkpoint row for this transaction and returns it. */
async function lockCheckpoint(tx: SqlQueryable, subscriberId: string): Promise<LogPosition> {
  const [row] = await tx.query<{ position: string }>(
    'SELECT position FROM pj_checkpoints WHERE subscriber_id = $1 FOR UPDATE',
    [subscriberId],
  );
  return row ? parsePosition(row.position) : START_OF_LOG;
}

async function writeCheckpoint(tx: SqlQueryable, subscriberId: string, position: LogPosition): Promise<void> {
  await tx.query(
    `INSERT INTO pj_checkpoints (subscriber_id, position) VALUES ($1, $2)
     ON CONFLICT (subscriber_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [subscriberId, formatPosition(position)],
  );
}

const PARKED_EVENTS_TABLE = `CREATE TABLE IF NOT EXISTS pj_parked_events (
  projection text NOT NULL,
  stream_id  text NOT NULL,
  revision   bigint NOT NULL,
  position   text NOT NULL,
  event_id   text NOT NULL,
  event_type text NOT NULL,
  error      text NOT NULL,
  attempts   integer NOT NULL,
  parked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, position))`;

const messageOf = (error: unknown) => withoutNul(error instanceof Error ? error.message : String(error));

/**
 * A failure that says nothing about the event: the database went away, is short of resources,
 * or asked for the transaction again. Such an event is retried, never parked.
 */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (/^(08|53|57|40)/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return /connection (?:terminated|refused|reset|closed|ended|error)|client was closed|is closed/i.test(
    messageOf(error),
  );
}

async function parkEvent(
  tx: SqlQueryable,
  projection: Projection,
  event: RecordedEvent,
  error: unknown,
  attempts: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO pj_parked_events (projection, stream_id, revision, position, event_id, event_type, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (projection, position) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, parked_at = now()`,
    [
      projection.name,
      withoutNul(event.streamId),
      event.revision,
      formatPosition(event.position),
      withoutNul(event.metadata.eventId),
      withoutNul(event.type),
      messageOf(error),
      attempts,
    ],
  );
}

/** Events parked by every projection (or one), oldest first, at most `limit`. */
export async function parkedEvents(db: SqlQueryable, projection?: string, limit = 100): Promise<ParkedEvent[]> {
  const rows = await db.query<{
    projection: string;
    stream_id: string;
    revision: string | number;
    position: string;
    event_id: string;
    event_type: string;
    error: string;
    attempts: number;
    parked_at: Date | string;
  }>(
    `SELECT * FROM pj_parked_events WHERE $1::text IS NULL OR projection = $1
      ORDER BY parked_at, projection, position LIMIT $2`,
    [projection ?? null, limit],
  );
  return rows.map((row) => ({
    projection: row.projection,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
    eventId: row.event_id,
    eventType: row.event_type,
    error: row.error,
    attempts: row.attempts,
    parkedAt: new Date(row.parked_at),
  }));
}

/**
 * Creates the projection's tables. When its DDL changed since the tables were made, drops them and
 * resets the checkpoint first, so the read model is rebuilt from the start of the log.
 */
export async function prepareProjection(db: SqlDriver, projection: Projection): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS rm_projection_schemas (
    name text PRIMARY KEY, schema_hash text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  await db.query(PARKED_EVENTS_TABLE);
  const hash = schemaHashOf(projection);
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ schema_hash: string }>(
      'SELECT schema_hash FROM rm_projection_schemas WHERE name = $1 FOR UPDATE',
      [projection.name],
    );
    if (row?.schema_hash !== hash) {
      for (const table of projection.tables) await tx.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
      await tx.query('DELETE FROM pj_parked_events WHERE projection = $1', [projection.name]);
      await writeCheckpoint(tx, subscriberIdOf(projection), START_OF_LOG);
    }
    for (const statement of projection.schema) await tx.query(statement);
    await tx.query(
      `INSERT INTO pj_checkpoints (subscriber_id, position) VALUES ($1, $2) ON CONFLICT (subscriber_id) DO NOTHING`,
      [subscriberIdOf(projection), formatPosition(START_OF_LOG)],
    );
    await tx.query(
      `INSERT INTO rm_projection_schemas (name, schema_hash) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET schema_hash = EXCLUDED.schema_hash, updated_at = now()`,
      [projection.name, hash],
    );
  });
}

/** The projection's update for one event, on text cleaned of NUL (PostgreSQL's text and jsonb refuse it). */
const applyClean = (projection: Projection, tx: SqlQueryable, event: RecordedEvent) =>
  projection.apply(tx, withoutNul(event));

/**
 * Empties the projection and applies the whole log again, a page per transaction (each page's
 * updates commit with the checkpoint). Safe beside a runner in another process: every apply
 * locks the checkpoint row and skips what it already covers. The events parked before are tried
 * again with the rest; one that still fails is parked again (under a savepoint, so the page goes
 * on). Resolves to the events read.
 */
export async function rebuildProjection(
  store: EventStore,
  db: SqlDriver,
  projection: Projection,
  onProgress: (events: number) => void = () => undefined,
  pageSize = 500,
): Promise<number> {
  const subscriberId = subscriberIdOf(projection);
  await prepareProjection(db, projection);
  await db.transaction(async (tx) => {
    await lockCheckpoint(tx, subscriberId);
    for (const table of projection.tables) await tx.query(`DELETE FROM ${table}`);
    await tx.query('DELETE FROM pj_parked_events WHERE projection = $1', [projection.name]);
    await writeCheckpoint(tx, subscriberId, START_OF_LOG);
  });
  let after: LogPosition = START_OF_LOG;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.events.length > 0)
      await db.transaction(async (tx) => {
        const stored = await lockCheckpoint(tx, subscriberId);
        for (const event of page.events) {
          if (comparePositions(event.position, stored) <= 0) continue;
          if (projection.eventTypes && !projection.eventTypes.has(event.type)) continue;
          await tx.query('SAVEPOINT pj_event');
          try {
            await applyClean(projection, tx, event);
            await tx.query('RELEASE SAVEPOINT pj_event');
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT pj_event');
            if (isTransient(error)) throw error;
            await parkEvent(tx, projection, event, error, 1);
          }
        }
        const last = page.events[page.events.length - 1].position;
        if (comparePositions(last, stored) > 0) await writeCheckpoint(tx, subscriberId, last);
      });
    read += page.events.length;
    onProgress(read);
    after = page.lastPosition ?? after;
    if (page.isEnd) return read;
  }
}

/**
 * Runs projections, each on its own subscription from its own checkpoint. A projection's update
 * and its checkpoint commit together under a lock on the checkpoint row: an event is applied
 * exactly once, even with two runners (two API processes) or a rebuild running elsewhere.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, RunningProjection>();
  private stopped = false;
  /** Checks of pending waitFor calls, run whenever a projection moves on. */
  private readonly waiters = new Set<() => void>();

  private readonly attemptsBeforeParking: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDriver,
    readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.attemptsBeforeParking = options.attemptsBeforeParking ?? ATTEMPTS_BEFORE_PARKING;
    this.log = options.log ?? (() => undefined);
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
  }

  static subscriberId(projection: Projection): string {
    return subscriberIdOf(projection);
  }

  async start(): Promise<void> {
    this.stopped = false;
    for (const projection of this.projections) {
      await prepareProjection(this.db, projection);
      await this.startOne(projection);
    }
  }

  private async startOne(projection: Projection): Promise<void> {
    const subscriberId = subscriberIdOf(projection);
    const [row] = await this.db.query<{ position: string }>(
      'SELECT position FROM pj_checkpoints WHERE subscriber_id = $1',
      [subscriberId],
    );
    const after = row ? parsePosition(row.position) : START_OF_LOG;
    const previous = this.running.get(projection.name);
    const entry: RunningProjection = {
      status: { name: projection.name, position: after, caughtUp: false },
      committed: after,
      restarting: false,
      retries: previous?.retries ?? 0,
      failure: previous?.failure,
    };
    this.running.set(projection.name, entry);
    this.wake();
    entry.subscription = this.store.subscribeToAll({
      after,
      onEvent: (event) => this.handle(projection, entry, event),
      onCaughtUp: () => {
        entry.retries = 0;
        // Back after a failure (a lost connection): nothing is wrong any more.
        entry.status = { ...entry.status, caughtUp: true, error: undefined };
      },
      onError: (error) => {
        entry.status = { ...entry.status, error: error instanceof Error ? error.message : String(error) };
        this.retryLater(projection, entry);
      },
    });
  }

  private async handle(projection: Projection, entry: RunningProjection, event: RecordedEvent): Promise<void> {
    if (entry.restarting) return;
    if (projection.eventTypes && !projection.eventTypes.has(event.type)) {
      // Nothing to write: a redelivery after a restart costs a read, not a wrong row.
      this.progressed(entry, event.position);
      return;
    }
    const subscriberId = subscriberIdOf(projection);
    // Applies the event, or parks it, with the checkpoint in the same transaction.
    const attempt = (park?: { error: unknown; attempts: number }) =>
      this.db.transaction(async (tx) => {
        const stored = await lockCheckpoint(tx, subscriberId);
        // Someone reset the checkpoint behind us (a rebuild): read again from there.
        if (comparePositions(stored, entry.committed) < 0) return { kind: 'reset' as const };
        if (comparePositions(event.position, stored) <= 0) return { kind: 'done' as const, stored };
        if (park) await parkEvent(tx, projection, event, park.error, park.attempts);
        else await applyClean(projection, tx, event);
        await writeCheckpoint(tx, subscriberId, event.position);
        return { kind: 'done' as const, stored: event.position };
      });
    let outcome: Awaited<ReturnType<typeof attempt>>;
    try {
      outcome = await attempt();
    } catch (error) {
      // One bad event must not stop the read model for everyone: after a few tries (the
      // subscription's back-off between them) it is parked, and the events after it go on.
      const position = formatPosition(event.position);
      const attempts = entry.failure?.position === position ? entry.failure.attempts + 1 : 1;
      entry.failure = { position, attempts };
      if (isTransient(error) || attempts < this.attemptsBeforeParking) throw error;
      outcome = await attempt({ error, attempts });
      this.log(
        `projection ${projection.name} parked event ${event.metadata.eventId} (${event.type}) after ${attempts} attempts: ${String(error)}`,
      );
    }
    entry.failure = undefined;
    if (outcome.kind === 'reset') {
      entry.restarting = true;
      setImmediate(() => void this.restart(projection, entry));
      return;
    }
    entry.committed = outcome.stored;
    entry.status = { ...entry.status, error: undefined };
    this.progressed(entry, event.position);
  }

  private async restart(projection: Projection, entry: RunningProjection): Promise<void> {
    await entry.subscription?.stop();
    if (this.stopped || this.running.get(projection.name) !== entry) return;
    await this.startOne(projection).catch((error: unknown) => {
      entry.status = { ...entry.status, error: String(error) };
      this.retryLater(projection, entry);
    });
  }

  /** A failed apply rolled back; try again from the checkpoint, backing off up to 30 s. */
  private retryLater(projection: Projection, entry: RunningProjection): void {
    if (this.stopped || entry.retryTimer) return;
    const delay = Math.min(30_000, 250 * 2 ** entry.retries);
    entry.retries += 1;
    this.log(`projection ${projection.name} interrupted (${entry.status.error ?? 'unknown'}); resuming in ${delay} ms`);
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = undefined;
      void this.restart(projection, entry);
    }, delay);
    entry.retryTimer.unref();
  }

  status(): ProjectionStatus[] {
    return this.projections.map(
      (p) => this.running.get(p.name)?.status ?? { name: p.name, position: undefined, caughtUp: false },
    );
  }

  /** The events this runner's projections have parked (read from the database, so across processes). */
  async parked(limit = 100): Promise<ParkedEvent[]> {
    const names = new Set(this.projections.map((p) => p.name));
    return (await parkedEvents(this.db, undefined, limit)).filter((event) => names.has(event.projection));
  }

  /** How many events of the log each projection has still to look at (SQL stores). */
  async lag(): Promise<Record<string, number>> {
    const lag: Record<string, number> = {};
    for (const { name, position } of this.status()) lag[name] = await eventsAfter(this.db, position);
    return lag;
  }

  /** Whether the named projections (every one when none is named) have handled the log up to `position`. */
  hasPassed(position: LogPosition, names?: readonly string[]): boolean {
    return this.status().every(
      (s) =>
        (names !== undefined && !names.includes(s.name)) ||
        (s.position !== undefined && comparePositions(s.position, position) >= 0),
    );
  }

  /**
   * Resolves true once the named projections (every one when none is named) have handled the log up
   * to `position`, false after `timeoutMs`. Woken by the runner's own progress, not by polling.
   */
  waitFor(position: LogPosition, timeoutMs = 10_000, names?: readonly string[]): Promise<boolean> {
    const unknown = names?.filter((name) => !this.projections.some((p) => p.name === name)) ?? [];
    if (unknown.length > 0) throw new Error(`no projection named ${unknown.join(', ')}`);
    if (this.hasPassed(position, names)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (this.hasPassed(position, names)) settle(true);
      };
      const settle = (passed: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(passed);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** A projection moved on: wake whoever waits for a position. */
  private progressed(entry: RunningProjection, position: LogPosition): void {
    entry.status = { ...entry.status, position };
    this.wake();
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }

  /** Empties the projection's tables, applies the whole log again, then follows it live. */
  async rebuild(name: string): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}`);
    const entry = this.running.get(name);
    if (entry) {
      entry.restarting = true;
      clearTimeout(entry.retryTimer);
      entry.retryTimer = undefined;
      await entry.subscription?.stop();
    }
    this.running.delete(name);
    const events = await rebuildProjection(this.store, this.db, projection);
    if (!this.stopped) await this.startOne(projection);
    return events;
  }

  /** Every projection from zero, one after the other. */
  async rebuildAll(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const projection of this.projections) counts[projection.name] = await this.rebuild(projection.name);
    return counts;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const entries = [...this.running.values()];
    for (const entry of entries) {
      entry.restarting = true;
      clearTimeout(entry.retryTimer);
    }
    await Promise.all(entries.map(({ subscription }) => subscription?.stop() ?? Promise.resolve()));
    this.running.clear();
  }
}

/** How many events of the visible log (SQL stores) come after `position`: a subscriber's lag. */
export async function eventsAfter(db: SqlQueryable, position: LogPosition | undefined): Promise<number> {
  const rows = await db.query<{ behind: string }>(
    `SELECT count(*) AS behind FROM pj_events
      WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
    [String(position?.commit ?? 0n), String(position?.prepare ?? 0n)],
  );
  return Number(rows[0].behind);
}
