import { ApplicationFailure } from '@temporalio/common';
import { handleCommand, readState } from '@pj/application';
import {
  WORKFLOW_ROLE,
  type RiskScreeningActivities,
  type RiskScreeningInput,
  type RiskScreeningResult,
} from '@pj/contracts';
import { procurementCase, procurementCaseStreamId, screenRisk, type RecordRiskScreening } from '@pj/domain';
import type { ActivityDependencies } from './domain-command.activities';
import { activityCommandId, callingWorkflowId, logDecision } from './activity-context';
import { HIGH_RISK_LISTINGS } from './high-risk-listings';
import { calendarFor } from './buyer-settings.activities';

export function createRiskScreeningActivities(dependencies: ActivityDependencies): RiskScreeningActivities {
  const { store } = dependencies;
  return {
    async screenCaseRisk(input: RiskScreeningInput): Promise<RiskScreeningResult> {
      const streamId = procurementCaseStreamId(input.organisationId, input.caseId);
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
          calendar: calendarFor(dependencies, input.organisationId),
        },
      };
      const result = await handleCommand(store, procurementCase, streamId, command, {
        correlationId: input.correlationId,
        causationId: input.causationEventId,
      });
      logDecision(command.type, result);
      return { riskLevel };
    },
  };
}
