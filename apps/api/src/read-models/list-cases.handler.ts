import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import type { CaseBoard } from './case.views';
import { ListCasesQuery } from './list-cases.query';
import { iso, pageBounds, toPage } from './pagination';

interface Row {
  case_id: string;
  title: string;
  phase: string;
  risk_level: string | null;
  supplier_id: string | null;
  revision: string;
  opened_at: Date;
  updated_at: Date;
}

/** The case board: the organisation's cases, newest activity first, with a count per phase. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ params, caller }: ListCasesQuery): Promise<CaseBoard> {
    const bounds = pageBounds(params);
    const rows = await this.db.query<Row>(
      `SELECT case_id, title, phase, risk_level, supplier_id, revision, opened_at, updated_at FROM rm_cases
        WHERE organisation_id = $1 AND ($2::text IS NULL OR phase = $2)
        ORDER BY updated_at DESC, case_id LIMIT $3 OFFSET $4`,
      [caller.organisationId, params.phase ?? null, bounds.fetch, bounds.offset],
    );
    const counts = await this.db.query<{ phase: string; cases: string }>(
      'SELECT phase, count(*) AS cases FROM rm_cases WHERE organisation_id = $1 GROUP BY phase',
      [caller.organisationId],
    );
    return {
      ...toPage(rows, bounds, (row) => ({
        caseId: row.case_id,
        title: row.title,
        phase: row.phase,
        riskLevel: row.risk_level,
        supplierId: row.supplier_id,
        revision: Number(row.revision),
        openedAt: iso(row.opened_at)!,
        updatedAt: iso(row.updated_at)!,
      })),
      phases: Object.fromEntries(counts.map((c) => [c.phase, Number(c.cases)])),
    };
  }
}
