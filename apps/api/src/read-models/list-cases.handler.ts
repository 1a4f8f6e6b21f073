import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import { caseList, type CaseBoard } from './case.views';
import { ListCasesQuery } from './list-cases.query';
import type { Bind } from './lists/list-spec';
import { partyScope, runList } from './lists/run-list';

/** The case board: a page of the caller's cases, with a count per phase over all of them. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ params, caller }: ListCasesQuery): Promise<CaseBoard> {
    const page = await runList(this.db, caseList, params, caller);
    // Counted over the cases the caller sees: a supplier's board counts only its own.
    const values: unknown[] = [caller.organisationId];
    const bind: Bind = (value) => {
      values.push(value);
      return `$${values.length}`;
    };
    const counts = await this.db.query<{ phase: string; cases: string }>(
      `SELECT phase, count(*) AS cases FROM rm_cases
        WHERE ${['organisation_id = $1', ...partyScope(caseList, caller, bind)].join(' AND ')} GROUP BY phase`,
      values,
    );
    return { ...page, phases: Object.fromEntries(counts.map((c) => [c.phase, Number(c.cases)])) };
  }
}
