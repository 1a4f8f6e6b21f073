import type { ExpectedRevision } from './event-store';

/** Base of every error the event store raises on purpose. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Optimistic concurrency: the stream is not at the revision the writer decided on. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong_expected_revision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(
      `stream ${JSON.stringify(streamId)} is at revision ${actual < 0 ? 'none (no stream)' : actual}, ` +
        `expected ${typeof expected === 'number' ? expected : expected.replace('_', ' ')}`,
    );
  }
}

/** The append or read was malformed; nothing was written. */
export class InvalidEventStoreInputError extends EventStoreError {
  readonly code = 'invalid_input';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * Some of the event ids were appended before, but not as this exact batch of this stream:
 * a retry must resend the same events, or new ids must be minted.
 */
export class IdempotencyConflictError extends EventStoreError {
  readonly code = 'idempotency_conflict';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `event ids ${eventIds.join(', ')} were already appended, but not as this batch of stream ${JSON.stringify(streamId)}`,
    );
  }
}

/**
 * The database could not be reached or dropped the connection (server restart, terminated
 * backend, refused connection). Nothing is known to have been written; the caller may retry with
 * the same command id, which the store's idempotency makes safe.
 */
/** Committed events stayed held back behind a transaction that did not end in time (see `readLogToNow`). */
export class LogNotSettledError extends EventStoreError {
  readonly code = 'log_not_settled';
  constructor(readonly waitedMs: number) {
    super(
      `events are held back behind a database transaction that has been open for more than ${waitedMs} ms; ` +
        'end it (pg_stat_activity shows it) and read again',
    );
  }
}

export class StoreUnavailableError extends EventStoreError {
  readonly code = 'store_unavailable';
  constructor(override readonly cause: unknown) {
    super(`the event store's database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
