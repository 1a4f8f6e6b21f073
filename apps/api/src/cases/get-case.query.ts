import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { CaseView } from './case.view';

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly caseId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}
