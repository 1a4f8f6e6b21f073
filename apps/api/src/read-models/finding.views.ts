import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { SEVERITIES } from './escalation.views';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, flag, instant, json, text, whole, type Bind } from './lists/list-spec';

export const FINDING_STATUSES = [
  'reported',
  'dismissed',
  'breach_confirmed',
  'corrective_action',
  'remediation_verified',
  'breach_closed',
] as const;
export const PLAN_STATUSES = ['requested', 'submitted', 'overdue', 'agreed', 'deadline_missed', 'result_recorded'];
const SOURCES = ['social_audit', 'worker_driven_monitor', 'ngo_report', 'media_report', 'grievance'];

/**
 * The plan statuses in which the contractor owes something: a plan to submit (requested, overdue),
 * or an agreed plan to carry out (agreed, deadline missed) until its result is recorded.
 */
const PLAN_OWED = `('requested', 'overdue', 'agreed', 'deadline_missed')`;

/**
 * The parties of a finding row `f`: a supplier sees the findings about its factories (those it
 * disclosed under its contracts with this buyer) and those whose remedy is asked of it; a monitor
 * those of the factories assigned to it.
 */
const findingParties = {
  supplier: (supplierId: string, bind: Bind) => {
    const supplier = bind(supplierId);
    return `(f.contractor_id = ${supplier} OR f.factory_id IN (SELECT fb.factory_id FROM rm_factory_buyers fb
      WHERE fb.organisation_id = f.organisation_id AND fb.supplier_id = ${supplier}))`;
  },
  monitor: (factoryIds: readonly string[], bind: Bind) => `f.factory_id = ANY(${bind(factoryIds)}::text[])`,
};

/** A finding as lists show it: what was found, where, and where its remedy stands. */
export class FindingView {
  @ApiProperty({ example: 'danwatch-f-shenzhen-1' }) findingId!: string;
  @ApiProperty({
    description: 'Absent (null) for a breach of a contract clause, which is about the contract',
    example: 'f-shenzhen-1',
    nullable: true,
    type: String,
  })
  factoryId!: string | null;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', nullable: true, type: String }) caseId!:
    string | null;
  @ApiPropertyOptional({
    description: 'The contractor the remedy is asked of, once the breach is confirmed',
    example: 'dell',
    nullable: true,
    type: String,
  })
  contractorId!: string | null;
  @ApiProperty({ enum: SOURCES, example: 'worker_driven_monitor' }) source!: string;
  @ApiProperty({ enum: SEVERITIES, example: 'high' }) severity!: string;
  @ApiProperty({ example: 'ILO C1 hours of work; legal minimum wage' }) standardBreached!: string;
  @ApiProperty({ example: 300 }) workersAffected!: number;
  @ApiProperty({ example: 'up to 74-hour weeks, forced overtime, wages below the legal minimum' })
  description!: string;
  @ApiProperty({ enum: FINDING_STATUSES, example: 'corrective_action' }) status!: string;
  @ApiProperty({ description: 'Shared with other buyers sourcing from the factory', example: true }) shared!: boolean;
  @ApiProperty({ description: 'How many pieces of evidence it rests on', example: 2 }) evidenceCount!: number;
  @ApiPropertyOptional({ enum: PLAN_STATUSES, example: 'agreed', nullable: true, type: String })
  planStatus!: string | null;
  @ApiPropertyOptional({
    description: 'The next deadline of the remedy: the plan’s due date, then the agreed plan’s deadline',
    example: '2026-06-30T00:00:00.000Z',
    nullable: true,
    type: String,
  })
  nextDeadline!: string | null;
  @ApiProperty({ example: 1 }) remediesCount!: number;
  @ApiProperty({ example: 300 }) workersRemedied!: number;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) verifiedAt!: string | null;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) recordedAt!: string;
  @ApiProperty({ example: '2026-05-02T09:00:00.000Z' }) updatedAt!: string;
}

interface FindingFilters {
  status?: string;
  severity?: string;
  factoryId?: string;
  caseId?: string;
  planStatus?: string;
  contractorId?: string;
  planOwed?: boolean;
}

const findingFields = {
  findingId: text('f.finding_id'),
  factoryId: text('f.factory_id', { nullable: true }),
  caseId: text('f.case_id', { nullable: true }),
  contractorId: text('f.contractor_id', { nullable: true }),
  source: text('f.source'),
  severity: text('f.severity'),
  standardBreached: text('f.standard_breached'),
  workersAffected: whole('f.workers_affected'),
  description: text('f.description'),
  status: text('f.status'),
  shared: flag('f.shareable'),
  evidenceCount: whole('f.evidence_count'),
  planStatus: text('f.plan_status', { nullable: true }),
  nextDeadline: instant('f.next_deadline', { nullable: true }),
  remediesCount: whole('f.remedies_count'),
  workersRemedied: whole('f.workers_remedied'),
  verifiedAt: instant('f.verified_at', { nullable: true }),
  recordedAt: instant('f.recorded_at'),
  updatedAt: instant('f.updated_at'),
};

/**
 * The findings the caller's organisation recorded (another buyer's shared findings show on the
 * factory's page, not here), newest first; searched by description and standard breached.
 */
export const findingList = defineList<FindingView, FindingFilters>({
  name: 'findings',
  from: 'rm_findings f',
  scope: { organisationColumn: 'f.organisation_id' },
  fields: findingFields,
  id: 'findingId',
  sorts: ['recordedAt', 'nextDeadline', 'workersAffected'],
  defaultSort: '-recordedAt',
  where: ({ status, severity, factoryId, caseId, planStatus, contractorId, planOwed }, bind) => [
    status && `f.status = ${bind(status)}`,
    severity && `f.severity = ${bind(severity)}`,
    factoryId && `f.factory_id = ${bind(factoryId)}`,
    caseId && `f.case_id = ${bind(caseId)}`,
    planStatus && `f.plan_status = ${bind(planStatus)}`,
    contractorId && `f.contractor_id = ${bind(contractorId)}`,
    planOwed === true && `f.plan_status IN ${PLAN_OWED}`,
    planOwed === false && `(f.plan_status IS NULL OR f.plan_status NOT IN ${PLAN_OWED})`,
  ],
  search: 'f.search',
  parties: findingParties,
});

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListFindingsParams extends ListParams(findingList) {
  @ApiPropertyOptional({ enum: FINDING_STATUSES, example: 'corrective_action' })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: SEVERITIES, example: 'high' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({ description: 'Only findings about this factory', example: 'f-shenzhen-1' })
  @IsOptional()
  @IsString()
  factoryId?: string;

  @ApiPropertyOptional({ description: 'Only findings of this case', example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' })
  @IsOptional()
  @IsString()
  caseId?: string;

  @ApiPropertyOptional({ enum: PLAN_STATUSES, example: 'requested' })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  planStatus?: string;

  @ApiPropertyOptional({ description: 'Only findings whose remedy is asked of this contractor', example: 'dell' })
  @IsOptional()
  @IsString()
  contractorId?: string;

  @ApiPropertyOptional({
    description:
      'true: only findings whose contractor owes a corrective action plan (requested or overdue, to submit) or ' +
      'its execution (agreed or deadline missed, no result yet); a supplier’s "plans I owe" with `sort=nextDeadline`',
    example: true,
    type: Boolean,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  planOwed?: boolean;
}

export class FindingPage extends PageOf(FindingView) {}

export class PlannedActionView {
  @ApiProperty({ example: 'wages' }) actionId!: string;
  @ApiProperty({ example: 'pay wage arrears to the legal minimum' }) action!: string;
  @ApiProperty({ description: 'Help to the workers affected, not fixing the cause', example: true })
  forAffectedWorkers!: boolean;
  @ApiProperty({ example: 'Dell' }) responsibleParty!: string;
  @ApiProperty({ example: 'payroll review and worker interviews' }) verificationMethod!: string;
  @ApiProperty({ example: '2026-06-30T00:00:00.000Z' }) deadline!: string;
  @ApiProperty({ example: 'termination proposal' }) consequenceIfNotDone!: string;
}

export class BreachView {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'dell' }) contractorId!: string;
  @ApiProperty({ example: 'conditions breach the code of conduct in the purchase contract' }) reasons!: string;
  @ApiProperty({ example: 'dev-compliance-officer' }) confirmedBy!: string;
  @ApiProperty({ example: '2026-04-02T09:00:00.000Z' }) confirmedAt!: string;
}

export class CorrectiveActionPlanView {
  @ApiProperty({ enum: PLAN_STATUSES, example: 'agreed' }) status!: string;
  @ApiPropertyOptional({ example: '2026-04-02T09:00:00.000Z', nullable: true, type: String }) requestedAt!:
    string | null;
  @ApiPropertyOptional({
    description: 'When the plan must be submitted',
    example: '2026-05-02T09:00:00.000Z',
    nullable: true,
    type: String,
  })
  dueBy!: string | null;
  @ApiPropertyOptional({ example: '2026-04-20T09:00:00.000Z', nullable: true, type: String }) submittedAt!:
    string | null;
  @ApiPropertyOptional({ example: 'dev-supplier', nullable: true, type: String }) submittedBy!: string | null;
  @ApiPropertyOptional({
    description: 'The agreed plan’s, or the submitted one’s while it waits for approval',
    example: 'cap-1',
    nullable: true,
    type: String,
  })
  planId!: string | null;
  @ApiPropertyOptional({ example: '2026-04-22T09:00:00.000Z', nullable: true, type: String }) agreedAt!: string | null;
  @ApiPropertyOptional({
    description: 'The agreed plan’s deadline, or the submitted one’s while it waits for approval',
    example: '2026-06-30T00:00:00.000Z',
    nullable: true,
    type: String,
  })
  deadline!: string | null;
  @ApiProperty({ example: false }) deadlineMissed!: boolean;
  @ApiProperty({
    description: 'The agreed plan’s actions, or the submitted plan’s while it waits for approval',
    type: [PlannedActionView],
  })
  actions!: PlannedActionView[];
}

export class RemediationView {
  @ApiProperty({ enum: ['complete', 'partial', 'none'], example: 'complete' }) result!: string;
  @ApiProperty({ example: 'hours capped, arrears paid' }) assessment!: string;
  @ApiProperty({ example: '2026-06-28T09:00:00.000Z' }) recordedAt!: string;
}

export class RemediationVerificationView {
  @ApiProperty({ example: 'worker-driven monitor' }) verifiedBy!: string;
  @ApiProperty({ example: 'worker interviews' }) method!: string;
  @ApiProperty({ example: 'visit-2026-07' }) verificationRef!: string;
  @ApiProperty({ example: '2026-07-02T09:00:00.000Z' }) verifiedAt!: string;
}

export class DecisionView {
  @ApiProperty({ example: 'remediation verified; breach closed' }) reasons!: string;
  @ApiPropertyOptional({ example: 'dev-compliance-officer', nullable: true, type: String }) by!: string | null;
  @ApiProperty({ example: '2026-07-03T09:00:00.000Z' }) at!: string;
}

export class RemedyView {
  @ApiProperty({ example: 'danwatch-f-shenzhen-1' }) findingId!: string;
  @ApiProperty({ example: 'arrears' }) remedyId!: string;
  @ApiProperty({
    description: 'Absent (null) for a breach of a contract clause, which is about the contract',
    example: 'f-shenzhen-1',
    nullable: true,
    type: String,
  })
  factoryId!: string | null;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', nullable: true, type: String }) caseId!:
    string | null;
  @ApiPropertyOptional({ example: 'dell', nullable: true, type: String }) contractorId!: string | null;
  @ApiProperty({ enum: ['back_pay', 'reinstatement', 'compensation'], example: 'back_pay' }) kind!: string;
  @ApiProperty({ example: 120 }) workersCovered!: number;
  @ApiPropertyOptional({ example: 18000, nullable: true, type: Number }) amount!: number | null;
  @ApiPropertyOptional({ example: 'USD', nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ example: 'overtime arrears paid' }) description!: string;
  @ApiProperty({ description: 'Who recorded it', example: 'dev-supplier' }) recordedBy!: string;
  @ApiProperty({ example: '2026-06-20T09:00:00.000Z' }) recordedAt!: string;
}

/** A finding with its breach, plan, remedies, remediation, verification, and how it ended. */
export class FindingDetail extends FindingView {
  @ApiPropertyOptional({
    description: 'Who recorded it; not shown to suppliers (a monitor reporting on their factory)',
    example: 'dev-monitor',
    nullable: true,
    type: String,
  })
  recordedBy!: string | null;
  @ApiPropertyOptional({
    description:
      'References of the evidence; not shown to suppliers (testimony may identify workers). Reading them is recorded',
    example: ['danwatch-2013-report'],
    nullable: true,
    type: [String],
  })
  evidenceRefs!: string[] | null;
  @ApiPropertyOptional({ type: BreachView, nullable: true }) breach!: BreachView | null;
  @ApiPropertyOptional({ type: CorrectiveActionPlanView, nullable: true })
  correctiveActionPlan!: CorrectiveActionPlanView | null;
  @ApiProperty({ type: [RemedyView] }) remedies!: RemedyView[];
  @ApiPropertyOptional({ type: RemediationView, nullable: true }) remediation!: RemediationView | null;
  @ApiPropertyOptional({ type: RemediationVerificationView, nullable: true })
  verification!: RemediationVerificationView | null;
  @ApiPropertyOptional({
    description: 'The ladder’s supply-standstill proposal, unless the compliance officer declined it',
    example: { factoryIds: ['f-shenzhen-1'], proposedAt: '2026-06-01T09:00:00.000Z' },
    nullable: true,
    type: Object,
  })
  standstillProposal!: { factoryIds: string[]; proposedAt: string } | null;
  @ApiPropertyOptional({ type: DecisionView, nullable: true, description: 'A termination proposal declined' })
  terminationDeclined!: DecisionView | null;
  @ApiPropertyOptional({ type: DecisionView, nullable: true }) dismissal!: DecisionView | null;
  @ApiPropertyOptional({ type: DecisionView, nullable: true }) closure!: DecisionView | null;
}

/** What the detail reads besides the list's fields (`findingList`), from the same row. */
export interface FindingDetailRow {
  recordedBy: string;
  state: {
    evidenceRefs?: string[];
    planRequest?: { submitted?: { planId: string; deadline: string; actions: PlannedActionView[] } };
    plan?: { actions: PlannedActionView[]; deadlineMissed: boolean };
    standstillProposal?: { factoryIds: string[]; proposedAt: string };
  };
  breachReasons: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  planRequestedAt: string | null;
  planDueBy: string | null;
  planSubmittedAt: string | null;
  planSubmittedBy: string | null;
  planId: string | null;
  planAgreedAt: string | null;
  planDeadline: string | null;
  remediationResult: string | null;
  remediationAssessment: string | null;
  remediationRecordedAt: string | null;
  verifiedBy: string | null;
  verificationMethod: string | null;
  verificationRef: string | null;
  terminationDeclinedReasons: string | null;
  terminationDeclinedAt: string | null;
  dismissalReasons: string | null;
  dismissedBy: string | null;
  dismissedAt: string | null;
  closureReasons: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

/** The finding detail's row: the list's fields and the rest of `rm_findings`, under the list's scope. */
export const findingDetailList = defineList<FindingView & FindingDetailRow>({
  name: 'finding',
  from: 'rm_findings f',
  scope: { organisationColumn: 'f.organisation_id' },
  fields: {
    ...findingFields,
    recordedBy: text('f.recorded_by'),
    state: json('f.state'),
    breachReasons: text('f.breach_reasons', { nullable: true }),
    confirmedBy: text('f.confirmed_by', { nullable: true }),
    confirmedAt: instant('f.confirmed_at', { nullable: true }),
    planRequestedAt: instant('f.plan_requested_at', { nullable: true }),
    planDueBy: instant('f.plan_due_by', { nullable: true }),
    planSubmittedAt: instant('f.plan_submitted_at', { nullable: true }),
    planSubmittedBy: text('f.plan_submitted_by', { nullable: true }),
    planId: text('f.plan_id', { nullable: true }),
    planAgreedAt: instant('f.plan_agreed_at', { nullable: true }),
    planDeadline: instant('f.plan_deadline', { nullable: true }),
    remediationResult: text('f.remediation_result', { nullable: true }),
    remediationAssessment: text('f.remediation_assessment', { nullable: true }),
    remediationRecordedAt: instant('f.remediation_recorded_at', { nullable: true }),
    verifiedBy: text('f.verified_by', { nullable: true }),
    verificationMethod: text('f.verification_method', { nullable: true }),
    verificationRef: text('f.verification_ref', { nullable: true }),
    terminationDeclinedReasons: text('f.termination_declined_reasons', { nullable: true }),
    terminationDeclinedAt: instant('f.termination_declined_at', { nullable: true }),
    dismissalReasons: text('f.dismissal_reasons', { nullable: true }),
    dismissedBy: text('f.dismissed_by', { nullable: true }),
    dismissedAt: instant('f.dismissed_at', { nullable: true }),
    closureReasons: text('f.closure_reasons', { nullable: true }),
    closedBy: text('f.closed_by', { nullable: true }),
    closedAt: instant('f.closed_at', { nullable: true }),
  },
  id: 'findingId',
  sorts: ['recordedAt'],
  defaultSort: '-recordedAt',
  parties: findingParties,
});

/** Remedies to workers recorded for the organisation's findings, newest first. */
export const remedyList = defineList<
  RemedyView,
  { findingId?: string; factoryId?: string; caseId?: string; kind?: string }
>({
  name: 'remedies',
  // The finding's row decides who may see its remedies: the same parties as the finding.
  from: 'rm_remedies r JOIN rm_findings f ON f.organisation_id = r.organisation_id AND f.finding_id = r.finding_id',
  scope: { organisationColumn: 'r.organisation_id' },
  fields: {
    findingId: text('r.finding_id'),
    remedyId: text('r.remedy_id'),
    factoryId: text('r.factory_id', { nullable: true }),
    caseId: text('r.case_id', { nullable: true }),
    contractorId: text('r.contractor_id', { nullable: true }),
    kind: text('r.kind'),
    workersCovered: whole('r.workers_covered'),
    amount: json<number | null>('to_json(r.amount)'),
    currency: text('r.currency', { nullable: true }),
    description: text('r.description'),
    recordedBy: text('r.recorded_by'),
    recordedAt: instant('r.recorded_at'),
  },
  // Remedy ids are a finding's own: the pair tells remedies apart.
  id: text(`r.finding_id || '/' || r.remedy_id`),
  sorts: ['recordedAt', 'workersCovered'],
  defaultSort: '-recordedAt',
  where: ({ findingId, factoryId, caseId, kind }, bind) => [
    findingId && `r.finding_id = ${bind(findingId)}`,
    factoryId && `r.factory_id = ${bind(factoryId)}`,
    caseId && `r.case_id = ${bind(caseId)}`,
    kind && `r.kind = ${bind(kind)}`,
  ],
  parties: findingParties,
});

export class ListRemediesParams extends ListParams(remedyList) {
  @ApiPropertyOptional({ description: 'Only the remedies of this finding', example: 'danwatch-f-shenzhen-1' })
  @IsOptional()
  @IsString()
  findingId?: string;

  @ApiPropertyOptional({ description: 'Only remedies at this factory', example: 'f-shenzhen-1' })
  @IsOptional()
  @IsString()
  factoryId?: string;

  @ApiPropertyOptional({ description: 'Only remedies of this case', example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' })
  @IsOptional()
  @IsString()
  caseId?: string;

  @ApiPropertyOptional({ enum: ['back_pay', 'reinstatement', 'compensation'], example: 'back_pay' })
  @IsOptional()
  @IsIn(['back_pay', 'reinstatement', 'compensation'])
  kind?: string;
}

export class RemedyPage extends PageOf(RemedyView) {}
