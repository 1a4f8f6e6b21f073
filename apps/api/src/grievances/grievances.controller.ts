import { Body, Controller, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  acknowledgeGrievanceUpdate,
  grievanceIntakeStatusQuery,
  grievanceIntakeWorkflowId,
  triageGrievanceUpdate,
} from '@pj/contracts';
import { RecordsRead } from '../audit/confidential-reads';
import { CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, workflowStatus, type CommandRequest, type WorkflowOf } from '../commands/command-context';
import { CommandEndpoint, WorkflowStatusEndpoint, WorkflowUpdateEndpoint } from '../commands/command-endpoint';
import {
  AcknowledgeGrievanceDto,
  CloseGrievanceDto,
  ReportRetaliationDto,
  SubmitGrievanceDto,
  TriageGrievanceDto,
} from './grievances.dto';

const intake = (grievanceId: string): WorkflowOf => ({
  aggregate: 'grievance',
  aggregateId: grievanceId,
  workflowId: (organisationId) => grievanceIntakeWorkflowId(organisationId, grievanceId),
});

/** Stage 4, worker voice: grievances, acknowledged and triaged through the grievance-intake workflow. */
@ApiTags('grievances')
@Controller('grievances')
export class GrievancesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandEndpoint(
    '',
    ['monitor', 'contract_manager', 'compliance_officer'],
    'Submit a worker’s grievance (SubmitGrievance)',
  )
  submit(@Body() body: SubmitGrievanceDto, @CommandContext() request: CommandRequest): Promise<CommandAccepted> {
    return this.commands.execute(request.command('grievance', body.grievanceId, 'SubmitGrievance', body));
  }

  @WorkflowUpdateEndpoint(
    ':grievanceId/acknowledgement',
    ['compliance_officer', 'contract_manager', 'monitor'],
    'Acknowledge the worker (update acknowledgeGrievance)',
  )
  acknowledge(
    @Param('grievanceId') grievanceId: string,
    @Body() body: AcknowledgeGrievanceDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(intake(grievanceId), acknowledgeGrievanceUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':grievanceId/triage',
    ['compliance_officer', 'contract_manager'],
    'Protect and refer to a new or existing finding (update triageGrievance)',
  )
  triage(
    @Param('grievanceId') grievanceId: string,
    @Body() body: TriageGrievanceDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(intake(grievanceId), triageGrievanceUpdate, body));
  }

  @CommandEndpoint(
    ':grievanceId/retaliation-reports',
    ['monitor', 'contract_manager', 'compliance_officer'],
    'Report retaliation against a complainant (ReportRetaliation)',
  )
  reportRetaliation(
    @Param('grievanceId') grievanceId: string,
    @Body() body: ReportRetaliationDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('grievance', grievanceId, 'ReportRetaliation', { ...body, grievanceId }),
    );
  }

  @CommandEndpoint(':grievanceId/closure', ['compliance_officer'], 'Close the grievance (CloseGrievance)')
  close(
    @Param('grievanceId') grievanceId: string,
    @Body() body: CloseGrievanceDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.command('grievance', grievanceId, 'CloseGrievance', { ...body, grievanceId }));
  }

  @Get(':grievanceId/intake')
  @RecordsRead('grievance')
  @WorkflowStatusEndpoint(READERS, 'Where the grievance intake stands: acknowledgement deadline, triage', {
    grievanceId: 'grievance-2026-014',
    step: 'awaiting_acknowledgement',
    nextDeadline: '2026-03-09T09:00:00.000Z',
    nextDeadlineKind: 'acknowledgement',
    acknowledged: false,
    acknowledgementOverdue: false,
    handledBy: 'intake',
  })
  intakeStatus(@Param('grievanceId') grievanceId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(workflowStatus(caller, intake(grievanceId), grievanceIntakeStatusQuery));
  }
}
