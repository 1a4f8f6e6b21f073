/**
 * What went wrong, for the caller: the one thing the API (a status), the Temporal boundary
 * (retry or not) and the logs go by. A fault of the server itself has no kind: it is not a KnownError.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'rule'
  | 'unavailable'
  /** A body larger than the server takes (413). */
  | 'too_large'
  /** Content withdrawn for good, its record kept (410): a redacted document. */
  | 'gone';

/** Base of every error raised on purpose, in every layer: its kind, and a stable code. */
export abstract class KnownError extends Error {
  abstract readonly kind: ErrorKind;
  /** What a caller is told when the message is for the logs (e.g. a driver's own error text). */
  readonly publicMessage?: string;
  /** A title more telling than its kind's, for the caller. */
  readonly title?: string;

  constructor(
    /** Stable, machine-readable code, e.g. `standstill.not_ended`. */
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function isKnownError(value: unknown): value is KnownError {
  return value instanceof KnownError;
}

/**
 * A broken business rule. Deciders return it (they never throw); the application layer raises it
 * and the API maps it to 422 with its `code`.
 */
export class DomainError extends KnownError {
  readonly kind: ErrorKind = 'rule';
}
