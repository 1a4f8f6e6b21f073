import {
  cooperativeContract,
  madisonRebateTiers,
  type CooperativeContractCommand,
  type CooperativeContractEvent,
} from '../src';
import type { Role } from '../src/roles';
import { DeciderSpecification, history } from './decider-specification';
import { buyer, metadata } from './fixtures';

// Madison's uniform contract, signed 10 March 2026 (Central time), joined by Dane County; orders in
// cents, a compliance plan from $25,000 a year per factory, the rebate tiers of 1% / 1.5% / 2%.
const madison = { timeZone: 'America/Chicago' };
const caseId = 'uniforms-2026';
const signedAt = '2026-03-10T15:00:00.000Z';
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const agency = 'dane-county';

function command<T extends CooperativeContractCommand['type']>(
  type: T,
  data: Omit<Extract<CooperativeContractCommand, { type: T }>['data'], 'caseId'>,
  {
    now = '2026-04-01T15:00:00.000Z',
    role = 'contract_manager',
    organisationId = buyer,
  }: { now?: string; role?: Role; organisationId?: string } = {},
) {
  return {
    type,
    data: { caseId, ...data },
    metadata: { ...metadata(now, role), organisationId, calendar: madison },
  } as unknown as Extract<CooperativeContractCommand, { type: T }>;
}

const openIt = () =>
  command('OpenCooperativeContract', {
    contractId: 'contract-1',
    supplierId: 'uniforms-inc',
    signedAt,
    currency: 'USD',
    compliancePlanThreshold: usd(25_000_00),
    rebateTiers: madisonRebateTiers,
  });
const order = (
  orderId: string,
  dollars: number,
  factoryId?: string,
  as: { now?: string; organisationId?: string } = {},
) => command('PlaceOrder', { orderId, amount: usd(dollars * 100), ...(factoryId ? { factoryId } : {}) }, as);

const joined = (): CooperativeContractEvent[] =>
  history(cooperativeContract, [
    openIt(),
    command('RequestToJoinContract', { agencyName: 'Dane County' }, { organisationId: agency }),
    command('DecideJoinRequest', { agencyOrganisationId: agency, decision: 'accept' }),
  ]);

const spec = DeciderSpecification(cooperativeContract);

describe('a cooperative contract', () => {
  it('opens with the year end in the lead’s calendar', () =>
    spec
      .given([])
      .when(openIt())
      .thenEmits(([opened]) =>
        expect(opened).toMatchObject({
          type: 'CooperativeContractOpened',
          data: { leadOrganisationId: buyer, firstYearEndsAt: '2027-03-11T05:59:59.999Z', calendar: madison },
        }),
      ));

  it('refuses terms in floats or an unknown currency', () => {
    spec
      .given([])
      .when(command('OpenCooperativeContract', { ...openIt().data, compliancePlanThreshold: usd(25_000.5) }))
      .thenFails('cooperative.terms_invalid');
    spec
      .given([])
      .when(command('OpenCooperativeContract', { ...openIt().data, currency: 'XYZ' }))
      .thenFails('cooperative.terms_invalid');
  });

  it('an agency asks, the lead admits it, then it orders', () => {
    const events = joined();
    expect(events.map((e) => e.type)).toEqual(['CooperativeContractOpened', 'AgencyJoinRequested', 'AgencyAdmitted']);
    spec
      .given(events)
      .when(order('po-1', 1_000, 'factory-a', { organisationId: agency }))
      .thenEmits(([placed]) =>
        expect(placed).toMatchObject({ type: 'OrderPlaced', data: { agencyOrganisationId: agency, contractYear: 1 } }),
      );
  });

  it('an agency not admitted may not order; only the lead decides requests', () => {
    const requested = history(cooperativeContract, [
      openIt(),
      command('RequestToJoinContract', { agencyName: 'Dane County' }, { organisationId: agency }),
    ]);
    spec
      .given(requested)
      .when(order('po-1', 1_000, undefined, { organisationId: agency }))
      .thenFails('cooperative.not_a_participant');
    spec
      .given(requested)
      .when(
        command('DecideJoinRequest', { agencyOrganisationId: agency, decision: 'accept' }, { organisationId: agency }),
      )
      .thenFails('cooperative.lead_only');
    spec
      .given(requested)
      .when(command('DecideJoinRequest', { agencyOrganisationId: agency, decision: 'decline' }))
      .thenFails('cooperative.reasons_required');
  });

  it('a factory reaching $25,000 this year makes its compliance plan due at that order', () => {
    const events = [
      ...joined(),
      ...history(
        {
          ...cooperativeContract,
          initialState: () => joined().reduce(cooperativeContract.evolve, cooperativeContract.initialState()),
        },
        [order('po-1', 20_000, 'factory-a')],
      ),
    ];
    spec
      .given(events)
      .when(order('po-2', 5_000, 'factory-a', { organisationId: agency }))
      .thenEmits(([, crossed]) =>
        expect(crossed).toEqual({
          type: 'FactoryVolumeThresholdCrossed',
          data: expect.objectContaining({ factoryId: 'factory-a', annualVolume: usd(25_000_00), orderId: 'po-2' }),
        }),
      );
  });

  it('refuses an order to a factory under a standstill, for every participant', () => {
    const base = joined();
    const state = base.reduce(cooperativeContract.evolve, cooperativeContract.initialState());
    const noted = history({ ...cooperativeContract, initialState: () => state }, [
      command('NoteSupplyStandstill', { standstillId: 's-1', factoryId: 'factory-a' }, { role: 'workflow' }),
    ]);
    spec
      .given([...base, ...noted])
      .when(order('po-9', 100, 'factory-a', { organisationId: agency }))
      .thenFails('order.factory_under_standstill');
    spec
      .given([...base, ...noted])
      .when(order('po-9', 100, 'factory-a'))
      .thenFails('order.factory_under_standstill');
  });

  it('declares the rebate only after the year end, into the monitoring fund, which pays monitoring', () => {
    const base = joined();
    const state = base.reduce(cooperativeContract.evolve, cooperativeContract.initialState());
    const ordered = history({ ...cooperativeContract, initialState: () => state }, [
      order('po-1', 150_000, 'factory-a'),
      order('po-2', 60_000, undefined, { organisationId: agency }),
    ]);
    const given = [...base, ...ordered];
    spec
      .given(given)
      .when(command('DeclareRebateDue', { contractYear: 1 }, { role: 'workflow', now: '2027-03-11T05:00:00.000Z' }))
      .thenFails('rebate.year_not_ended');
    spec
      .given(given)
      .when(command('DeclareRebateDue', { contractYear: 1 }, { role: 'workflow', now: '2027-03-11T06:00:00.000Z' }))
      .thenEmits(([due]) =>
        expect(due).toMatchObject({
          type: 'RebateDue',
          data: {
            annualVolume: usd(210_000_00),
            rateBasisPoints: 150,
            amount: usd(3_150_00),
            fundBalance: usd(3_150_00),
          },
        }),
      );
    const afterRebate = [
      ...given,
      ...history(
        {
          ...cooperativeContract,
          initialState: () => given.reduce(cooperativeContract.evolve, cooperativeContract.initialState()),
        },
        [command('DeclareRebateDue', { contractYear: 1 }, { role: 'workflow', now: '2027-03-11T06:00:00.000Z' })],
      ),
    ];
    spec
      .given(afterRebate)
      .when(
        command(
          'PayMonitoringFromFund',
          {
            paymentId: 'pay-1',
            amount: usd(4_000_00),
            payee: 'worker-rights-consortium',
            purpose: 'year 1 monitoring',
          },
          { role: 'compliance_officer' },
        ),
      )
      .thenFails('monitoring_fund.insufficient');
    spec
      .given(afterRebate)
      .when(
        command(
          'PayMonitoringFromFund',
          {
            paymentId: 'pay-1',
            amount: usd(3_000_00),
            payee: 'worker-rights-consortium',
            purpose: 'year 1 monitoring',
          },
          { role: 'compliance_officer' },
        ),
      )
      .thenEmits(([paid]) => expect(paid).toMatchObject({ data: { fundBalance: usd(150_00) } }));
  });
});
