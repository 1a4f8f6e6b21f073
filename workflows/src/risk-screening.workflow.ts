import { proxyActivities } from '@temporalio/workflow';
import type { RiskScreeningActivities, RiskScreeningInput, RiskScreeningResult } from '@pj/contracts';

const { screenCaseRisk } = proxyActivities<RiskScreeningActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Policy phase: screens a newly opened case against the high-risk lists. Started by the process
 * manager on CaseOpened; the activity records the result through the command path.
 */
export async function riskScreeningWorkflow(input: RiskScreeningInput): Promise<RiskScreeningResult> {
  return screenCaseRisk(input);
}
