import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import type { GrievancePage } from './grievance.views';
import { ListGrievancesQuery } from './list-grievances.query';
import { iso, pageBounds, toPage } from './pagination';

interface Row {
  grievance_id: string;
  factory_id: string;
  case_id: string | null;
  channel: string;
  anonymous: boolean;
  allegation: string;
  workers_concerned: number;
  severity: string;
  status: string;
  acknowledge_by: Date;
  acknowledged_at: Date | null;
  acknowledgement_overdue: boolean;
  escalation_reason: string | null;
  retaliation_protected: boolean;
  retaliation_reports: number;
  finding_id: string | null;
  submitted_at: Date;
  closed_at: Date | null;
}

/** The organisation's grievances, newest first. */
@QueryHandler(ListGrievancesQuery)
export class ListGrievancesHandler implements IQueryHandler<ListGrievancesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ params, caller }: ListGrievancesQuery): Promise<GrievancePage> {
    const bounds = pageBounds(params);
    const rows = await this.db.query<Row>(
      `SELECT grievance_id, factory_id, case_id, channel, anonymous, allegation, workers_concerned, severity, status,
              acknowledge_by, acknowledged_at, acknowledgement_overdue, escalation_reason, retaliation_protected,
              retaliation_reports, finding_id, submitted_at, closed_at
         FROM rm_grievances WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY submitted_at DESC, grievance_id LIMIT $3 OFFSET $4`,
      [caller.organisationId, params.status ?? null, bounds.fetch, bounds.offset],
    );
    return toPage(rows, bounds, (row) => ({
      grievanceId: row.grievance_id,
      factoryId: row.factory_id,
      caseId: row.case_id,
      channel: row.channel,
      anonymous: row.anonymous,
      allegation: row.allegation,
      workersConcerned: row.workers_concerned,
      severity: row.severity,
      status: row.status,
      acknowledgeBy: iso(row.acknowledge_by)!,
      acknowledgedAt: iso(row.acknowledged_at),
      acknowledgementOverdue: row.acknowledgement_overdue,
      escalationReason: row.escalation_reason,
      retaliationProtected: row.retaliation_protected,
      retaliationReports: row.retaliation_reports,
      findingId: row.finding_id,
      submittedAt: iso(row.submitted_at)!,
      closedAt: iso(row.closed_at),
    }));
  }
}
