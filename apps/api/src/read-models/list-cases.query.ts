import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { CaseBoard, ListCasesParams } from './case.views';

export class ListCasesQuery extends Query<CaseBoard> {
  constructor(
    readonly params: ListCasesParams,
    readonly caller: Caller,
  ) {
    super();
  }
}
