/**
 * The event-store port. Everything outside libs/event-store depends on this interface only;
 * the SQL adapter (PGlite and PostgreSQL) and the EventStoreDB adapter implement it and pass
 * the same contract suite (contract/event-store.contract.ts).
 */

/** Who acted: a person in a role, or a workflow acting on the buyer's behalf. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** Metadata every stored event carries. Time and ids come from the command, never from the store. */
export interface EventMetadata {
  readonly eventId: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly organisationId: string;
  /** ISO-8601 instant the command was decided at. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** SHA-256 of the HTTP request (method, path, body) the command id was given for; see handle-command.ts. */
  readonly requestFingerprint?: string;
  /**
   * Tamper evidence (hash-chain.ts, docs/audit.md): set by the store at append time on every
   * event it returns; anything a caller sends here is replaced.
   */
  readonly hash?: string;
  /** The hash of the event before this one in its stream; null at revision 0. Set by the store. */
  readonly previousHash?: string | null;
}

export interface EventToAppend<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/**
 * A place in the global log. `commit` orders transactions (PostgreSQL transaction id, ESDB commit
 * position) and `prepare` orders events inside one (global sequence, ESDB prepare position).
 * Compare with {@link comparePositions}; serialise with {@link formatPosition}.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly streamId: string;
  /** 0-based position of the event in its stream. */
  readonly revision: number;
  readonly position: LogPosition;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/**
 * `no_stream`: the stream must not exist yet; `stream_exists`: it must; `any`: no check;
 * a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Position of the last appended event in the global log. */
  readonly position: LogPosition;
  /**
   * The batch as recorded (revisions, positions, chain fields), as `readStream` would return it; for
   * a retried batch, the events its first append recorded. Callers need no second read.
   */
  readonly events: readonly RecordedEvent[];
  /** True when the batch had been appended before (a retry): `events` are that first append's. */
  readonly alreadyRecorded: boolean;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  /**
   * With a numeric expected revision: the hash of the stream's event at that revision, as the
   * caller read it (null for an event without one), so the store chains from it without reading
   * the head again. The SQL store checks it under the stream lock; a wrong one costs a retry, never
   * a broken chain. Stores that cannot check it read the head themselves.
   */
  readonly headHash?: string | null;
}

export interface ReadStreamOptions {
  /** Inclusive. Defaults to 0. */
  readonly fromRevision?: number;
  /** Defaults to every remaining event. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to the start of the log. */
  readonly after?: LogPosition;
  readonly maxCount: number;
  /** At the end, also say whether events are held back (`heldBack`); costs one more query there. */
  readonly reportHeldBack?: boolean;
}

export interface ReadAllPage {
  readonly events: readonly RecordedEvent[];
  /** Where the next page starts (pass as `after`); unchanged when the page was empty. */
  readonly lastPosition: LogPosition | undefined;
  /** True when this page reached the end of what is visible now. */
  readonly isEnd: boolean;
  /**
   * At the end of what is visible, committed events lie beyond it that wait for an older
   * transaction, still open, to end (they may not be handed out before it, or a late commit would
   * be skipped). A live subscriber is woken when they become visible; a reader that must see
   * everything committed so far (verification, replay) reads again: see `readLogToNow`.
   */
  readonly heldBack?: boolean;
}

export interface SubscribeOptions {
  /** Checkpoint: the position of the last event the subscriber handled. Omit to start at the beginning. */
  readonly after?: LogPosition;
  /** Called once per event, in log order; the next event waits until the returned promise settles. */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  /** Called once when the subscriber has caught up with the log and switches to live. */
  readonly onCaughtUp?: () => void;
  /** Called when the subscription stops because `onEvent` or the store failed. */
  readonly onError?: (error: unknown) => void;
  readonly pageSize?: number;
}

export interface Subscription {
  /** Stops delivering events; resolves when the in-flight event (if any) has been handled. */
  stop(): Promise<void>;
  /** Resolves when the subscription stops, rejects if it failed. */
  readonly done: Promise<void>;
}

export interface EventStore {
  appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<ReadAllPage>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/** Before the first event of every adapter: PostgreSQL transaction ids and ESDB positions are never below it. */
export const START_OF_LOG: LogPosition = { commit: 0n, prepare: 0n };

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `commit/prepare`, decimal: a stable text form for checkpoints and APIs. */
export function formatPosition(position: LogPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): LogPosition {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text);
  if (!match) throw new TypeError(`not a log position: ${JSON.stringify(text)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
