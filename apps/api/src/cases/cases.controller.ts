import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import { CaseView } from './case.view';
import { commandMetadataFrom } from './command-metadata';
import { CommandAccepted } from './command-accepted';
import { GetCaseQuery } from './get-case.query';
import { OpenCaseCommand } from './open-case.command';
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

  @Post()
  @HttpCode(201)
  @AllowRoles('contract_manager')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe command id', example: 'open-case-2026-0001' })
  @ApiResponse({ status: 201, type: CommandAccepted, description: 'The case is open; risk screening starts' })
  @ApiResponse({ status: 400, description: 'A field is missing or malformed' })
  @ApiResponse({ status: 403, description: 'Only contract managers open cases' })
  async open(
    @Body() body: OpenCaseDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CommandAccepted> {
    const metadata = commandMetadataFrom(caller, idempotencyKey, body.commandId);
    const caseId = body.caseId ?? uuidv5(metadata.commandId, CASE_ID_NAMESPACE);
    const result = await this.commands.execute(
      new OpenCaseCommand({
        type: 'OpenCase',
        data: {
          caseId,
          title: body.title,
          productCategory: body.productCategory,
          countriesOfProduction: body.countriesOfProduction,
        },
        metadata,
      }),
    );
    return CommandAccepted.from(caseId, result);
  }

  @Get(':caseId')
  @AllowRoles(...READERS)
  @ApiOkResponse({ type: CaseView })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @CurrentCaller() caller: Caller): Promise<CaseView> {
    return this.queries.execute(new GetCaseQuery(caseId, caller));
  }
}
