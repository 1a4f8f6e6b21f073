/**
 * A broken business rule. Deciders return it (they never throw); the application layer raises it
 * and the API maps it to 422 with its `code`.
 */
export class DomainError extends Error {
  constructor(
    /** Stable, machine-readable rule code, e.g. `standstill.not_ended`. */
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
