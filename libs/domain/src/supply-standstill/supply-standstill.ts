import type { SupplyStandstillRuleCode } from './rule-codes';
import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import { isBlank, refuseReadOnlyActor, requireRole } from '../roles';
import { ownedStreamId } from '../stream-names';

const fail = (code: SupplyStandstillRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

// A supply standstill: the buyer orders its contractor to stop sourcing from a factory until the
// breaches found there are remedied (Stockholm County Council and Dell, 2013). A compliance officer
// imposes it (directly, or deciding on the escalation ladder's proposal). It is lifted only when
// every finding it rests on has verified remediation — a promise is not enough.

export const SUPPLY_STANDSTILL_STREAM_PREFIX = 'supply-standstill-';
/** The organisation's own stream: ids are chosen by each organisation, so they are scoped to it. */
export const supplyStandstillStreamId = (organisationId: string, standstillId: string) =>
  ownedStreamId(SUPPLY_STANDSTILL_STREAM_PREFIX, organisationId, standstillId);

/**
 * What a standstill stops: the factory's supply under this contract (`contract`, the default; also
 * what every standstill recorded before the scope existed meant), or under every contract the buyer
 * holds with the contractor (`buyer`).
 */
export type SupplyStandstillScope = 'contract' | 'buyer';
export const supplyStandstillScopes: readonly SupplyStandstillScope[] = ['contract', 'buyer'];

export type ImposeSupplyStandstill = Command<
  'ImposeSupplyStandstill',
  {
    standstillId: string;
    factoryId: string;
    caseId: string;
    contractorId: string;
    findingIds: readonly string[];
    reasons: string;
    scope?: SupplyStandstillScope;
    /** The breach-escalation workflow whose proposal this decision answers, if any. */
    proposedBy?: string;
  }
>;

/** Sent by the workflow that sees a finding's `RemediationVerified` event. */
export type NoteVerifiedRemediation = Command<
  'NoteVerifiedRemediation',
  { standstillId: string; findingId: string; verificationRef: string; verifiedBy: string }
>;

export type LiftSupplyStandstill = Command<'LiftSupplyStandstill', { standstillId: string; reasons: string }>;

export type SupplyStandstillCommand = ImposeSupplyStandstill | NoteVerifiedRemediation | LiftSupplyStandstill;

export type SupplyStandstillImposed = Event<
  'SupplyStandstillImposed',
  ImposeSupplyStandstill['data'] & { buyerOrganisationId: string; imposedBy: string; imposedAt: string }
>;
export type StandstillRemediationVerified = Event<
  'StandstillRemediationVerified',
  NoteVerifiedRemediation['data'] & {
    notedAt: string;
    /** Findings still without verified remediation after this one (absent on events before it was kept). */
    outstandingFindingIds?: readonly string[];
  }
>;
export type SupplyStandstillLifted = Event<
  'SupplyStandstillLifted',
  { standstillId: string; factoryId: string; reasons: string; liftedBy: string; liftedAt: string }
>;

export type SupplyStandstillEvent = SupplyStandstillImposed | StandstillRemediationVerified | SupplyStandstillLifted;

const supplyStandstillEventTypeSet: Record<SupplyStandstillEvent['type'], true> = {
  SupplyStandstillImposed: true,
  StandstillRemediationVerified: true,
  SupplyStandstillLifted: true,
};
export const supplyStandstillEventTypes = Object.keys(
  supplyStandstillEventTypeSet,
) as readonly SupplyStandstillEvent['type'][];

interface StandstillFile {
  readonly standstillId: string;
  readonly factoryId: string;
  readonly caseId: string;
  /** Finding id → verified remediation noted. */
  readonly findings: Readonly<Record<string, boolean>>;
}

export type SupplyStandstillState =
  | { readonly status: 'not_imposed' }
  | ({ readonly status: 'in_force' } & StandstillFile)
  | ({ readonly status: 'lifted' } & StandstillFile);

export function outstandingFindings(state: StandstillFile): readonly string[] {
  return Object.entries(state.findings)
    .filter(([, verified]) => !verified)
    .map(([findingId]) => findingId);
}

export const supplyStandstill: Decider<SupplyStandstillState, SupplyStandstillCommand, SupplyStandstillEvent> = {
  initialState: () => ({ status: 'not_imposed' }),

  decide(command, state) {
    const readOnly = refuseReadOnlyActor(command.metadata);
    if (readOnly) return readOnly;
    const { now, actor } = command.metadata;
    switch (command.type) {
      case 'ImposeSupplyStandstill': {
        if (state.status !== 'not_imposed')
          return fail('supply_standstill.already_imposed', `standstill ${command.data.standstillId} exists`);
        // A person decides: the escalation ladder only proposes (ProposeSupplyStandstill on the finding).
        const notOfficer = requireRole(
          command.metadata,
          ['compliance_officer'],
          'supply_standstill.compliance_officer_required',
        );
        if (notOfficer) return notOfficer;
        if (command.data.findingIds.length === 0)
          return fail('supply_standstill.findings_required', 'a standstill rests on at least one finding');
        if (isBlank(command.data.reasons))
          return fail('supply_standstill.reasons_required', 'a standstill needs reasons');
        if (command.data.scope !== undefined && !supplyStandstillScopes.includes(command.data.scope))
          return fail('supply_standstill.scope_invalid', 'the scope is contract or buyer', {
            scopes: supplyStandstillScopes,
          });
        return [
          {
            type: 'SupplyStandstillImposed',
            data: {
              ...command.data,
              buyerOrganisationId: command.metadata.organisationId,
              imposedBy: actor.id,
              imposedAt: now,
            },
          },
        ];
      }
      case 'NoteVerifiedRemediation': {
        if (state.status !== 'in_force') return fail('supply_standstill.not_in_force', 'no standstill in force');
        if (!(command.data.findingId in state.findings))
          return fail(
            'supply_standstill.finding_not_covered',
            `finding ${command.data.findingId} is not part of this standstill`,
          );
        if (state.findings[command.data.findingId])
          return fail('supply_standstill.already_noted', 'this finding’s verified remediation is already noted');
        if (isBlank(command.data.verificationRef))
          return fail('supply_standstill.verification_required', 'reference the verification');
        const outstandingFindingIds = outstandingFindings(state).filter((id) => id !== command.data.findingId);
        return [
          { type: 'StandstillRemediationVerified', data: { ...command.data, notedAt: now, outstandingFindingIds } },
        ];
      }
      case 'LiftSupplyStandstill': {
        if (state.status !== 'in_force') return fail('supply_standstill.not_in_force', 'no standstill in force');
        const outstanding = outstandingFindings(state);
        if (outstanding.length > 0)
          return fail(
            'supply_standstill.remediation_not_verified',
            'only verified remediation lifts a supply standstill',
            {
              outstandingFindingIds: outstanding,
            },
          );
        if (isBlank(command.data.reasons)) return fail('supply_standstill.reasons_required', 'say why it is lifted');
        return [
          {
            type: 'SupplyStandstillLifted',
            data: { ...command.data, factoryId: state.factoryId, liftedBy: actor.id, liftedAt: now },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SupplyStandstillImposed':
        return {
          status: 'in_force',
          standstillId: event.data.standstillId,
          factoryId: event.data.factoryId,
          caseId: event.data.caseId,
          findings: Object.fromEntries(event.data.findingIds.map((id) => [id, false])),
        };
      case 'StandstillRemediationVerified':
        return state.status === 'in_force'
          ? { ...state, findings: { ...state.findings, [event.data.findingId]: true } }
          : state;
      case 'SupplyStandstillLifted':
        return state.status === 'in_force' ? { ...state, status: 'lifted' } : state;
      default:
        return assertNever(event);
    }
  },
};
