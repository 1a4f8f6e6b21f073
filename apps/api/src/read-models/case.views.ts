import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, instant, json, text, whole, type Field } from './lists/list-spec';

export const CASE_PHASES = [
  'policy',
  'tendering',
  'evaluation',
  'awarded',
  'in_performance',
  'closed',
  'terminated',
] as const;

const RISK_LEVELS = ['low', 'medium', 'high'] as const;

export class CaseCard {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'Computers and displays for county hospitals 2026–2030' }) title!: string;
  @ApiProperty({ enum: CASE_PHASES, example: 'in_performance' }) phase!: string;
  @ApiPropertyOptional({ enum: RISK_LEVELS, example: 'high', nullable: true, type: String })
  riskLevel!: string | null;
  @ApiPropertyOptional({ description: 'The awarded supplier', example: 'dell', nullable: true, type: String })
  supplierId!: string | null;
  @ApiProperty({ example: 14 }) revision!: number;
  @ApiProperty({ example: '2026-03-01T09:00:00.000Z' }) openedAt!: string;
  @ApiProperty({ example: '2026-09-14T12:30:00.000Z' }) updatedAt!: string;
}

/** The case board: the organisation's cases, newest activity first; searched by title. */
export const caseList = defineList<CaseCard, { phase?: string; riskLevel?: string }>({
  name: 'cases',
  from: 'rm_cases',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    caseId: text('case_id'),
    title: text('title'),
    phase: text('phase'),
    riskLevel: text('risk_level', { nullable: true }),
    supplierId: text('supplier_id', { nullable: true }),
    revision: whole('revision', 'bigint'),
    openedAt: instant('opened_at'),
    updatedAt: instant('updated_at'),
  },
  id: 'caseId',
  sorts: ['updatedAt', 'openedAt', 'title'],
  defaultSort: '-updatedAt',
  where: ({ phase, riskLevel }, bind) => [
    phase && `phase = ${bind(phase)}`,
    riskLevel && `risk_level = ${bind(riskLevel)}`,
  ],
  search: 'search',
  // A supplier sees tenders open for bids (published to every bidder), and the cases where it has
  // bid or holds the award; never another supplier's case after the tender closed.
  parties: {
    supplier: (supplierId, bind) => {
      const supplier = bind(supplierId);
      return `(rm_cases.phase = 'tendering' OR rm_cases.supplier_id = ${supplier} OR EXISTS (
        SELECT 1 FROM rm_bids bid WHERE bid.organisation_id = rm_cases.organisation_id
           AND bid.case_id = rm_cases.case_id AND bid.supplier_id = ${supplier}))`;
    },
  },
});

export class ListCasesParams extends ListParams(caseList) {
  @ApiPropertyOptional({ description: 'Only cases in this phase', enum: CASE_PHASES, example: 'in_performance' })
  @IsOptional()
  @IsIn(CASE_PHASES)
  phase?: (typeof CASE_PHASES)[number];

  @ApiPropertyOptional({ description: 'Only cases screened at this risk level', enum: RISK_LEVELS, example: 'high' })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: (typeof RISK_LEVELS)[number];
}

export class CaseBoard extends PageOf(CaseCard) {
  @ApiProperty({
    description: 'Cases of the organisation per phase (all pages)',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { policy: 2, tendering: 1, in_performance: 4 },
  })
  phases!: Record<string, number>;
}

export class TimelineEntry {
  @ApiProperty({
    description: 'Place of the event in its own stream (the case revision, for the case’s events)',
    example: 3,
  })
  revision!: number;
  @ApiProperty({
    description:
      'Which of the case’s streams the event is of: the case’s own, or one of its findings, standstills, purchasing-practice reviews or grievances',
    enum: ['procurementCase', 'finding', 'supplyStandstill', 'purchasingPracticeReview', 'grievance'],
    example: 'finding',
  })
  aggregate!: string;
  @ApiProperty({ description: 'The id of that case, finding, standstill, review or grievance', example: 'f-17' })
  sourceId!: string;
  @ApiProperty({ description: 'The event’s stream', example: 'finding-stockholm-county-council/f-17' })
  streamId!: string;
  @ApiProperty({ description: 'What happened', example: 'BreachEscalated' }) eventType!: string;
  @ApiProperty({
    description: 'Who: a person or a workflow',
    example: { id: 'breach-escalation:stockholm-county-council/f-17', role: 'workflow' },
  })
  actor!: { id: string; role: string };
  @ApiProperty({ description: 'When (decided at)', example: '2026-05-02T09:00:00.000Z' }) recordedAt!: string;
  @ApiPropertyOptional({
    description:
      'When a fact from outside happened (effective date: an award decision sent, a complaint received, a grievance raised); null when the event has none',
    example: '2026-12-22T15:00:00.000Z',
    nullable: true,
    type: String,
  })
  occurredAt!: string | null;
  @ApiPropertyOptional({
    description: 'Set when the fact was recorded later than it happened: who recorded it, when, and how far back',
    example: { recordedBy: 'anna', recordedAt: '2026-12-28T08:30:00.000Z', backBy: 'P5DT17H30M' },
    nullable: true,
  })
  backdating!: { recordedBy: string; recordedAt: string; backBy: string } | null;
  @ApiPropertyOptional({
    description: 'Why: the reasons the event gives',
    example: 'corrective action plan overdue',
    nullable: true,
    type: String,
  })
  reasons!: string | null;
  @ApiProperty({ description: 'Why: the event that caused it', example: '9b2e3c1d-1f7a-5c55-9d1e-2c4b8e6a0f11' })
  causationId!: string;
  @ApiPropertyOptional({
    description: 'Type of the causing event, when it is on this case',
    example: 'CorrectiveActionPlanOverdue',
    nullable: true,
    type: String,
  })
  causationType!: string | null;
  @ApiProperty({ example: 'stockholm-county-council:anna:open-case-2026-0001' }) commandId!: string;
  @ApiProperty({ example: '5c1e8a4e-7f3b-5a8d-9c1f-0e2b4d6a8c10' }) eventId!: string;
  @ApiProperty({ description: 'Log position (resume live updates with it as Last-Event-ID)', example: '1042/3318' })
  position!: string;
  @ApiProperty({
    example: { caseId: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', step: 'reminder', note: 'deadline slipped' },
  })
  data!: unknown;
}

/** The log position `commit/prepare`; it sorts in log order, being kept zero-padded. */
const logPosition: Field<string> = {
  sql: 't.log_order',
  type: 'text',
  nullable: false,
  read: (value) =>
    String(value)
      .split('/')
      .map((part) => BigInt(part).toString())
      .join('/'),
};

/**
 * A case's timeline in log order: who did what, when and why, and the event that caused it; the
 * case's own events and its findings', standstills', purchasing-practice reviews' and grievances'.
 */
export const timelineList = defineList<TimelineEntry, { caseId: string }>({
  name: 'case-timeline',
  from: `rm_case_timeline t
    LEFT JOIN rm_case_timeline cause
      ON cause.event_id = t.causation_id AND cause.organisation_id = t.organisation_id AND cause.case_id = t.case_id`,
  scope: { organisationColumn: 't.organisation_id' },
  fields: {
    revision: whole('t.revision', 'bigint'),
    aggregate: text('t.aggregate'),
    sourceId: text('t.source_id'),
    streamId: text('t.stream_id'),
    eventType: text('t.event_type'),
    actor: json(`json_build_object('id', t.actor_id, 'role', t.actor_role)`),
    recordedAt: instant('t.recorded_at'),
    // Events written before effective dates have none: they took effect when recorded.
    occurredAt: text(`(t.data::jsonb ->> 'occurredAt')`, { nullable: true }),
    backdating: json(`(t.data::jsonb -> 'backdating')`),
    reasons: text('t.reasons', { nullable: true }),
    causationId: text('t.causation_id'),
    causationType: text('cause.event_type', { nullable: true }),
    commandId: text('t.command_id'),
    eventId: text('t.event_id'),
    position: logPosition,
    data: json('t.data'),
  },
  id: 'position',
  sorts: ['position'],
  defaultSort: 'position',
  where: ({ caseId }, bind) => [`t.case_id = ${bind(caseId)}`],
});

export class TimelineParams extends ListParams(timelineList) {}

export class CaseTimeline extends PageOf(TimelineEntry) {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
}
