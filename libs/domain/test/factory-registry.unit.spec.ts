import { factoryRegistry } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { factoryCommand, T0 } from './fixtures';

const spec = DeciderSpecification(factoryRegistry);
const register = (overrides: Record<string, unknown> = {}) =>
  factoryCommand('RegisterFactory', {
    factoryId: 'factory-big',
    name: 'Dhaka Garments Ltd',
    address: 'Plot 7, Ashulia, Dhaka',
    country: 'BD',
    tier: 1,
    products: ['trousers', 'shirts'],
    numberOfWorkers: 1_200,
    openSupplyHubId: 'BD2019085ZB5KQN',
    ...overrides,
  });
const disclose = (contractYear = 1) =>
  factoryCommand('RecordContractDisclosure', {
    factoryId: 'factory-big',
    caseId: 'case-1',
    contractId: 'contract-1',
    supplierId: 'galls',
    contractYear,
    annualPurchases: 40_000,
  });

describe('factory registry', () => {
  it('registers a factory with its profile', () =>
    spec
      .given([])
      .when(register())
      .thenEmits((events, state) => {
        expect(events[0]).toMatchObject({
          type: 'FactoryRegistered',
          data: { registeredByOrganisationId: 'buyer-1', registeredAt: T0 },
        });
        expect(state).toMatchObject({ status: 'registered', country: 'BD', numberOfWorkers: 1_200, disclosures: [] });
      }));

  it('countries are ISO codes', () =>
    spec
      .given([])
      .when(register({ country: 'Bangladesh' }))
      .thenFails('factory.country_invalid'));

  // A count that no factory reaches is a mistake (or an attack): refused before it reaches a read model.
  it.each([1.3364159670387551e259, 10_000_001, 2.5])('refuses %p workers', (numberOfWorkers) =>
    spec.given([]).when(register({ numberOfWorkers })).thenFails('factory.workers_invalid'),
  );

  it('records what each contract disclosed, once a year', () => {
    spec
      .given(history(factoryRegistry, [register()]))
      .when(disclose())
      .thenEmits((_events, state) =>
        expect(state.status === 'registered' && state.disclosures).toEqual([
          {
            buyerOrganisationId: 'buyer-1',
            caseId: 'case-1',
            contractId: 'contract-1',
            supplierId: 'galls',
            contractYear: 1,
            annualPurchases: 40_000,
          },
        ]),
      );
    spec
      .given(history(factoryRegistry, [register(), disclose()]))
      .when(disclose())
      .thenFails('factory.disclosure_already_recorded');
  });

  it("another buyer's contract of the same id is another contract: both are recorded", () => {
    const theirs = disclose();
    spec
      .given(history(factoryRegistry, [register(), disclose()]))
      .when({
        ...theirs,
        data: { ...theirs.data, caseId: 'their-case-1' },
        metadata: { ...theirs.metadata, organisationId: 'buyer-2' },
      })
      .thenEmits((events, state) => {
        expect(events[0]).toMatchObject({ data: { buyerOrganisationId: 'buyer-2', contractId: 'contract-1' } });
        expect(state.status === 'registered' && state.disclosures.map((d) => d.buyerOrganisationId)).toEqual([
          'buyer-1',
          'buyer-2',
        ]);
      });
  });

  it('is shared: any buyer updates the profile of a registered factory', () =>
    spec
      .given(history(factoryRegistry, [register()]))
      .when(
        factoryCommand(
          'UpdateFactoryProfile',
          { factoryId: 'factory-big', changes: { numberOfWorkers: 1_350 } },
          { role: 'monitor' },
        ),
      )
      .thenEmits((_events, state) => expect(state).toMatchObject({ numberOfWorkers: 1_350 })));
});
