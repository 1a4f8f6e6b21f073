import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { NotFoundError } from '../errors/request-errors';
import { READ_MODELS } from '../infrastructure/tokens';
import type { CaseView } from './case.view';
import { GetCaseQuery } from './get-case.query';

interface CaseRow {
  case_id: string;
  title: string;
  phase: string;
  risk_level: string | null;
  revision: string;
  state: { productCategory: string; countriesOfProduction: string[] };
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ caseId, caller }: GetCaseQuery): Promise<CaseView> {
    // Scoped by organisation in the query itself: another buyer's case answers exactly like a
    // missing one, so ids reveal nothing.
    const [row] = await this.db.query<CaseRow>(
      'SELECT case_id, title, phase, risk_level, revision, state FROM rm_cases WHERE case_id = $1 AND organisation_id = $2',
      [caseId, caller.organisationId],
    );
    if (!row) throw new NotFoundError('case', caseId);
    return {
      caseId: row.case_id,
      phase: row.phase,
      title: row.title,
      productCategory: row.state.productCategory,
      countriesOfProduction: row.state.countriesOfProduction,
      riskLevel: row.risk_level ?? undefined,
      revision: Number(row.revision),
    };
  }
}
