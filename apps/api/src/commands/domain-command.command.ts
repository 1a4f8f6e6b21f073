import { Command } from '@nestjs/cqrs';
import type { AggregateName, ExecuteOptions } from '@pj/application';
import type { Command as DomainCommandMessage } from '@pj/domain';
import type { CommandAccepted } from './command-accepted';

/**
 * Any domain command of any aggregate, as one bus command: which aggregate, which instance, the
 * command itself and how it is scoped (the caller's access, If-Match). One handler serves them all.
 */
export class DomainCommand extends Command<CommandAccepted> {
  constructor(
    readonly aggregate: AggregateName,
    readonly aggregateId: string,
    readonly command: DomainCommandMessage,
    readonly options: ExecuteOptions,
  ) {
    super();
  }
}
