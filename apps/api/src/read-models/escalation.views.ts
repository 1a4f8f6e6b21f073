import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageInfo, PageQuery } from './pagination';

export class ListEscalationsParams extends PageQuery {
  @ApiPropertyOptional({
    description: 'Also list closed breaches (after the open ones)',
    example: false,
    type: Boolean,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeClosed?: boolean;
}

export class Escalation {
  @ApiProperty({ example: 'f-2026-017' }) findingId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'factory-shenzhen-01' }) factoryId!: string;
  @ApiProperty({ example: 'dell' }) contractorId!: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'], example: 'high' }) severity!: string;
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

export class EscalationQueue {
  @ApiProperty({ type: [Escalation] }) items!: Escalation[];
  @ApiProperty({ type: PageInfo }) page!: PageInfo;
}
