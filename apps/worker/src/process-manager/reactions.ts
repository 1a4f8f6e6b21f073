import { riskScreeningWorkflowId, type RiskScreeningInput } from '@pj/contracts';
import type { RecordedEvent } from '@pj/event-store';

/** A workflow an event asks for. The id is a business id: asking twice starts it once. */
export interface WorkflowStart {
  readonly workflowType: string;
  readonly workflowId: string;
  readonly args: readonly unknown[];
}

export type Reaction = (event: RecordedEvent) => WorkflowStart | undefined;

const trigger = (event: RecordedEvent) => ({
  organisationId: event.metadata.organisationId,
  causationEventId: event.metadata.eventId,
  correlationId: event.metadata.correlationId,
});

/** Which event starts which workflow: the single place to look from an event's name. */
export const reactions: Readonly<Record<string, Reaction>> = {
  CaseOpened: (event) => {
    const { caseId } = event.data as { caseId: string };
    const input: RiskScreeningInput = { caseId, ...trigger(event) };
    return { workflowType: 'riskScreeningWorkflow', workflowId: riskScreeningWorkflowId(caseId), args: [input] };
  },
};
