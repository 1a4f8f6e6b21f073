import type { Command } from '../decider';
import type { AbnormallyLowPricePolicy, LabourCost } from './abnormally-low-price';
import type { CompliancePlanPolicy, DisclosurePolicy } from './disclosure';
import type { DueDiligencePolicy } from './due-diligence';
import type { ExclusionGround, ExclusionSubject, SelfCleaningEvidence } from './exclusion';
import type { LegalStandstillPolicy, NoticeMeans } from './legal-standstill';
import type { RiskLevel } from './risk-screening';
import type { DocumentRequestCommand } from './document-requests';
import type { AmendmentCommand } from './amendments';
import type { CaseDocumentCommand } from './case-documents';
import type { QuestionnaireAnswer } from './performance-events';

// Commands of the procurement case, in the order of the journey. Every command names its case
// so the application can route it to `procurementCaseStreamId(caseId)`.

// --- policy -------------------------------------------------------------------------------

export type OpenCase = Command<
  'OpenCase',
  {
    caseId: string;
    title: string;
    /** The product category bought, as named on high-risk lists (e.g. `garments`, `electronics`). */
    productCategory: string;
    /** ISO 3166-1 alpha-2 codes of the countries where the goods are produced. */
    countriesOfProduction: readonly string[];
  }
>;

export type RecordRiskScreening = Command<
  'RecordRiskScreening',
  { caseId: string; riskLevel: RiskLevel; reasons: readonly string[] }
>;

export type AdoptPolicy = Command<
  'AdoptPolicy',
  {
    caseId: string;
    /** Reference to the buyer's policy commitment document. */
    policyRef: string;
    /** Standards the code of conduct requires, e.g. `ILO C138`, `ILO C182`. */
    codeOfConductStandards: readonly string[];
    /** The code also requires the law of the country of production (ILRF stage 1). */
    includesLawOfCountryOfProduction: boolean;
  }
>;

// --- tender -------------------------------------------------------------------------------

export type PerformanceClauseKind = 'necessary_step' | 'kpi';

export interface PerformanceClause {
  readonly clauseId: string;
  /** Necessary steps are sanctionable; KPIs are worked towards (Electronics Watch model). */
  readonly kind: PerformanceClauseKind;
  readonly description: string;
}

export type AwardCriterionKind = 'price' | 'quality' | 'social';

export interface AwardCriterion {
  readonly criterionId: string;
  readonly kind: AwardCriterionKind;
  readonly description: string;
  /** Weight in percent; the weights of a tender add up to 100. */
  readonly weight: number;
}

export type PublishTenderRequirements = Command<
  'PublishTenderRequirements',
  {
    caseId: string;
    tenderRef: string;
    currency: string;
    bidDeadline: string;
    disclosure: DisclosurePolicy;
    compliancePlans: CompliancePlanPolicy;
    performanceClauses: readonly PerformanceClause[];
    awardCriteria: readonly AwardCriterion[];
    /** The jurisdiction's standstill periods; they are data, not constants. */
    legalStandstill: LegalStandstillPolicy;
    /** Questionnaire deadline, reminders and audit method of the due diligence during performance. */
    dueDiligence: DueDiligencePolicy;
    /** How abnormally low prices are spotted when bidding closes (Art. 69); absent: the mean of the others less 20%. */
    abnormallyLowPrice?: AbnormallyLowPricePolicy;
  }
>;

// --- bids ---------------------------------------------------------------------------------

export interface DisclosedFactory {
  readonly factoryId: string;
  /** Expected purchases from this factory per year, in the tender currency. */
  readonly annualPurchases: number;
}

export interface SupplyChainDisclosure {
  readonly disclosedSharePercent: number;
  readonly factories: readonly DisclosedFactory[];
}

/** What the bidder declares about itself (ESPD part III, in short). */
export interface SelfDeclarations {
  readonly noConvictionForChildLabourOrTrafficking: boolean;
  readonly noGraveProfessionalMisconduct: boolean;
  readonly compliesWithLabourLaw: boolean;
  readonly noEarlierContractTerminatedEarly: boolean;
  readonly acceptsCodeOfConduct: boolean;
}

export type SubmitBid = Command<
  'SubmitBid',
  {
    caseId: string;
    bidId: string;
    supplierId: string;
    price: number;
    supplyChainDisclosure: SupplyChainDisclosure;
    selfDeclarations: SelfDeclarations;
    subcontractorIds: readonly string[];
    /** The labour cost the price holds for the hours the bidder declares (checked against the minimum wage). */
    labourCost?: LabourCost;
  }
>;

export type CloseBidding = Command<'CloseBidding', { caseId: string }>;

// --- selection / exclusion ----------------------------------------------------------------

export type AssessExclusionGround = Command<
  'AssessExclusionGround',
  {
    caseId: string;
    bidId: string;
    subject: ExclusionSubject;
    ground: ExclusionGround;
    /** Mandatory grounds always exclude; discretionary ones need the buyer's choice. */
    decision: 'exclude' | 'do_not_exclude';
    reasons: string;
    /** End of the exclusion; capped at 5 years from the final conviction (mandatory) or 3 from the event (discretionary). */
    excludedUntil?: string;
  }
>;

export type ReplaceSubcontractor = Command<
  'ReplaceSubcontractor',
  { caseId: string; bidId: string; subcontractorId: string; replacementSubcontractorId: string }
>;

export type SubmitSelfCleaningEvidence = Command<
  'SubmitSelfCleaningEvidence',
  { caseId: string; bidId: string; evidence: SelfCleaningEvidence; evidenceRefs: readonly string[] }
>;

export type AssessSelfCleaning = Command<
  'AssessSelfCleaning',
  { caseId: string; bidId: string; decision: 'accept' | 'reject'; reasons: string }
>;

// --- abnormally low bids (Art. 69) --------------------------------------------------------

export type FlagAbnormallyLowBid = Command<'FlagAbnormallyLowBid', { caseId: string; bidId: string; reasons: string }>;

export type RequestLowBidExplanation = Command<
  'RequestLowBidExplanation',
  { caseId: string; bidId: string; questions: readonly string[] }
>;

export type AssessLowBidExplanation = Command<
  'AssessLowBidExplanation',
  {
    caseId: string;
    bidId: string;
    explanationRef: string;
    /** The buyer's finding that the price is low because labour or social law is not respected. */
    priceLowBecauseLabourOrSocialLawNotRespected: boolean;
    decision: 'accept' | 'reject';
    reasons: string;
  }
>;

// --- evaluation and award -----------------------------------------------------------------

export type EvaluateBid = Command<
  'EvaluateBid',
  { caseId: string; bidId: string; scores: readonly { criterionId: string; score: number }[] }
>;

export type DecideAward = Command<
  'DecideAward',
  {
    caseId: string;
    bidId: string;
    noticeMeans: NoticeMeans;
    reasons: string;
    /** When the decision was sent to the tenderers, if not now (backdating is recorded). */
    occurredAt?: string;
  }
>;

// --- legal standstill and complaints ------------------------------------------------------

export type SubmitComplaint = Command<
  'SubmitComplaint',
  {
    caseId: string;
    complaintId: string;
    complainant: string;
    grounds: string;
    /** When the complaint was received, if not now (backdating is recorded). */
    occurredAt?: string;
  }
>;

export type AcceptComplaint = Command<'AcceptComplaint', { caseId: string; complaintId: string }>;

export type UpholdComplaint = Command<
  'UpholdComplaint',
  { caseId: string; complaintId: string; reasons: string; cancelAward: boolean }
>;

export type DismissComplaint = Command<'DismissComplaint', { caseId: string; complaintId: string; reasons: string }>;

export type WithdrawComplaint = Command<'WithdrawComplaint', { caseId: string; complaintId: string }>;

/** The award-standstill workflow records that the period ran out with no complaint pending. */
export type RecordLegalStandstillEnded = Command<'RecordLegalStandstillEnded', { caseId: string; awardId: string }>;

// --- contract and performance -------------------------------------------------------------

export type SignContract = Command<'SignContract', { caseId: string; contractId: string }>;

export type BeginContractYear = Command<'BeginContractYear', { caseId: string; contractYear: number }>;

export type DiscloseSupplyChain = Command<
  'DiscloseSupplyChain',
  { caseId: string; contractYear: number; disclosedSharePercent: number; factories: readonly DisclosedFactory[] }
>;

export type SubmitCompliancePlan = Command<
  'SubmitCompliancePlan',
  { caseId: string; factoryId: string; planRef: string; measures: readonly string[] }
>;

// --- due diligence during performance (the contract-due-diligence workflow) ---------------

export type RequestCompliancePlans = Command<'RequestCompliancePlans', { caseId: string }>;

export type IssueQuestionnaire = Command<
  'IssueQuestionnaire',
  { caseId: string; contractYear: number; questionnaireId: string }
>;

export type SendQuestionnaireReminder = Command<
  'SendQuestionnaireReminder',
  { caseId: string; questionnaireId: string }
>;

export type AnswerQuestionnaire = Command<
  'AnswerQuestionnaire',
  {
    caseId: string;
    questionnaireId: string;
    /** The supplier's answers, by question id, each with the documents it rests on (references). */
    answers: readonly QuestionnaireAnswer[];
  }
>;

export type EscalateSupplierSilence = Command<'EscalateSupplierSilence', { caseId: string; questionnaireId: string }>;

export type CompleteDeskReview = Command<
  'CompleteDeskReview',
  {
    caseId: string;
    contractYear: number;
    /** Findings of high or critical severity about the contract's factories this year. */
    severeFindingIds: readonly string[];
  }
>;

export type RequestIndependentAudit = Command<
  'RequestIndependentAudit',
  { caseId: string; contractYear: number; auditId: string; reasons: readonly string[]; findingIds: readonly string[] }
>;

export type CheckDisclosureRatchet = Command<'CheckDisclosureRatchet', { caseId: string; contractYear: number }>;

export type RecordKpiProgress = Command<
  'RecordKpiProgress',
  { caseId: string; clauseId: string; period: string; value: number; target: number }
>;

export type RecordClauseBreach = Command<
  'RecordClauseBreach',
  { caseId: string; clauseId: string; breachId: string; description: string; findingId?: string }
>;

export type ImposeSanction = Command<
  'ImposeSanction',
  {
    caseId: string;
    sanctionId: string;
    clauseId: string;
    breachId: string;
    sanction: 'liquidated_damages' | 'payment_withheld' | 'formal_warning';
    amount?: number;
    reasons: string;
  }
>;

/** The ladder a slipping corrective action plan climbs before termination may be considered. */
export const escalationLadder = [
  'reminder',
  'escalated_to_compliance_officer',
  'supply_standstill',
  'termination_proposed',
] as const;
export type EscalationStep = (typeof escalationLadder)[number];

export type EscalateBreach = Command<
  'EscalateBreach',
  { caseId: string; findingId: string; step: EscalationStep; note: string }
>;

export type TerminateContract = Command<
  'TerminateContract',
  {
    caseId: string;
    reasons: string;
    /** The breach whose escalation ladder was followed to the end. */
    findingId?: string;
    /** Why the ladder could not be followed (e.g. workers in immediate danger). */
    urgencyJustification?: string;
  }
>;

export type CloseContract = Command<'CloseContract', { caseId: string; reasons: string }>;

export type ProcurementCaseCommand =
  | OpenCase
  | RecordRiskScreening
  | AdoptPolicy
  | PublishTenderRequirements
  | SubmitBid
  | CloseBidding
  | AssessExclusionGround
  | ReplaceSubcontractor
  | SubmitSelfCleaningEvidence
  | AssessSelfCleaning
  | FlagAbnormallyLowBid
  | RequestLowBidExplanation
  | AssessLowBidExplanation
  | EvaluateBid
  | DecideAward
  | SubmitComplaint
  | AcceptComplaint
  | UpholdComplaint
  | DismissComplaint
  | WithdrawComplaint
  | RecordLegalStandstillEnded
  | SignContract
  | BeginContractYear
  | DiscloseSupplyChain
  | SubmitCompliancePlan
  | RequestCompliancePlans
  | IssueQuestionnaire
  | SendQuestionnaireReminder
  | AnswerQuestionnaire
  | EscalateSupplierSilence
  | CompleteDeskReview
  | RequestIndependentAudit
  | CheckDisclosureRatchet
  | RecordKpiProgress
  | RecordClauseBreach
  | ImposeSanction
  | EscalateBreach
  | TerminateContract
  | CloseContract
  | DocumentRequestCommand
  | AmendmentCommand
  | CaseDocumentCommand;
