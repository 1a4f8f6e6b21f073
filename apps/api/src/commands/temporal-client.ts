import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { DependencyUnavailableError } from '../errors/request-errors';

/**
 * How long the API waits for Temporal before answering 503: without a deadline the client retries
 * an unreachable server for about 20 s. An update waits for the workflow to finish handling it, so
 * it gets longer; a retry with the same Idempotency-Key picks up the same update.
 */
export const TEMPORAL_DEADLINE_MS = { health: 2_000, query: 5_000, update: 10_000 } as const;

/** The injected client, or 503 when this API runs without Temporal. */
export function requireTemporal(client: Client | undefined): Client {
  if (!client)
    throw new DependencyUnavailableError(
      'temporal',
      'temporal_not_configured',
      'workflows are not available: this API runs without Temporal',
    );
  return client;
}

/** Runs `call` against Temporal, giving up after `ms` (the call then fails with DEADLINE_EXCEEDED). */
export function withTemporalDeadline<T>(client: Client, ms: number, call: () => Promise<T>): Promise<T> {
  return client.withDeadline(Date.now() + ms, call);
}

/** gRPC status codes DEADLINE_EXCEEDED (4) and UNAVAILABLE (14). */
const UNREACHABLE = new Set<number>([4, 14]);

/** True when `error` (or one of its causes) says Temporal did not answer in time or is not reachable. */
export function isTemporalUnreachable(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(cause) && UNREACHABLE.has(cause.code)) return true;
  }
  return false;
}
