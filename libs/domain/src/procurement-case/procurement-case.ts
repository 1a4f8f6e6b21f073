import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import type { RiskLevel } from './risk-screening';

// The procurement case from the buyer's policy to closure. This first slice covers the policy
// phase (opening a case and screening its risk); later phases extend the same decider.

export type OpenCase = Command<
  'OpenCase',
  {
    caseId: string;
    title: string;
    /** The product category bought, as named on high-risk lists (e.g. `garments`, `electronics`). */
    productCategory: string;
    /** ISO 3166-1 alpha-2 codes of the countries where the goods are produced. */
    countriesOfProduction: readonly string[];
  }
>;

export type RecordRiskScreening = Command<
  'RecordRiskScreening',
  { caseId: string; riskLevel: RiskLevel; reasons: readonly string[] }
>;

export type ProcurementCaseCommand = OpenCase | RecordRiskScreening;

export type CaseOpened = Event<
  'CaseOpened',
  {
    caseId: string;
    buyerOrganisationId: string;
    title: string;
    productCategory: string;
    countriesOfProduction: readonly string[];
    openedBy: string;
    openedAt: string;
  }
>;

export type RiskScreened = Event<
  'RiskScreened',
  { caseId: string; riskLevel: RiskLevel; reasons: readonly string[]; screenedAt: string }
>;

export type ProcurementCaseEvent = CaseOpened | RiskScreened;

export type ProcurementCaseState =
  | { readonly status: 'not_opened' }
  | {
      readonly status: 'policy';
      readonly caseId: string;
      readonly buyerOrganisationId: string;
      readonly title: string;
      readonly productCategory: string;
      readonly countriesOfProduction: readonly string[];
      readonly riskLevel?: RiskLevel;
    };

export const procurementCaseStreamId = (caseId: string) => `procurement-case-${caseId}`;

export const procurementCase: Decider<ProcurementCaseState, ProcurementCaseCommand, ProcurementCaseEvent> = {
  initialState: () => ({ status: 'not_opened' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenCase': {
        if (state.status !== 'not_opened')
          return new DomainError('case.already_opened', `case ${command.data.caseId} is already open`);
        const { caseId, title, productCategory, countriesOfProduction } = command.data;
        return [
          {
            type: 'CaseOpened',
            data: {
              caseId,
              buyerOrganisationId: command.metadata.organisationId,
              title,
              productCategory,
              countriesOfProduction,
              openedBy: command.metadata.actor.id,
              openedAt: command.metadata.now,
            },
          },
        ];
      }
      case 'RecordRiskScreening': {
        if (state.status === 'not_opened')
          return new DomainError('case.not_found', `case ${command.data.caseId} has not been opened`);
        if (state.riskLevel !== undefined)
          return new DomainError('risk_screening.already_recorded', 'the risk screening of this case is already recorded');
        const { caseId, riskLevel, reasons } = command.data;
        return [{ type: 'RiskScreened', data: { caseId, riskLevel, reasons, screenedAt: command.metadata.now } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CaseOpened':
        return {
          status: 'policy',
          caseId: event.data.caseId,
          buyerOrganisationId: event.data.buyerOrganisationId,
          title: event.data.title,
          productCategory: event.data.productCategory,
          countriesOfProduction: event.data.countriesOfProduction,
        };
      case 'RiskScreened':
        return state.status === 'not_opened' ? state : { ...state, riskLevel: event.data.riskLevel };
      default:
        return assertNever(event);
    }
  },
};
