import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  escalationProjection,
  findingProjection,
  grievanceProjection,
  inboxProjection,
  registryProjection,
  supplyStandstillProjection,
} from '@pj/projections';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import { RecordsRead } from '../audit/confidential-reads';
import { escalationList, EscalationQueue, ListEscalationsParams } from './escalation.views';
import { FactoryDetail, factoryList, FactoryRegistryPage, ListFactoriesParams } from './factory.views';
import { GetFactoryQuery } from './get-factory.query';
import { grievanceList, GrievancePage, GrievanceView, ListGrievancesParams } from './grievance.views';
import { Inbox, inboxList, ListInboxParams } from './inbox.views';
import { ListEndpoint } from './lists/list-endpoint';
import { ItemQuery, ListQuery } from './lists/list.query';
import { ReadsFrom } from './log-position';

/** Read models of monitoring and remedy: the escalation queue, the factory registry, grievances, the inbox. */
@ApiTags('read models')
@ApiBearerAuth()
@Controller()
export class RegistryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('escalations')
  @AllowRoles(...READERS)
  @ReadsFrom(escalationProjection)
  @ListEndpoint(escalationList, {
    type: EscalationQueue,
    description: 'Open breaches of the caller’s organisation, nearest deadline first',
  })
  escalations(@Query() params: ListEscalationsParams, @CurrentCaller() caller: Caller): Promise<EscalationQueue> {
    return this.queries.execute(new ListQuery(escalationList, params, caller));
  }

  @Get('factories')
  @AllowRoles(...READERS, 'monitor')
  @ReadsFrom(registryProjection, findingProjection, supplyStandstillProjection)
  @ListEndpoint(factoryList, { type: FactoryRegistryPage, description: 'The factory registry shared by all buyers' })
  factories(@Query() params: ListFactoriesParams, @CurrentCaller() caller: Caller): Promise<FactoryRegistryPage> {
    return this.queries.execute(new ListQuery(factoryList, params, caller));
  }

  @Get('factories/:factoryId')
  @AllowRoles(...READERS, 'monitor')
  @ReadsFrom(registryProjection, findingProjection, supplyStandstillProjection)
  @ApiParam({ name: 'factoryId', example: 'factory-shenzhen-01' })
  @ApiOkResponse({
    type: FactoryDetail,
    description: 'A factory with the findings the caller may see (its own and shared ones) and its own standstills',
  })
  @ApiResponse({ status: 404, description: 'No such factory' })
  factory(@Param('factoryId') factoryId: string, @CurrentCaller() caller: Caller): Promise<FactoryDetail> {
    return this.queries.execute(new GetFactoryQuery(factoryId, caller));
  }

  @Get('grievances')
  @AllowRoles(...READERS)
  @RecordsRead('grievance')
  @ReadsFrom(grievanceProjection)
  @ListEndpoint(grievanceList, {
    type: GrievancePage,
    description: 'Grievances taken in for the caller’s organisation, newest first',
  })
  grievances(@Query() params: ListGrievancesParams, @CurrentCaller() caller: Caller): Promise<GrievancePage> {
    return this.queries.execute(new ListQuery(grievanceList, params, caller));
  }

  @Get('grievances/:grievanceId')
  @AllowRoles(...READERS)
  @RecordsRead('grievance')
  @ReadsFrom(grievanceProjection)
  @ApiParam({ name: 'grievanceId', example: 'g-2026-004' })
  @ApiOkResponse({ type: GrievanceView, description: 'One grievance, without the complainant’s name or contact' })
  @ApiResponse({ status: 404, description: 'No such grievance in the caller’s organisation' })
  grievance(@Param('grievanceId') grievanceId: string, @CurrentCaller() caller: Caller): Promise<GrievanceView> {
    return this.queries.execute(new ItemQuery(grievanceList, grievanceId, caller, 'grievance'));
  }

  @Get('inbox')
  @AllowRoles('compliance_officer', 'auditor')
  @ReadsFrom(inboxProjection)
  @ListEndpoint(inboxList, { type: Inbox, description: 'Decisions waiting for the organisation’s compliance officers' })
  inbox(@Query() params: ListInboxParams, @CurrentCaller() caller: Caller): Promise<Inbox> {
    return this.queries.execute(new ListQuery(inboxList, params, caller));
  }
}
