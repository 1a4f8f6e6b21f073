import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

/** The workflow that scheduled the current activity: it is the actor of the activity's commands. */
export function callingWorkflowId(): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw ApplicationFailure.nonRetryable('this activity must be called from a workflow', 'NoWorkflow');
  return execution.workflowId;
}

/** The command id of an activity: stable across retries, so a retried activity appends nothing twice. */
export function activityCommandId(): string {
  return `${callingWorkflowId()}/${Context.current().info.activityId}`;
}

/**
 * One log line per decision an activity recorded, what it led to; it carries the workflow's
 * correlation id (apps/worker/src/correlation.ts), so a request's line leads to it.
 */
export function logDecision(
  command: string,
  result: {
    readonly streamId: string;
    readonly events: readonly { readonly type: string }[];
    readonly replayed: boolean;
  },
): void {
  log.info('decision recorded', {
    command,
    streamId: result.streamId,
    events: result.events.map((event) => event.type),
    replayed: result.replayed,
  });
}
