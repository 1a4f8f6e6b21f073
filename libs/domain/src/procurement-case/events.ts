import type { Event } from '../decider';
import type {
  ContractYearBegan,
  CompliancePlansOverdue,
  SupplyChainDisclosed,
  CompliancePlanSubmitted,
  CompliancePlansDue,
  QuestionnaireIssued,
  QuestionnaireReminderSent,
  QuestionnaireAnswered,
  SupplierSilenceEscalated,
  DeskReviewCompleted,
  IndependentAuditRequested,
  DisclosureRatchetChecked,
  KpiProgressRecorded,
  PerformanceClauseBreached,
  SanctionImposed,
  BreachEscalated,
  ContractTerminated,
  ContractClosed,
} from './performance-events';
import type { AwardCriterion, DisclosedFactory, PerformanceClause, SelfDeclarations } from './commands';
import type { CompliancePlanPolicy, DisclosurePolicy } from './disclosure';
import type { DueDiligencePolicy } from './due-diligence';
import type { ExclusionGround, ExclusionSubject, SelfCleaningEvidence } from './exclusion';
import type { Backdating } from '../effective-date';
import type { LegalStandstillPolicy, NoticeMeans, StandstillPeriod } from './legal-standstill';
import type { RiskLevel } from './risk-screening';
import type { AbnormallyLowPriceComputation, AbnormallyLowPricePolicy, LabourCost } from './abnormally-low-price';

export * from './performance-events';
import type { DocumentRequestEvent } from './document-requests';
import type { AmendmentEvent } from './amendments';
import type { CaseDocumentEvent } from './case-documents';
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
    abnormallyLowPrice?: AbnormallyLowPricePolicy;
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
    labourCost?: LabourCost;
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
  {
    caseId: string;
    bidId: string;
    reasons: string;
    /** When flagged at the close of bidding: the arithmetic that flagged it. Absent on a buyer's own flag. */
    computations?: readonly AbnormallyLowPriceComputation[];
    flaggedAt: string;
  }
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
    /** When the award was recorded (the name predates effective dates). */
    notifiedAt: string;
    /** Schema version 2: when the decision was sent (effective date); v1 events read `notifiedAt`. */
    occurredAt: string;
    backdating?: Backdating;
    /** No signature until after this instant (legal standstill): the end of its last local day. */
    standstillEndsAt: string;
    /** The period as the buyer counts it (absent for a rehearsal's period in seconds). */
    standstillPeriod?: StandstillPeriod;
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
    /** When it was recorded. */
    submittedAt: string;
    /** Schema version 2: when it was received (effective date); v1 events read `submittedAt`. */
    occurredAt: string;
    backdating?: Backdating;
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

export type ProcurementCaseEvent =
  | DocumentRequestEvent
  | AmendmentEvent
  | CaseDocumentEvent
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
  DocumentsRequested: true,
  RequestedDocumentsDisclosed: true,
  DocumentRequestUnanswered: true,
  ContractAmended: true,
  CompliancePlanDueOnVolume: true,
  DocumentAttached: true,
  DocumentRedacted: true,
};

export const procurementCaseEventTypes = Object.keys(
  procurementCaseEventTypeSet,
) as readonly ProcurementCaseEvent['type'][];
