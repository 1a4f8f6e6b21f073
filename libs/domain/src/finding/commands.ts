import type { Command } from '../decider';
import type { EscalationStep } from '../procurement-case/commands';

// What is asked of a finding: its commands and the values they carry.

/** Where a finding comes from; `contract_clause`: the contract's own record shows a necessary step missed (no factory). */
export type FindingSource =
  'social_audit' | 'worker_driven_monitor' | 'ngo_report' | 'media_report' | 'grievance' | 'contract_clause';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type EvidenceKind = 'contractor_documents' | 'audit_report' | 'monitoring_report' | 'worker_testimony' | 'other';
export type RemedyKind = 'back_pay' | 'reinstatement' | 'compensation';
export type RemediationResult = 'complete' | 'partial' | 'none';

export interface CorrectiveAction {
  readonly actionId: string;
  readonly action: string;
  /** True for help to the workers affected (as opposed to fixing the cause). */
  readonly forAffectedWorkers: boolean;
  readonly responsibleParty: string;
  readonly verificationMethod: string;
  readonly deadline: string;
  readonly consequenceIfNotDone: string;
}

/**
 * The timetable a compliance officer sets, from the buyer's policy, when confirming a breach. The
 * breach-escalation workflow takes every timer from here: nothing is a constant in the code.
 */
export interface RemedyTimetable {
  /** Calendar days from the request for the contractor to submit a corrective action plan. */
  readonly planDueWithinDays: number;
  /** Calendar days after a deadline slipped at which each ladder step is taken (in ladder order). */
  readonly escalationAfterDays: Readonly<Record<EscalationStep, number>>;
  /**
   * Calendar days between reminders to the compliance officer while a proposed supply standstill
   * waits for their decision (absent: 7, also for breaches confirmed before it was set).
   */
  readonly remindStandstillDecisionEveryDays?: number;
}

// --- commands -----------------------------------------------------------------------------

export type RecordFinding = Command<
  'RecordFinding',
  {
    findingId: string;
    /** The factory found at; absent only for a `contract_clause` finding, which is about the contract. */
    factoryId?: string;
    /** The case whose contract sources from the factory, when known. */
    caseId?: string;
    source: FindingSource;
    severity: Severity;
    standardBreached: string;
    workersAffected: number;
    description: string;
    evidenceRefs: readonly string[];
    shareableWithOtherBuyers: boolean;
  }
>;

export type AddFindingEvidence = Command<
  'AddFindingEvidence',
  { findingId: string; evidenceRef: string; kind: EvidenceKind; note: string }
>;

export type ConfirmBreach = Command<
  'ConfirmBreach',
  {
    findingId: string;
    reasons: string;
    /** The buyer's case whose contract the breach concerns; defaults to the finding's case. */
    caseId?: string;
    /** The contractor whose supply chain includes the factory: the party the remedy is asked of. */
    contractorId: string;
    remedyTimetable: RemedyTimetable;
  }
>;

/**
 * Asks the contractor for a corrective action plan by a deadline (the breach-escalation workflow):
 * `dueWithinDays` counted by the domain in the buyer's calendar (Regulation 1182/71), or a `dueBy`
 * instant (workflows started before the domain counted the period).
 */
export type RequestCorrectiveActionPlan = Command<
  'RequestCorrectiveActionPlan',
  { findingId: string } & ({ dueWithinDays: number; dueBy?: never } | { dueBy: string; dueWithinDays?: never })
>;

/** The contractor's proposed plan; it binds only once a compliance officer agrees it. */
export type SubmitCorrectiveActionPlan = Command<
  'SubmitCorrectiveActionPlan',
  { findingId: string; planId: string; deadline: string; actions: readonly CorrectiveAction[] }
>;

export type RecordCorrectiveActionPlanOverdue = Command<'RecordCorrectiveActionPlanOverdue', { findingId: string }>;

export type CloseBreach = Command<'CloseBreach', { findingId: string; reasons: string }>;

/** A compliance officer keeps the contract after a termination proposal (the remedy goes on). */
export type DeclineTerminationProposal = Command<'DeclineTerminationProposal', { findingId: string; reasons: string }>;

/**
 * The ladder's supply-standstill step: the workflow proposes a standstill to the compliance
 * officer, who decides (a supply standstill is a person's decision, as Stockholm County Council's
 * was in the Dell case; the ladder only brings it to them).
 */
export type ProposeSupplyStandstill = Command<
  'ProposeSupplyStandstill',
  { findingId: string; factoryIds: readonly string[]; reasons: string }
>;

/** The proposal is still waiting for the compliance officer: remind them (the workflow). */
export type RemindOfSupplyStandstillProposal = Command<'RemindOfSupplyStandstillProposal', { findingId: string }>;

/** The compliance officer decides against a proposed standstill, with reasons. */
export type DeclineSupplyStandstillProposal = Command<
  'DeclineSupplyStandstillProposal',
  { findingId: string; reasons: string }
>;

export type DismissFinding = Command<'DismissFinding', { findingId: string; reasons: string }>;

export type AgreeCorrectiveActionPlan = Command<
  'AgreeCorrectiveActionPlan',
  { findingId: string; planId: string; deadline: string; actions: readonly CorrectiveAction[] }
>;

export type RecordCorrectiveActionDeadlineMissed = Command<
  'RecordCorrectiveActionDeadlineMissed',
  { findingId: string; planId: string }
>;

export type RecordRemedyToWorkers = Command<
  'RecordRemedyToWorkers',
  {
    findingId: string;
    remedyId: string;
    kind: RemedyKind;
    workersCovered: number;
    /** Money paid, for back pay and compensation. */
    amount?: number;
    currency?: string;
    description: string;
  }
>;

export type RecordRemediationResult = Command<
  'RecordRemediationResult',
  { findingId: string; result: RemediationResult; assessment: string; actionsCompleted: readonly string[] }
>;

export type VerifyRemediation = Command<
  'VerifyRemediation',
  { findingId: string; verifiedBy: string; method: string; verificationRef: string }
>;

export type FindingCommand =
  | RecordFinding
  | AddFindingEvidence
  | ConfirmBreach
  | RequestCorrectiveActionPlan
  | SubmitCorrectiveActionPlan
  | RecordCorrectiveActionPlanOverdue
  | CloseBreach
  | DeclineTerminationProposal
  | ProposeSupplyStandstill
  | RemindOfSupplyStandstillProposal
  | DeclineSupplyStandstillProposal
  | DismissFinding
  | AgreeCorrectiveActionPlan
  | RecordCorrectiveActionDeadlineMissed
  | RecordRemedyToWorkers
  | RecordRemediationResult
  | VerifyRemediation;
