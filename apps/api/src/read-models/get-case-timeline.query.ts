import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { CaseTimeline, TimelineParams } from './case.views';

export class GetCaseTimelineQuery extends Query<CaseTimeline> {
  constructor(
    readonly caseId: string,
    readonly params: TimelineParams,
    readonly caller: Caller,
  ) {
    super();
  }
}
