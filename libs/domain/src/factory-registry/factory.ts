import type { FactoryRuleCode } from './rule-codes';
import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import { isBlank, isHeadcount, refuseReadOnlyActor } from '../roles';

const fail = (code: FactoryRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

// The factory registry is shared by all buyers: one stream per factory, whoever registered it.
// Each contract that discloses the factory adds a line, so buyers see who else sources there.

export const FACTORY_STREAM_PREFIX = 'factory-';
/** One stream per factory, shared by every buyer: not scoped to an organisation. */
export const factoryStreamId = (factoryId: string) => `${FACTORY_STREAM_PREFIX}${factoryId}`;

export interface FactoryProfile {
  readonly name: string;
  readonly address: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** 1 = assembles the finished product; higher tiers supply the tier above. */
  readonly tier: number;
  readonly products: readonly string[];
  readonly numberOfWorkers: number;
  /** Open Supply Hub id, when the factory is listed there. */
  readonly openSupplyHubId?: string;
}

export type RegisterFactory = Command<'RegisterFactory', { factoryId: string } & FactoryProfile>;

export type UpdateFactoryProfile = Command<
  'UpdateFactoryProfile',
  {
    factoryId: string;
    changes: Partial<Pick<FactoryProfile, 'products' | 'numberOfWorkers' | 'openSupplyHubId' | 'tier'>>;
  }
>;

export type RecordContractDisclosure = Command<
  'RecordContractDisclosure',
  {
    factoryId: string;
    caseId: string;
    contractId: string;
    supplierId: string;
    contractYear: number;
    annualPurchases: number;
  }
>;

export type FactoryCommand = RegisterFactory | UpdateFactoryProfile | RecordContractDisclosure;

export type FactoryRegistered = Event<
  'FactoryRegistered',
  { factoryId: string; registeredByOrganisationId: string; registeredAt: string } & FactoryProfile
>;

export type FactoryProfileUpdated = Event<
  'FactoryProfileUpdated',
  { factoryId: string; changes: UpdateFactoryProfile['data']['changes']; updatedAt: string }
>;

export type FactoryDisclosedUnderContract = Event<
  'FactoryDisclosedUnderContract',
  {
    factoryId: string;
    buyerOrganisationId: string;
    caseId: string;
    contractId: string;
    supplierId: string;
    contractYear: number;
    annualPurchases: number;
    disclosedAt: string;
  }
>;

export type FactoryEvent = FactoryRegistered | FactoryProfileUpdated | FactoryDisclosedUnderContract;

const factoryEventTypeSet: Record<FactoryEvent['type'], true> = {
  FactoryRegistered: true,
  FactoryProfileUpdated: true,
  FactoryDisclosedUnderContract: true,
};
export const factoryEventTypes = Object.keys(factoryEventTypeSet) as readonly FactoryEvent['type'][];

export interface ContractDisclosure {
  readonly buyerOrganisationId: string;
  readonly caseId: string;
  readonly contractId: string;
  readonly supplierId: string;
  readonly contractYear: number;
  readonly annualPurchases: number;
}

export type FactoryState =
  | { readonly status: 'unregistered' }
  | ({
      readonly status: 'registered';
      readonly factoryId: string;
      readonly disclosures: readonly ContractDisclosure[];
    } & FactoryProfile);

function profileProblem(profile: Partial<FactoryProfile>): DomainError | undefined {
  if (profile.name !== undefined && isBlank(profile.name))
    return fail('factory.name_required', 'a factory needs a name');
  if (profile.address !== undefined && isBlank(profile.address))
    return fail('factory.address_required', 'a factory needs an address');
  if (profile.country !== undefined && !/^[A-Z]{2}$/.test(profile.country))
    return fail('factory.country_invalid', 'country is an ISO 3166-1 alpha-2 code, e.g. CN');
  if (profile.tier !== undefined && !(Number.isInteger(profile.tier) && profile.tier >= 1 && profile.tier <= 20))
    return fail('factory.tier_invalid', 'tier is a whole number from 1 to 20');
  if (profile.numberOfWorkers !== undefined && !isHeadcount(profile.numberOfWorkers))
    return fail('factory.workers_invalid', 'the number of workers is a whole number, zero or more');
  return undefined;
}

export const factoryRegistry: Decider<FactoryState, FactoryCommand, FactoryEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  decide(command, state) {
    const readOnly = refuseReadOnlyActor(command.metadata);
    if (readOnly) return readOnly;
    const { now } = command.metadata;
    switch (command.type) {
      case 'RegisterFactory': {
        if (state.status !== 'unregistered')
          return fail('factory.already_registered', `factory ${command.data.factoryId} is already registered`);
        const problem = profileProblem(command.data);
        if (problem) return problem;
        return [
          {
            type: 'FactoryRegistered',
            data: { ...command.data, registeredByOrganisationId: command.metadata.organisationId, registeredAt: now },
          },
        ];
      }
      case 'UpdateFactoryProfile': {
        if (state.status !== 'registered')
          return fail('factory.not_found', `factory ${command.data.factoryId} is not registered`);
        const problem = profileProblem(command.data.changes);
        if (problem) return problem;
        return [{ type: 'FactoryProfileUpdated', data: { ...command.data, updatedAt: now } }];
      }
      case 'RecordContractDisclosure': {
        if (state.status !== 'registered')
          return fail('factory.not_found', `factory ${command.data.factoryId} is not registered`);
        const { contractId, contractYear, annualPurchases } = command.data;
        const { organisationId } = command.metadata;
        if (!(annualPurchases >= 0))
          return fail('factory.annual_purchases_invalid', 'annual purchases are zero or more');
        // Contract ids are each buyer's own: another buyer's "contract-1" is another contract.
        if (
          state.disclosures.some(
            (d) =>
              d.buyerOrganisationId === organisationId &&
              d.contractId === contractId &&
              d.contractYear === contractYear,
          )
        )
          return fail(
            'factory.disclosure_already_recorded',
            `contract ${contractId} already disclosed this factory for year ${contractYear}`,
          );
        return [
          {
            type: 'FactoryDisclosedUnderContract',
            data: { ...command.data, buyerOrganisationId: command.metadata.organisationId, disclosedAt: now },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'FactoryRegistered': {
        const { registeredByOrganisationId: _by, registeredAt: _at, ...profile } = event.data;
        return { status: 'registered', ...profile, disclosures: [] };
      }
      case 'FactoryProfileUpdated':
        return state.status === 'registered' ? { ...state, ...event.data.changes } : state;
      case 'FactoryDisclosedUnderContract': {
        if (state.status !== 'registered') return state;
        const { factoryId: _id, disclosedAt: _at, ...disclosure } = event.data;
        return { ...state, disclosures: [...state.disclosures, disclosure] };
      }
      default:
        return assertNever(event);
    }
  },
};
