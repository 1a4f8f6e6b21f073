import { Body, Controller, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  approveCorrectiveActionPlanUpdate,
  breachEscalationStatusQuery,
  breachEscalationWorkflowId,
  confirmStandstillLiftingUpdate,
  decideSupplyStandstillUpdate,
  decideTerminationUpdate,
  recordRemediationResultUpdate,
  recordRemedyToWorkersUpdate,
  submitCorrectiveActionPlanUpdate,
  verifyRemediationUpdate,
} from '@pj/contracts';
import { RecordsRead } from '../audit/confidential-reads';
import { CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, workflowStatus, type CommandRequest, type WorkflowOf } from '../commands/command-context';
import { CommandEndpoint, WorkflowStatusEndpoint, WorkflowUpdateEndpoint } from '../commands/command-endpoint';
import {
  AddFindingEvidenceDto,
  ApproveCorrectiveActionPlanDto,
  ConfirmBreachDto,
  ConfirmStandstillLiftingDto,
  DecideSupplyStandstillDto,
  DecideTerminationDto,
  DismissFindingDto,
  RecordFindingDto,
  RecordRemediationResultDto,
  RecordRemedyToWorkersDto,
  SubmitCorrectiveActionPlanDto,
  VerifyRemediationDto,
} from './findings.dto';

const escalation = (findingId: string): WorkflowOf => ({
  aggregate: 'finding',
  aggregateId: findingId,
  workflowId: (organisationId) => breachEscalationWorkflowId(organisationId, findingId),
});

/** Stages 3 and 4: findings, confirmed breaches and their remedy through the breach-escalation workflow. */
@ApiTags('findings and remedy')
@Controller('findings')
export class FindingsAndRemedyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandEndpoint(
    '',
    ['contract_manager', 'compliance_officer', 'monitor'],
    'Record a finding about a factory (RecordFinding)',
  )
  record(@Body() body: RecordFindingDto, @CommandContext() request: CommandRequest): Promise<CommandAccepted> {
    return this.commands.execute(request.command('finding', body.findingId, 'RecordFinding', body));
  }

  @CommandEndpoint(
    ':findingId/evidence',
    ['contract_manager', 'compliance_officer', 'monitor'],
    'Add evidence to a finding (AddFindingEvidence)',
  )
  addEvidence(
    @Param('findingId') findingId: string,
    @Body() body: AddFindingEvidenceDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.command('finding', findingId, 'AddFindingEvidence', { ...body, findingId }));
  }

  @CommandEndpoint(
    ':findingId/breach-confirmation',
    ['compliance_officer'],
    'Confirm the breach with its remedy timetable; escalation starts (ConfirmBreach)',
  )
  confirm(
    @Param('findingId') findingId: string,
    @Body() body: ConfirmBreachDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.command('finding', findingId, 'ConfirmBreach', { ...body, findingId }));
  }

  @CommandEndpoint(':findingId/dismissal', ['compliance_officer'], 'Dismiss a finding (DismissFinding)')
  dismiss(
    @Param('findingId') findingId: string,
    @Body() body: DismissFindingDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.command('finding', findingId, 'DismissFinding', { ...body, findingId }));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/corrective-action-plan',
    ['supplier', 'contract_manager'],
    'Submit the corrective action plan (update submitCorrectiveActionPlan)',
  )
  submitPlan(
    @Param('findingId') findingId: string,
    @Body() body: SubmitCorrectiveActionPlanDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), submitCorrectiveActionPlanUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/corrective-action-plan/approval',
    ['compliance_officer'],
    'Approve the submitted plan (update approveCorrectiveActionPlan)',
  )
  approvePlan(
    @Param('findingId') findingId: string,
    @Body() body: ApproveCorrectiveActionPlanDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), approveCorrectiveActionPlanUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/remedies',
    ['compliance_officer', 'contract_manager', 'supplier', 'monitor'],
    'Record remedy to workers (update recordRemedyToWorkers)',
  )
  remedy(
    @Param('findingId') findingId: string,
    @Body() body: RecordRemedyToWorkersDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), recordRemedyToWorkersUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/remediation-result',
    ['compliance_officer', 'monitor'],
    'Record the remediation result (update recordRemediationResult)',
  )
  result(
    @Param('findingId') findingId: string,
    @Body() body: RecordRemediationResultDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), recordRemediationResultUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/remediation-verification',
    ['compliance_officer', 'monitor'],
    'Verify complete remediation (update verifyRemediation)',
  )
  verify(
    @Param('findingId') findingId: string,
    @Body() body: VerifyRemediationDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), verifyRemediationUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/termination-decision',
    ['compliance_officer'],
    'Decide on a termination proposal (update decideTermination)',
  )
  decideTermination(
    @Param('findingId') findingId: string,
    @Body() body: DecideTerminationDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), decideTerminationUpdate, body));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/standstill-decision',
    ['compliance_officer'],
    'Decide on the ladder’s supply-standstill proposal: impose on named factories, or decline (update decideSupplyStandstill)',
  )
  decideStandstill(
    @Param('findingId') findingId: string,
    @Body() body: DecideSupplyStandstillDto,
    @CommandContext() request: CommandRequest,
  ) {
    // The workflow's validator names what an imposition lacks (factories, scope) in its 422.
    const { decision, factoryIds, scope, reasons } = body;
    const update =
      decision === 'impose'
        ? { decision, factoryIds: factoryIds ?? [], scope: scope ?? 'contract', reasons }
        : { decision, reasons };
    return this.commands.execute(request.update(escalation(findingId), decideSupplyStandstillUpdate, update));
  }

  @WorkflowUpdateEndpoint(
    ':findingId/standstill-lifting-confirmation',
    ['compliance_officer'],
    'Confirm lifting the standstills resting on this finding once its remediation is verified (update confirmStandstillLifting)',
  )
  confirmStandstillLifting(
    @Param('findingId') findingId: string,
    @Body() body: ConfirmStandstillLiftingDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.commands.execute(request.update(escalation(findingId), confirmStandstillLiftingUpdate, body));
  }

  @Get(':findingId/escalation')
  @RecordsRead('finding-evidence')
  @WorkflowStatusEndpoint(READERS, 'Where the breach escalation stands: step, next deadline, ladder steps taken', {
    findingId: 'danwatch-f-shenzhen-1',
    step: 'awaiting_plan',
    nextDeadline: '2026-04-04T09:00:00.000Z',
    nextDeadlineKind: 'plan_due',
    ladderStepsTaken: [],
    terminationProposed: false,
  })
  escalationStatus(@Param('findingId') findingId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(workflowStatus(caller, escalation(findingId), breachEscalationStatusQuery));
  }
}
