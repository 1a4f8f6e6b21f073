import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Client } from '@temporalio/client';
import { readAccessibleStream } from '@pj/application';
import { recordedPositionQuery } from '@pj/contracts';
import type { EventStore } from '@pj/event-store';
import { workflowCallError } from '../errors/workflow-errors';
import { EVENT_STORE, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { requireTemporal, TEMPORAL_DEADLINE_MS, withTemporalDeadline } from './temporal-client';
import { WorkflowUpdateCommand, type WorkflowUpdateAccepted } from './workflow-update.command';

/**
 * Sends an update to a workflow after the same access rule as a command: another organisation's
 * finding or grievance answers 404 before Temporal is asked anything.
 */
@CommandHandler(WorkflowUpdateCommand)
export class WorkflowUpdateHandler implements ICommandHandler<WorkflowUpdateCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly client?: Client,
  ) {}

  async execute({ target, update, payload, updateId }: WorkflowUpdateCommand): Promise<WorkflowUpdateAccepted> {
    await readAccessibleStream(this.store, target.aggregate, target.aggregateId, target.access);
    const client = requireTemporal(this.client);
    const workflow = client.workflow.getHandle(target.workflowId);
    const result = await withTemporalDeadline(client, TEMPORAL_DEADLINE_MS.update, () =>
      workflow.executeUpdate(update, { args: [payload], updateId }),
    ).catch((error: unknown) => {
      throw workflowCallError(error, target.workflowId);
    });
    // The update is done whatever this says: without an answer, the caller just has no position to wait for.
    const position = await withTemporalDeadline(client, TEMPORAL_DEADLINE_MS.query, () =>
      workflow.query(recordedPositionQuery, updateId),
    ).catch(() => undefined);
    return {
      workflowId: target.workflowId,
      update: update.name,
      updateId,
      ...(result !== undefined ? { result } : {}),
      ...(position ? { position } : {}),
    };
  }
}
