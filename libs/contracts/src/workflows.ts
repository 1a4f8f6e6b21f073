/**
 * What the API, the process manager and the worker agree on about workflows: names, ids and
 * inputs. Workflow ids are business ids, so starting the same workflow twice changes nothing.
 */

/**
 * A workflow id in the organisation's own namespace, `<kind>:<organisation>/<id>`: ids are chosen by
 * each organisation, so two buyers' case "2026-001" must not share a workflow (nor, since activity
 * command ids begin with the workflow id, collide in the store).
 */
export const scopedWorkflowId = (kind: string, organisationId: string, id: string) =>
  `${kind}:${encodeURIComponent(organisationId)}/${id}`;

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

export const riskScreeningWorkflowId = (organisationId: string, caseId: string) =>
  scopedWorkflowId('risk-screening', organisationId, caseId);
