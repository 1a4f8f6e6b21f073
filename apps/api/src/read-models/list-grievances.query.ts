import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { GrievancePage, ListGrievancesParams } from './grievance.views';

export class ListGrievancesQuery extends Query<GrievancePage> {
  constructor(
    readonly params: ListGrievancesParams,
    readonly caller: Caller,
  ) {
    super();
  }
}
