import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageInfo, PageQuery } from './pagination';

export const GRIEVANCE_STATUSES = ['submitted', 'acknowledged', 'escalated', 'referred_to_finding', 'closed'] as const;

export class ListGrievancesParams extends PageQuery {
  @ApiPropertyOptional({ enum: GRIEVANCE_STATUSES, example: 'escalated' })
  @IsOptional()
  @IsIn(GRIEVANCE_STATUSES)
  status?: (typeof GRIEVANCE_STATUSES)[number];
}

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
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'], example: 'critical' }) severity!: string;
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

export class GrievancePage {
  @ApiProperty({ type: [GrievanceView] }) items!: GrievanceView[];
  @ApiProperty({ type: PageInfo }) page!: PageInfo;
}
