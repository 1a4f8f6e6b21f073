import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { RegisterFactoryDto, UpdateFactoryProfileDto } from './factory-registry.dto';

const REGISTRARS = ['contract_manager', 'compliance_officer', 'monitor'] as const;

/** The factory registry, shared between buyers (Electronics Watch, Sweatfree Purchasing Consortium). */
@ApiTags('factory registry')
@Controller('factories')
export class FactoryRegistryController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint('', REGISTRARS, 'Register a factory in the shared registry (RegisterFactory)')
  register(@Body() body: RegisterFactoryDto, @CommandContext() request: CommandRequest): Promise<CommandAccepted> {
    return this.commands.execute(request.command('factory', body.factoryId, 'RegisterFactory', body));
  }

  @CommandEndpoint(':factoryId/profile-updates', REGISTRARS, 'Update a factory’s profile (UpdateFactoryProfile)')
  update(
    @Param('factoryId') factoryId: string,
    @Body() body: UpdateFactoryProfileDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.command('factory', factoryId, 'UpdateFactoryProfile', { ...body, factoryId }));
  }
}
