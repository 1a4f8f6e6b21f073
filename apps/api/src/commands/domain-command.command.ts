import { Command } from '@nestjs/cqrs';
import type { AggregateName, CommandOf, ExecuteOptions } from '@pj/application';
import type { CommandAccepted } from './command-accepted';

/**
 * Any domain command of any aggregate, as one bus command: which aggregate, which instance, the
 * command itself and how it is scoped (the caller's access, If-Match). One handler serves them all.
 */
export class DomainCommand<A extends AggregateName = AggregateName> extends Command<CommandAccepted> {
  constructor(
    readonly aggregate: A,
    readonly aggregateId: string,
    readonly command: CommandOf<A>,
    readonly options: ExecuteOptions,
  ) {
    super();
  }
}
