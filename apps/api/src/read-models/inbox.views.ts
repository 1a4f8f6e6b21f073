import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, instant, json, text } from './lists/list-spec';

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

/** Decisions waiting for the organisation's compliance officers: due ones first, then the oldest. */
export const inboxList = defineList<InboxItem, { kind?: string }>({
  name: 'inbox',
  from: 'rm_inbox',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    itemId: text('item_id'),
    kind: text('kind'),
    subjectId: text('subject_id'),
    caseId: text('case_id', { nullable: true }),
    summary: text('summary'),
    details: json('details'),
    dueAt: instant('due_at', { nullable: true }),
    openedAt: instant('opened_at'),
  },
  id: 'itemId',
  sorts: [{ name: 'dueAt', keys: ['dueAt', 'openedAt'] }, 'openedAt'],
  defaultSort: 'dueAt',
  where: ({ kind }, bind) => ['resolved_at IS NULL', kind && `kind = ${bind(kind)}`],
  search: 'search',
});

export class ListInboxParams extends ListParams(inboxList) {
  @ApiPropertyOptional({ enum: INBOX_KINDS, example: 'termination_decision' })
  @IsOptional()
  @IsIn(INBOX_KINDS)
  kind?: (typeof INBOX_KINDS)[number];
}

export class Inbox extends PageOf(InboxItem) {}
