import { DomainError } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';

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
 * organisation (both answer alike, so ids reveal nothing). A DomainError so that a workflow's
 * activity fails without retrying, as for any refusal.
 */
export class AggregateNotFoundError extends DomainError {
  constructor(
    readonly aggregate: string,
    readonly aggregateId: string,
  ) {
    super(`${aggregate}.not_found`, `${aggregate} ${aggregateId} not found`, { aggregate, aggregateId });
    this.name = 'AggregateNotFoundError';
  }
}

/** The caller's party (supplier, monitored factory) is not the one the aggregate concerns. */
export class PartyNotAllowedError extends Error {
  readonly code = 'access.party_not_allowed';
  constructor(message: string) {
    super(message);
    this.name = 'PartyNotAllowedError';
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
}

const field = (data: unknown, name: string): string | undefined => {
  const value = (data as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};
const defined = (values: readonly (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
const dataOf = (history: readonly RecordedEvent[], type: string) =>
  history.filter((event) => event.type === type).map((event) => event.data);

/** Procurement case: a bid's supplier for bid commands, else the contractor of the signed contract. */
export const caseParties: AccessPolicy['parties'] = (history, command) => {
  const bidId = field(command.data, 'bidId');
  if (command.type === 'SubmitBid')
    return { supplierIds: defined([field(command.data, 'supplierId')]), factoryIds: [] };
  if (bidId) {
    const bid = dataOf(history, 'BidSubmitted').find((data) => field(data, 'bidId') === bidId);
    return { supplierIds: defined([field(bid, 'supplierId')]), factoryIds: [] };
  }
  return { supplierIds: defined(dataOf(history, 'ContractSigned').map((d) => field(d, 'supplierId'))), factoryIds: [] };
};

/** Finding: its factory, and the contractor the remedy is asked of once the breach is confirmed. */
export const findingParties: AccessPolicy['parties'] = (history, command) => ({
  supplierIds: defined(dataOf(history, 'BreachConfirmed').map((d) => field(d, 'contractorId'))),
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
    policy.organisationScope === 'owner' &&
    history[0].metadata.organisationId !== access.organisationId
  )
    throw new AggregateNotFoundError(aggregate, aggregateId);
  if (access.supplierId === undefined && access.factoryIds === undefined) return;
  const parties = policy.parties?.(history, command) ?? { supplierIds: [], factoryIds: [] };
  if (access.supplierId !== undefined && !parties.supplierIds.includes(access.supplierId))
    throw new PartyNotAllowedError(`supplier ${access.supplierId} may act only on its own bids and contracts`);
  if (access.factoryIds !== undefined && !parties.factoryIds.some((id) => access.factoryIds!.includes(id)))
    throw new PartyNotAllowedError('a monitor may act only for the factories assigned to them');
}
