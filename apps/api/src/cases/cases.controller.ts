import { Body, Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { caseProjection } from '@pj/projections';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { ReadsFrom } from '../read-models/log-position';
import { CaseView } from './case.view';
import { GetCaseQuery } from './get-case.query';
import { OpenCaseDto } from './open-case.dto';

/** Namespace of case ids derived from command ids. Never change it. */
const CASE_ID_NAMESPACE = '0b7f3f2e-6a0c-4b0a-8f7e-5d7b1c9e2a60';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandEndpoint('', ['contract_manager'], 'Open a case; risk screening starts')
  open(@Body() body: OpenCaseDto, @CommandContext() request: CommandRequest): Promise<CommandAccepted> {
    // Derived from the (organisation-scoped) command id, so a retried request opens the same case.
    const caseId = body.caseId ?? uuidv5(request.metadata.commandId, CASE_ID_NAMESPACE);
    return this.commands.execute(request.command('procurementCase', caseId, 'OpenCase', { ...body, caseId }));
  }

  @Get(':caseId')
  @AllowRoles(...READERS)
  @ReadsFrom(caseProjection)
  @ApiOkResponse({ type: CaseView })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @CurrentCaller() caller: Caller): Promise<CaseView> {
    return this.queries.execute(new GetCaseQuery(caseId, caller));
  }
}
