import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { refusalOf } from '@pj/contracts';
import { DomainError, KnownError, type ErrorKind } from '@pj/domain';
import { isTemporalUnreachable } from '../commands/temporal-client';

/** The workflow to ask has not started yet or has finished. */
export class WorkflowNotRunningError extends KnownError {
  readonly kind: ErrorKind = 'not_found';
  constructor(workflowId: string) {
    super('workflow.not_running', 'no running workflow for this; it may not have started yet or has finished', {
      workflowId,
    });
  }
}

/** The workflow's update validator refused the update in the workflow's present state. */
export class WorkflowRefusedError extends KnownError {
  readonly kind: ErrorKind = 'rule';
  override readonly title = 'The workflow refused this now';
  constructor(message: string) {
    super('workflow.update_rejected', message);
  }
}

/** Temporal did not answer in time or cannot be reached: nothing is known to have happened. */
export class TemporalUnavailableError extends KnownError {
  readonly kind: ErrorKind = 'unavailable';
  override readonly publicMessage = 'the workflow engine did not answer in time; retry later';
  constructor(override readonly cause: unknown) {
    super(
      'temporal_unavailable',
      `Temporal is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        dependency: 'temporal',
      },
    );
  }
}

/**
 * The API's side of the Temporal boundary: what a failed call to a workflow means, in the one
 * error hierarchy. A command the domain refused inside the workflow is a broken rule (422), whatever
 * refused it, as the workflow answered it; anything unknown is returned as it is (a fault).
 */
export function workflowCallError(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowNotFoundError) return new WorkflowNotRunningError(workflowId);
  if (error instanceof WorkflowUpdateFailedError) {
    const refusal = refusalOf(error);
    if (refusal) return new DomainError(refusal.code, refusal.message, refusal.details);
    return new WorkflowRefusedError(error.cause instanceof Error ? error.cause.message : error.message);
  }
  if (isTemporalUnreachable(error)) return new TemporalUnavailableError(error);
  return error;
}
