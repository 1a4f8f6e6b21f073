import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { handleCommand, readState } from '@pj/application';
import { WORKFLOW_ROLE, type RiskScreeningInput, type RiskScreeningResult } from '@pj/contracts';
import { procurementCase, procurementCaseStreamId, screenRisk, type RecordRiskScreening } from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import { HIGH_RISK_LISTINGS } from './high-risk-listings';

export interface ActivityDependencies {
  readonly store: EventStore;
}

/** The command id of an activity: stable across retries, so a retried activity appends nothing twice. */
export function activityCommandId(): string {
  const { activityId } = Context.current().info;
  return `${callingWorkflowId()}/${activityId}`;
}

/** The workflow that scheduled the current activity: it is the actor of the activity's commands. */
export function callingWorkflowId(): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw ApplicationFailure.nonRetryable('this activity must be called from a workflow', 'NoWorkflow');
  return execution.workflowId;
}

export function createRiskScreeningActivities({ store }: ActivityDependencies) {
  return {
    async screenCaseRisk(input: RiskScreeningInput): Promise<RiskScreeningResult> {
      const streamId = procurementCaseStreamId(input.caseId);
      const { state } = await readState(store, procurementCase, streamId);
      if (state.status === 'not_opened')
        throw ApplicationFailure.nonRetryable(`case ${input.caseId} does not exist`, 'CaseNotFound');
      if (state.riskLevel) return { riskLevel: state.riskLevel };

      const { riskLevel, reasons } = screenRisk(state.productCategory, state.countriesOfProduction, HIGH_RISK_LISTINGS);
      const command: RecordRiskScreening = {
        type: 'RecordRiskScreening',
        data: { caseId: input.caseId, riskLevel, reasons },
        metadata: {
          commandId: activityCommandId(),
          now: new Date().toISOString(),
          actor: { id: callingWorkflowId(), role: WORKFLOW_ROLE },
          organisationId: input.organisationId,
        },
      };
      await handleCommand(store, procurementCase, streamId, command, {
        correlationId: input.correlationId,
        causationId: input.causationEventId,
      });
      return { riskLevel };
    },
  };
}

export type RiskScreeningActivities = ReturnType<typeof createRiskScreeningActivities>;
