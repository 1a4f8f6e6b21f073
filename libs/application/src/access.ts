import {
  DomainError,
  KnownError,
  type Command,
  type CommandsByAggregate,
  type ErrorKind,
  type OfType,
} from '@pj/domain';
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
  readonly aggregate: keyof CommandsByAggregate;
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

/** Each command type's data, from an aggregate's union of commands. */
type DataByType<C extends Command> = { [T in C['type']]: OfType<C, T>['data'] };

/**
 * Rules keyed by an aggregate's command types: a misspelled type does not compile, and each rule
 * reads its own command's data (and the stream the command acts on).
 */
export type CommandRules<C extends Command, R> = {
  readonly [T in keyof DataByType<C>]?: (data: DataByType<C>[T], history: readonly RecordedEvent[]) => R;
};

/** The table's rule for a command, applied to it; undefined when the table has none for its type. */
function ruleFor<C extends Command, R, T extends C['type']>(
  rules: CommandRules<C, R> | undefined,
  command: { readonly type: T; readonly data: DataByType<C>[T] },
  history: readonly RecordedEvent[],
): R | undefined {
  if (!rules || !Object.prototype.hasOwnProperty.call(rules, command.type)) return undefined;
  return rules[command.type]?.(command.data, history);
}

/**
 * How an aggregate is scoped. `owner`: a stream belongs to the organisation of its first event and
 * is invisible to every other; `shared`: every buyer may act on it (the factory registry).
 */
export interface AccessPolicy<C extends Command> {
  readonly organisationScope: 'owner' | 'shared';
  /** The commands that create the aggregate; any other on an empty stream is "not found". */
  readonly creates: readonly C['type'][];
  /**
   * The parties the stream concerns (a contract's supplier, a finding's factory): checked for a
   * supplier or a monitor on a read, a workflow update or query, and a command without a rule below.
   * Without it, no supplier or monitor may act on the aggregate.
   */
  readonly parties?: (history: readonly RecordedEvent[]) => Parties;
  /** Commands that concern the party they name themselves (a bid's supplier, a new finding's factory). */
  readonly partiesNamed?: CommandRules<C, Parties>;
  /** The other aggregates a command names, checked before it is decided. */
  readonly references?: CommandRules<C, readonly Reference[]>;
  /**
   * Another organisation the owner's stream lets act: explicit and narrow, as a cooperative contract
   * admits the agencies that joined it to order under it. No `command`: a read.
   */
  readonly admits?: (history: readonly RecordedEvent[], organisationId: string, command?: C) => boolean;
}

const nobody: Parties = { supplierIds: [], factoryIds: [] };

/** The first event's organisation owns an owner-scoped stream; a shared one is everyone's. */
export function isVisibleTo(
  policy: Pick<AccessPolicy<Command>, 'organisationScope'>,
  history: readonly RecordedEvent[],
  organisationId: string,
): boolean {
  return (
    history.length > 0 &&
    (policy.organisationScope === 'shared' || history[0].metadata.organisationId === organisationId)
  );
}

/**
 * The one access rule of the command path, and of reads, workflow updates and queries through the
 * API (no `command`: they never create the aggregate and concern the stream's parties): an
 * owner-scoped stream of another organisation, or a missing stream the command does not create, is
 * not found; a supplier or monitor acting for a party the stream does not concern is refused.
 */
export function checkAccess<C extends Command>(
  aggregate: string,
  aggregateId: string,
  policy: AccessPolicy<C>,
  history: readonly RecordedEvent[],
  access: Access,
  command?: C,
): void {
  if (history.length === 0 && !(command && policy.creates.includes(command.type)))
    throw new AggregateNotFoundError(aggregate, aggregateId);
  if (
    history.length > 0 &&
    !isVisibleTo(policy, history, access.organisationId) &&
    !policy.admits?.(history, access.organisationId, command)
  )
    throw new AggregateNotFoundError(aggregate, aggregateId);
  if (access.supplierId === undefined && access.factoryIds === undefined) return;
  const parties = (command && ruleFor(policy.partiesNamed, command, history)) ?? policy.parties?.(history) ?? nobody;
  if (access.supplierId !== undefined && !parties.supplierIds.includes(access.supplierId))
    throw new PartyNotAllowedError(`supplier ${access.supplierId} may act only on its own bids and contracts`);
  if (access.factoryIds !== undefined && !parties.factoryIds.some((id) => access.factoryIds!.includes(id)))
    throw new PartyNotAllowedError('a monitor may act only for the factories assigned to them');
}

/** The other aggregates a command names, by its aggregate's rules (none without a rule). */
export function referencesOf<C extends Command>(
  policy: AccessPolicy<C>,
  history: readonly RecordedEvent[],
  command: C,
): readonly Reference[] {
  return ruleFor(policy.references, command, history) ?? [];
}
