/**
 * What the API, the process manager and the worker agree on about workflows: names, ids and
 * inputs. Workflow ids are business ids, so starting the same workflow twice changes nothing.
 */

/** Who a workflow acts as when it issues commands. */
export const WORKFLOW_ROLE = 'workflow';

/** Trace back from the workflow's commands to the event that started it. */
export interface WorkflowTrigger {
  readonly organisationId: string;
  /** The event that started the workflow: the causation of the workflow's first command. */
  readonly causationEventId: string;
  readonly correlationId: string;
}

export interface RiskScreeningInput extends WorkflowTrigger {
  readonly caseId: string;
}

export interface RiskScreeningResult {
  readonly riskLevel: string;
}

export const riskScreeningWorkflowId = (caseId: string) => `risk-screening:${caseId}`;
