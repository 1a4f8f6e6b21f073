import { Context } from '@temporalio/activity';
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
