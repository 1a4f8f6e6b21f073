import type { Event } from '../decider';
import type {
  AwardCriterion,
  DisclosedFactory,
  EscalationStep,
  ImposeSanction,
  PerformanceClause,
  PerformanceClauseKind,
  SelfDeclarations,
} from './commands';
import type { CompliancePlanPolicy, DisclosurePolicy } from './disclosure';
import type { DueDiligencePolicy, IndependentAuditMethod } from './due-diligence';
import type { ExclusionGround, ExclusionSubject, SelfCleaningEvidence } from './exclusion';
import type { LegalStandstillPolicy, NoticeMeans } from './legal-standstill';
import type { RiskLevel } from './risk-screening';

// Events of the procurement case. Each carries what a reader needs without the command, and the
// instant it happened, taken from the command's metadata.

export type CaseOpened = Event<
  'CaseOpened',
  {
    caseId: string;
    buyerOrganisationId: string;
    title: string;
    productCategory: string;
    countriesOfProduction: readonly string[];
    openedBy: string;
    openedAt: string;
  }
>;

export type RiskScreened = Event<
  'RiskScreened',
  { caseId: string; riskLevel: RiskLevel; reasons: readonly string[]; screenedAt: string }
>;

export type PolicyAdopted = Event<
  'PolicyAdopted',
  {
    caseId: string;
    policyRef: string;
    codeOfConductStandards: readonly string[];
    includesLawOfCountryOfProduction: boolean;
    adoptedBy: string;
    adoptedAt: string;
  }
>;

export type TenderRequirementsPublished = Event<
  'TenderRequirementsPublished',
  {
    caseId: string;
    tenderRef: string;
    currency: string;
    bidDeadline: string;
    disclosure: DisclosurePolicy;
    compliancePlans: CompliancePlanPolicy;
    performanceClauses: readonly PerformanceClause[];
    awardCriteria: readonly AwardCriterion[];
    legalStandstill: LegalStandstillPolicy;
    dueDiligence: DueDiligencePolicy;
    publishedAt: string;
  }
>;

export type BidSubmitted = Event<
  'BidSubmitted',
  {
    caseId: string;
    bidId: string;
    supplierId: string;
    price: number;
    disclosedSharePercent: number;
    factories: readonly DisclosedFactory[];
    selfDeclarations: SelfDeclarations;
    subcontractorIds: readonly string[];
    submittedAt: string;
  }
>;

export type BiddingClosed = Event<'BiddingClosed', { caseId: string; bidCount: number; closedAt: string }>;

export type BidderExcluded = Event<
  'BidderExcluded',
  {
    caseId: string;
    bidId: string;
    ground: ExclusionGround;
    reasons: string;
    excludedUntil: string;
    decidedBy: string;
    decidedAt: string;
  }
>;

export type ExclusionGroundNotApplied = Event<
  'ExclusionGroundNotApplied',
  {
    caseId: string;
    bidId: string;
    subject: ExclusionSubject;
    ground: ExclusionGround;
    reasons: string;
    decidedBy: string;
    decidedAt: string;
  }
>;

export type SubcontractorReplacementRequired = Event<
  'SubcontractorReplacementRequired',
  {
    caseId: string;
    bidId: string;
    subcontractorId: string;
    ground: ExclusionGround;
    reasons: string;
    decidedAt: string;
  }
>;

export type SubcontractorReplaced = Event<
  'SubcontractorReplaced',
  { caseId: string; bidId: string; subcontractorId: string; replacementSubcontractorId: string; replacedAt: string }
>;

export type SelfCleaningEvidenceSubmitted = Event<
  'SelfCleaningEvidenceSubmitted',
  {
    caseId: string;
    bidId: string;
    evidence: SelfCleaningEvidence;
    evidenceRefs: readonly string[];
    submittedAt: string;
  }
>;

export type SelfCleaningAccepted = Event<
  'SelfCleaningAccepted',
  { caseId: string; bidId: string; reasons: string; decidedBy: string; decidedAt: string }
>;

export type SelfCleaningRejected = Event<
  'SelfCleaningRejected',
  { caseId: string; bidId: string; reasons: string; decidedBy: string; decidedAt: string }
>;

export type BidFlaggedAbnormallyLow = Event<
  'BidFlaggedAbnormallyLow',
  { caseId: string; bidId: string; reasons: string; flaggedAt: string }
>;

export type LowBidExplanationRequested = Event<
  'LowBidExplanationRequested',
  { caseId: string; bidId: string; questions: readonly string[]; requestedAt: string }
>;

export type LowBidExplanationAccepted = Event<
  'LowBidExplanationAccepted',
  { caseId: string; bidId: string; explanationRef: string; reasons: string; decidedAt: string }
>;

export type BidRejected = Event<
  'BidRejected',
  {
    caseId: string;
    bidId: string;
    reason: 'abnormally_low_labour_or_social_law' | 'abnormally_low_unexplained';
    explanationRef: string;
    reasons: string;
    decidedAt: string;
  }
>;

export type BidEvaluated = Event<
  'BidEvaluated',
  {
    caseId: string;
    bidId: string;
    scores: readonly { criterionId: string; score: number }[];
    /** Weighted total, 0–100. */
    totalScore: number;
    /** The social criteria's part of the total, kept apart so it can be published. */
    socialScore: number;
    evaluatedAt: string;
  }
>;

export type AwardDecided = Event<
  'AwardDecided',
  {
    caseId: string;
    /** `award-<n>`, the n-th award of the case: a cancelled award and a later one differ. */
    awardId: string;
    bidId: string;
    supplierId: string;
    noticeMeans: NoticeMeans;
    reasons: string;
    notifiedAt: string;
    /** No signature before this instant (legal standstill). */
    standstillEndsAt: string;
    decidedBy: string;
  }
>;

export type ComplaintSubmitted = Event<
  'ComplaintSubmitted',
  {
    caseId: string;
    complaintId: string;
    complainant: string;
    grounds: string;
    /** The award whose signature the complaint holds back; absent while the case is in evaluation. */
    awardId?: string;
    submittedAt: string;
  }
>;

export type ComplaintAccepted = Event<'ComplaintAccepted', { caseId: string; complaintId: string; acceptedAt: string }>;

export type ComplaintUpheld = Event<
  'ComplaintUpheld',
  { caseId: string; complaintId: string; reasons: string; awardId?: string; upheldAt: string }
>;

export type ComplaintDismissed = Event<
  'ComplaintDismissed',
  { caseId: string; complaintId: string; reasons: string; awardId?: string; dismissedAt: string }
>;

export type ComplaintWithdrawn = Event<
  'ComplaintWithdrawn',
  { caseId: string; complaintId: string; awardId?: string; withdrawnAt: string }
>;

export type AwardCancelled = Event<
  'AwardCancelled',
  { caseId: string; awardId: string; bidId: string; complaintId: string; reasons: string; cancelledAt: string }
>;

export type LegalStandstillEnded = Event<
  'LegalStandstillEnded',
  { caseId: string; awardId: string; bidId: string; standstillEndsAt: string; endedAt: string }
>;

export type ContractSigned = Event<
  'ContractSigned',
  {
    caseId: string;
    contractId: string;
    bidId: string;
    supplierId: string;
    factories: readonly DisclosedFactory[];
    disclosedSharePercent: number;
    signedBy: string;
    signedAt: string;
  }
>;

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

export type QuestionnaireAnswered = Event<
  'QuestionnaireAnswered',
  {
    caseId: string;
    questionnaireId: string;
    contractYear: number;
    answers: readonly { questionId: string; answer: string }[];
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

export type ProcurementCaseEvent =
  | CaseOpened
  | RiskScreened
  | PolicyAdopted
  | TenderRequirementsPublished
  | BidSubmitted
  | BiddingClosed
  | BidderExcluded
  | ExclusionGroundNotApplied
  | SubcontractorReplacementRequired
  | SubcontractorReplaced
  | SelfCleaningEvidenceSubmitted
  | SelfCleaningAccepted
  | SelfCleaningRejected
  | BidFlaggedAbnormallyLow
  | LowBidExplanationRequested
  | LowBidExplanationAccepted
  | BidRejected
  | BidEvaluated
  | AwardDecided
  | ComplaintSubmitted
  | ComplaintAccepted
  | ComplaintUpheld
  | ComplaintDismissed
  | ComplaintWithdrawn
  | AwardCancelled
  | LegalStandstillEnded
  | ContractSigned
  | ContractYearBegan
  | CompliancePlansOverdue
  | SupplyChainDisclosed
  | CompliancePlanSubmitted
  | CompliancePlansDue
  | QuestionnaireIssued
  | QuestionnaireReminderSent
  | QuestionnaireAnswered
  | SupplierSilenceEscalated
  | DeskReviewCompleted
  | IndependentAuditRequested
  | DisclosureRatchetChecked
  | KpiProgressRecorded
  | PerformanceClauseBreached
  | SanctionImposed
  | BreachEscalated
  | ContractTerminated
  | ContractClosed;

// A record, not an array, so the compiler fails when an event type is added and not listed.
const procurementCaseEventTypeSet: Record<ProcurementCaseEvent['type'], true> = {
  CaseOpened: true,
  RiskScreened: true,
  PolicyAdopted: true,
  TenderRequirementsPublished: true,
  BidSubmitted: true,
  BiddingClosed: true,
  BidderExcluded: true,
  ExclusionGroundNotApplied: true,
  SubcontractorReplacementRequired: true,
  SubcontractorReplaced: true,
  SelfCleaningEvidenceSubmitted: true,
  SelfCleaningAccepted: true,
  SelfCleaningRejected: true,
  BidFlaggedAbnormallyLow: true,
  LowBidExplanationRequested: true,
  LowBidExplanationAccepted: true,
  BidRejected: true,
  BidEvaluated: true,
  AwardDecided: true,
  ComplaintSubmitted: true,
  ComplaintAccepted: true,
  ComplaintUpheld: true,
  ComplaintDismissed: true,
  ComplaintWithdrawn: true,
  AwardCancelled: true,
  LegalStandstillEnded: true,
  ContractSigned: true,
  ContractYearBegan: true,
  CompliancePlansOverdue: true,
  SupplyChainDisclosed: true,
  CompliancePlanSubmitted: true,
  CompliancePlansDue: true,
  QuestionnaireIssued: true,
  QuestionnaireReminderSent: true,
  QuestionnaireAnswered: true,
  SupplierSilenceEscalated: true,
  DeskReviewCompleted: true,
  IndependentAuditRequested: true,
  DisclosureRatchetChecked: true,
  KpiProgressRecorded: true,
  PerformanceClauseBreached: true,
  SanctionImposed: true,
  BreachEscalated: true,
  ContractTerminated: true,
  ContractClosed: true,
};

export const procurementCaseEventTypes = Object.keys(
  procurementCaseEventTypeSet,
) as readonly ProcurementCaseEvent['type'][];
