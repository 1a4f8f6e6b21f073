import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, flag, instant, json, text, whole } from './lists/list-spec';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export class Escalation {
  @ApiProperty({ example: 'f-2026-017' }) findingId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({
    description: 'Absent (null) for a breach of a contract clause, which is about the contract',
    example: 'factory-shenzhen-01',
    nullable: true,
    type: String,
  })
  factoryId!: string | null;
  @ApiProperty({ example: 'dell' }) contractorId!: string;
  @ApiProperty({ enum: SEVERITIES, example: 'high' }) severity!: string;
  @ApiProperty({ example: 120 }) workersAffected!: number;
  @ApiProperty({
    enum: [
      'awaiting_plan',
      'plan_submitted',
      'plan_overdue',
      'remediating',
      'plan_deadline_missed',
      'awaiting_termination_decision',
      'awaiting_verification',
      'remediation_verified',
      'closed',
      'contract_terminated',
    ],
    example: 'plan_overdue',
  })
  status!: string;
  @ApiProperty({ example: true }) open!: boolean;
  @ApiProperty({ description: 'Escalation ladder steps taken, in order', example: ['reminder'] })
  ladderStepsTaken!: string[];
  @ApiPropertyOptional({
    description: 'The next deadline the breach-escalation workflow waits on',
    example: '2026-05-09T09:00:00.000Z',
    nullable: true,
    type: String,
  })
  nextDeadline!: string | null;
  @ApiPropertyOptional({
    description: 'What happens at the next deadline',
    example: 'escalated_to_compliance_officer',
    nullable: true,
    type: String,
  })
  nextDeadlineKind!: string | null;
  @ApiPropertyOptional({ example: 'cap-1', nullable: true, type: String }) planId!: string | null;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) confirmedAt!: string;
  @ApiProperty({ example: '2026-05-02T09:00:00.000Z' }) updatedAt!: string;
}

/** The escalation queue: open breaches first, the nearest deadline first (none last). */
export const escalationList = defineList<
  Escalation,
  { includeClosed?: boolean; severity?: string; factoryId?: string }
>({
  name: 'escalations',
  from: 'rm_escalations',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    findingId: text('finding_id'),
    caseId: text('case_id'),
    factoryId: text('factory_id', { nullable: true }),
    contractorId: text('contractor_id'),
    severity: text('severity'),
    workersAffected: whole('workers_affected'),
    status: text('status'),
    open: flag('open'),
    ladderStepsTaken: json('ladder_steps'),
    nextDeadline: instant('next_deadline', { nullable: true }),
    nextDeadlineKind: text('next_deadline_kind', { nullable: true }),
    planId: text('plan_id', { nullable: true }),
    confirmedAt: instant('confirmed_at'),
    updatedAt: instant('updated_at'),
  },
  id: 'findingId',
  sorts: [
    { name: 'nextDeadline', keys: ['-open', 'nextDeadline', 'confirmedAt'] },
    'confirmedAt',
    'updatedAt',
    'workersAffected',
  ],
  defaultSort: 'nextDeadline',
  where: ({ includeClosed, severity, factoryId }, bind) => [
    !includeClosed && 'open',
    severity && `severity = ${bind(severity)}`,
    factoryId && `factory_id = ${bind(factoryId)}`,
  ],
});

export class ListEscalationsParams extends ListParams(escalationList) {
  @ApiPropertyOptional({
    description: 'Also list closed breaches (after the open ones)',
    example: false,
    type: Boolean,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeClosed?: boolean;

  @ApiPropertyOptional({ enum: SEVERITIES, example: 'critical' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: (typeof SEVERITIES)[number];

  @ApiPropertyOptional({ description: 'Only breaches at this factory', example: 'factory-shenzhen-01' })
  @IsOptional()
  @IsString()
  factoryId?: string;
}

export class EscalationQueue extends PageOf(Escalation) {}
