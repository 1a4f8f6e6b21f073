import { ApplicationFailure } from '@temporalio/common';
import type { ErrorKind } from '@pj/domain';
import { DOMAIN_RULE_FAILURE } from './domain-command';

// The one mapping between the error hierarchy and Temporal failures, used by the activity (error to
// failure), the workflows and the API (failure back to the refusal).

/**
 * A command refused by the domain or the application, as it crosses Temporal. Its kind stays on
 * this side: it decides that the failure is final, and what comes back is the code the workflow
 * (and, for an update, the API as a broken rule) answers with.
 */
export interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * Kinds that are answers, final for this command: retrying cannot change them. A conflict (the
 * command path already retried) and an unavailable dependency are retried by Temporal instead.
 */
const FINAL: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['invalid', 'not_found', 'forbidden', 'rule']);

export function isFinalRefusal(error: { readonly kind: ErrorKind }): boolean {
  return FINAL.has(error.kind);
}

/**
 * The activity's failure for a refusal: non-retryable, of type DomainRuleViolation, with the code
 * in `details[0]` and the details in `details[1]` (the shape recorded workflow histories hold).
 */
export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    message: refusal.message,
    type: DOMAIN_RULE_FAILURE,
    nonRetryable: true,
    details: [refusal.code, refusal.details],
  });
}

/**
 * The refusal an error carries anywhere in its causes (an ActivityFailure in a workflow, a
 * WorkflowUpdateFailedError in the API); undefined when it is not one.
 */
export function refusalOf(error: unknown): Refusal | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type === DOMAIN_RULE_FAILURE) {
      const [code, details] = (cause.details ?? []) as [unknown, unknown];
      return {
        code: String(code),
        message: cause.message,
        details: details && typeof details === 'object' ? (details as Record<string, unknown>) : {},
      };
    }
  }
  return undefined;
}
