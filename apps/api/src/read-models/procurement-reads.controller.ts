import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  bidProjection,
  caseProjection,
  complaintProjection,
  documentRequestProjection,
  dueDiligenceProjection,
  findingProjection,
} from '@pj/projections';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import { RecordsRead } from '../audit/confidential-reads';
import {
  ConfidentialDocumentsView,
  confidentialDocumentsList,
  documentRequestList,
  DocumentRequestPage,
  DocumentRequestView,
  ListDocumentRequestsParams,
} from './document-request.views';
import { ListEndpoint } from './lists/list-endpoint';
import { ItemQuery, ListQuery } from './lists/list.query';
import { ReadsFrom } from './log-position';
import { ListObligationsParams, obligationList, ObligationPage } from './obligation.views';
import { CaseListQuery, GetCaseRequirementsQuery, ListCyclesQuery } from './procurement-reads.queries';
import {
  bidList,
  BidPage,
  BidView,
  complaintList,
  ComplaintPage,
  ComplaintView,
  cycleList,
  CyclePage,
  ListBidsParams,
  ListComplaintsParams,
  ListCyclesParams,
  ListQuestionnairesParams,
  questionnaireList,
  QuestionnairePage,
  QuestionnaireView,
} from './procurement.views';
import { CaseRequirements } from './requirements.view';

const NO_CASE = { status: 404, description: 'No such case in the caller’s sight' } as const;

/**
 * Read models of the tender and the contract: requirements, bids, complaints, questionnaires,
 * due-diligence cycles, and what suppliers owe. Buyer roles see their organisation's; a supplier
 * its own bids and contracts only (the lists' `parties`).
 */
@ApiTags('tender and contract')
@ApiBearerAuth()
@Controller()
export class ProcurementReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cases/:caseId/requirements')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection)
  @ApiOkResponse({
    type: CaseRequirements,
    description: 'The published tender, the award notice and, for the contract’s parties, its terms',
  })
  @ApiResponse(NO_CASE)
  requirements(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<CaseRequirements> {
    return this.queries.execute(new GetCaseRequirementsQuery(caseId, caller));
  }

  @Get('cases/:caseId/bids')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection)
  @ListEndpoint(bidList, { type: BidPage, description: 'The case’s bids (a supplier’s own only), first first' })
  @ApiResponse(NO_CASE)
  bids(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() params: ListBidsParams,
    @CurrentCaller() caller: Caller,
  ): Promise<BidPage> {
    return this.queries.execute(new CaseListQuery(caseId, bidList, params, caller));
  }

  @Get('cases/:caseId/bids/:bidId')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(bidProjection)
  @ApiParam({ name: 'bidId', example: 'bid-dell' })
  @ApiOkResponse({ type: BidView, description: 'One bid of the case (a supplier: its own) with every decision on it' })
  @ApiResponse({ status: 404, description: 'No such bid of this case in the caller’s sight' })
  bid(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('bidId') bidId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<BidView> {
    return this.queries.execute(new ItemQuery(bidList, bidId, caller, 'bid', { within: { caseId } }));
  }

  @Get('cases/:caseId/complaints/:complaintId')
  @AllowRoles(...READERS)
  @ReadsFrom(complaintProjection)
  @ApiParam({ name: 'complaintId', example: 'complaint-hp-1' })
  @ApiOkResponse({ type: ComplaintView, description: 'One complaint against the case’s award decision' })
  @ApiResponse({ status: 404, description: 'No such complaint of this case in the caller’s organisation' })
  complaint(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('complaintId') complaintId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ComplaintView> {
    return this.queries.execute(
      new ItemQuery(complaintList, complaintId, caller, 'complaint', { by: 'complaintId', within: { caseId } }),
    );
  }

  @Get('cases/:caseId/contract/cycles')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection, dueDiligenceProjection)
  @ListEndpoint(cycleList, {
    type: CyclePage,
    description: 'The contract’s years (disclosure, questionnaire, deadlines) and its compliance plans',
  })
  @ApiResponse(NO_CASE)
  cycles(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() params: ListCyclesParams,
    @CurrentCaller() caller: Caller,
  ): Promise<CyclePage> {
    return this.queries.execute(new ListCyclesQuery(caseId, params, caller));
  }

  @Get('cases/:caseId/contract/document-requests')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection, documentRequestProjection)
  @ListEndpoint(documentRequestList, {
    type: DocumentRequestPage,
    description: 'Requests for documents under the contract (a supplier: those to it), newest first',
  })
  @ApiResponse(NO_CASE)
  documentRequests(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() params: ListDocumentRequestsParams,
    @CurrentCaller() caller: Caller,
  ): Promise<DocumentRequestPage> {
    return this.queries.execute(new CaseListQuery(caseId, documentRequestList, params, caller));
  }

  @Get('cases/:caseId/contract/document-requests/:requestId')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(documentRequestProjection)
  @ApiParam({ name: 'requestId', example: 'docs-2026-03' })
  @ApiOkResponse({
    type: DocumentRequestView,
    description: 'One request for documents; documents disclosed under a non-disclosure agreement are withheld',
  })
  @ApiResponse({ status: 404, description: 'No such request of this case in the caller’s sight' })
  documentRequest(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('requestId') requestId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DocumentRequestView> {
    return this.queries.execute(
      new ItemQuery(documentRequestList, requestId, caller, 'document_request', {
        by: 'requestId',
        within: { caseId },
      }),
    );
  }

  // Only compliance officers and auditors (403 for every other role), and every read recorded.
  @Get('cases/:caseId/contract/document-requests/:requestId/confidential-documents')
  @AllowRoles('compliance_officer', 'auditor')
  @RecordsRead('nda-documents')
  @ReadsFrom(documentRequestProjection)
  @ApiParam({ name: 'requestId', example: 'docs-2026-03' })
  @ApiOkResponse({
    type: ConfidentialDocumentsView,
    description: 'The documents disclosed under a non-disclosure agreement (recorded as a confidential read)',
  })
  @ApiResponse({
    status: 404,
    description: 'No documents of this request were disclosed under a non-disclosure agreement',
  })
  confidentialDocuments(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('requestId') requestId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ConfidentialDocumentsView> {
    return this.queries.execute(
      new ItemQuery(confidentialDocumentsList, requestId, caller, 'confidential_documents', {
        by: 'requestId',
        within: { caseId },
      }),
    );
  }

  @Get('complaints')
  @AllowRoles(...READERS)
  @ReadsFrom(complaintProjection)
  @ListEndpoint(complaintList, {
    type: ComplaintPage,
    description: 'Complaints against the organisation’s award decisions, newest first',
  })
  complaints(@Query() params: ListComplaintsParams, @CurrentCaller() caller: Caller): Promise<ComplaintPage> {
    return this.queries.execute(new ListQuery(complaintList, params, caller));
  }

  @Get('questionnaires')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(dueDiligenceProjection)
  @ListEndpoint(questionnaireList, {
    type: QuestionnairePage,
    description: 'Yearly due-diligence questionnaires (a supplier’s own only), nearest deadline first',
  })
  questionnaires(
    @Query() params: ListQuestionnairesParams,
    @CurrentCaller() caller: Caller,
  ): Promise<QuestionnairePage> {
    return this.queries.execute(new ListQuery(questionnaireList, params, caller));
  }

  @Get('questionnaires/:questionnaireId')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(dueDiligenceProjection)
  @ApiParam({ name: 'questionnaireId', example: 'scc-dell-2026.year-1' })
  @ApiOkResponse({ type: QuestionnaireView, description: 'One questionnaire (a supplier: its own) with its answers' })
  @ApiResponse({ status: 404, description: 'No such questionnaire in the caller’s sight' })
  questionnaire(
    @Param('questionnaireId') questionnaireId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<QuestionnaireView> {
    return this.queries.execute(
      new ItemQuery(questionnaireList, questionnaireId, caller, 'questionnaire', { by: 'questionnaireId' }),
    );
  }

  @Get('obligations')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection, dueDiligenceProjection, findingProjection, documentRequestProjection)
  @ListEndpoint(obligationList, {
    type: ObligationPage,
    description:
      'What suppliers owe (a supplier: what it owes), nearest deadline first: questionnaires, compliance plans, ' +
      'the year’s supply-chain disclosure, corrective action plans, low-bid explanations',
  })
  obligations(@Query() params: ListObligationsParams, @CurrentCaller() caller: Caller): Promise<ObligationPage> {
    return this.queries.execute(new ListQuery(obligationList, params, caller));
  }
}
