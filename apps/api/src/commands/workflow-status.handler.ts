import { Inject, Optional } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { readAccessibleStream } from '@pj/application';
import type { EventStore } from '@pj/event-store';
import { workflowCallError } from '../errors/workflow-errors';
import { EVENT_STORE, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { LogFollowers } from '../read-models/log-position';
import { requireTemporal, TEMPORAL_DEADLINE_MS, withTemporalDeadline } from './temporal-client';
import { WorkflowStatusQuery } from './workflow-status.query';

/** The answer for a workflow the process manager has not started yet. */
export interface WorkflowStarting {
  readonly status: 'starting';
  readonly workflowId: string;
}

@QueryHandler(WorkflowStatusQuery)
export class WorkflowStatusHandler implements IQueryHandler<WorkflowStatusQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly followers: LogFollowers,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly client?: Client,
  ) {}

  async execute({ target, query }: WorkflowStatusQuery): Promise<unknown> {
    const history = await readAccessibleStream(this.store, target.aggregate, target.aggregateId, target.access);
    const client = requireTemporal(this.client);
    try {
      return await withTemporalDeadline(client, TEMPORAL_DEADLINE_MS.query, () =>
        client.workflow.getHandle(target.workflowId).query(query),
      );
    } catch (error) {
      // Workflows start from an event of the thing's own stream: while the process manager has not
      // passed its last event, the workflow may still come (a 404 would tell the caller it never will).
      const last = history.at(-1);
      if (
        error instanceof WorkflowNotFoundError &&
        last &&
        !(await this.followers.processManagerHasPassed(last.position))
      )
        return { status: 'starting', workflowId: target.workflowId } satisfies WorkflowStarting;
      throw workflowCallError(error, target.workflowId);
    }
  }
}
