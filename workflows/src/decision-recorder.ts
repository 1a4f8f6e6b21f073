import {
  ActivityFailure,
  ApplicationFailure,
  currentUpdateInfo,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { recordedPositionQuery } from '@pj/contracts';
import type {
  ActingPerson,
  CommandCall,
  DomainCommandActivities,
  DomainCommandRequest,
  RecordedDecision,
  WorkflowTrigger,
} from '@pj/contracts';

// How every workflow records its decisions: through the command path, with a causation chain; and
// the checks update validators make. A validator checks what the workflow itself holds (its step,
// the plan it was given, who may act where the decider does not say); every other rule is the
// decider's, whose refusal fails the update with the rule's code.

const { executeDomainCommand } = proxyActivities<DomainCommandActivities>({
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

/** An update records a person's decision: without one it would be recorded as the workflow's. */
export function requirePerson(actor: ActingPerson | undefined): asserts actor is ActingPerson {
  if (!actor || isBlank(actor.id)) reject('name the person acting');
}

/** For the decisions whose decider does not check who takes them. */
export function requireRole(actor: ActingPerson | undefined, roles: readonly string[]): asserts actor is ActingPerson {
  requirePerson(actor);
  if (!roles.includes(actor.role)) reject(`only ${roles.join(' or ')} may do this, not ${actor.role}`);
}

/** A command and the instance of its aggregate it is for. */
export type AddressedCommand = CommandCall & { readonly aggregateId: string };

export interface RecordOptions {
  /** Defaults to `<workflowId>/<activityId>`, stable across retries of the activity. */
  readonly commandId?: string;
  /** Defaults to the workflow itself. */
  readonly actor?: ActingPerson;
}

export interface DecisionRecorder {
  /** Records the workflow's own decision (actor: the workflow, command id: workflowId/activityId). */
  record(command: AddressedCommand, options?: RecordOptions): Promise<RecordedDecision>;
  /**
   * Records a person's decision taken in an update, under a command id derived from the update id
   * (a retried update records nothing twice). A domain refusal fails the update, not the workflow.
   */
  recordFor(actor: ActingPerson, command: AddressedCommand, part?: number): Promise<RecordedDecision>;
}

/**
 * `chained` (the default): the workflow's first command is caused by the event that started it;
 * each later one by the last event the workflow recorded before it. `trigger`: every command is
 * caused by the starting event (contract due diligence, whose years run on from one signature).
 */
export type Causation = 'chained' | 'trigger';

export function decisionRecorder(trigger: WorkflowTrigger, causation: Causation = 'chained'): DecisionRecorder {
  let causationId: string | undefined = trigger.causationEventId;
  // Where each update's last event lies in the log, for its answer (a query: nothing is recorded).
  const positions = new Map<string, string>();
  setHandler(recordedPositionQuery, (updateId) => positions.get(updateId));
  const record = async (command: AddressedCommand, { commandId, actor }: RecordOptions = {}) => {
    const updateId = currentUpdateInfo()?.id;
    const request: DomainCommandRequest = {
      ...command,
      now: now(),
      organisationId: trigger.organisationId,
      correlationId: trigger.correlationId,
      ...(causationId ? { causationId } : {}),
      ...(actor ? { actor } : {}),
      ...(commandId ? { commandId } : {}),
    };
    const decision = await executeDomainCommand(request);
    if (updateId !== undefined && decision.position !== undefined) positions.set(updateId, decision.position);
    if (causation === 'chained') causationId = decision.events.at(-1)?.eventId ?? causationId;
    return decision;
  };
  return {
    record,
    async recordFor(actor, command, part = 0) {
      const commandId = `${workflowInfo().workflowId}/update/${currentUpdateInfo()?.id ?? 'update'}/${part}`;
      try {
        return await record(command, { actor, commandId });
      } catch (error) {
        throw error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : error;
      }
    },
  };
}
