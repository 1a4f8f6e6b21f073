import type { RemedyTimetable } from '@pj/domain';
import type { DomainCommandRequest, RecordedDecision } from './domain-command';
import type { RiskScreeningInput, RiskScreeningResult } from './workflows';
import type { ContractParties } from './contract-disclosure';
import type { NotificationActivities } from './notifications';

/**
 * The activities the worker hosts, as workflows call them. The worker's implementations
 * (apps/worker/src/activities) are checked against these; workflows import nothing from apps/.
 */
export interface DomainCommandActivities {
  /**
   * Records a workflow's decision as events through the command path. A refusal by the domain is
   * a non-retryable failure of type DomainRuleViolation carrying the rule's code; anything else
   * (the store unreachable) is retried by Temporal, and the stable command id makes retries safe.
   */
  executeDomainCommand(request: DomainCommandRequest): Promise<RecordedDecision>;
}

export interface RiskScreeningActivities {
  screenCaseRisk(input: RiskScreeningInput): Promise<RiskScreeningResult>;
}

/** What the due-diligence workflow needs to know of the contract at the start of each year. */
export interface ContractForDueDiligence {
  readonly status: string;
  readonly contractYear?: number;
  readonly contractYearBeganAt?: string;
  /** The anniversary on which the next contract year may begin. */
  readonly contractYearEndsAt?: string;
  /** Contract years in which compliance plans are still due (the tender's policy). */
  readonly compliancePlansDueByEndOfContractYear?: number;
  readonly compliancePlansRequested?: boolean;
  /** The contractor: a breach of a contract clause is confirmed against it. */
  readonly supplierId?: string;
}

export interface DueDiligenceActivities {
  /** Reads the contract from the organisation's case stream; the workflow keeps no copy of the policy. */
  readContractForDueDiligence(caseId: string, organisationId: string): Promise<ContractForDueDiligence>;
}

export interface ContractDisclosureActivities {
  /** The case's signed contract and its supplier; a case without one is a non-retryable ContractNotFound. */
  readContractParties(caseId: string, organisationId: string): Promise<ContractParties>;
}

/** Settings each buyer (organisation) chooses for itself. */
export interface BuyerSettingsActivities {
  /** Whether a standstill whose findings are all verified waits for the compliance officer to lift it (default yes). */
  standstillLiftingNeedsConfirmation(organisationId: string): Promise<boolean>;
  /** The remedy timetable of a breach the contract's own record shows (a missed disclosure ratchet). */
  clauseBreachRemedyTimetable(organisationId: string): Promise<RemedyTimetable>;
}

export type Activities = DomainCommandActivities &
  RiskScreeningActivities &
  DueDiligenceActivities &
  ContractDisclosureActivities &
  BuyerSettingsActivities &
  NotificationActivities;
