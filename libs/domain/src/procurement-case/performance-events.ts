import type { Event } from '../decider';
import type { DisclosedFactory, EscalationStep, ImposeSanction, PerformanceClauseKind } from './commands';
import type { IndependentAuditMethod } from './due-diligence';
import type { RiskLevel } from './risk-screening';

// Events of the procurement case during contract performance and at its close (see events.ts).

export type ContractYearBegan = Event<
  'ContractYearBegan',
  { caseId: string; contractYear: number; requiredDisclosureSharePercent: number; beganAt: string }
>;

export type CompliancePlansOverdue = Event<
  'CompliancePlansOverdue',
  { caseId: string; contractYear: number; factoryIds: readonly string[]; recordedAt: string }
>;

export type SupplyChainDisclosed = Event<
  'SupplyChainDisclosed',
  {
    caseId: string;
    contractYear: number;
    disclosedSharePercent: number;
    requiredSharePercent: number;
    /** A shortfall is recorded, not refused: it is a breached necessary step, not a typo. */
    meetsRequirement: boolean;
    factories: readonly DisclosedFactory[];
    disclosedAt: string;
  }
>;

export type CompliancePlanSubmitted = Event<
  'CompliancePlanSubmitted',
  {
    caseId: string;
    factoryId: string;
    planRef: string;
    measures: readonly string[];
    contractYear: number;
    onTime: boolean;
    submittedAt: string;
  }
>;

export type CompliancePlansDue = Event<
  'CompliancePlansDue',
  {
    caseId: string;
    contractId: string;
    factoryIds: readonly string[];
    annualPurchaseThreshold: number;
    dueBy: string;
    recordedAt: string;
  }
>;

export type QuestionnaireIssued = Event<
  'QuestionnaireIssued',
  {
    caseId: string;
    questionnaireId: string;
    contractYear: number;
    supplierId: string;
    deadline: string;
    remindersDueAt: readonly string[];
    issuedAt: string;
  }
>;

export type QuestionnaireReminderSent = Event<
  'QuestionnaireReminderSent',
  { caseId: string; questionnaireId: string; reminderNumber: number; deadline: string; sentAt: string }
>;

/** One answer of a questionnaire; `documentRefs` name the documents that support it (none when absent). */
export interface QuestionnaireAnswer {
  readonly questionId: string;
  readonly answer: string;
  readonly documentRefs?: readonly string[];
}

export type QuestionnaireAnswered = Event<
  'QuestionnaireAnswered',
  {
    caseId: string;
    questionnaireId: string;
    contractYear: number;
    answers: readonly QuestionnaireAnswer[];
    answeredBy: string;
    onTime: boolean;
    answeredAt: string;
  }
>;

export type SupplierSilenceEscalated = Event<
  'SupplierSilenceEscalated',
  {
    caseId: string;
    questionnaireId: string;
    contractYear: number;
    supplierId: string;
    deadline: string;
    remindersSent: number;
    escalatedAt: string;
  }
>;

export type DeskReviewCompleted = Event<
  'DeskReviewCompleted',
  {
    caseId: string;
    contractYear: number;
    questionnaireAnswered: boolean;
    riskLevel: RiskLevel;
    severeFindingIds: readonly string[];
    /** `high_risk`, `severe_finding`: why an independent audit is needed; empty when it is not. */
    auditReasons: readonly string[];
    completedAt: string;
  }
>;

export type IndependentAuditRequested = Event<
  'IndependentAuditRequested',
  {
    caseId: string;
    contractYear: number;
    auditId: string;
    method: IndependentAuditMethod;
    reasons: readonly string[];
    findingIds: readonly string[];
    factoryIds: readonly string[];
    requestedAt: string;
  }
>;

export type DisclosureRatchetChecked = Event<
  'DisclosureRatchetChecked',
  {
    caseId: string;
    contractYear: number;
    requiredSharePercent: number;
    disclosedSharePercent: number;
    meetsRequirement: boolean;
    nextYearRequiredSharePercent: number;
    checkedAt: string;
  }
>;

export type KpiProgressRecorded = Event<
  'KpiProgressRecorded',
  { caseId: string; clauseId: string; period: string; value: number; target: number; recordedAt: string }
>;

export type PerformanceClauseBreached = Event<
  'PerformanceClauseBreached',
  {
    caseId: string;
    clauseId: string;
    clauseKind: PerformanceClauseKind;
    breachId: string;
    description: string;
    findingId?: string;
    recordedAt: string;
  }
>;

export type SanctionImposed = Event<
  'SanctionImposed',
  {
    caseId: string;
    sanctionId: string;
    clauseId: string;
    breachId: string;
    sanction: ImposeSanction['data']['sanction'];
    amount?: number;
    reasons: string;
    imposedBy: string;
    imposedAt: string;
  }
>;

export type BreachEscalated = Event<
  'BreachEscalated',
  { caseId: string; findingId: string; step: EscalationStep; note: string; escalatedBy: string; escalatedAt: string }
>;

export type ContractTerminated = Event<
  'ContractTerminated',
  {
    caseId: string;
    contractId: string;
    reasons: string;
    findingId?: string;
    urgencyJustification?: string;
    decidedBy: string;
    decidedByRole: string;
    terminatedAt: string;
  }
>;

export type ContractClosed = Event<
  'ContractClosed',
  { caseId: string; contractId: string; reasons: string; closedAt: string }
>;
