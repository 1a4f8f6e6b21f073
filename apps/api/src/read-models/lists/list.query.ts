import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import type { Caller } from '../../auth/roles';
import { READ_MODELS } from '../../infrastructure/tokens';
import type { ListQueryParams, Page } from './list-params';
import type { ListSpec } from './list-spec';
import { runList } from './run-list';

/** A page of any list: `new ListQuery(grievanceList, params, caller)`. */
export class ListQuery<View, Params> extends Query<Page<View>> {
  constructor(
    readonly spec: ListSpec<View, Params>,
    readonly params: Params & ListQueryParams,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(ListQuery)
export class ListHandler implements IQueryHandler<ListQuery<unknown, unknown>> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  execute({ spec, params, caller }: ListQuery<unknown, unknown>): Promise<Page<unknown>> {
    return runList(this.db, spec, params, caller);
  }
}
