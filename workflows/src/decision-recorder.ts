import {
  ActivityFailure,
  ApplicationFailure,
  currentUpdateInfo,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActingPerson, DomainCommandRequest, RecordedDecision, WorkflowTrigger } from '@pj/contracts';
import type { Activities } from '../../apps/worker/src/activities';

// What the breach-escalation and grievance-intake workflows share: recording decisions through the
// command path with a causation chain, and the checks their update validators make.

const { executeDomainCommand } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Workflow time: deterministic, and skipped ahead by the test server. */
export const now = () => new Date().toISOString();
export const msUntil = (instant: string) => Math.max(0, Date.parse(instant) - Date.now());
export const isBlank = (text: string | undefined) => text === undefined || text.trim().length === 0;

/** Refuses an update's input (its validator runs before anything is recorded). */
export function reject(message: string): never {
  throw ApplicationFailure.create({ message, type: 'InvalidUpdate', nonRetryable: true });
}

export function requireRole(actor: ActingPerson | undefined, roles: readonly string[]): asserts actor is ActingPerson {
  if (!actor || isBlank(actor.id)) reject('name the person acting');
  if (!roles.includes(actor.role)) reject(`only ${roles.join(' or ')} may do this, not ${actor.role}`);
}

export interface DecisionRecorder {
  /** Records the workflow's own decision (actor: the workflow, command id: workflowId/activityId). */
  record(aggregate: string, aggregateId: string, type: string, data: unknown): Promise<RecordedDecision>;
  /**
   * Records a person's decision taken in an update, under a command id derived from the update id
   * (a retried update records nothing twice). A domain refusal fails the update, not the workflow.
   */
  recordFor(
    actor: ActingPerson,
    aggregate: string,
    aggregateId: string,
    type: string,
    data: unknown,
    part?: number,
  ): Promise<RecordedDecision>;
}

/**
 * The workflow's first command is caused by the event that started it; each later one by the last
 * event the workflow recorded before it.
 */
export function decisionRecorder(trigger: WorkflowTrigger): DecisionRecorder {
  let causationId: string | undefined = trigger.causationEventId;
  const send = async (
    aggregate: string,
    aggregateId: string,
    type: string,
    data: unknown,
    person?: { actor: ActingPerson; commandId: string },
  ) => {
    const request: DomainCommandRequest = {
      aggregate,
      aggregateId,
      type,
      data,
      now: now(),
      organisationId: trigger.organisationId,
      correlationId: trigger.correlationId,
      ...(causationId ? { causationId } : {}),
      ...(person ? { actor: person.actor, commandId: person.commandId } : {}),
    };
    const decision = await executeDomainCommand(request);
    causationId = decision.events.at(-1)?.eventId ?? causationId;
    return decision;
  };
  return {
    record: (aggregate, aggregateId, type, data) => send(aggregate, aggregateId, type, data),
    async recordFor(actor, aggregate, aggregateId, type, data, part = 0) {
      const commandId = `${workflowInfo().workflowId}/update/${currentUpdateInfo()?.id ?? 'update'}/${part}`;
      try {
        return await send(aggregate, aggregateId, type, data, { actor, commandId });
      } catch (error) {
        throw error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : error;
      }
    },
  };
}
