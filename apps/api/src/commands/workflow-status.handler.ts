import { Inject, Optional } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Client } from '@temporalio/client';
import { readAccessibleStream } from '@pj/application';
import type { EventStore } from '@pj/event-store';
import { workflowCallError } from '../errors/workflow-errors';
import { EVENT_STORE, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { requireTemporal, TEMPORAL_DEADLINE_MS, withTemporalDeadline } from './temporal-client';
import { WorkflowStatusQuery } from './workflow-status.query';

@QueryHandler(WorkflowStatusQuery)
export class WorkflowStatusHandler implements IQueryHandler<WorkflowStatusQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly client?: Client,
  ) {}

  async execute({ target, query }: WorkflowStatusQuery): Promise<unknown> {
    await readAccessibleStream(this.store, target.aggregate, target.aggregateId, target.access);
    const client = requireTemporal(this.client);
    return withTemporalDeadline(client, TEMPORAL_DEADLINE_MS.query, () =>
      client.workflow.getHandle(target.workflowId).query(query),
    ).catch((error: unknown) => {
      throw workflowCallError(error, target.workflowId);
    });
  }
}
