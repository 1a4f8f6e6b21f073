import { Command } from '@nestjs/cqrs';
import type { OpenCase } from '@pj/domain';
import type { CommandResult } from '@pj/application';
import type { ProcurementCaseEvent } from '@pj/domain';

export class OpenCaseCommand extends Command<CommandResult<ProcurementCaseEvent>> {
  constructor(readonly command: OpenCase) {
    super();
  }
}
