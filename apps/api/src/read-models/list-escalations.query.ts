import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { EscalationQueue, ListEscalationsParams } from './escalation.views';

export class ListEscalationsQuery extends Query<EscalationQueue> {
  constructor(
    readonly params: ListEscalationsParams,
    readonly caller: Caller,
  ) {
    super();
  }
}
