import { Query } from '@nestjs/cqrs';
import type { Caller } from '../auth/roles';
import type { FactoryDetail } from './factory.views';

export class GetFactoryQuery extends Query<FactoryDetail> {
  constructor(
    readonly factoryId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}
