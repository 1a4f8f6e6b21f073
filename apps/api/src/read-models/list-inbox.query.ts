import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { Inbox } from './inbox.views';
import type { PageQuery } from './pagination';

export class ListInboxQuery extends Query<Inbox> {
  constructor(
    readonly params: PageQuery,
    readonly caller: Caller,
  ) {
    super();
  }
}
