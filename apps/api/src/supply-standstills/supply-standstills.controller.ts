import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { ImposeSupplyStandstillDto, LiftSupplyStandstillDto } from './supply-standstills.dto';

/** Supply standstills (Stockholm County Council / Dell): stop sourcing from a factory until remedied. */
@ApiTags('supply standstills')
@Controller('supply-standstills')
export class SupplyStandstillsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(
    '',
    ['compliance_officer'],
    'Order the contractor to stop sourcing from a factory (ImposeSupplyStandstill)',
  )
  impose(@Body() body: ImposeSupplyStandstillDto, @CommandContext() request: CommandRequest): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('supplyStandstill', body.standstillId, 'ImposeSupplyStandstill', body),
    );
  }

  @CommandEndpoint(
    ':standstillId/lifting',
    ['compliance_officer'],
    'Lift it once every finding has verified remediation (LiftSupplyStandstill)',
  )
  lift(
    @Param('standstillId') standstillId: string,
    @Body() body: LiftSupplyStandstillDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('supplyStandstill', standstillId, 'LiftSupplyStandstill', { ...body, standstillId }),
    );
  }
}
