import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand } from '@pj/application';
import { procurementCase, procurementCaseStreamId } from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import { OpenCaseCommand } from './open-case.command';

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command }: OpenCaseCommand) {
    return handleCommand(this.store, procurementCase, procurementCaseStreamId(command.data.caseId), command);
  }
}
