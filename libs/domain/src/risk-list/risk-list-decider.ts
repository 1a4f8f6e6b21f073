import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import { isBlank, refuseReadOnlyActor, requireRole } from '../roles';
import { ownedStreamId } from '../stream-names';
import { ANY_COUNTRY, type RiskListEntry } from './risk-list';
import type { RiskListRuleCode } from './rule-codes';

const fail = (code: RiskListRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

// One stream per list of one buyer: each import is a new version of it, with its provenance
// (source, publication date, who imported it and when) kept in the event.

export const RISK_LIST_STREAM_PREFIX = 'risk-list-';
export const riskListStreamId = (organisationId: string, listId: string) =>
  ownedStreamId(RISK_LIST_STREAM_PREFIX, organisationId, listId);

export type ImportRiskList = Command<
  'ImportRiskList',
  { listId: string; source: string; publishedOn: string; entries: readonly RiskListEntry[] }
>;
export type RiskListCommand = ImportRiskList;

export type RiskListImported = Event<
  'RiskListImported',
  ImportRiskList['data'] & { version: number; buyerOrganisationId: string; importedBy: string; importedAt: string }
>;
export type RiskListEvent = RiskListImported;

const riskListEventTypeSet: Record<RiskListEvent['type'], true> = { RiskListImported: true };
export const riskListEventTypes = Object.keys(riskListEventTypeSet) as readonly RiskListEvent['type'][];

export interface RiskListState {
  /** 0 before the first import. */
  readonly version: number;
}

const levels = ['low', 'medium', 'high'];

/** The first entry that cannot be matched against, with the field at fault; undefined when all can. */
export function invalidRiskListEntry(
  entries: readonly RiskListEntry[],
): { readonly index: number; readonly field: string; readonly reason: string } | undefined {
  for (const [index, entry] of entries.entries()) {
    if (isBlank(entry.cpvCode) && isBlank(entry.category))
      return { index, field: 'category', reason: 'an entry names a CPV code or a category' };
    if (entry.cpvCode !== undefined && !/^\d{8}(-\d)?$/.test(entry.cpvCode))
      return { index, field: 'cpvCode', reason: 'a CPV code is eight digits, optionally a dash and a check digit' };
    if (entry.country.toLowerCase() !== ANY_COUNTRY && !/^[A-Za-z]{2}$/.test(entry.country))
      return { index, field: 'country', reason: 'an ISO 3166-1 alpha-2 code, or "any"' };
    if (!levels.includes(entry.level)) return { index, field: 'level', reason: 'low, medium or high' };
  }
  return undefined;
}

export const riskList: Decider<RiskListState, RiskListCommand, RiskListEvent> = {
  initialState: () => ({ version: 0 }),

  decide(command, state) {
    const readOnly = refuseReadOnlyActor(command.metadata);
    if (readOnly) return readOnly;
    switch (command.type) {
      case 'ImportRiskList': {
        const notAllowed = requireRole(
          command.metadata,
          ['contract_manager', 'compliance_officer'],
          'risk_list.role_required',
        );
        if (notAllowed) return notAllowed;
        if (isBlank(command.data.source)) return fail('risk_list.source_required', 'name who publishes the list');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(command.data.publishedOn))
          return fail('risk_list.published_on_invalid', 'the publication date is an ISO date (YYYY-MM-DD)');
        if (command.data.entries.length === 0) return fail('risk_list.entries_required', 'a list has entries');
        const invalid = invalidRiskListEntry(command.data.entries);
        if (invalid) return fail('risk_list.entry_invalid', `entry ${invalid.index + 1}: ${invalid.reason}`, invalid);
        const { actor, now, organisationId } = command.metadata;
        return [
          {
            type: 'RiskListImported',
            data: {
              ...command.data,
              version: state.version + 1,
              buyerOrganisationId: organisationId,
              importedBy: actor.id,
              importedAt: now,
            },
          },
        ];
      }
      default:
        return assertNever(command.type);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RiskListImported':
        return { version: event.data.version };
      default:
        return assertNever(event.type);
    }
  },
};
