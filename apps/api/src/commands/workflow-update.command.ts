import { Command } from '@nestjs/cqrs';
import type { Access, AggregateName } from '@pj/application';
import type { UpdateDefinition } from '@temporalio/client';

/** Where a workflow lives: the aggregate it belongs to, checked for access before anything is sent. */
export interface WorkflowTarget {
  readonly aggregate: AggregateName;
  readonly aggregateId: string;
  readonly workflowId: string;
  readonly access: Access;
}

export interface WorkflowUpdateAccepted {
  readonly workflowId: string;
  readonly update: string;
  readonly updateId: string;
  readonly result?: unknown;
  /** Log position of the last event the update recorded (see recordedPositionQuery). */
  readonly position?: string;
}

/** A person's decision sent to a running workflow as a validated update (one handler for all). */
export class WorkflowUpdateCommand extends Command<WorkflowUpdateAccepted> {
  constructor(
    readonly target: WorkflowTarget,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly update: UpdateDefinition<any, [any]>,
    readonly payload: object,
    /** From the Idempotency-Key: Temporal returns the first outcome of an update id again. */
    readonly updateId: string,
  ) {
    super();
  }
}
