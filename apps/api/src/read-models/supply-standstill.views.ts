import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, instant, json, text } from './lists/list-spec';

const STANDSTILL_STATUSES = ['in_force', 'lifted'] as const;

/** A supply standstill: where, on whom, resting on which findings, who imposed it and who lifted it. */
export class StandstillView {
  @ApiProperty({ example: 'breach-danwatch-f-shenzhen-1' }) standstillId!: string;
  @ApiProperty({ example: 'f-shenzhen-1' }) factoryId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'dell' }) contractorId!: string;
  @ApiProperty({ example: ['danwatch-f-shenzhen-1'] }) findingIds!: string[];
  @ApiProperty({ description: 'Its findings whose remediation is verified', example: [] })
  verifiedFindingIds!: string[];
  @ApiProperty({ example: 'the plan was not delivered on time' }) reasons!: string;
  @ApiProperty({
    enum: ['contract', 'buyer'],
    description: 'This contract only, or every contract of the buyer',
    example: 'contract',
  })
  scope!: string;
  @ApiPropertyOptional({
    description: 'The breach-escalation workflow whose proposal it answered, if any',
    example: 'danwatch-f-shenzhen-1',
    nullable: true,
    type: String,
  })
  proposedBy!: string | null;
  @ApiProperty({ enum: STANDSTILL_STATUSES, example: 'lifted' }) status!: string;
  @ApiProperty({ example: 'dev-compliance-officer' }) imposedBy!: string;
  @ApiProperty({ example: 'compliance_officer' }) imposedByRole!: string;
  @ApiProperty({ example: '2026-05-23T09:00:00.000Z' }) imposedAt!: string;
  @ApiPropertyOptional({ example: 'remediation verified by worker interviews', nullable: true, type: String })
  liftReasons!: string | null;
  @ApiPropertyOptional({ example: 'dev-compliance-officer', nullable: true, type: String }) liftedBy!: string | null;
  @ApiPropertyOptional({ example: 'compliance_officer', nullable: true, type: String }) liftedByRole!: string | null;
  @ApiPropertyOptional({ example: '2026-07-05T09:00:00.000Z', nullable: true, type: String }) liftedAt!: string | null;
  @ApiProperty({ example: '2026-07-05T09:00:00.000Z' }) updatedAt!: string;
}

/**
 * The organisation's supply standstills, newest first. A supplier sees those imposed on it; a
 * monitor those at its assigned factories.
 */
export const standstillList = defineList<StandstillView, { status?: string; factoryId?: string; caseId?: string }>({
  name: 'supply-standstills',
  from: 'rm_standstills s',
  scope: { organisationColumn: 's.organisation_id' },
  fields: {
    standstillId: text('s.standstill_id'),
    factoryId: text('s.factory_id'),
    caseId: text('s.case_id'),
    contractorId: text('s.contractor_id'),
    findingIds: json('s.finding_ids'),
    verifiedFindingIds: json('s.verified_finding_ids'),
    reasons: text('s.reasons'),
    scope: text('s.scope'),
    proposedBy: text('s.proposed_by', { nullable: true }),
    status: text('s.status'),
    imposedBy: text('s.imposed_by'),
    imposedByRole: text('s.imposed_by_role'),
    imposedAt: instant('s.imposed_at'),
    liftReasons: text('s.lift_reasons', { nullable: true }),
    liftedBy: text('s.lifted_by', { nullable: true }),
    liftedByRole: text('s.lifted_by_role', { nullable: true }),
    liftedAt: instant('s.lifted_at', { nullable: true }),
    updatedAt: instant('s.updated_at'),
  },
  id: 'standstillId',
  sorts: ['imposedAt', 'liftedAt'],
  defaultSort: '-imposedAt',
  where: ({ status, factoryId, caseId }, bind) => [
    status && `s.status = ${bind(status)}`,
    factoryId && `s.factory_id = ${bind(factoryId)}`,
    caseId && `s.case_id = ${bind(caseId)}`,
  ],
  parties: {
    supplier: (supplierId, bind) => `s.contractor_id = ${bind(supplierId)}`,
    monitor: (factoryIds, bind) => `s.factory_id = ANY(${bind(factoryIds)}::text[])`,
  },
});

export class ListStandstillsParams extends ListParams(standstillList) {
  @ApiPropertyOptional({ enum: STANDSTILL_STATUSES, example: 'in_force' })
  @IsOptional()
  @IsIn(STANDSTILL_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only standstills at this factory', example: 'f-shenzhen-1' })
  @IsOptional()
  @IsString()
  factoryId?: string;

  @ApiPropertyOptional({
    description: 'Only standstills under this case',
    example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11',
  })
  @IsOptional()
  @IsString()
  caseId?: string;
}

export class StandstillPage extends PageOf(StandstillView) {}
