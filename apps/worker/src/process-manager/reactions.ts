import { riskScreeningWorkflowId, type RiskScreeningInput } from '@pj/contracts';
import type { RecordedEvent } from '@pj/event-store';

/** A workflow an event asks for. The id is a business id: asking twice starts it once. */
export interface WorkflowStart {
  readonly kind: 'start';
  readonly workflowType: string;
  readonly workflowId: string;
  readonly args: readonly unknown[];
}

/** News for a running workflow (a complaint for the standstill, say). Ignored if it has finished. */
export interface WorkflowSignal {
  readonly kind: 'signal';
  readonly workflowId: string;
  readonly signal: string;
  readonly args: readonly unknown[];
}

export type WorkflowAction = WorkflowStart | WorkflowSignal;

export type Reaction = (event: RecordedEvent) => WorkflowAction | readonly WorkflowAction[] | undefined;

/** What started a workflow: the organisation it acts for, and the event as causation. */
export const trigger = (event: RecordedEvent) => ({
  organisationId: event.metadata.organisationId,
  causationEventId: event.metadata.eventId,
  correlationId: event.metadata.correlationId,
});

/** Which event starts which workflow: the single place to look from an event's name. */
export const reactions: Readonly<Record<string, Reaction>> = {
  CaseOpened: (event) => {
    const { caseId } = event.data as { caseId: string };
    const input: RiskScreeningInput = { caseId, ...trigger(event) };
    return {
      kind: 'start',
      workflowType: 'riskScreeningWorkflow',
      workflowId: riskScreeningWorkflowId(caseId),
      args: [input],
    };
  },
};
