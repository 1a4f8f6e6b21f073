/**
 * How a workflow asks for a decision to be recorded: it names the aggregate and the command,
 * and the `executeDomainCommand` activity runs it through the same command path as the API.
 * Plain data only: workflows run in a sandbox that cannot load the deciders.
 */
export interface DomainCommandRequest {
  /** A key of `aggregates` in libs/application (procurementCase, finding, grievance, ...). */
  readonly aggregate: string;
  readonly aggregateId: string;
  /** The command's type and data, as the domain defines them. */
  readonly type: string;
  readonly data: unknown;
  /** Workflow time (`new Date()` inside a workflow is deterministic, and skipped in tests). */
  readonly now: string;
  readonly organisationId: string;
  /** Defaults to the calling workflow; a person's decision passed in an update names the person. */
  readonly actor?: { readonly id: string; readonly role: string };
  /** Defaults to `<workflowId>/<activityId>`, stable across retries of the activity. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface RecordedDecision {
  readonly events: readonly { readonly type: string; readonly eventId: string; readonly data: unknown }[];
  readonly revision: number;
  readonly replayed: boolean;
}

/**
 * The failure type of a command the domain refused: an ApplicationFailure (non-retryable) with
 * this type and the rule's code in `details[0]`.
 */
export const DOMAIN_RULE_FAILURE = 'DomainRuleViolation';
