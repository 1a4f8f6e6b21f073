import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { CaseTimeline } from './case.views';
import type { PageQuery } from './pagination';

export class GetCaseTimelineQuery extends Query<CaseTimeline> {
  constructor(
    readonly caseId: string,
    readonly params: PageQuery,
    readonly caller: Caller,
  ) {
    super();
  }
}
