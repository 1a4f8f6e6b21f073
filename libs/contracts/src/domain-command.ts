import { defineQuery } from '@temporalio/workflow';
import type { AnyEvent, CommandsByAggregate } from '@pj/domain';

/** The aggregates a workflow may name commands of: all but the buyer's risk lists, which only people import. */
export type CommandAggregate = Exclude<keyof CommandsByAggregate, 'riskList'>;

/**
 * One command a workflow asks for: the aggregate, the command's type and its data, as the domain
 * defines them. A union of every valid triple, so a misspelled type or wrong data does not compile.
 */
export type CommandCall = { [A in CommandAggregate]: CommandOn<A> & { readonly aggregate: A } }[CommandAggregate];

/** One command of aggregate `A`, as its type and data. */
export type CommandOn<A extends CommandAggregate> = {
  [C in CommandsByAggregate[A] as C['type']]: { readonly type: C['type']; readonly data: C['data'] };
}[CommandsByAggregate[A]['type']];

/**
 * How a workflow asks for a decision to be recorded: the `executeDomainCommand` activity runs it
 * through the same command path as the API.
 */
export type DomainCommandRequest = CommandCall & {
  readonly aggregateId: string;
  /** Workflow time (`new Date()` inside a workflow is deterministic, and skipped in tests). */
  readonly now: string;
  readonly organisationId: string;
  /** Defaults to the calling workflow; a person's decision passed in an update names the person. */
  readonly actor?: { readonly id: string; readonly role: string };
  /** Defaults to `<workflowId>/<activityId>`, stable across retries of the activity. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
};

/** An event a command recorded, with its id (the causation of the workflow's next command). */
export type DecidedEvent = AnyEvent & { readonly eventId: string };

export interface RecordedDecision {
  readonly events: readonly DecidedEvent[];
  readonly revision: number;
  readonly replayed: boolean;
  /** Log position of the command's last event (`commit/prepare`); absent in histories recorded before it. */
  readonly position?: string;
}

/** The event of `type` among a decision's events, typed; undefined when the command did not record one. */
export function decidedEvent<T extends AnyEvent['type']>(
  decision: RecordedDecision,
  type: T,
): Extract<DecidedEvent, { type: T }> | undefined {
  return decision.events.find((event): event is Extract<DecidedEvent, { type: T }> => event.type === type);
}

/**
 * The failure type of a command the domain refused: an ApplicationFailure (non-retryable) with
 * this type and the rule's code in `details[0]`.
 */
export const DOMAIN_RULE_FAILURE = 'DomainRuleViolation';

/**
 * The log position of the last event an update (by its update id) recorded, if any: the API adds it
 * to the update's answer, so that the caller can read its own write (Min-Log-Position). Every workflow
 * that records decisions answers it (decision-recorder.ts).
 */
export const recordedPositionQuery = defineQuery<string | undefined, [string]>('recordedPosition');
