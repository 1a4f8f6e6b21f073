import { Global, Module } from '@nestjs/common';
import { DomainCommandHandler } from './domain-command.handler';
import { WorkflowStatusHandler } from './workflow-status.handler';
import { WorkflowUpdateHandler } from './workflow-update.handler';

/** The three generic handlers every capability module sends its bus messages to. */
@Global()
@Module({ providers: [DomainCommandHandler, WorkflowUpdateHandler, WorkflowStatusHandler] })
export class CommandsModule {}
