import type { AwardCriterion, DisclosedFactory, EscalationStep, PerformanceClause, SelfDeclarations } from './commands';
import type { CompliancePlanPolicy, DisclosurePolicy } from './disclosure';
import type { DueDiligencePolicy } from './due-diligence';
import type { ExclusionGround, SelfCleaningEvidence } from './exclusion';
import type { LegalStandstillPolicy, NoticeMeans } from './legal-standstill';
import type { RiskLevel } from './risk-screening';
import type { DocumentRequest } from './document-requests';
import type { RecordedAmendment } from './amendments';
import type { CaseDocument } from './case-documents';
import type { AbnormallyLowPricePolicy, LabourCost } from './abnormally-low-price';

export interface CaseFile {
  readonly caseId: string;
  readonly buyerOrganisationId: string;
  readonly title: string;
  readonly productCategory: string;
  readonly countriesOfProduction: readonly string[];
  readonly riskLevel?: RiskLevel;
  readonly policyRef?: string;
  /** Documents attached to the case or to answers to its requests, by id (absent before the first). */
  readonly documents?: Readonly<Record<string, CaseDocument>>;
}

export interface Tender {
  readonly tenderRef: string;
  readonly currency: string;
  readonly bidDeadline: string;
  readonly disclosure: DisclosurePolicy;
  readonly compliancePlans: CompliancePlanPolicy;
  readonly performanceClauses: readonly PerformanceClause[];
  readonly awardCriteria: readonly AwardCriterion[];
  readonly legalStandstill: LegalStandstillPolicy;
  readonly dueDiligence: DueDiligencePolicy;
  readonly abnormallyLowPrice?: AbnormallyLowPricePolicy;
}

export type LowPriceReview = 'flagged' | 'explanation_requested' | 'explanation_accepted';

export interface Bid {
  readonly bidId: string;
  readonly supplierId: string;
  readonly price: number;
  readonly disclosedSharePercent: number;
  readonly factories: readonly DisclosedFactory[];
  readonly selfDeclarations: SelfDeclarations;
  readonly subcontractorIds: readonly string[];
  readonly labourCost?: LabourCost;
  /** Rejected bids stay on file (they may complain) but can never be awarded. */
  readonly rejected: boolean;
  /** Set while the bidder is excluded; cleared only by accepted self-cleaning. */
  readonly exclusion?: { readonly ground: ExclusionGround; readonly excludedUntil: string };
  readonly selfCleaning?: 'submitted' | 'accepted' | 'rejected';
  readonly selfCleaningEvidence?: SelfCleaningEvidence;
  /** Subcontractors that meet a mandatory ground and must be replaced before award (Art. 71). */
  readonly subcontractorsToReplace: readonly string[];
  readonly lowPriceReview?: LowPriceReview;
  readonly evaluation?: { readonly totalScore: number; readonly socialScore: number };
}

export type ComplaintStatus = 'submitted' | 'accepted' | 'upheld' | 'dismissed' | 'withdrawn';

export interface Complaint {
  readonly complaintId: string;
  readonly complainant: string;
  readonly status: ComplaintStatus;
}

export const isComplaintPending = (complaint: Complaint): boolean =>
  complaint.status === 'submitted' || complaint.status === 'accepted';

export interface Award {
  readonly awardId: string;
  readonly bidId: string;
  readonly supplierId: string;
  readonly noticeMeans: NoticeMeans;
  readonly notifiedAt: string;
  /** When the award decision was sent: nothing that answers it (a complaint) can be earlier. */
  readonly occurredAt: string;
  readonly standstillEndsAt: string;
  /** The same end in the buyer's time zone, for people (absent for a rehearsal's period in seconds). */
  readonly standstillEndsAtLocal?: string;
  /** Recorded by the award-standstill workflow once the period ran out with no complaint pending. */
  readonly standstillEnded?: boolean;
}

export interface ContractedFactory extends DisclosedFactory {
  readonly compliancePlanRef?: string;
}

export interface Questionnaire {
  readonly questionnaireId: string;
  readonly contractYear: number;
  readonly deadline: string;
  readonly remindersDueAt: readonly string[];
  readonly remindersSent: number;
  readonly answered: boolean;
  readonly escalated: boolean;
}

/** What the due-diligence workflow has done under the contract, so no step is taken twice. */
export interface DueDiligenceRecord {
  readonly compliancePlansRequested: boolean;
  readonly questionnaires: Readonly<Record<string, Questionnaire>>;
  readonly deskReviewedYears: readonly number[];
  readonly auditIds: readonly string[];
  readonly ratchetCheckedYears: readonly number[];
}

export interface Contract {
  readonly contractId: string;
  readonly bidId: string;
  readonly supplierId: string;
  readonly signedAt: string;
  readonly contractYear: number;
  readonly contractYearBeganAt: string;
  readonly disclosedSharePercent: number;
  readonly factories: Readonly<Record<string, ContractedFactory>>;
  /** Breach ids of necessary steps, by clause. KPIs never appear here. */
  readonly clauseBreaches: Readonly<Record<string, readonly string[]>>;
  /** Steps of the escalation ladder taken, by finding. */
  readonly escalations: Readonly<Record<string, readonly EscalationStep[]>>;
  readonly dueDiligence: DueDiligenceRecord;
  /** Requests for documents, by id (absent before the first). */
  readonly documentRequests?: Readonly<Record<string, DocumentRequest>>;
  /** Amendments agreed (Art. 72), by id (absent before the first). */
  readonly amendments?: Readonly<Record<string, RecordedAmendment>>;
}

export interface TenderFile extends CaseFile {
  readonly tender: Tender;
  readonly bids: Readonly<Record<string, Bid>>;
  readonly complaints: Readonly<Record<string, Complaint>>;
  /** Awards decided so far, cancelled ones included: numbers the next award id. */
  readonly awardsDecided?: number;
}

export type ProcurementCaseState =
  | { readonly status: 'not_opened' }
  | ({ readonly status: 'policy' } & CaseFile)
  | ({ readonly status: 'tendering' } & TenderFile)
  | ({ readonly status: 'evaluation' } & TenderFile)
  /** Award notified; the legal standstill runs until `award.standstillEndsAt`. */
  | ({ readonly status: 'awarded'; readonly award: Award } & TenderFile)
  | ({ readonly status: 'in_performance'; readonly award: Award; readonly contract: Contract } & TenderFile)
  | ({ readonly status: 'closed'; readonly award: Award; readonly contract: Contract } & TenderFile)
  | ({ readonly status: 'terminated'; readonly award: Award; readonly contract: Contract } & TenderFile);

export type ProcurementCaseStatus = ProcurementCaseState['status'];
