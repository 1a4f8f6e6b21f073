import { DomainError, type EventType, KnownError, type ErrorKind } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import { eventsOfType } from './events';

/**
 * Who a command acts for, as far as scoping goes: the buyer organisation always, and for a
 * supplier or a monitor the party they may answer for (their supplier id, their assigned factories).
 */
export interface Access {
  readonly organisationId: string;
  /** Set for suppliers: they act only on their own bids and contracts. */
  readonly supplierId?: string;
  /** Set for monitors: they act only for the factories they are assigned to. */
  readonly factoryIds?: readonly string[];
}

/**
 * The aggregate does not exist for this caller: it is missing, or it belongs to another
 * organisation (both answer alike, so ids reveal nothing). A refusal of the command like a
 * DomainError (a workflow's activity fails without retrying), but of its own kind.
 */
export class AggregateNotFoundError extends DomainError {
  override readonly kind: ErrorKind = 'not_found';
  constructor(
    readonly aggregate: string,
    readonly aggregateId: string,
  ) {
    super(`${aggregate}.not_found`, `${aggregate} ${aggregateId} not found`, { aggregate, aggregateId });
  }
}

/** The caller's party (supplier, monitored factory) is not the one the aggregate concerns. */
export class PartyNotAllowedError extends KnownError {
  readonly kind: ErrorKind = 'forbidden';
  constructor(message: string) {
    super('access.party_not_allowed', message);
  }
}

/**
 * Another aggregate a command names (a finding's case, a standstill's findings, a grievance's
 * factory). It must exist for the command's organisation at the moment it is named: an
 * owner-scoped one of another organisation is as unknown as a missing one.
 */
export interface Reference {
  /** Where the command names it, for the error. */
  readonly field: string;
  readonly aggregate: string;
  readonly id: string;
  /** A further condition on the referenced stream; answers why it is not met. */
  readonly unmet?: (history: readonly RecordedEvent[]) => string | undefined;
}

/**
 * A command names an aggregate the organisation does not have (or not in the required state): a
 * rule of the command (422), not a missing target.
 */
export class ReferenceNotFoundError extends DomainError {
  constructor(reference: Reference, reason?: string) {
    super(
      reason ? 'reference.not_applicable' : 'reference.not_found',
      `${reference.field}: ${reason ?? `${reference.aggregate} ${reference.id} not found`}`,
      { field: reference.field, aggregate: reference.aggregate, id: reference.id },
    );
  }
}

/** The parties a stream (and the command about to act on it) concerns. */
export interface Parties {
  readonly supplierIds: readonly string[];
  readonly factoryIds: readonly string[];
}

/**
 * How an aggregate is scoped. `owner`: a stream belongs to the organisation of its first event and
 * is invisible to every other; `shared`: every buyer may act on it (the factory registry).
 */
export interface AccessPolicy {
  readonly organisationScope: 'owner' | 'shared';
  /** The commands that create the aggregate; any other on an empty stream is "not found". */
  readonly creates: readonly string[];
  readonly parties?: (history: readonly RecordedEvent[], command: { type: string; data: unknown }) => Parties;
  /** The other aggregates a command names, checked before it is decided. */
  readonly references?: (
    history: readonly RecordedEvent[],
    command: { type: string; data: unknown },
  ) => readonly Reference[];
  /**
   * Another organisation the owner's stream lets act, for which commands (or `read`): explicit and
   * narrow, as a cooperative contract admits the agencies that joined it to order under it.
   */
  readonly admits?: (
    history: readonly RecordedEvent[],
    command: { type: string; data: unknown },
    organisationId: string,
  ) => boolean;
}

const field = (data: unknown, name: string): string | undefined => {
  const value = (data as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};
const defined = (values: readonly (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
/** The data of a stream's events of one type, read as that type (commands may be intents: read by field). */
const dataOf = <T extends EventType>(history: readonly RecordedEvent[], type: T) =>
  eventsOfType(history, type).map((event) => event.data);

/** The first event's organisation owns an owner-scoped stream; a shared one is everyone's. */
export function isVisibleTo(policy: AccessPolicy, history: readonly RecordedEvent[], organisationId: string): boolean {
  return (
    history.length > 0 &&
    (policy.organisationScope === 'shared' || history[0].metadata.organisationId === organisationId)
  );
}

/** Procurement case: a bid's supplier for bid commands, else the contractor of the signed contract. */
export const caseParties: AccessPolicy['parties'] = (history, command) => {
  const bidId = field(command.data, 'bidId');
  if (command.type === 'SubmitBid')
    return { supplierIds: defined([field(command.data, 'supplierId')]), factoryIds: [] };
  if (bidId) {
    const bid = dataOf(history, 'BidSubmitted').find((data) => data.bidId === bidId);
    return { supplierIds: defined([bid?.supplierId]), factoryIds: [] };
  }
  return { supplierIds: dataOf(history, 'ContractSigned').map((d) => d.supplierId), factoryIds: [] };
};

/** Finding: its factory, and the contractor the remedy is asked of once the breach is confirmed. */
export const findingParties: AccessPolicy['parties'] = (history, command) => ({
  supplierIds: dataOf(history, 'BreachConfirmed').map((d) => d.contractorId),
  factoryIds: defined([field(history[0]?.data ?? command.data, 'factoryId')]),
});

/** Grievance: the factory it is about. */
export const grievanceParties: AccessPolicy['parties'] = (history, command) => ({
  supplierIds: [],
  factoryIds: defined([field(history[0]?.data ?? command.data, 'factoryId')]),
});

/**
 * The one access rule of the command path (and of workflow updates and queries through the API):
 * an owner-scoped stream of another organisation, or a missing stream the command does not create,
 * is not found; a supplier or monitor acting for a party the stream does not concern is refused.
 */
export function checkAccess(
  aggregate: string,
  aggregateId: string,
  policy: AccessPolicy,
  history: readonly RecordedEvent[],
  command: { type: string; data: unknown },
  access: Access,
): void {
  if (history.length === 0 && !policy.creates.includes(command.type))
    throw new AggregateNotFoundError(aggregate, aggregateId);
  if (
    history.length > 0 &&
    !isVisibleTo(policy, history, access.organisationId) &&
    !policy.admits?.(history, command, access.organisationId)
  )
    throw new AggregateNotFoundError(aggregate, aggregateId);
  if (access.supplierId === undefined && access.factoryIds === undefined) return;
  const parties = policy.parties?.(history, command) ?? { supplierIds: [], factoryIds: [] };
  if (access.supplierId !== undefined && !parties.supplierIds.includes(access.supplierId))
    throw new PartyNotAllowedError(`supplier ${access.supplierId} may act only on its own bids and contracts`);
  if (access.factoryIds !== undefined && !parties.factoryIds.some((id) => access.factoryIds!.includes(id)))
    throw new PartyNotAllowedError('a monitor may act only for the factories assigned to them');
}

// --- references --------------------------------------------------------------------------

const strings = (data: unknown, name: string): readonly string[] => {
  const value = (data as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};

/** Every finding a command names, by the fields the domain uses for them. */
const namedFindings = (data: unknown): Reference[] => [
  ...defined([field(data, 'findingId')]).map((id) => ({ field: 'findingId', aggregate: 'finding', id })),
  ...strings(data, 'findingIds').map((id) => ({ field: 'findingIds', aggregate: 'finding', id })),
];

const namedFactory = (data: unknown): Reference[] =>
  defined([field(data, 'factoryId')]).map((id) => ({ field: 'factoryId', aggregate: 'factory', id }));

/** The case named, with an optional condition on it. */
const namedCase = (caseId: string | undefined, unmet?: Reference['unmet']): Reference[] =>
  caseId === undefined
    ? []
    : [{ field: 'caseId', aggregate: 'procurementCase', id: caseId, ...(unmet ? { unmet } : {}) }];

/** The remedy is asked of the supplier the case's contract was signed with, and of no one else. */
const contractedWith =
  (contractorId: string | undefined): Reference['unmet'] =>
  (history) =>
    contractorId === undefined || dataOf(history, 'ContractSigned').some((data) => data.supplierId === contractorId)
      ? undefined
      : `${contractorId} is not the contractor of a contract signed in case ${field(history[0]?.data, 'caseId') ?? ''}`.trim();

/** A disclosure is recorded against a contract signed in the case, with the supplier it was signed with. */
const contractSigned =
  (contractId: string | undefined, supplierId: string | undefined): Reference['unmet'] =>
  (history) =>
    dataOf(history, 'ContractSigned').some((data) => data.contractId === contractId && data.supplierId === supplierId)
      ? undefined
      : `no contract ${contractId ?? ''} with ${supplierId ?? ''} is signed in this case`;

/** A case's commands name its own findings (clause breaches, escalations, sanctions, audits). */
export const caseReferences: AccessPolicy['references'] = (_history, command) => namedFindings(command.data);

/** A finding names its factory and, when known, its case; a breach names the contractor of that case. */
export const findingReferences: AccessPolicy['references'] = (history, command) => {
  const data = command.data;
  if (command.type === 'RecordFinding') return [...namedFactory(data), ...namedCase(field(data, 'caseId'))];
  if (command.type === 'ConfirmBreach')
    return namedCase(
      field(data, 'caseId') ?? field(history[0]?.data, 'caseId'),
      contractedWith(field(data, 'contractorId')),
    );
  return [];
};

/** A grievance names its factory, perhaps a case, and the finding it is referred to. */
export const grievanceReferences: AccessPolicy['references'] = (_history, command) => [
  ...(command.type === 'SubmitGrievance'
    ? [...namedFactory(command.data), ...namedCase(field(command.data, 'caseId'))]
    : []),
  ...namedFindings(command.data),
];

/** A supply standstill names the factory, the case with its contractor, and the findings behind it. */
export const supplyStandstillReferences: AccessPolicy['references'] = (_history, command) => [
  ...(command.type === 'ImposeSupplyStandstill'
    ? [
        ...namedFactory(command.data),
        ...namedCase(field(command.data, 'caseId'), contractedWith(field(command.data, 'contractorId'))),
      ]
    : []),
  ...namedFindings(command.data),
];

/** A purchasing-practice review names the buyer's case and the findings it looks into. */
export const reviewReferences: AccessPolicy['references'] = (_history, command) => [
  ...namedCase(field(command.data, 'caseId')),
  ...namedFindings(command.data),
];

/** The shared registry records a disclosure only against a buyer's own signed contract. */
export const factoryReferences: AccessPolicy['references'] = (_history, command) =>
  command.type === 'RecordContractDisclosure'
    ? namedCase(
        field(command.data, 'caseId'),
        contractSigned(field(command.data, 'contractId'), field(command.data, 'supplierId')),
      )
    : [];

/**
 * A cooperative contract lets another organisation ask to join it, and an admitted agency order
 * under it and read it; everything else on it is the lead's alone.
 */
export const cooperativeAgencies: AccessPolicy['admits'] = (history, command, organisationId) => {
  if (command.type === 'RequestToJoinContract') return true;
  if (command.type !== 'PlaceOrder' && command.type !== 'read') return false;
  const decisions = history.filter(
    (event) =>
      (event.type === 'AgencyAdmitted' || event.type === 'AgencyJoinDeclined') &&
      field(event.data, 'agencyOrganisationId') === organisationId,
  );
  return decisions.at(-1)?.type === 'AgencyAdmitted';
};

/** Opening a case's contract to agencies names that contract, its contractor and its signature. */
export const cooperativeContractReferences: AccessPolicy['references'] = (_history, command) =>
  command.type === 'OpenCooperativeContract'
    ? namedCase(field(command.data, 'caseId'), (history) =>
        dataOf(history, 'ContractSigned').some(
          (data) =>
            data.contractId === field(command.data, 'contractId') &&
            data.supplierId === field(command.data, 'supplierId') &&
            Date.parse(data.signedAt) === Date.parse(field(command.data, 'signedAt') ?? ''),
        )
          ? undefined
          : 'no contract with this id, contractor and signature instant is signed in this case',
      )
    : [];
