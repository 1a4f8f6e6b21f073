import { Inject } from '@nestjs/common';
import { NotFoundError } from '../../errors/request-errors';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import type { Caller } from '../../auth/roles';
import { READ_MODELS } from '../../infrastructure/tokens';
import type { ListQueryParams, Page } from './list-params';
import type { ListSpec } from './list-spec';
import { findInList, runList, type ItemPlace } from './run-list';

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

/** One item of a list by its id, under the list's scope (a detail endpoint); 404 when the caller may not see it. */
export class ItemQuery<View, Params> extends Query<View> {
  constructor(
    readonly spec: ListSpec<View, Params>,
    readonly id: string,
    readonly caller: Caller,
    /** What the item is, for the 404 and its code (`supplyStandstill.not_found`, as the command side says). */
    readonly what: string,
    /** Where the id lies, when it is not the list's id or unique only within a filter (a bid in its case). */
    readonly place?: ItemPlace<View, Params>,
  ) {
    super();
  }
}

@QueryHandler(ItemQuery)
export class ItemHandler implements IQueryHandler<ItemQuery<unknown, unknown>> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ spec, id, caller, what, place }: ItemQuery<unknown, unknown>): Promise<unknown> {
    const item = await findInList(this.db, spec, id, caller, place);
    if (item === undefined) throw new NotFoundError(what, id);
    return item;
  }
}
