import { Body, Controller, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { awardStandstillStatusQuery, awardStandstillWorkflowId } from '@pj/contracts';
import { CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, workflowStatus, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint, WorkflowStatusEndpoint } from '../commands/command-endpoint';
import { CommandDto } from '../commands/command.dto';
import {
  DecideAwardDto,
  ReasonsDto,
  SignContractDto,
  SubmitComplaintDto,
  UpholdComplaintDto,
} from './award-decisions.dto';

/** Award, the legal standstill (Remedies Directive) with its complaints, and signature. */
@ApiTags('award and standstill')
@Controller('cases/:caseId')
export class AwardAndStandstillController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandEndpoint('award', ['contract_manager'], 'Decide the award; the legal standstill starts (DecideAward)')
  decideAward(
    @Param('caseId') caseId: string,
    @Body() body: DecideAwardDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'DecideAward', body));
  }

  @CommandEndpoint('complaints', ['contract_manager'], 'Record a complaint received (SubmitComplaint)')
  submitComplaint(
    @Param('caseId') caseId: string,
    @Body() body: SubmitComplaintDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'SubmitComplaint', body));
  }

  @CommandEndpoint(
    'complaints/:complaintId/acceptance',
    ['contract_manager'],
    'Accept a complaint for review (AcceptComplaint)',
  )
  acceptComplaint(
    @Param('caseId') caseId: string,
    @Param('complaintId') complaintId: string,
    @Body() body: CommandDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'AcceptComplaint', body, { complaintId }));
  }

  @CommandEndpoint(
    'complaints/:complaintId/upholding',
    ['contract_manager'],
    'Uphold a complaint, optionally cancelling the award (UpholdComplaint)',
  )
  upholdComplaint(
    @Param('caseId') caseId: string,
    @Param('complaintId') complaintId: string,
    @Body() body: UpholdComplaintDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'UpholdComplaint', body, { complaintId }));
  }

  @CommandEndpoint('complaints/:complaintId/dismissal', ['contract_manager'], 'Dismiss a complaint (DismissComplaint)')
  dismissComplaint(
    @Param('caseId') caseId: string,
    @Param('complaintId') complaintId: string,
    @Body() body: ReasonsDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'DismissComplaint', body, { complaintId }));
  }

  @CommandEndpoint(
    'complaints/:complaintId/withdrawal',
    ['contract_manager'],
    'Record that a complaint was withdrawn (WithdrawComplaint)',
  )
  withdrawComplaint(
    @Param('caseId') caseId: string,
    @Param('complaintId') complaintId: string,
    @Body() body: CommandDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'WithdrawComplaint', body, { complaintId }));
  }

  @CommandEndpoint('contract', ['contract_manager'], 'Sign the contract once the standstill has ended (SignContract)')
  signContract(
    @Param('caseId') caseId: string,
    @Body() body: SignContractDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'SignContract', body));
  }

  @Get('awards/:awardId/standstill')
  @WorkflowStatusEndpoint(READERS, 'Where the award’s legal standstill stands (award-standstill workflow)', {
    step: 'standstill',
    awardId: 'award-1',
    standstillEndsAt: '2027-01-04T22:59:59.999Z',
    standstillEndsAtLocal: '2027-01-04T23:59:59.999+01:00',
    timeZone: 'Europe/Stockholm',
    nextDeadline: '2027-01-04T22:59:59.999Z',
    pendingComplaintIds: [],
  })
  standstill(@Param('caseId') caseId: string, @Param('awardId') awardId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(
      workflowStatus(
        caller,
        {
          aggregate: 'procurementCase',
          aggregateId: caseId,
          workflowId: (organisationId) => awardStandstillWorkflowId(organisationId, caseId, awardId),
        },
        awardStandstillStatusQuery,
      ),
    );
  }
}
