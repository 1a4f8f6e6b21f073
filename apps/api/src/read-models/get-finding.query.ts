import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { FindingDetail } from './finding.views';

export class GetFindingQuery extends Query<FindingDetail> {
  constructor(
    readonly findingId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}
