import { KnownError, type ErrorKind } from '@pj/domain';
import type { ExpectedRevision } from './event-store';

/** Base of every error the event store raises on purpose: one kind of the one hierarchy. */
export abstract class EventStoreError extends KnownError {
  abstract override readonly code: string;
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('', message, details);
  }
}

/** Optimistic concurrency: the stream is not at the revision the writer decided on. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly kind: ErrorKind = 'conflict';
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
  readonly kind: ErrorKind = 'invalid';
  readonly code = 'invalid_input';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`, { errors: [{ field, reason }] });
  }
}

/**
 * Some of the event ids were appended before, but not as this exact batch of this stream:
 * a retry must resend the same events, or new ids must be minted.
 */
export class IdempotencyConflictError extends EventStoreError {
  readonly kind: ErrorKind = 'conflict';
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

/** Committed events stayed held back behind a transaction that did not end in time (see `readLogToNow`). */
export class LogNotSettledError extends EventStoreError {
  readonly kind: ErrorKind = 'unavailable';
  readonly code = 'log_not_settled';
  override readonly publicMessage = 'events are held back behind an open database transaction; retry later';
  constructor(readonly waitedMs: number) {
    super(
      `events are held back behind a database transaction that has been open for more than ${waitedMs} ms; ` +
        'end it (pg_stat_activity shows it) and read again',
      { dependency: 'event-store' },
    );
  }
}

/**
 * The database could not be reached or dropped the connection (server restart, terminated
 * backend, refused connection). Nothing is known to have been written; the caller may retry with
 * the same command id, which the store's idempotency makes safe.
 */
export class StoreUnavailableError extends EventStoreError {
  readonly kind: ErrorKind = 'unavailable';
  readonly code = 'store_unavailable';
  override readonly publicMessage = 'the database is unavailable; retry with the same Idempotency-Key';
  constructor(override readonly cause: unknown) {
    super(`the event store's database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      dependency: 'event-store',
    });
  }
}
