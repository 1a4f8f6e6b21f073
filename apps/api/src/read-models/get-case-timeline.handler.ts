import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { NotFoundError } from '../errors/request-errors';
import { READ_MODELS } from '../infrastructure/tokens';
import { timelineList, type CaseTimeline } from './case.views';
import { GetCaseTimelineQuery } from './get-case-timeline.query';
import { runList } from './lists/run-list';

/** Case detail's timeline, oldest first: who did what, when and why. */
@QueryHandler(GetCaseTimelineQuery)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimelineQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ caseId, params, caller }: GetCaseTimelineQuery): Promise<CaseTimeline> {
    // Another buyer's case answers exactly like a missing one.
    const [owned] = await this.db.query('SELECT 1 FROM rm_cases WHERE case_id = $1 AND organisation_id = $2', [
      caseId,
      caller.organisationId,
    ]);
    if (!owned) throw new NotFoundError('case', caseId);
    return { caseId, ...(await runList(this.db, timelineList, { ...params, caseId }, caller)) };
  }
}
