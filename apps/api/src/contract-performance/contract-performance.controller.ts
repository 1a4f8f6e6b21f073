import { Body, Controller, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { answerQuestionnaireUpdate, contractDueDiligenceWorkflowId, dueDiligenceStatusQuery } from '@pj/contracts';
import { CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, workflowStatus, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint, WorkflowStatusEndpoint, WorkflowUpdateEndpoint } from '../commands/command-endpoint';
import {
  AnswerQuestionnaireDto,
  CloseContractDto,
  DiscloseRequestedDocumentsDto,
  DiscloseSupplyChainDto,
  RequestDocumentsDto,
  ImposeSanctionDto,
  RecordClauseBreachDto,
  RecordKpiProgressDto,
  SubmitCompliancePlanDto,
  TerminateContractDto,
} from './performance.dto';

/** The contract in performance: disclosure, compliance plans, KPIs, clause breaches, due diligence, closure. */
@ApiTags('contract performance')
@Controller('cases/:caseId/contract')
export class ContractPerformanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandEndpoint(
    'supply-chain-disclosures',
    ['supplier'],
    'Disclose the supply chain for a contract year (DiscloseSupplyChain)',
  )
  disclose(
    @Param('caseId') caseId: string,
    @Body() body: DiscloseSupplyChainDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'DiscloseSupplyChain', body));
  }

  @CommandEndpoint(
    'document-requests',
    ['contract_manager', 'compliance_officer'],
    'Ask the contractor for documents (audit reports, supplier lists) by a deadline (RequestDocuments)',
  )
  requestDocuments(
    @Param('caseId') caseId: string,
    @Body() body: RequestDocumentsDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'RequestDocuments', body));
  }

  @CommandEndpoint(
    'document-requests/:requestId/disclosure',
    ['supplier'],
    'Disclose the documents requested, under a non-disclosure agreement or not (DiscloseRequestedDocuments)',
  )
  discloseRequestedDocuments(
    @Param('caseId') caseId: string,
    @Param('requestId') requestId: string,
    @Body() body: DiscloseRequestedDocumentsDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'DiscloseRequestedDocuments', body, { requestId }));
  }

  @CommandEndpoint('compliance-plans', ['supplier'], 'Submit a factory’s compliance plan (SubmitCompliancePlan)')
  compliancePlan(
    @Param('caseId') caseId: string,
    @Body() body: SubmitCompliancePlanDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'SubmitCompliancePlan', body));
  }

  @CommandEndpoint('kpi-progress', ['contract_manager'], 'Record progress on a KPI clause (RecordKpiProgress)')
  kpiProgress(
    @Param('caseId') caseId: string,
    @Body() body: RecordKpiProgressDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'RecordKpiProgress', body));
  }

  @CommandEndpoint(
    'clause-breaches',
    ['contract_manager', 'compliance_officer'],
    'Record a breach of a necessary step (RecordClauseBreach)',
  )
  clauseBreach(
    @Param('caseId') caseId: string,
    @Body() body: RecordClauseBreachDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'RecordClauseBreach', body));
  }

  @CommandEndpoint(
    'sanctions',
    ['contract_manager', 'compliance_officer'],
    'Impose a sanction for a recorded breach (ImposeSanction)',
  )
  sanction(
    @Param('caseId') caseId: string,
    @Body() body: ImposeSanctionDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'ImposeSanction', body));
  }

  @WorkflowUpdateEndpoint(
    'questionnaires/:questionnaireId/answers',
    ['supplier'],
    'Answer the year’s questionnaire (due-diligence workflow update answerQuestionnaire)',
  )
  answer(
    @Param('caseId') caseId: string,
    @Param('questionnaireId') questionnaireId: string,
    @Body() body: AnswerQuestionnaireDto,
    @CommandContext() request: CommandRequest,
  ) {
    const { answers } = body;
    return this.commands.execute(
      request.update(
        {
          aggregate: 'procurementCase',
          aggregateId: caseId,
          workflowId: (organisationId) => contractDueDiligenceWorkflowId(organisationId, caseId),
        },
        answerQuestionnaireUpdate,
        { questionnaireId, answeredBy: request.caller.id, answers },
      ),
    );
  }

  @CommandEndpoint(
    'termination',
    ['compliance_officer'],
    'Terminate the contract: after the ladder, or with an urgency justification (TerminateContract)',
  )
  terminate(
    @Param('caseId') caseId: string,
    @Body() body: TerminateContractDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'TerminateContract', body));
  }

  @CommandEndpoint('closure', ['contract_manager'], 'Close the contract at its end (CloseContract)')
  close(
    @Param('caseId') caseId: string,
    @Body() body: CloseContractDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'CloseContract', body));
  }

  @Get('due-diligence')
  @WorkflowStatusEndpoint(
    READERS,
    'Where the contract’s due diligence stands this year (contract-due-diligence workflow)',
    {
      contractYear: 1,
      step: 'questionnaire_open',
      questionnaireId: 'scc-dell-2026.year-1',
      questionnaireAnswered: false,
      supplierSilenceEscalated: false,
      auditIds: [],
      nextDeadline: '2026-04-20T09:00:00.000Z',
      nextDeadlineKind: 'questionnaire_reminder',
    },
  )
  dueDiligence(@Param('caseId') caseId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(
      workflowStatus(
        caller,
        {
          aggregate: 'procurementCase',
          aggregateId: caseId,
          workflowId: (organisationId) => contractDueDiligenceWorkflowId(organisationId, caseId),
        },
        dueDiligenceStatusQuery,
      ),
    );
  }
}
