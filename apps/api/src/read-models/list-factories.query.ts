import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { FactoryRegistryPage, ListFactoriesParams } from './factory.views';

export class ListFactoriesQuery extends Query<FactoryRegistryPage> {
  constructor(
    readonly params: ListFactoriesParams,
    readonly caller: Caller,
  ) {
    super();
  }
}
