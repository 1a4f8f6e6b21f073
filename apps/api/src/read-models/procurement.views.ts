import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { decimal, defineList, flag, instant, json, text, whole } from './lists/list-spec';

// Read models of the tender and the contract: bids, complaints, questionnaires and due-diligence
// cycles. A supplier sees only its own rows (`parties`); buyer roles their organisation's.

/** Questionnaire ids recorded before ids lost their slash (`<contract>/year-1`) read as today's. */
const questionnaireIdOf = (column: string) => `replace(${column}, '/', '.')`;

const ownRows = (column: string) => (supplierId: string, bind: (value: unknown) => string) =>
  `${column} = ${bind(supplierId)}`;

// ---------------------------------------------------------------------------------------------
// Bids

export const BID_STATUSES = ['submitted', 'excluded', 'rejected', 'evaluated', 'awarded', 'contracted'] as const;

/** A bid and each decision on it, with the reasons given to the bidder. */
export class BidView {
  @ApiProperty({ example: 'bid-dell' }) bidId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ description: 'In the tender currency', example: 900000 }) price!: number;
  @ApiProperty({ example: 70 }) disclosedSharePercent!: number;
  @ApiProperty({ example: [{ factoryId: 'f-shenzhen-1', annualPurchases: 400000 }] }) factories!: unknown;
  @ApiProperty({ example: ['atea'] }) subcontractorIds!: string[];
  @ApiProperty({ enum: BID_STATUSES, example: 'awarded' }) status!: string;
  @ApiProperty({ example: false }) excluded!: boolean;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) exclusionGround!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) exclusionReasons!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) excludedUntil!: string | null;
  @ApiProperty({ description: 'Grounds assessed and not applied, with the reasons', example: [] })
  exclusionGroundsNotApplied!: unknown;
  @ApiProperty({ description: 'Subcontractors to replace (Art. 71) and their replacements', example: [] })
  subcontractorReplacements!: unknown;
  @ApiPropertyOptional({ enum: ['submitted', 'accepted', 'rejected'], example: null, nullable: true, type: String })
  selfCleaning!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) selfCleaningReasons!: string | null;
  @ApiPropertyOptional({
    enum: ['flagged', 'explanation_requested', 'explanation_accepted'],
    example: null,
    nullable: true,
    type: String,
  })
  lowPriceReview!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) abnormallyLowReasons!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) rejectionReason!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) rejectionReasons!: string | null;
  @ApiPropertyOptional({ example: 83, nullable: true, type: Number }) totalScore!: number | null;
  @ApiPropertyOptional({ example: 32, nullable: true, type: Number }) socialScore!: number | null;
  @ApiPropertyOptional({
    example: [
      { criterionId: 'price', score: 85 },
      { criterionId: 'social', score: 80 },
    ],
    nullable: true,
  })
  scores!: unknown;
  @ApiPropertyOptional({ example: 'award-1', nullable: true, type: String }) awardId!: string | null;
  @ApiPropertyOptional({ example: 'scc-dell-2026', nullable: true, type: String }) contractId!: string | null;
  @ApiProperty({ example: '2026-03-20T09:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ example: '2026-04-02T09:00:00.000Z' }) updatedAt!: string;
}

/** A case's bids, first submitted first; a supplier sees its own only. */
export const bidList = defineList<BidView, { caseId: string; status?: string; supplierId?: string }>({
  name: 'bids',
  from: 'rm_bids',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    bidId: text('bid_id'),
    caseId: text('case_id'),
    supplierId: text('supplier_id'),
    price: decimal('price'),
    disclosedSharePercent: decimal('disclosed_share_percent'),
    factories: json('factories'),
    subcontractorIds: json('subcontractor_ids'),
    status: text('status'),
    excluded: flag('excluded'),
    exclusionGround: text('exclusion_ground', { nullable: true }),
    exclusionReasons: text('exclusion_reasons', { nullable: true }),
    excludedUntil: instant('excluded_until', { nullable: true }),
    exclusionGroundsNotApplied: json('exclusion_grounds_not_applied'),
    subcontractorReplacements: json('subcontractor_replacements'),
    selfCleaning: text('self_cleaning', { nullable: true }),
    selfCleaningReasons: text('self_cleaning_reasons', { nullable: true }),
    lowPriceReview: text('low_price_review', { nullable: true }),
    abnormallyLowReasons: text('abnormally_low_reasons', { nullable: true }),
    rejectionReason: text('rejection_reason', { nullable: true }),
    rejectionReasons: text('rejection_reasons', { nullable: true }),
    totalScore: decimal('total_score', { nullable: true }),
    socialScore: decimal('social_score', { nullable: true }),
    scores: json('scores'),
    awardId: text('award_id', { nullable: true }),
    contractId: text('contract_id', { nullable: true }),
    submittedAt: instant('submitted_at'),
    updatedAt: instant('updated_at'),
  },
  id: 'bidId',
  sorts: ['submittedAt', 'price', 'totalScore'],
  defaultSort: 'submittedAt',
  where: ({ caseId, status, supplierId }, bind) => [
    `case_id = ${bind(caseId)}`,
    status && `status = ${bind(status)}`,
    supplierId && `supplier_id = ${bind(supplierId)}`,
  ],
  parties: { supplier: ownRows('supplier_id') },
});

export class ListBidsParams extends ListParams(bidList) {
  @ApiPropertyOptional({ enum: BID_STATUSES, example: 'evaluated' })
  @IsOptional()
  @IsIn(BID_STATUSES)
  status?: (typeof BID_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only this supplier’s bids', example: 'dell' })
  @IsOptional()
  @IsString()
  supplierId?: string;
}

export class BidPage extends PageOf(BidView) {}

// ---------------------------------------------------------------------------------------------
// Complaints

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'upheld', 'dismissed', 'withdrawn'] as const;

export class ComplaintView {
  @ApiProperty({ example: 'complaint-1' }) complaintId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'HP Sverige AB' }) complainant!: string;
  @ApiProperty({ example: 'the social criterion was scored without the disclosed factories' }) grounds!: string;
  @ApiPropertyOptional({ description: 'The award it contests', example: 'award-1', nullable: true, type: String })
  awardId!: string | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'accepted' }) status!: string;
  @ApiProperty({ description: 'Pending: the award’s contract may not be signed', example: true })
  holdsSignature!: boolean;
  @ApiProperty({ example: false }) awardCancelled!: boolean;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) decisionReasons!: string | null;
  @ApiProperty({ example: '2026-04-03T09:00:00.000Z' }) submittedAt!: string;
  @ApiPropertyOptional({ example: '2026-04-04T09:00:00.000Z', nullable: true, type: String }) acceptedAt!:
    string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) decidedAt!: string | null;
}

/** Complaints against the organisation's awards, newest first; searched by complainant and grounds. */
export const complaintList = defineList<ComplaintView, { caseId?: string; status?: string }>({
  name: 'complaints',
  from: 'rm_complaints',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    complaintId: text('complaint_id'),
    caseId: text('case_id'),
    complainant: text('complainant'),
    grounds: text('grounds'),
    awardId: text('award_id', { nullable: true }),
    status: text('status'),
    holdsSignature: flag('holds_signature'),
    awardCancelled: flag('award_cancelled'),
    decisionReasons: text('decision_reasons', { nullable: true }),
    submittedAt: instant('submitted_at'),
    acceptedAt: instant('accepted_at', { nullable: true }),
    decidedAt: instant('decided_at', { nullable: true }),
  },
  // Complaint ids are a case's own: the case breaks ties between two cases' complaint-1.
  id: text(`case_id || ' ' || complaint_id`),
  sorts: ['submittedAt', 'decidedAt'],
  defaultSort: '-submittedAt',
  where: ({ caseId, status }, bind) => [caseId && `case_id = ${bind(caseId)}`, status && `status = ${bind(status)}`],
  search: 'search',
});

export class ListComplaintsParams extends ListParams(complaintList) {
  @ApiPropertyOptional({ description: 'Only this case’s complaints', example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, example: 'accepted' })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: (typeof COMPLAINT_STATUSES)[number];
}

export class ComplaintPage extends PageOf(ComplaintView) {}

// ---------------------------------------------------------------------------------------------
// Questionnaires

export const QUESTIONNAIRE_STATUSES = ['issued', 'answered', 'supplier_silent'] as const;

export class QuestionnaireView {
  @ApiProperty({ description: 'Goes into the answer’s path as it is', example: 'scc-dell-2026.year-1' })
  questionnaireId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiPropertyOptional({ example: 'scc-dell-2026', nullable: true, type: String }) contractId!: string | null;
  @ApiProperty({ example: 1 }) contractYear!: number;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ enum: QUESTIONNAIRE_STATUSES, example: 'issued' }) status!: string;
  @ApiProperty({ example: '2026-05-01T09:00:00.000Z' }) deadline!: string;
  @ApiProperty({ example: ['2026-04-15T09:00:00.000Z', '2026-04-26T09:00:00.000Z'] }) remindersDueAt!: string[];
  @ApiProperty({ example: 0 }) remindersSent!: number;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) lastReminderAt!: string | null;
  @ApiPropertyOptional({
    description: 'Each answer by question id, with the references of the documents it rests on (documentRefs)',
    example: [
      {
        questionId: 'q-hours',
        answer: 'capped at 60 hours including overtime',
        documentRefs: ['dell-working-hours-policy-2026'],
      },
    ],
    nullable: true,
  })
  answers!: unknown;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) answeredBy!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: Boolean }) answeredOnTime!: boolean | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) answeredAt!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) escalatedAt!: string | null;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) issuedAt!: string;
}

/** The organisation's yearly questionnaires, nearest deadline first; a supplier sees its own. */
export const questionnaireList = defineList<QuestionnaireView, { caseId?: string; status?: string }>({
  name: 'questionnaires',
  from: 'rm_questionnaires',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    questionnaireId: text(questionnaireIdOf('questionnaire_id')),
    caseId: text('case_id'),
    contractId: text('contract_id', { nullable: true }),
    contractYear: whole('contract_year'),
    supplierId: text('supplier_id'),
    status: text('status'),
    deadline: instant('deadline'),
    remindersDueAt: json('reminders_due_at'),
    remindersSent: whole('reminders_sent'),
    lastReminderAt: instant('last_reminder_at', { nullable: true }),
    answers: json('answers'),
    answeredBy: text('answered_by', { nullable: true }),
    answeredOnTime: json('answered_on_time'),
    answeredAt: instant('answered_at', { nullable: true }),
    escalatedAt: instant('escalated_at', { nullable: true }),
    issuedAt: instant('issued_at'),
  },
  id: text(`case_id || ' ' || questionnaire_id`),
  sorts: ['deadline', 'issuedAt'],
  defaultSort: 'deadline',
  where: ({ caseId, status }, bind) => [caseId && `case_id = ${bind(caseId)}`, status && `status = ${bind(status)}`],
  parties: { supplier: ownRows('supplier_id') },
});

export class ListQuestionnairesParams extends ListParams(questionnaireList) {
  @ApiPropertyOptional({
    description: 'Only this case’s questionnaires',
    example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: QUESTIONNAIRE_STATUSES, example: 'issued' })
  @IsOptional()
  @IsIn(QUESTIONNAIRE_STATUSES)
  status?: (typeof QUESTIONNAIRE_STATUSES)[number];
}

export class QuestionnairePage extends PageOf(QuestionnaireView) {}

// ---------------------------------------------------------------------------------------------
// Due-diligence cycles

/** The buyer's desk review and audit of a contract year: internal, never shown to the supplier. */
export class DeskReview {
  @ApiPropertyOptional({ example: 'high', nullable: true, type: String }) riskLevel!: string | null;
  @ApiProperty({ example: ['high-risk category'] }) auditReasons!: unknown;
  @ApiProperty({ example: [] }) severeFindingIds!: unknown;
  @ApiPropertyOptional({ example: '2026-05-02T09:00:00.000Z', nullable: true, type: String }) reviewedAt!:
    string | null;
  @ApiPropertyOptional({ example: 'scc-dell-2026.year-1.audit-1', nullable: true, type: String }) auditId!:
    string | null;
  @ApiPropertyOptional({ example: 'on_site', nullable: true, type: String }) auditMethod!: string | null;
  @ApiPropertyOptional({ example: '2026-05-02T09:00:00.000Z', nullable: true, type: String }) auditRequestedAt!:
    string | null;
}

/** One contract year: the disclosure it asks for, its questionnaire and the next deadline. */
export class CycleView {
  @ApiProperty({ example: 1 }) contractYear!: number;
  @ApiProperty({ example: 'scc-dell-2026' }) contractId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({
    enum: [
      'began',
      'questionnaire_issued',
      'questionnaire_answered',
      'supplier_silent',
      'desk_reviewed',
      'audit_requested',
    ],
    example: 'questionnaire_issued',
  })
  stage!: string;
  @ApiPropertyOptional({
    description: 'Share of the supply chain the year’s disclosure must reach',
    example: 60,
    nullable: true,
    type: Number,
  })
  requiredDisclosureSharePercent!: number | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: Number }) disclosedSharePercent!: number | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: Boolean }) disclosureMeetsRequirement!: boolean | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) disclosedAt!: string | null;
  @ApiPropertyOptional({ example: 'scc-dell-2026.year-1', nullable: true, type: String }) questionnaireId!:
    string | null;
  @ApiPropertyOptional({ enum: QUESTIONNAIRE_STATUSES, example: 'issued', nullable: true, type: String })
  questionnaireStatus!: string | null;
  @ApiPropertyOptional({ example: '2026-05-01T09:00:00.000Z', nullable: true, type: String })
  questionnaireDeadline!: string | null;
  @ApiPropertyOptional({ example: 70, nullable: true, type: Number }) nextYearRequiredSharePercent!: number | null;
  @ApiPropertyOptional({
    description: 'What the supplier must meet next this year (the open questionnaire’s deadline)',
    example: '2026-05-01T09:00:00.000Z',
    nullable: true,
    type: String,
  })
  nextDeadline!: string | null;
  @ApiPropertyOptional({
    description: 'The buyer’s desk review and audit; null for a supplier',
    type: DeskReview,
    nullable: true,
  })
  deskReview!: DeskReview | null;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) beganAt!: string;
}

export const cycleList = defineList<CycleView, { caseId: string }>({
  name: 'due-diligence-cycles',
  from: 'rm_due_diligence_cycles',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    contractYear: whole('contract_year'),
    contractId: text('contract_id'),
    supplierId: text('supplier_id'),
    stage: text('stage'),
    requiredDisclosureSharePercent: decimal('required_disclosure_share_percent', { nullable: true }),
    disclosedSharePercent: decimal('disclosed_share_percent', { nullable: true }),
    disclosureMeetsRequirement: json('disclosure_meets_requirement'),
    disclosedAt: instant('disclosed_at', { nullable: true }),
    questionnaireId: text(questionnaireIdOf('questionnaire_id'), { nullable: true }),
    questionnaireStatus: text('questionnaire_status', { nullable: true }),
    questionnaireDeadline: instant('questionnaire_deadline', { nullable: true }),
    nextYearRequiredSharePercent: decimal('next_year_required_share_percent', { nullable: true }),
    nextDeadline: instant('next_deadline', { nullable: true }),
    deskReview: json(`CASE WHEN desk_reviewed_at IS NULL AND audit_id IS NULL THEN NULL ELSE json_build_object(
      'riskLevel', risk_level, 'auditReasons', coalesce(audit_reasons, '[]'::json),
      'severeFindingIds', coalesce(severe_finding_ids, '[]'::json),
      'reviewedAt', to_char(desk_reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'auditId', audit_id, 'auditMethod', audit_method,
      'auditRequestedAt', to_char(audit_requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END`),
    beganAt: instant('began_at'),
  },
  id: 'contractYear',
  sorts: ['contractYear'],
  defaultSort: 'contractYear',
  where: ({ caseId }, bind) => [`case_id = ${bind(caseId)}`],
  parties: { supplier: ownRows('supplier_id') },
});

export class ListCyclesParams extends ListParams(cycleList) {}

/** The contract's compliance plans: which factories owe one, by when, which came and which are late. */
export class ContractDueDiligence {
  @ApiProperty({ example: 'scc-dell-2026' }) contractId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: 1 }) currentYear!: number;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) signedAt!: string;
  @ApiPropertyOptional({ example: '2027-04-01T09:00:00.000Z', nullable: true, type: String })
  compliancePlansDueBy!: string | null;
  @ApiProperty({ description: 'Factories that need a compliance plan', example: ['f-shenzhen-1'] })
  compliancePlansRequired!: string[];
  @ApiProperty({
    example: [
      {
        factoryId: 'f-shenzhen-1',
        planRef: 'dell-plan-f-shenzhen-1',
        contractYear: 1,
        onTime: true,
        submittedAt: '2026-04-10T09:00:00.000Z',
      },
    ],
  })
  compliancePlansSubmitted!: unknown;
  @ApiProperty({ example: [] }) compliancePlansOverdue!: string[];
}

export class CyclePage extends PageOf(CycleView) {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiPropertyOptional({ type: ContractDueDiligence, nullable: true, description: 'Null until the contract is signed' })
  contract!: ContractDueDiligence | null;
}
