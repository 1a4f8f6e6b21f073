import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { parseRiskListCsv } from '@pj/application';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { ImportRiskListDto } from './risk-lists.dto';

/** The risk lists a buyer screens tenders against (US DoL, DFØ ...): each import is the list's next version. */
@ApiTags('risk lists')
@Controller('risk-lists')
export class RiskListsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(
    ':listId/imports',
    ['contract_manager', 'compliance_officer'],
    'Import an edition of a risk list from CSV, recording its source and publication date (ImportRiskList)',
  )
  import(
    @Param('listId') listId: string,
    @Body() body: ImportRiskListDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    const { source, publishedOn, csv } = body;
    const entries = parseRiskListCsv(csv);
    return this.commands.execute(
      request.command('riskList', listId, 'ImportRiskList', { listId, source, publishedOn, entries }),
    );
  }
}
