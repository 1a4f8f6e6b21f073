import { Query } from '@nestjs/cqrs';
import type { QueryDefinition } from '@temporalio/client';
import type { WorkflowTarget } from './workflow-update.command';

/** A workflow's own view of where it stands (current step, next deadline). */
export class WorkflowStatusQuery<T = unknown> extends Query<T> {
  constructor(
    readonly target: WorkflowTarget,
    readonly query: QueryDefinition<T>,
  ) {
    super();
  }
}
