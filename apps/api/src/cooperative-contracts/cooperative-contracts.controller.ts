import { Body, Controller, Get, Inject, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { cooperativeContractId, foldHistory, readAccessibleStream, readEvent } from '@pj/application';
import { cooperativeContract, type CooperativeContractEvent } from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { accessOf, READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { EVENT_STORE } from '../infrastructure/tokens';
import {
  AmendContractDto,
  DecideJoinRequestDto,
  OpenCooperativeContractDto,
  PayMonitoringDto,
  PlaceOrderDto,
  RequestToJoinDto,
} from './cooperative-contracts.dto';
import { CooperativeContractView } from './cooperative-contract.view';

/**
 * Cooperative contracts (a lead buyer's contract other agencies join), their orders, rebates and
 * monitoring fund, and amendments of a signed contract (Art. 72). An agency names the lead and its
 * case in the path; what it may do there is the cooperative contract's access rule (join, order,
 * read its own), everything else is the lead's.
 */
@ApiTags('cooperative contracts')
@Controller()
export class CooperativeContractsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @CommandEndpoint(
    'cases/:caseId/cooperative-contract',
    ['contract_manager'],
    'Open the case’s signed contract to other public agencies, with its threshold and rebate tiers (OpenCooperativeContract)',
  )
  open(
    @Param('caseId') caseId: string,
    @Body() body: OpenCooperativeContractDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    const key = cooperativeContractId(request.caller.organisationId, caseId);
    return this.commands.execute(
      request.command('cooperativeContract', key, 'OpenCooperativeContract', { ...body, caseId }),
    );
  }

  @CommandEndpoint(
    'cases/:caseId/amendments',
    ['contract_manager'],
    'Modify the signed contract under a legal test of Art. 72; a substantial modification is refused (AmendContract)',
  )
  amend(
    @Param('caseId') caseId: string,
    @Body() body: AmendContractDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'AmendContract', body));
  }

  @CommandEndpoint(
    'cooperative-contracts/:leadOrganisationId/:caseId/join-requests',
    ['contract_manager'],
    'Ask, as another public agency, to join the lead’s contract on its terms (RequestToJoinContract)',
  )
  requestToJoin(
    @Param('leadOrganisationId') lead: string,
    @Param('caseId') caseId: string,
    @Body() body: RequestToJoinDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('cooperativeContract', cooperativeContractId(lead, caseId), 'RequestToJoinContract', {
        ...body,
        caseId,
      }),
    );
  }

  @CommandEndpoint(
    'cooperative-contracts/:leadOrganisationId/:caseId/join-requests/:agencyOrganisationId/decision',
    ['contract_manager'],
    'Accept or decline an agency’s request, as the lead (DecideJoinRequest)',
  )
  decide(
    @Param('leadOrganisationId') lead: string,
    @Param('caseId') caseId: string,
    @Param('agencyOrganisationId') agencyOrganisationId: string,
    @Body() body: DecideJoinRequestDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('cooperativeContract', cooperativeContractId(lead, caseId), 'DecideJoinRequest', {
        ...body,
        caseId,
        agencyOrganisationId,
      }),
    );
  }

  @CommandEndpoint(
    'cooperative-contracts/:leadOrganisationId/:caseId/orders',
    ['contract_manager'],
    'Place an order under the contract, as the lead or an admitted agency (PlaceOrder)',
  )
  order(
    @Param('leadOrganisationId') lead: string,
    @Param('caseId') caseId: string,
    @Body() body: PlaceOrderDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('cooperativeContract', cooperativeContractId(lead, caseId), 'PlaceOrder', { ...body, caseId }),
    );
  }

  @CommandEndpoint(
    'cooperative-contracts/:leadOrganisationId/:caseId/monitoring-payments',
    ['compliance_officer'],
    'Record monitoring paid from the contract’s monitoring fund, as the lead (PayMonitoringFromFund)',
  )
  pay(
    @Param('leadOrganisationId') lead: string,
    @Param('caseId') caseId: string,
    @Body() body: PayMonitoringDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('cooperativeContract', cooperativeContractId(lead, caseId), 'PayMonitoringFromFund', {
        ...body,
        caseId,
      }),
    );
  }

  @Get('cooperative-contracts/:leadOrganisationId/:caseId')
  @ApiBearerAuth()
  @AllowRoles(...READERS)
  @ApiOkResponse({ type: CooperativeContractView })
  @ApiResponse({
    status: 404,
    description: 'No such contract, or the caller’s organisation is neither lead nor admitted',
  })
  async read(
    @Param('leadOrganisationId') lead: string,
    @Param('caseId') caseId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<CooperativeContractView> {
    // Read from the stream itself: always current, and checked by the aggregate's access rule.
    const history = await readAccessibleStream(
      this.store,
      'cooperativeContract',
      cooperativeContractId(lead, caseId),
      accessOf(caller),
    );
    const state = foldHistory(cooperativeContract, history);
    if (state.status !== 'open') return Promise.reject(new Error('a cooperative contract stream without its opening'));
    const events = history.map((event) => readEvent(event) as unknown as CooperativeContractEvent);
    const isLead = caller.organisationId === state.leadOrganisationId;
    const orders = events.flatMap((event) =>
      event.type === 'OrderPlaced' && (isLead || event.data.agencyOrganisationId === caller.organisationId)
        ? [event.data]
        : [],
    );
    return {
      leadOrganisationId: state.leadOrganisationId,
      caseId,
      contractId: state.contractId,
      supplierId: state.supplierId,
      currency: state.currency,
      compliancePlanThreshold: { amountMinor: state.compliancePlanThresholdMinor, currency: state.currency },
      rebateTiers: state.rebateTiers,
      agencies: isLead
        ? Object.entries(state.agencies).map(([organisationId, status]) => ({ organisationId, status }))
        : [{ organisationId: caller.organisationId, status: state.agencies[caller.organisationId] ?? 'requested' }],
      orders,
      // What the lead shares with every participant: the factories under a supply standstill.
      factoriesUnderStandstill: [...new Set(Object.values(state.standstills))],
      thresholdsCrossed: isLead
        ? events.flatMap((event) => (event.type === 'FactoryVolumeThresholdCrossed' ? [event.data] : []))
        : [],
      rebates: isLead ? events.flatMap((event) => (event.type === 'RebateDue' ? [event.data] : [])) : [],
      monitoringPayments: isLead
        ? events.flatMap((event) => (event.type === 'MonitoringPaidFromFund' ? [event.data] : []))
        : [],
      ...(isLead ? { fundBalance: { amountMinor: state.fundBalanceMinor, currency: state.currency } } : {}),
    };
  }
}
