import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  EventData,
  JSONType,
  ReadRevision,
  ResolvedEvent,
  StreamingRead,
} from '@eventstore/db-client';
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
import { START_OF_LOG, comparePositions } from '../event-store';
import { chainBatch, chainFieldsOf } from '../hash-chain';
import { pollingSubscription } from '../polling-subscription';
import { validateAppend, validatePageSize, validateReadStream } from '../validate';

/*
 * The event store on EventStoreDB / KurrentDB (gRPC client 6.x, server 22.10 or newer).
 *
 * Mapping:
 * - streams are ESDB streams; events are JSON events whose ESDB event id is our metadata.eventId
 *   and whose ESDB (custom) metadata is our EventMetadata, as JSON;
 * - our LogPosition {commit, prepare} is ESDB's $all Position;
 * - the global log is $all without system events (event types or streams starting with "$") and
 *   without events whose metadata is not ours (written by other tools into the same database).
 *
 * Requires a server that returns positions on stream reads (22.6+; the client documents
 * `RecordedEvent.position` as "only returned on server versions later than 22.6.0"). On an older
 * server stream reads fall back to the commit position alone.
 *
 * Idempotency (the design's "a retried command appends nothing twice") and ESDB's limits:
 * ESDB deduplicates a retried append by event id only in part: with an exact expected revision
 * (or no_stream) it recognises the same ids at the revisions that follow the expected one, but
 * with `any` it only consults an in-memory cache of recent ids (best effort, lost on restart),
 * and an append at the stream's current revision that reuses old ids is simply written again.
 * A command handler that reloads the stream after a lost reply and retries at the new revision
 * would therefore duplicate events. So before every append this adapter reads the stream's most
 * recent events (the idempotency window, 500 by default, at least the batch size) and applies the
 * SQL adapter's rule: every id present at consecutive revisions in batch order is a retry and
 * returns the first result; only some present is an IdempotencyConflictError; none present
 * appends. Limits, which the SQL adapter does not have:
 * - ids older than the window are not seen by the check; ESDB's own check still catches an exact
 *   retry of such a batch that carries its original expected revision;
 * - ESDB has no index by event id, so reuse of an id in *another* stream is not detected;
 * - the check and the append are two calls: two writers racing with *different* batches that share
 *   ids can both pass the check. Identical retries racing each other are still safe, because ESDB
 *   deduplicates the second at the first's revisions and the result is then read back.
 */

const DEFAULT_IDEMPOTENCY_WINDOW = 500;
/** `any` / `stream_exists` appends re-read the head and try again after losing a race this many times. */
const MAX_CHAIN_ATTEMPTS = 100;
/** Smallest and largest number of raw $all events asked for in one read while filling a page. */
const MIN_RAW_READ = 256;
const RAW_READ_CAP = 4096;

export interface EventStoreDbOptions {
  /** How many of a stream's most recent events the idempotency check reads before each append. */
  readonly idempotencyWindow?: number;
}

/** A stored event reduced to what the idempotency check and the append result need. */
interface StoredEvent {
  readonly id: string;
  readonly revision: number;
  readonly position: LogPosition;
}

interface ScanResult {
  readonly events: RecordedEvent[];
  /** Position of the last raw $all event looked at (ours or not); undefined when none was read. */
  readonly scanned: LogPosition | undefined;
  readonly isEnd: boolean;
}

/** Where an append (or the first append of a retried batch) left the stream. */
type Settled = Pick<AppendResult, 'nextExpectedRevision' | 'position' | 'alreadyRecorded'>;

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly idempotencyWindow: number,
  ) {}

  /** Connects with an `esdb://` / `kurrentdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const window = options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW;
    validatePageSize(window, 'idempotencyWindow');
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      // gRPC connects lazily: one small read turns a wrong address, TLS setting or missing
      // permission on $all into a start-up error rather than a failure on the first command.
      await collect(client.readAll({ fromPosition: START, maxCount: 1, direction: FORWARDS }));
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client, window);
  }

  /**
   * The caller's `headHash` is not used: ESDB cannot check it under a lock, so the head is read
   * here. The batch as recorded is read back (ESDB's reply has no per-event positions).
   */
  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, options?.expectedRevision);
    const settled = await this.appendBatch(streamId, events, options.expectedRevision);
    const recorded = await this.readStream(streamId, {
      fromRevision: settled.nextExpectedRevision - events.length + 1,
      maxCount: events.length,
    });
    return { ...settled, events: recorded };
  }

  private async appendBatch(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<Settled> {
    const ids = events.map((event) => event.metadata.eventId.toLowerCase());

    const earlier = await this.findEarlierAppend(streamId, ids);
    if (earlier) return earlier;

    let outcome: { readonly revision: bigint };
    for (let attempt = 1; ; attempt++) {
      // The hash chain is computed from the head the append is then checked against: `any` and
      // `stream_exists` become the exact head revision, retried when another writer moved it.
      const head = await this.chainHead(streamId, expected);
      if (expected === 'stream_exists' && head.base < 0) throw new WrongExpectedRevisionError(streamId, expected, -1);
      const chained = chainBatch(streamId, head.base + 1, head.previousHash, events);
      let actual: number;
      try {
        const result = await this.client.appendToStream(streamId, chained.map(toEventData), {
          expectedRevision: head.base < 0 ? NO_STREAM : BigInt(head.base),
        });
        if (result.success) {
          outcome = { revision: result.nextExpectedRevision };
          break;
        }
        // Only when the connection string sets throwOnAppendFailure=false.
        actual = await this.currentRevision(streamId);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
      }
      // A real conflict, or the same ids appended meanwhile by a concurrent retry (ESDB also reports
      // a batch that matches earlier ids only in part as a wrong expected version). Idempotency is
      // decided first, as the SQL adapter does.
      const raced = await this.findEarlierAppend(streamId, ids);
      if (raced) return raced;
      const retry = (expected === 'any' || expected === 'stream_exists') && attempt < MAX_CHAIN_ATTEMPTS;
      if (!retry) throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const reportedRevision = outcome.revision;

    // The result's position is the last event's position as reads report it, read back rather
    // than taken from the append reply: ESDB's reply position for multi-event and deduplicated
    // appends is not documented to equal the event's $all position, and the contract requires it.
    // Reading back also covers ESDB's own deduplication, whose reported revision is then checked.
    const [last] = await this.readStored(streamId, { fromRevision: reportedRevision, maxCount: 1 });
    if (last && last.id === ids[ids.length - 1])
      return { nextExpectedRevision: last.revision, position: last.position, alreadyRecorded: false };
    const settled = await this.findEarlierAppend(streamId, ids);
    if (settled) return settled;
    throw new Error(
      `EventStoreDB reported an append to stream ${JSON.stringify(streamId)} at revision ${reportedRevision}, ` +
        'but the batch is not found there',
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    validateReadStream(streamId, options);
    const resolved = await this.readResolved(streamId, {
      fromRevision: BigInt(options.fromRevision ?? 0),
      maxCount: options.maxCount,
      direction: FORWARDS,
    });
    const events: RecordedEvent[] = [];
    for (const item of resolved) {
      const recorded = toRecordedEvent(item);
      if (recorded) events.push(recorded);
    }
    return events;
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    validatePageSize(options?.maxCount, 'maxCount');
    const { events, isEnd } = await this.scanAll(options.after, options.maxCount);
    return {
      events,
      lastPosition: events.length > 0 ? events[events.length - 1].position : options.after,
      isEnd,
    };
  }

  /*
   * Subscription: our pollingSubscription over readAll, woken by a native ESDB subscription.
   *
   * ESDB's native subscribeToAll was considered and not used to deliver events, because:
   * - "caught up" is a message only newer servers send (the client just relays it); on older
   *   servers onCaughtUp would never be called, and the client emits it from its Transform while earlier events may still sit in the
   *   readable buffer, so it can arrive before those events were handled;
   * - a native subscription is dropped on a connection loss, a leader election or a slow consumer
   *   and must then be re-opened from the last handled position by hand, which is what the polling
   *   loop does on every page anyway;
   * - delivering through readAll keeps one code path (exclusive `after`, system and foreign events
   *   skipped) for pages and subscriptions, and that path is what the contract suite checks.
   * The native subscription (from the end, system events filtered on the server) is used only as a
   * wake-up signal, so live events arrive without waiting for the idle poll; if it fails, the poll
   * (250 ms) carries on alone. Reads are ordered by $all position, which has no late-commit gaps.
   */
  subscribeToAll(options: SubscribeOptions): Subscription {
    let resume: { after: LogPosition | undefined; scanned: LogPosition } | undefined;
    const subscription = pollingSubscription(
      {
        readAll: async ({ after, maxCount }) => {
          // Skip what the previous read already scanned past (system events do not move the
          // subscriber's checkpoint, which is the position of the last event it handled).
          const from = resume && samePosition(resume.after, after) ? resume.scanned : after;
          const page = await this.scanAll(from, maxCount);
          const lastPosition = page.events.length > 0 ? page.events[page.events.length - 1].position : after;
          // Everything up to `from` was scanned before, so keep it when this read found nothing new.
          const reached = page.scanned ?? from;
          resume = reached ? { after: lastPosition, scanned: reached } : undefined;
          return { events: page.events, lastPosition, isEnd: page.isEnd };
        },
        watch: async (wake) => this.watchAll(wake),
      },
      options,
    );
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /**
   * Reads $all forwards strictly after `after`, keeping only our events, until `maxCount` of them
   * or the end of the log. ESDB's `fromPosition` is inclusive, so the event at `after` is skipped.
   */
  private async scanAll(after: LogPosition | undefined, maxCount: number): Promise<ScanResult> {
    validatePageSize(maxCount, 'maxCount');
    const events: RecordedEvent[] = [];
    // START_OF_LOG is before every ESDB event: read from the start, skipping nothing.
    let cursor = after && comparePositions(after, START_OF_LOG) > 0 ? after : undefined;
    let scanned: LogPosition | undefined;
    for (;;) {
      // Read in batches of a useful size even for small pages: system events ($stats every 30 s)
      // can lie between ours, and one round trip per event would crawl through them.
      const want = Math.min(Math.max(maxCount - events.length, MIN_RAW_READ), RAW_READ_CAP) + (cursor ? 1 : 0);
      const raw = await collect(
        this.client.readAll({ fromPosition: cursor ?? START, maxCount: want, direction: FORWARDS }),
      );
      for (const resolved of raw) {
        const position = positionOf(resolved);
        if (!position || (cursor && comparePositions(position, cursor) <= 0)) continue;
        const event = toOwnRecordedEvent(resolved);
        if (event) {
          // One more of ours than the page holds: the page is full and is not the end.
          if (events.length === maxCount) return { events, scanned, isEnd: false };
          events.push(event);
        }
        cursor = position;
        scanned = position;
      }
      if (raw.length < want) return { events, scanned, isEnd: true };
    }
  }

  /** A native live subscription used only to wake the polling loop when something is appended. */
  private async watchAll(wake: () => void): Promise<() => Promise<void>> {
    const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    live.on('data', () => wake());
    // Losing the wake-up signal only costs latency: the idle poll still reads every 250 ms.
    live.on('error', () => undefined);
    return async () => {
      await live.unsubscribe().catch(() => undefined);
    };
  }

  /**
   * Looks for an earlier append of any of `ids` among the stream's most recent events.
   * Returns that append's result for a retried batch, undefined when none of the ids is there,
   * and throws IdempotencyConflictError when only some are, or not as one batch in order.
   */
  private async findEarlierAppend(streamId: string, ids: readonly string[]): Promise<Settled | undefined> {
    const window = Math.max(this.idempotencyWindow, ids.length);
    const recent = await this.readStored(streamId, { fromRevision: END, maxCount: window, direction: BACKWARDS });
    const order = new Map(ids.map((id, index) => [id, index]));
    let found = firstOccurrences(recent, order);
    if (found.size === 0) return undefined;

    if (found.size < ids.length) {
      // The window may have cut an older batch in two: if what was found fits one placement of
      // the batch that starts before the window, read the revisions that batch would occupy.
      const bases = new Set([...found].map(([id, event]) => event.revision - order.get(id)!));
      const lowestRead = Math.min(...recent.map((event) => event.revision));
      const [base] = bases;
      if (bases.size === 1 && base >= 0 && base < lowestRead) {
        const range = await this.readStored(streamId, { fromRevision: BigInt(base), maxCount: ids.length });
        found = firstOccurrences(range, order);
      }
    }

    const placements = new Set([...found].map(([id, event]) => event.revision - order.get(id)!));
    if (found.size === ids.length && placements.size === 1) {
      const last = found.get(ids[ids.length - 1])!;
      return { nextExpectedRevision: last.revision, position: last.position, alreadyRecorded: true };
    }
    throw new IdempotencyConflictError(streamId, ids);
  }

  /** The revision to append at (-1: no stream) and the hash of the event there, to chain from. */
  private async chainHead(
    streamId: string,
    expected: ExpectedRevision,
  ): Promise<{ base: number; previousHash: string | null }> {
    if (expected === 'no_stream') return { base: -1, previousHash: null };
    const [head] = await this.readResolved(
      streamId,
      typeof expected === 'number'
        ? { fromRevision: BigInt(expected), maxCount: 1, direction: FORWARDS }
        : { fromRevision: END, maxCount: 1, direction: BACKWARDS },
    );
    const event = head?.event;
    if (typeof expected === 'number')
      return {
        base: expected,
        previousHash:
          event && Number(event.revision) === expected ? (chainFieldsOf(event.metadata)?.hash ?? null) : null,
      };
    if (!event) return { base: -1, previousHash: null };
    return { base: Number(event.revision), previousHash: chainFieldsOf(event.metadata)?.hash ?? null };
  }

  private async currentRevision(streamId: string): Promise<number> {
    const [last] = await this.readStored(streamId, { fromRevision: END, maxCount: 1, direction: BACKWARDS });
    return last ? last.revision : -1;
  }

  private async readStored(
    streamId: string,
    options: { fromRevision: ReadRevision; maxCount: number; direction?: typeof FORWARDS | typeof BACKWARDS },
  ): Promise<StoredEvent[]> {
    const resolved = await this.readResolved(streamId, { direction: FORWARDS, ...options });
    const stored: StoredEvent[] = [];
    for (const item of resolved) {
      const event = item.event;
      const position = positionOf(item);
      if (event && position) stored.push({ id: event.id.toLowerCase(), revision: Number(event.revision), position });
    }
    return stored;
  }

  private async readResolved(
    streamId: string,
    options: { fromRevision: ReadRevision; maxCount?: number; direction: typeof FORWARDS | typeof BACKWARDS },
  ): Promise<ResolvedEvent[]> {
    try {
      return await collect(
        this.client.readStream(streamId, {
          fromRevision: options.fromRevision,
          direction: options.direction,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
      );
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }
}

function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.metadata.eventId,
    type: event.type,
    // A cast at the client's boundary: validateAppend has checked the data is plain JSON, and the
    // client serialises any JSON value, though its type leaves out a top-level number, boolean or null.
    data: event.data as JSONType,
    metadata: { ...event.metadata },
  });
}

/** $all position of a read event: the recorded position, else (servers before 22.6) the commit position alone. */
function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): LogPosition | undefined {
  const position = resolved.event?.position;
  if (position) return { commit: position.commit, prepare: position.prepare };
  if (resolved.commitPosition !== undefined)
    return { commit: resolved.commitPosition, prepare: resolved.commitPosition };
  return undefined;
}

function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  const position = positionOf(resolved);
  if (!event || !position) return undefined;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
  };
}

/** An event of the global log, or undefined for system events and events this store did not write. */
function toOwnRecordedEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  if (!isOurMetadata(event.metadata)) return undefined;
  return toRecordedEvent(resolved);
}

function isOurMetadata(metadata: unknown): metadata is EventMetadata {
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array) return false;
  const candidate = metadata as Partial<Record<keyof EventMetadata, unknown>>;
  return (
    typeof candidate.eventId === 'string' &&
    typeof candidate.commandId === 'string' &&
    typeof candidate.correlationId === 'string' &&
    typeof candidate.causationId === 'string' &&
    typeof candidate.organisationId === 'string' &&
    typeof candidate.recordedAt === 'string' &&
    typeof candidate.schemaVersion === 'number' &&
    typeof candidate.actor === 'object' &&
    candidate.actor !== null
  );
}

/** Each id's first (lowest-revision) occurrence; reads may come backwards or forwards. */
function firstOccurrences(
  events: readonly StoredEvent[],
  order: ReadonlyMap<string, number>,
): Map<string, StoredEvent> {
  const found = new Map<string, StoredEvent>();
  for (const event of events) {
    if (!order.has(event.id)) continue;
    const seen = found.get(event.id);
    if (!seen || event.revision < seen.revision) found.set(event.id, event);
  }
  return found;
}

function samePosition(a: LogPosition | undefined, b: LogPosition | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return comparePositions(a, b) === 0;
}

async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error as { type?: unknown } | null)?.type === 'stream-not-found';
}

function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof WrongExpectedVersionError ||
    (error as { type?: unknown } | null)?.type === 'wrong-expected-version'
  );
}
