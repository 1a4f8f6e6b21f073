import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { OCID_PREFIX_PATTERN, type PointInTime } from '@pj/audit';
import { ListParams, PageOf } from '../read-models/lists/list-params';
import { CONFIDENTIAL_KINDS, confidentialReadList } from './confidential-reads';
import { EXPORT_FORMATS, type ExportFormat } from './audit-trail';

const revision = (description: string, example: number) => [
  ApiPropertyOptional({ description, minimum: 0, example }),
  IsOptional(),
  Type(() => Number),
  IsInt(),
  Min(0),
  Max(Number.MAX_SAFE_INTEGER),
];
const instant = (description: string, example: string) => [
  ApiPropertyOptional({ description, example }),
  IsOptional(),
  IsISO8601({ strict: true }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

/** `?revision=` and/or `?at=`: both given, the earlier of the two wins; neither, the end. */
export class PointQuery {
  @apply(revision('State after this revision (inclusive)', 4)) revision?: number;
  @apply(instant('State as it was at this instant (events recorded at or before it)', '2026-03-01T00:00:00Z'))
  at?: string;
}

export const pointOf = (revisionValue?: number, at?: string): PointInTime => ({ revision: revisionValue, at });

/** From one moment to another; `to` defaults to now. */
export class DiffQuery {
  @apply(revision('From the state after this revision', 2)) fromRevision?: number;
  @apply(instant('From the state at this instant', '2026-03-01T00:00:00Z')) fromAt?: string;
  @apply(revision('To the state after this revision (default: the end)', 6)) toRevision?: number;
  @apply(instant('To the state at this instant (default: now)', '2026-06-01T00:00:00Z')) toAt?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'jsonl', example: 'ocds-release-package' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({
    description: 'Your registered OCDS ocid prefix ("ocds-" and 6 lower-case letters or digits)',
    example: 'ocds-213czf',
    pattern: OCID_PREFIX_PATTERN.source,
  })
  @IsOptional()
  @Matches(OCID_PREFIX_PATTERN, { message: 'ocidPrefix must be "ocds-" and 6 lower-case letters or digits' })
  ocidPrefix?: string;
}

export class StartExportDto extends ExportQuery {
  @ApiPropertyOptional({
    description: 'Export this case only; without it, the whole organisation',
    example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class ListConfidentialReadsParams extends ListParams(confidentialReadList) {
  @ApiPropertyOptional({ enum: CONFIDENTIAL_KINDS, example: 'grievance' })
  @IsOptional()
  @IsIn(CONFIDENTIAL_KINDS)
  kind?: string;

  @ApiPropertyOptional({ description: 'Reads by this person (the token’s subject)', example: 'ingrid.compliance' })
  @IsOptional()
  @MaxLength(200)
  readerId?: string;
}

export class ConfidentialReadView {
  @ApiProperty({ example: '2026-04-02T10:15:00.000Z' }) readAt!: string;
  @ApiProperty({ example: 'ingrid.compliance' }) readerId!: string;
  @ApiProperty({ example: 'compliance_officer' }) readerRole!: string;
  @ApiProperty({ enum: CONFIDENTIAL_KINDS, example: 'grievance' }) kind!: string;
  @ApiProperty({ example: '/grievances/g-2026-004/intake' }) resource!: string;
}

export class ConfidentialReadPage extends PageOf(ConfidentialReadView) {}

export class StateAtView {
  @ApiProperty({ example: 'procurement-case-stockholm-county-council/3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' })
  streamId!: string;
  @ApiProperty({ example: 'procurementCase' }) aggregate!: string;
  @ApiProperty({ description: 'The folded state, as the decider sees it', example: { phase: 'tendering' } })
  state!: object;
  @ApiProperty({ description: 'Revision of the last event folded in; -1 when none was', example: 4 })
  revision!: number;
  @ApiPropertyOptional({ example: '2026-03-01T09:00:04.000Z' }) recordedAt?: string;
}

export class StateDifferenceView {
  @ApiProperty({ type: StateAtView }) from!: StateAtView;
  @ApiProperty({ type: StateAtView }) to!: StateAtView;
  @ApiProperty({
    description: 'Structural changes: path, and old and new values',
    example: [{ type: 'CHANGE', path: ['phase'], oldValue: 'tendering', value: 'evaluation' }],
  })
  changes!: object[];
}

export class CausationStepView {
  @ApiProperty({
    example: {
      streamId: 'procurement-case-stockholm-county-council/3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11',
      revision: 1,
      type: 'RiskScreened',
      eventId: '9b2c…',
      recordedAt: '2026-03-01T09:00:01.000Z',
      actor: { id: 'risk-screening:stockholm-county-council/3f9a…', role: 'workflow' },
      actorKind: 'workflow',
      commandId: '…',
      causationId: '…',
      correlationId: '…',
    },
  })
  provenance!: object;
  @ApiProperty({ example: { riskLevel: 'high' } }) data!: object;
}

export class VerificationView {
  @ApiProperty({ example: false }) ok!: boolean;
  @ApiProperty({ example: 12 }) eventsChecked!: number;
  @ApiProperty({ example: 1 }) streamsChecked!: number;
  @ApiProperty({
    example: [
      {
        kind: 'changed',
        streamId: 'procurement-case-stockholm-county-council/3f9a…',
        revision: 2,
        detail: 'the event no longer matches its hash',
      },
    ],
  })
  issues!: object[];
  @ApiProperty({ example: [] }) headsChecked!: object[];
}

export class AuditJobView {
  @ApiProperty({ example: '5b1d0a8e-3f61-4c8e-9f0e-8e2a1f6b7c90' }) jobId!: string;
  @ApiProperty({ enum: ['verification', 'export'], example: 'verification' }) kind!: string;
  @ApiProperty({ example: { scope: 'organisation' } }) parameters!: object;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'], example: 'running' }) status!: string;
  @ApiPropertyOptional({ description: 'Share of the log read, 0–100', example: 40, nullable: true, type: Number })
  percent!: number | null;
  @ApiPropertyOptional({ example: { ok: false, issues: 1 }, nullable: true, type: Object })
  summary!: object | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) error!: string | null;
  @ApiProperty({ example: 'auditor-1' }) requestedBy!: string;
  @ApiProperty({ example: '2026-04-02T10:15:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ example: '/api/audit/jobs/5b1d0a8e-3f61-4c8e-9f0e-8e2a1f6b7c90/events' }) eventsUrl!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Set once the job succeeded' })
  resultUrl!: string | null;
}
