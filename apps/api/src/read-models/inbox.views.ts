import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageInfo } from './pagination';

export const INBOX_KINDS = [
  'termination_decision',
  'supply_standstill_decision',
  'breach_escalated',
  'corrective_action_plan_approval',
  'grievance_escalated',
  'supplier_silence',
  'severe_finding',
] as const;

export class InboxItem {
  @ApiProperty({ example: 'termination_decision:f-2026-017' }) itemId!: string;
  @ApiProperty({ enum: INBOX_KINDS, example: 'termination_decision' }) kind!: string;
  @ApiProperty({ description: 'The breach, grievance or questionnaire the decision is about', example: 'f-2026-017' })
  subjectId!: string;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', nullable: true, type: String }) caseId!:
    string | null;
  @ApiProperty({
    example: 'termination of the contract proposed after the escalation ladder for breach f-2026-017: decide',
  })
  summary!: string;
  @ApiProperty({ example: { step: 'termination_proposed', note: 'deadline slipped on 2026-05-02T09:00:00.000Z' } })
  details!: Record<string, unknown>;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ example: '2026-06-13T09:00:00.000Z' }) openedAt!: string;
}

export class Inbox {
  @ApiProperty({ type: [InboxItem] }) items!: InboxItem[];
  @ApiProperty({ type: PageInfo }) page!: PageInfo;
}
