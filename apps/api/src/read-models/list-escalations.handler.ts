import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import type { EscalationQueue } from './escalation.views';
import { ListEscalationsQuery } from './list-escalations.query';
import { iso, pageBounds, toPage } from './pagination';

interface Row {
  finding_id: string;
  case_id: string;
  factory_id: string;
  contractor_id: string;
  severity: string;
  workers_affected: number;
  status: string;
  open: boolean;
  ladder_steps: string[];
  next_deadline: Date | null;
  next_deadline_kind: string | null;
  plan_id: string | null;
  confirmed_at: Date;
  updated_at: Date;
}

/** The escalation queue: the organisation's open breaches, the nearest deadline first. */
@QueryHandler(ListEscalationsQuery)
export class ListEscalationsHandler implements IQueryHandler<ListEscalationsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ params, caller }: ListEscalationsQuery): Promise<EscalationQueue> {
    const bounds = pageBounds(params);
    const rows = await this.db.query<Row>(
      `SELECT finding_id, case_id, factory_id, contractor_id, severity, workers_affected, status, open, ladder_steps,
              next_deadline, next_deadline_kind, plan_id, confirmed_at, updated_at
         FROM rm_escalations
        WHERE organisation_id = $1 AND (open OR $2::boolean)
        ORDER BY open DESC, next_deadline ASC NULLS LAST, confirmed_at, finding_id LIMIT $3 OFFSET $4`,
      [caller.organisationId, params.includeClosed ?? false, bounds.fetch, bounds.offset],
    );
    return toPage(rows, bounds, (row) => ({
      findingId: row.finding_id,
      caseId: row.case_id,
      factoryId: row.factory_id,
      contractorId: row.contractor_id,
      severity: row.severity,
      workersAffected: row.workers_affected,
      status: row.status,
      open: row.open,
      ladderStepsTaken: row.ladder_steps,
      nextDeadline: iso(row.next_deadline),
      nextDeadlineKind: row.next_deadline_kind,
      planId: row.plan_id,
      confirmedAt: iso(row.confirmed_at)!,
      updatedAt: iso(row.updated_at)!,
    }));
  }
}
