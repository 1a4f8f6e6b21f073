import { IdempotencyConflictError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LogPosition,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store';
import { START_OF_LOG } from '../event-store';
import { chainBatch } from '../hash-chain';
import { pollingSubscription } from '../polling-subscription';
import { validateAppend, validatePageSize, validateReadStream } from '../validate';
import { migrate } from './migrate';
import type { SqlDriver } from './sql-driver';

interface EventRow {
  stream_id: string;
  stream_revision?: string | number;
  revision?: string | number;
  transaction_id: string;
  global_position: string | number;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** A row of pj_append_events: one per event when appended or a duplicate, else one for the head. */
interface AppendRow {
  outcome: 'appended' | 'duplicate' | 'wrong_expected_revision' | 'idempotency_conflict';
  revision: string | number;
  head_hash: string | null;
  transaction_id: string | null;
  global_position: string | null;
  event_type: string | null;
  data: unknown;
  metadata: EventMetadata | null;
}

interface HeadRow {
  stream_revision: string | number;
  hash: string | null;
}

/** An expected revision no stream reaches: the append function checks idempotency, then refuses. */
const NEVER_MATCHING_REVISION = Number.MAX_SAFE_INTEGER;
/** `any` / `stream_exists` appends re-read the head and try again after losing a race this many times. */
const MAX_CHAIN_ATTEMPTS = 100;
const SELECT_EVENT = `SELECT stream_id, stream_revision, transaction_id::text AS transaction_id, global_position,
  event_type, data, metadata FROM pj_events`;

/** The event store on PostgreSQL semantics: PGlite in-process or a PostgreSQL server. */
export class SqlEventStore implements EventStore {
  private constructor(readonly driver: SqlDriver) {}

  /** Opens the store on a driver and brings the schema up to date. */
  static async open(driver: SqlDriver): Promise<SqlEventStore> {
    await migrate(driver);
    return new SqlEventStore(driver);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, options?.expectedRevision);
    const expected = options.expectedRevision;
    const ids = events.map((event) => event.metadata.eventId);
    const types = events.map((event) => event.type);
    const data = events.map((event) => JSON.stringify(event.data));
    // The hash chain is computed here, from a head the function then checks under the stream lock
    // (revision and hash): it appends only if the stream is still exactly there (hash-chain.ts).
    let head = await this.chainBase(streamId, expected, options.headHash);
    for (let attempt = 1; ; attempt++) {
      const chained = chainBatch(streamId, head.base + 1, head.previousHash, events);
      const metadata = chained.map((event) => JSON.stringify(event.metadata));
      const rows = await this.appendOnce([streamId, head.base, head.previousHash, ids, types, data, metadata]);
      const outcome = rows[0].outcome;
      switch (outcome) {
        case 'appended': {
          const recorded = rows.map((row, index) => ({
            streamId,
            revision: Number(row.revision),
            position: { commit: BigInt(row.transaction_id!), prepare: BigInt(row.global_position!) },
            type: types[index],
            // As a read would return them: what JSON keeps of the caller's objects.
            data: JSON.parse(data[index]) as unknown,
            metadata: JSON.parse(metadata[index]) as EventMetadata,
          }));
          return appendResultOf(recorded, false);
        }
        case 'duplicate':
          return appendResultOf(
            rows.map((row) => toRecordedEvent({ ...row, stream_id: streamId } as EventRow)),
            true,
          );
        case 'wrong_expected_revision': {
          const actual = Number(rows[0].revision);
          const actualHead = { base: actual, previousHash: rows[0].head_hash };
          // The caller's revision was right but not its head hash: chain from the stored one.
          const sameRevision = typeof expected === 'number' && actual === expected;
          // `any` and `stream_exists` were turned into the exact head: a writer that moved it
          // meanwhile means hashing again from the head the function reported, not a conflict.
          const movedOn = expected === 'any' || (expected === 'stream_exists' && actual >= 0);
          if (!(sameRevision || movedOn) || attempt >= MAX_CHAIN_ATTEMPTS)
            throw new WrongExpectedRevisionError(streamId, expected, actual);
          head = actualHead;
          continue;
        }
        case 'idempotency_conflict':
          throw new IdempotencyConflictError(streamId, ids);
      }
    }
  }

  /**
   * The exact revision to append at and the hash to chain from: the caller's, or the head read
   * here. `stream_exists` on a stream that does not exist is sent as a revision that never
   * matches: the function still answers a retried batch from its idempotency check, and otherwise
   * reports the conflict without writing.
   */
  private async chainBase(
    streamId: string,
    expected: ExpectedRevision,
    headHash: string | null | undefined,
  ): Promise<{ base: number; previousHash: string | null }> {
    if (expected === 'no_stream') return { base: -1, previousHash: null };
    if (typeof expected === 'number' && headHash !== undefined) return { base: expected, previousHash: headHash };
    const rows =
      typeof expected === 'number'
        ? await this.driver.query<HeadRow>(
            `SELECT stream_revision, metadata->>'hash' AS hash FROM pj_events WHERE stream_id = $1 AND stream_revision = $2`,
            [streamId, expected],
          )
        : await this.driver.query<HeadRow>(
            `SELECT stream_revision, metadata->>'hash' AS hash FROM pj_events WHERE stream_id = $1
              ORDER BY stream_revision DESC LIMIT 1`,
            [streamId],
          );
    const head = rows[0];
    if (typeof expected === 'number') return { base: expected, previousHash: head?.hash ?? null };
    if (!head) return { base: expected === 'any' ? -1 : NEVER_MATCHING_REVISION, previousHash: null };
    return { base: Number(head.stream_revision), previousHash: head.hash ?? null };
  }

  private async appendOnce(params: unknown[]): Promise<AppendRow[]> {
    const call = () =>
      this.driver.query<AppendRow>(
        'SELECT * FROM pj_append_events($1, $2, $3, $4::uuid[], $5::text[], $6::text[], $7::text[])',
        params,
      );
    try {
      return await call();
    } catch (error) {
      // A concurrent retry of the same batch into another stream (or a stream created at the same
      // instant) surfaces as a unique violation; asking again returns the settled outcome.
      if ((error as { code?: string }).code === '23505') return await call();
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    validateReadStream(streamId, options);
    const rows = await this.driver.query<EventRow>(
      `${SELECT_EVENT} WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3`,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    validatePageSize(options?.maxCount, 'maxCount');
    const after = options.after ?? START_OF_LOG;
    // Only transactions older than the oldest one still running are visible: one that commits
    // late cannot appear behind a position a reader already passed. Columns are qualified because
    // the select list renames transaction_id to its text form: ordering by the alias would sort
    // ids as text ("1000" < "999") and skip events.
    const rows = await this.driver.query<EventRow>(
      `${SELECT_EVENT}
        WHERE (pj_events.transaction_id, pj_events.global_position) > ($1::text::xid8, $2::bigint)
          AND pj_events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY pj_events.transaction_id, pj_events.global_position
        LIMIT $3`,
      [after.commit.toString(), after.prepare.toString(), options.maxCount],
    );
    const events = rows.map(toRecordedEvent);
    const lastPosition = events.length > 0 ? events[events.length - 1].position : options.after;
    const isEnd = events.length < options.maxCount;
    if (!isEnd || !options.reportHeldBack) return { events, lastPosition, isEnd };
    return { events, lastPosition, isEnd, heldBack: await this.heldBackAfter(lastPosition) };
  }

  /** Whether committed events lie past `after` that the visibility rule of `readAll` holds back. */
  private async heldBackAfter(after: LogPosition = START_OF_LOG): Promise<boolean> {
    const [row] = await this.driver.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pj_events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
      [after.commit.toString(), after.prepare.toString()],
    );
    return row?.held === true;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return pollingSubscription(
      {
        readAll: (page) => this.readAll(page),
        watch: (wake) => this.driver.listen('pj_events', wake),
      },
      options,
    );
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function appendResultOf(events: readonly RecordedEvent[], alreadyRecorded: boolean): AppendResult {
  const last = events[events.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position, events, alreadyRecorded };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const position: LogPosition = { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) };
  return {
    streamId: row.stream_id,
    revision: Number(row.stream_revision ?? row.revision),
    position,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
  };
}
