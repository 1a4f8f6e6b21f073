import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { executeCommand } from '@pj/application';
import type { EventStore } from '@pj/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import { CommandAccepted } from './command-accepted';
import { DomainCommand } from './domain-command.command';

/** The API's one command handler: the command path does the rest (load, scope, decide, append). */
@CommandHandler(DomainCommand)
export class DomainCommandHandler implements ICommandHandler<DomainCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ aggregate, aggregateId, command, options }: DomainCommand): Promise<CommandAccepted> {
    const result = await executeCommand(this.store, aggregate, aggregateId, command, options);
    return CommandAccepted.from(aggregateId, result);
  }
}
