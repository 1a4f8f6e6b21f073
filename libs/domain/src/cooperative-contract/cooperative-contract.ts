import type { Command, Decider, Event } from '../decider';
import { DomainError } from '../domain-error';
import { addMinor, moneyProblem, type Money } from '../money';
import { contractYearEndsAt, type BuyerCalendar } from '../periods';
import { monitoringRebate, rebateTiersProblem, type RebateTier } from '../procurement-case/monitoring-rebate';
import { isBlank, refuseReadOnlyActor, requireRole } from '../roles';
import { ownedStreamId } from '../stream-names';
import type { CooperativeContractRuleCode } from './rule-codes';

// A cooperative contract: a lead buyer's signed contract that other public agencies join on the same
// terms (Madison's uniform contract, the Sweatfree Purchasing Consortium). Its own stream, owned by
// the lead, because other organisations write to it (their join requests and orders) and orders are
// many (docs/decisions/0003-cooperative-contract-stream.md). The contract itself (clauses, due
// diligence, amendments) stays in the lead's case stream (decision 0001).

const fail = (code: CooperativeContractRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

export const COOPERATIVE_CONTRACT_STREAM_PREFIX = 'cooperative-contract-';
/** The lead's stream, named by the lead organisation and its case, whoever writes to it. */
export const cooperativeContractStreamId = (leadOrganisationId: string, caseId: string) =>
  ownedStreamId(COOPERATIVE_CONTRACT_STREAM_PREFIX, leadOrganisationId, caseId);

export type JoinDecision = 'accept' | 'decline';

export type OpenCooperativeContract = Command<
  'OpenCooperativeContract',
  {
    caseId: string;
    /** The contract signed in the case, with its contractor and signature instant (checked against the case). */
    contractId: string;
    supplierId: string;
    signedAt: string;
    currency: string;
    /** Annual purchases from one factory from which it needs a compliance plan (Madison: $25,000). */
    compliancePlanThreshold: Money;
    rebateTiers: readonly RebateTier[];
    /** Rehearsals and end-to-end runs only: a contract year of this many seconds instead of a year. */
    rehearsalYearSeconds?: number;
  }
>;
export type RequestToJoinContract = Command<'RequestToJoinContract', { caseId: string; agencyName: string }>;
export type DecideJoinRequest = Command<
  'DecideJoinRequest',
  { caseId: string; agencyOrganisationId: string; decision: JoinDecision; reasons?: string }
>;
export type PlaceOrder = Command<
  'PlaceOrder',
  {
    caseId: string;
    orderId: string;
    /** The factory the goods come from, when the agency knows it. */
    factoryId?: string;
    amount: Money;
    description?: string;
  }
>;
/** Recorded by the cooperative-contract workflow when the lead imposes a supply standstill under the contract. */
export type NoteSupplyStandstill = Command<
  'NoteSupplyStandstill',
  { caseId: string; standstillId: string; factoryId: string }
>;
export type NoteSupplyStandstillLifted = Command<
  'NoteSupplyStandstillLifted',
  { caseId: string; standstillId: string }
>;
/** Recorded by the workflow at each contract-year end. */
export type DeclareRebateDue = Command<'DeclareRebateDue', { caseId: string; contractYear: number }>;
export type PayMonitoringFromFund = Command<
  'PayMonitoringFromFund',
  { caseId: string; paymentId: string; amount: Money; payee: string; purpose: string }
>;

export type CooperativeContractCommand =
  | OpenCooperativeContract
  | RequestToJoinContract
  | DecideJoinRequest
  | PlaceOrder
  | NoteSupplyStandstill
  | NoteSupplyStandstillLifted
  | DeclareRebateDue
  | PayMonitoringFromFund;

export type CooperativeContractOpened = Event<
  'CooperativeContractOpened',
  OpenCooperativeContract['data'] & {
    leadOrganisationId: string;
    /** The lead's calendar: contract years end in it, whoever orders. */
    calendar: BuyerCalendar;
    firstYearEndsAt: string;
    openedBy: string;
    openedAt: string;
  }
>;
export type AgencyJoinRequested = Event<
  'AgencyJoinRequested',
  { caseId: string; agencyOrganisationId: string; agencyName: string; requestedBy: string; requestedAt: string }
>;
export type AgencyAdmitted = Event<
  'AgencyAdmitted',
  { caseId: string; agencyOrganisationId: string; reasons?: string; admittedBy: string; admittedAt: string }
>;
export type AgencyJoinDeclined = Event<
  'AgencyJoinDeclined',
  { caseId: string; agencyOrganisationId: string; reasons: string; declinedBy: string; declinedAt: string }
>;
export type OrderPlaced = Event<
  'OrderPlaced',
  PlaceOrder['data'] & {
    agencyOrganisationId: string;
    contractYear: number;
    placedBy: string;
    placedAt: string;
  }
>;
/** A factory's volume this contract year reached the compliance-plan threshold: the plan is due now. */
export type FactoryVolumeThresholdCrossed = Event<
  'FactoryVolumeThresholdCrossed',
  {
    caseId: string;
    contractId: string;
    factoryId: string;
    contractYear: number;
    annualVolume: Money;
    threshold: Money;
    orderId: string;
    crossedAt: string;
  }
>;
export type SupplyStandstillNoted = Event<
  'SupplyStandstillNoted',
  { caseId: string; standstillId: string; factoryId: string; notedAt: string }
>;
export type SupplyStandstillLiftNoted = Event<
  'SupplyStandstillLiftNoted',
  { caseId: string; standstillId: string; factoryId: string; notedAt: string }
>;
export type RebateDue = Event<
  'RebateDue',
  {
    caseId: string;
    contractId: string;
    supplierId: string;
    contractYear: number;
    yearEndedAt: string;
    annualVolume: Money;
    rateBasisPoints: number;
    /** Paid into the contract's monitoring fund. */
    amount: Money;
    fundBalance: Money;
    nextYearEndsAt: string;
    declaredAt: string;
  }
>;
export type MonitoringPaidFromFund = Event<
  'MonitoringPaidFromFund',
  PayMonitoringFromFund['data'] & { fundBalance: Money; paidBy: string; paidAt: string }
>;

export type CooperativeContractEvent =
  | CooperativeContractOpened
  | AgencyJoinRequested
  | AgencyAdmitted
  | AgencyJoinDeclined
  | OrderPlaced
  | FactoryVolumeThresholdCrossed
  | SupplyStandstillNoted
  | SupplyStandstillLiftNoted
  | RebateDue
  | MonitoringPaidFromFund;

const cooperativeContractEventTypeSet: Record<CooperativeContractEvent['type'], true> = {
  CooperativeContractOpened: true,
  AgencyJoinRequested: true,
  AgencyAdmitted: true,
  AgencyJoinDeclined: true,
  OrderPlaced: true,
  FactoryVolumeThresholdCrossed: true,
  SupplyStandstillNoted: true,
  SupplyStandstillLiftNoted: true,
  RebateDue: true,
  MonitoringPaidFromFund: true,
};
export const cooperativeContractEventTypes = Object.keys(
  cooperativeContractEventTypeSet,
) as readonly CooperativeContractEvent['type'][];

export type AgencyStatus = 'requested' | 'admitted' | 'declined';

export interface CooperativeContractTerms {
  readonly leadOrganisationId: string;
  readonly caseId: string;
  readonly contractId: string;
  readonly supplierId: string;
  readonly signedAt: string;
  readonly calendar: BuyerCalendar;
  readonly rehearsalYearSeconds?: number;
  readonly currency: string;
  readonly compliancePlanThresholdMinor: number;
  readonly rebateTiers: readonly RebateTier[];
}

export type CooperativeContractState =
  | { readonly status: 'not_opened' }
  | (CooperativeContractTerms & {
      readonly status: 'open';
      readonly agencies: Readonly<Record<string, AgencyStatus>>;
      /** `<agency organisation> <order id>`: an agency's order ids are its own. */
      readonly orders: Readonly<Record<string, true>>;
      readonly volumeByYear: Readonly<Record<number, number>>;
      /** `<year> <factory id>` → minor units ordered from the factory that contract year. */
      readonly factoryVolume: Readonly<Record<string, number>>;
      /** Standstills in force under the contract: standstill id → factory id. */
      readonly standstills: Readonly<Record<string, string>>;
      readonly rebatesDeclaredThrough: number;
      readonly fundBalanceMinor: number;
      readonly payments: Readonly<Record<string, true>>;
    });

type Open = Extract<CooperativeContractState, { status: 'open' }>;
type Decision = readonly CooperativeContractEvent[] | DomainError;

/** The instant contract year `year` ends: a year in the lead's calendar, or a rehearsal's seconds. */
export function cooperativeYearEndsAt(terms: CooperativeContractTerms, year: number): string {
  return terms.rehearsalYearSeconds !== undefined
    ? new Date(Date.parse(terms.signedAt) + terms.rehearsalYearSeconds * 1000 * year).toISOString()
    : contractYearEndsAt(terms.calendar, terms.signedAt, year);
}

/** The contract year an instant falls in (1 from signature); 0 before signature. */
export function contractYearAt(terms: CooperativeContractTerms, instant: string): number {
  if (Date.parse(instant) < Date.parse(terms.signedAt)) return 0;
  let year = 1;
  while (Date.parse(instant) > Date.parse(cooperativeYearEndsAt(terms, year))) year += 1;
  return year;
}

const isLead = (state: Open, organisationId: string) => organisationId === state.leadOrganisationId;

function open(command: OpenCooperativeContract, state: CooperativeContractState): Decision {
  if (state.status !== 'not_opened')
    return fail('cooperative.already_open', 'the contract is already open to agencies');
  const { metadata, data } = command;
  const notManager = requireRole(metadata, ['contract_manager'], 'cooperative.role_required');
  if (notManager) return notManager;
  const problem =
    moneyProblem({ amountMinor: 0, currency: data.currency }) ??
    moneyProblem(data.compliancePlanThreshold) ??
    (data.compliancePlanThreshold.currency !== data.currency
      ? 'the threshold is in the contract currency'
      : undefined) ??
    rebateTiersProblem(data.rebateTiers) ??
    (data.rehearsalYearSeconds !== undefined &&
    !(Number.isInteger(data.rehearsalYearSeconds) && data.rehearsalYearSeconds > 0)
      ? 'rehearsalYearSeconds is a whole number of seconds'
      : undefined);
  if (problem) return fail('cooperative.terms_invalid', problem);
  const terms: CooperativeContractTerms = {
    ...data,
    leadOrganisationId: metadata.organisationId,
    calendar: metadata.calendar,
    compliancePlanThresholdMinor: data.compliancePlanThreshold.amountMinor,
  };
  return [
    {
      type: 'CooperativeContractOpened',
      data: {
        ...data,
        leadOrganisationId: metadata.organisationId,
        calendar: metadata.calendar,
        firstYearEndsAt: cooperativeYearEndsAt(terms, 1),
        openedBy: metadata.actor.id,
        openedAt: metadata.now,
      },
    },
  ];
}

function requestToJoin(command: RequestToJoinContract, state: Open): Decision {
  const { metadata, data } = command;
  const notManager = requireRole(metadata, ['contract_manager'], 'cooperative.role_required');
  if (notManager) return notManager;
  if (isLead(state, metadata.organisationId))
    return fail('cooperative.lead_cannot_join', 'the lead buyer holds the contract already');
  const status = state.agencies[metadata.organisationId];
  // A declined agency may ask again; a pending or admitted one has nothing to ask.
  if (status === 'requested' || status === 'admitted')
    return fail('cooperative.already_requested', `the agency's request is ${status}`, { status });
  if (isBlank(data.agencyName)) return fail('cooperative.terms_invalid', 'name the agency');
  return [
    {
      type: 'AgencyJoinRequested',
      data: {
        caseId: data.caseId,
        agencyOrganisationId: metadata.organisationId,
        agencyName: data.agencyName,
        requestedBy: metadata.actor.id,
        requestedAt: metadata.now,
      },
    },
  ];
}

function decideJoinRequest(command: DecideJoinRequest, state: Open): Decision {
  const { metadata, data } = command;
  const notManager = requireRole(metadata, ['contract_manager'], 'cooperative.role_required');
  if (notManager) return notManager;
  if (!isLead(state, metadata.organisationId)) return fail('cooperative.lead_only', 'only the lead buyer decides');
  const status = state.agencies[data.agencyOrganisationId];
  if (status === undefined) return fail('cooperative.no_request', `${data.agencyOrganisationId} has not asked to join`);
  if (status !== 'requested') return fail('cooperative.already_decided', `the request is ${status}`, { status });
  if (data.decision === 'decline') {
    if (isBlank(data.reasons)) return fail('cooperative.reasons_required', 'say why the agency may not join');
    return [
      {
        type: 'AgencyJoinDeclined',
        data: {
          caseId: data.caseId,
          agencyOrganisationId: data.agencyOrganisationId,
          reasons: data.reasons!,
          declinedBy: metadata.actor.id,
          declinedAt: metadata.now,
        },
      },
    ];
  }
  return [
    {
      type: 'AgencyAdmitted',
      data: {
        caseId: data.caseId,
        agencyOrganisationId: data.agencyOrganisationId,
        ...(data.reasons !== undefined ? { reasons: data.reasons } : {}),
        admittedBy: metadata.actor.id,
        admittedAt: metadata.now,
      },
    },
  ];
}

function placeOrder(command: PlaceOrder, state: Open): Decision {
  const { metadata, data } = command;
  const agency = metadata.organisationId;
  const notManager = requireRole(metadata, ['contract_manager'], 'cooperative.role_required');
  if (notManager) return notManager;
  if (!isLead(state, agency) && state.agencies[agency] !== 'admitted')
    return fail('cooperative.not_a_participant', 'only the lead and admitted agencies order under the contract');
  const problem = moneyProblem(data.amount);
  if (problem || data.amount.amountMinor === 0)
    return fail('order.amount_invalid', problem ?? 'an order is for more than nothing');
  if (data.amount.currency !== state.currency)
    return fail('order.currency_mismatch', `the contract is in ${state.currency}`, { currency: state.currency });
  if (state.orders[`${agency} ${data.orderId}`])
    return fail('order.already_placed', `order ${data.orderId} is placed`, { orderId: data.orderId });
  const contractYear = contractYearAt(state, metadata.now);
  if (contractYear === 0) return fail('order.before_contract', 'the contract has not started');
  const { factoryId } = data;
  if (factoryId !== undefined && Object.values(state.standstills).includes(factoryId))
    // A standstill the lead imposed stops every participant's supply from the factory.
    return fail('order.factory_under_standstill', `factory ${factoryId} is under a supply standstill`, { factoryId });
  const yearVolume = addMinor(state.volumeByYear[contractYear] ?? 0, data.amount.amountMinor);
  const before = factoryId === undefined ? 0 : (state.factoryVolume[`${contractYear} ${factoryId}`] ?? 0);
  const factoryVolume = addMinor(before, data.amount.amountMinor);
  if (yearVolume === undefined || factoryVolume === undefined)
    return fail('order.volume_too_large', 'the contract year’s volume would not be exact any more');
  const placed: OrderPlaced = {
    type: 'OrderPlaced',
    data: { ...data, agencyOrganisationId: agency, contractYear, placedBy: metadata.actor.id, placedAt: metadata.now },
  };
  // Madison reads "$25,000 or more": reaching the threshold is crossing it.
  const threshold = state.compliancePlanThresholdMinor;
  if (factoryId === undefined || before >= threshold || factoryVolume < threshold) return [placed];
  return [
    placed,
    {
      type: 'FactoryVolumeThresholdCrossed',
      data: {
        caseId: data.caseId,
        contractId: state.contractId,
        factoryId,
        contractYear,
        annualVolume: { amountMinor: factoryVolume, currency: state.currency },
        threshold: { amountMinor: threshold, currency: state.currency },
        orderId: data.orderId,
        crossedAt: metadata.now,
      },
    },
  ];
}

function noteStandstill(command: NoteSupplyStandstill, state: Open): Decision {
  const notWorkflow = requireRole(command.metadata, ['workflow'], 'cooperative.role_required');
  if (notWorkflow) return notWorkflow;
  if (state.standstills[command.data.standstillId])
    return fail('standstill.already_noted', `standstill ${command.data.standstillId} is noted`);
  return [{ type: 'SupplyStandstillNoted', data: { ...command.data, notedAt: command.metadata.now } }];
}

function noteStandstillLifted(command: NoteSupplyStandstillLifted, state: Open): Decision {
  const notWorkflow = requireRole(command.metadata, ['workflow'], 'cooperative.role_required');
  if (notWorkflow) return notWorkflow;
  const factoryId = state.standstills[command.data.standstillId];
  if (!factoryId) return fail('standstill.not_noted', `standstill ${command.data.standstillId} is not in force here`);
  return [{ type: 'SupplyStandstillLiftNoted', data: { ...command.data, factoryId, notedAt: command.metadata.now } }];
}

function declareRebateDue(command: DeclareRebateDue, state: Open): Decision {
  const { metadata, data } = command;
  const notWorkflow = requireRole(metadata, ['workflow'], 'cooperative.role_required');
  if (notWorkflow) return notWorkflow;
  if (data.contractYear <= state.rebatesDeclaredThrough)
    return fail('rebate.already_declared', `the rebate of year ${data.contractYear} is declared`);
  if (data.contractYear !== state.rebatesDeclaredThrough + 1)
    return fail('rebate.out_of_order', `the next rebate is for year ${state.rebatesDeclaredThrough + 1}`);
  const yearEndedAt = cooperativeYearEndsAt(state, data.contractYear);
  if (Date.parse(metadata.now) <= Date.parse(yearEndedAt))
    return fail('rebate.year_not_ended', `contract year ${data.contractYear} runs until ${yearEndedAt}`);
  const volumeMinor = state.volumeByYear[data.contractYear] ?? 0;
  const rebate = monitoringRebate(volumeMinor, state.rebateTiers);
  const money = (amountMinor: number): Money => ({ amountMinor, currency: state.currency });
  return [
    {
      type: 'RebateDue',
      data: {
        caseId: data.caseId,
        contractId: state.contractId,
        supplierId: state.supplierId,
        contractYear: data.contractYear,
        yearEndedAt,
        annualVolume: money(volumeMinor),
        rateBasisPoints: rebate.rateBasisPoints,
        amount: money(rebate.amountMinor),
        fundBalance: money(state.fundBalanceMinor + rebate.amountMinor),
        nextYearEndsAt: cooperativeYearEndsAt(state, data.contractYear + 1),
        declaredAt: metadata.now,
      },
    },
  ];
}

function payMonitoring(command: PayMonitoringFromFund, state: Open): Decision {
  const { metadata, data } = command;
  const notOfficer = requireRole(metadata, ['compliance_officer'], 'cooperative.role_required');
  if (notOfficer) return notOfficer;
  if (!isLead(state, metadata.organisationId)) return fail('cooperative.lead_only', 'the lead keeps the fund');
  if (state.payments[data.paymentId])
    return fail('monitoring_fund.payment_exists', `payment ${data.paymentId} is recorded`);
  const problem = moneyProblem(data.amount);
  if (problem || data.amount.amountMinor === 0 || data.amount.currency !== state.currency)
    return fail('monitoring_fund.amount_invalid', problem ?? `a payment is more than nothing, in ${state.currency}`);
  if (isBlank(data.purpose) || isBlank(data.payee))
    return fail('monitoring_fund.purpose_required', 'name the monitor paid and the monitoring paid for');
  if (data.amount.amountMinor > state.fundBalanceMinor)
    return fail('monitoring_fund.insufficient', 'the fund holds less than the payment', {
      fundBalance: { amountMinor: state.fundBalanceMinor, currency: state.currency },
    });
  return [
    {
      type: 'MonitoringPaidFromFund',
      data: {
        ...data,
        fundBalance: { amountMinor: state.fundBalanceMinor - data.amount.amountMinor, currency: state.currency },
        paidBy: metadata.actor.id,
        paidAt: metadata.now,
      },
    },
  ];
}

function decide(command: CooperativeContractCommand, state: CooperativeContractState): Decision {
  const readOnly = refuseReadOnlyActor(command.metadata);
  if (readOnly) return readOnly;
  if (command.type === 'OpenCooperativeContract') return open(command, state);
  if (state.status !== 'open') return fail('cooperative.not_open', 'the contract is not open to agencies');
  switch (command.type) {
    case 'RequestToJoinContract':
      return requestToJoin(command, state);
    case 'DecideJoinRequest':
      return decideJoinRequest(command, state);
    case 'PlaceOrder':
      return placeOrder(command, state);
    case 'NoteSupplyStandstill':
      return noteStandstill(command, state);
    case 'NoteSupplyStandstillLifted':
      return noteStandstillLifted(command, state);
    case 'DeclareRebateDue':
      return declareRebateDue(command, state);
    case 'PayMonitoringFromFund':
      return payMonitoring(command, state);
  }
}

function evolve(state: CooperativeContractState, event: CooperativeContractEvent): CooperativeContractState {
  if (event.type === 'CooperativeContractOpened') {
    const d = event.data;
    return {
      status: 'open',
      leadOrganisationId: d.leadOrganisationId,
      caseId: d.caseId,
      contractId: d.contractId,
      supplierId: d.supplierId,
      signedAt: d.signedAt,
      calendar: d.calendar,
      ...(d.rehearsalYearSeconds !== undefined ? { rehearsalYearSeconds: d.rehearsalYearSeconds } : {}),
      currency: d.currency,
      compliancePlanThresholdMinor: d.compliancePlanThreshold.amountMinor,
      rebateTiers: d.rebateTiers,
      agencies: {},
      orders: {},
      volumeByYear: {},
      factoryVolume: {},
      standstills: {},
      rebatesDeclaredThrough: 0,
      fundBalanceMinor: 0,
      payments: {},
    };
  }
  if (state.status !== 'open') return state;
  const agency = (status: AgencyStatus, organisationId: string) => ({
    ...state,
    agencies: { ...state.agencies, [organisationId]: status },
  });
  switch (event.type) {
    case 'AgencyJoinRequested':
      return agency('requested', event.data.agencyOrganisationId);
    case 'AgencyAdmitted':
      return agency('admitted', event.data.agencyOrganisationId);
    case 'AgencyJoinDeclined':
      return agency('declined', event.data.agencyOrganisationId);
    case 'OrderPlaced': {
      const { contractYear, factoryId, amount, agencyOrganisationId, orderId } = event.data;
      const factoryKey = `${contractYear} ${factoryId}`;
      return {
        ...state,
        orders: { ...state.orders, [`${agencyOrganisationId} ${orderId}`]: true },
        volumeByYear: {
          ...state.volumeByYear,
          [contractYear]: (state.volumeByYear[contractYear] ?? 0) + amount.amountMinor,
        },
        factoryVolume:
          factoryId === undefined
            ? state.factoryVolume
            : { ...state.factoryVolume, [factoryKey]: (state.factoryVolume[factoryKey] ?? 0) + amount.amountMinor },
      };
    }
    case 'FactoryVolumeThresholdCrossed':
      return state;
    case 'SupplyStandstillNoted':
      return { ...state, standstills: { ...state.standstills, [event.data.standstillId]: event.data.factoryId } };
    case 'SupplyStandstillLiftNoted': {
      const { [event.data.standstillId]: _lifted, ...standstills } = state.standstills;
      return { ...state, standstills };
    }
    case 'RebateDue':
      return {
        ...state,
        rebatesDeclaredThrough: event.data.contractYear,
        fundBalanceMinor: event.data.fundBalance.amountMinor,
      };
    case 'MonitoringPaidFromFund':
      return {
        ...state,
        payments: { ...state.payments, [event.data.paymentId]: true },
        fundBalanceMinor: event.data.fundBalance.amountMinor,
      };
  }
}

export const cooperativeContract: Decider<
  CooperativeContractState,
  CooperativeContractCommand,
  CooperativeContractEvent
> = {
  initialState: () => ({ status: 'not_opened' }),
  decide,
  evolve,
};
