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
import { EscalationQueue, ListEscalationsParams } from './escalation.views';
import { FactoryDetail, FactoryRegistryPage, ListFactoriesParams } from './factory.views';
import { GetFactoryQuery } from './get-factory.query';
import { GrievancePage, ListGrievancesParams } from './grievance.views';
import { Inbox } from './inbox.views';
import { ListEscalationsQuery } from './list-escalations.query';
import { ListFactoriesQuery } from './list-factories.query';
import { ListGrievancesQuery } from './list-grievances.query';
import { ListInboxQuery } from './list-inbox.query';
import { ReadsFrom } from './log-position';
import { PageQuery } from './pagination';

/** Read models of monitoring and remedy: the escalation queue, the factory registry, grievances, the inbox. */
@ApiTags('read models')
@ApiBearerAuth()
@Controller()
export class RegistryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('escalations')
  @AllowRoles(...READERS)
  @ReadsFrom(escalationProjection)
  @ApiOkResponse({
    type: EscalationQueue,
    description: 'Open breaches of the caller’s organisation, nearest deadline first',
  })
  escalations(@Query() params: ListEscalationsParams, @CurrentCaller() caller: Caller): Promise<EscalationQueue> {
    return this.queries.execute(new ListEscalationsQuery(params, caller));
  }

  @Get('factories')
  @AllowRoles(...READERS, 'monitor')
  @ReadsFrom(registryProjection, findingProjection, supplyStandstillProjection)
  @ApiOkResponse({ type: FactoryRegistryPage, description: 'The factory registry shared by all buyers' })
  factories(@Query() params: ListFactoriesParams, @CurrentCaller() caller: Caller): Promise<FactoryRegistryPage> {
    return this.queries.execute(new ListFactoriesQuery(params, caller));
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
  @ApiOkResponse({
    type: GrievancePage,
    description: 'Grievances taken in for the caller’s organisation, newest first',
  })
  grievances(@Query() params: ListGrievancesParams, @CurrentCaller() caller: Caller): Promise<GrievancePage> {
    return this.queries.execute(new ListGrievancesQuery(params, caller));
  }

  @Get('inbox')
  @AllowRoles('compliance_officer', 'auditor')
  @ReadsFrom(inboxProjection)
  @ApiOkResponse({ type: Inbox, description: 'Decisions waiting for the organisation’s compliance officers' })
  inbox(@Query() params: PageQuery, @CurrentCaller() caller: Caller): Promise<Inbox> {
    return this.queries.execute(new ListInboxQuery(params, caller));
  }
}
