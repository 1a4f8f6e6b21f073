import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { SEVERITIES } from './escalation.views';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, flag, instant, text, whole } from './lists/list-spec';

export const GRIEVANCE_STATUSES = ['submitted', 'acknowledged', 'escalated', 'referred_to_finding', 'closed'] as const;

/** A grievance without the complainant's name or contact: those stay in the event log. */
export class GrievanceView {
  @ApiProperty({ example: 'g-2026-004' }) grievanceId!: string;
  @ApiProperty({ example: 'factory-shenzhen-01' }) factoryId!: string;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', nullable: true, type: String }) caseId!:
    string | null;
  @ApiProperty({
    enum: ['hotline', 'worker_organisation', 'independent_monitor', 'in_person', 'online_form'],
    example: 'hotline',
  })
  channel!: string;
  @ApiProperty({ example: true }) anonymous!: boolean;
  @ApiProperty({ example: 'Wages for March withheld from 40 line workers' }) allegation!: string;
  @ApiProperty({ example: 40 }) workersConcerned!: number;
  @ApiProperty({ enum: SEVERITIES, example: 'critical' }) severity!: string;
  @ApiProperty({ enum: GRIEVANCE_STATUSES, example: 'escalated' }) status!: string;
  @ApiProperty({ example: '2026-04-08T09:00:00.000Z' }) acknowledgeBy!: string;
  @ApiPropertyOptional({ example: '2026-04-03T10:00:00.000Z', nullable: true, type: String }) acknowledgedAt!:
    string | null;
  @ApiProperty({ example: false }) acknowledgementOverdue!: boolean;
  @ApiPropertyOptional({ enum: ['severe', 'acknowledgement_overdue'], example: 'severe', nullable: true, type: String })
  escalationReason!: string | null;
  @ApiProperty({ example: true }) retaliationProtected!: boolean;
  @ApiProperty({ example: 0 }) retaliationReports!: number;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) findingId!: string | null;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) submittedAt!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) closedAt!: string | null;
}

/** Grievances taken in for the organisation, newest first; searched by allegation. */
export const grievanceList = defineList<GrievanceView, { status?: string; severity?: string; factoryId?: string }>({
  name: 'grievances',
  from: 'rm_grievances',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    grievanceId: text('grievance_id'),
    factoryId: text('factory_id'),
    caseId: text('case_id', { nullable: true }),
    channel: text('channel'),
    anonymous: flag('anonymous'),
    allegation: text('allegation'),
    workersConcerned: whole('workers_concerned'),
    severity: text('severity'),
    status: text('status'),
    acknowledgeBy: instant('acknowledge_by'),
    acknowledgedAt: instant('acknowledged_at', { nullable: true }),
    acknowledgementOverdue: flag('acknowledgement_overdue'),
    escalationReason: text('escalation_reason', { nullable: true }),
    retaliationProtected: flag('retaliation_protected'),
    retaliationReports: whole('retaliation_reports'),
    findingId: text('finding_id', { nullable: true }),
    submittedAt: instant('submitted_at'),
    closedAt: instant('closed_at', { nullable: true }),
  },
  id: 'grievanceId',
  sorts: ['submittedAt', 'acknowledgeBy', 'workersConcerned'],
  defaultSort: '-submittedAt',
  where: ({ status, severity, factoryId }, bind) => [
    status && `status = ${bind(status)}`,
    severity && `severity = ${bind(severity)}`,
    factoryId && `factory_id = ${bind(factoryId)}`,
  ],
  search: 'search',
});

export class ListGrievancesParams extends ListParams(grievanceList) {
  @ApiPropertyOptional({ enum: GRIEVANCE_STATUSES, example: 'escalated' })
  @IsOptional()
  @IsIn(GRIEVANCE_STATUSES)
  status?: (typeof GRIEVANCE_STATUSES)[number];

  @ApiPropertyOptional({ enum: SEVERITIES, example: 'critical' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: (typeof SEVERITIES)[number];

  @ApiPropertyOptional({ description: 'Only grievances about this factory', example: 'factory-shenzhen-01' })
  @IsOptional()
  @IsString()
  factoryId?: string;
}

export class GrievancePage extends PageOf(GrievanceView) {}
