import {
  COOPERATIVE_CONTRACT_STREAM_PREFIX,
  cooperativeContract,
  CASE_STREAM_PREFIX,
  FACTORY_STREAM_PREFIX,
  FINDING_STREAM_PREFIX,
  GRIEVANCE_STREAM_PREFIX,
  PURCHASING_PRACTICE_REVIEW_STREAM_PREFIX,
  RISK_LIST_STREAM_PREFIX,
  SUPPLY_STANDSTILL_STREAM_PREFIX,
  factoryRegistry,
  factoryStreamId,
  finding,
  findingStreamId,
  grievance,
  grievanceStreamId,
  parseOwnedStreamId,
  procurementCase,
  procurementCaseStreamId,
  purchasingPracticeReview,
  purchasingPracticeReviewStreamId,
  riskList,
  riskListStreamId,
  supplyStandstill,
  supplyStandstillStreamId,
  type Command,
  type CommandsByAggregate,
  type Decider,
  type Event,
  type OfType,
} from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import type { RecordedEvent } from '@pj/event-store';
import {
  AggregateNotFoundError,
  checkAccess,
  isVisibleTo,
  ReferenceNotFoundError,
  referencesOf,
  type Access,
  type AccessPolicy,
  type Reference,
} from './access';
import { accessPolicies } from './access-rules';
import { handleCommand, type CommandResult, type CommandTrace } from './handle-command';

/**
 * Every aggregate by name, with its decider and stream. Workflows name aggregates (plain data
 * crosses the activity boundary), the activity that executes their commands looks them up here.
 */
export const aggregates = {
  procurementCase: {
    decider: procurementCase,
    streamPrefix: CASE_STREAM_PREFIX,
    streamId: procurementCaseStreamId,
    access: accessPolicies.procurementCase,
  },
  // The registry is shared between buyers: a factory's id is the same for every buyer, so its
  // stream is not scoped to one.
  factory: {
    decider: factoryRegistry,
    streamPrefix: FACTORY_STREAM_PREFIX,
    streamId: (_organisationId: string, factoryId: string) => factoryStreamId(factoryId),
    access: accessPolicies.factory,
  },
  finding: {
    decider: finding,
    streamPrefix: FINDING_STREAM_PREFIX,
    streamId: findingStreamId,
    access: accessPolicies.finding,
  },
  grievance: {
    decider: grievance,
    streamPrefix: GRIEVANCE_STREAM_PREFIX,
    streamId: grievanceStreamId,
    access: accessPolicies.grievance,
  },
  supplyStandstill: {
    decider: supplyStandstill,
    streamPrefix: SUPPLY_STANDSTILL_STREAM_PREFIX,
    streamId: supplyStandstillStreamId,
    access: accessPolicies.supplyStandstill,
  },
  purchasingPracticeReview: {
    decider: purchasingPracticeReview,
    streamPrefix: PURCHASING_PRACTICE_REVIEW_STREAM_PREFIX,
    streamId: purchasingPracticeReviewStreamId,
    access: accessPolicies.purchasingPracticeReview,
  },
  // Each buyer keeps its own lists; every import of a list is a new version in the same stream.
  riskList: {
    decider: riskList,
    streamPrefix: RISK_LIST_STREAM_PREFIX,
    streamId: riskListStreamId,
    access: accessPolicies.riskList,
  },
  // The lead's stream, which admitted agencies write their orders to: its id names the lead
  // (`cooperativeContractId`), so an agency's command reaches it; access admits them narrowly.
  cooperativeContract: {
    decider: cooperativeContract,
    streamPrefix: COOPERATIVE_CONTRACT_STREAM_PREFIX,
    streamId: (_organisationId: string, id: string) => `${COOPERATIVE_CONTRACT_STREAM_PREFIX}${id}`,
    access: accessPolicies.cooperativeContract,
  },
} as const satisfies {
  [A in keyof CommandsByAggregate]: {
    decider: unknown;
    /** What every stream of the aggregate begins with. */
    streamPrefix: string;
    /** The stream of one aggregate for the organisation acting on it (owner-scoped ones are its own). */
    streamId: (organisationId: string, id: string) => string;
    access: AccessPolicy<CommandsByAggregate[A]>;
  };
};

export type AggregateName = keyof CommandsByAggregate;

/** The commands of one aggregate. */
export type CommandOf<A extends AggregateName> = CommandsByAggregate[A];

/** The command type names of one aggregate, and the data of one of them. */
export type CommandTypeOf<A extends AggregateName> = CommandOf<A>['type'];
export type CommandData<A extends AggregateName, T extends CommandTypeOf<A>> = OfType<CommandOf<A>, T>['data'];

export function isAggregateName(name: string): name is AggregateName {
  return Object.prototype.hasOwnProperty.call(aggregates, name);
}

/** What a stream's name says: its aggregate, its id, and the organisation an owner-scoped one belongs to. */
export interface StreamName {
  readonly aggregate: AggregateName;
  /** Undefined for the shared registry. */
  readonly organisationId?: string;
  readonly id: string;
}

/** Reads a stream's name (the longest matching prefix wins); undefined for a stream of no aggregate. */
export function parseStreamName(streamId: string): StreamName | undefined {
  let best: AggregateName | undefined;
  for (const name of Object.keys(aggregates) as AggregateName[])
    if (
      streamId.startsWith(aggregates[name].streamPrefix) &&
      (!best || aggregates[name].streamPrefix.length > aggregates[best].streamPrefix.length)
    )
      best = name;
  if (!best) return undefined;
  const { streamPrefix, access } = aggregates[best];
  if (access.organisationScope === 'shared') return { aggregate: best, id: streamId.slice(streamPrefix.length) };
  const owned = parseOwnedStreamId(streamPrefix, streamId);
  return owned && { aggregate: best, ...owned };
}

export interface ExecuteOptions extends CommandTrace {
  /**
   * The caller's party scope (a supplier's or a monitor's, from the API). The organisation is
   * always the command's own: every command, from a person or a workflow, is checked against it.
   */
  readonly access?: Access;
}

/**
 * Each aggregate a command names, by its id in the command's own organisation (ids are scoped to it), exists
 * and is visible to that organisation, then meets the reference's condition:
 * every name is checked before any condition, so a foreign id is "not found" whatever else is wrong.
 */
async function checkReferences(store: EventStore, references: readonly Reference[], organisationId: string) {
  const histories: (readonly RecordedEvent[])[] = [];
  for (const reference of references) {
    const { streamId, access: policy } = aggregates[reference.aggregate];
    // Visibility needs only the first event; a condition (a signed contract, say) reads the rest.
    const history = await store.readStream(
      streamId(organisationId, reference.id),
      reference.unmet ? undefined : { maxCount: 1 },
    );
    if (!isVisibleTo(policy, history, organisationId)) throw new ReferenceNotFoundError(reference);
    histories.push(history);
  }
  references.forEach((reference, index) => {
    const unmet = reference.unmet?.(histories[index]);
    if (unmet !== undefined) throw new ReferenceNotFoundError(reference, unmet);
  });
}

/**
 * Runs a command against the named aggregate through the one command path. Whoever sends it (a
 * person through the API, a workflow through its activity), the target stream must belong to the
 * command's organisation, and every aggregate the command names must be visible to it.
 */
export async function executeCommand<A extends AggregateName>(
  store: EventStore,
  aggregate: A,
  aggregateId: string,
  command: CommandOf<A>,
  options: ExecuteOptions = {},
): Promise<CommandResult<Event>> {
  const { decider, streamId } = aggregates[aggregate];
  const policy = accessPolicies[aggregate];
  const { access: party, ...trace } = options;
  const organisationId = command.metadata.organisationId;
  if (party && party.organisationId !== organisationId) throw new AggregateNotFoundError(aggregate, aggregateId);
  const access: Access = party ?? { organisationId };
  let referencesChecked = false;
  return handleCommand(
    store,
    decider as unknown as Decider<unknown, Command, Event>,
    streamId(organisationId, aggregateId),
    command,
    {
      ...trace,
      authorize: (history) => checkAccess(aggregate, aggregateId, policy, history, access, command),
      checkReferences: async (history) => {
        if (referencesChecked) return;
        await checkReferences(store, referencesOf(policy, history, command), organisationId);
        referencesChecked = true;
      },
    },
  );
}

/**
 * The stream of an aggregate the caller may act on through its workflow (updates and status
 * queries), checked by the same rule as a command that does not create it: missing or another
 * organisation's is not found, and a supplier or monitor must be a party the stream concerns.
 */
export async function readAccessibleStream<A extends AggregateName>(
  store: EventStore,
  aggregate: A,
  aggregateId: string,
  access: Access,
): Promise<readonly RecordedEvent[]> {
  const history = await store.readStream(aggregates[aggregate].streamId(access.organisationId, aggregateId));
  checkAccess(aggregate, aggregateId, accessPolicies[aggregate], history, access);
  return history;
}

/** The aggregate id of a cooperative contract: its lead organisation and the lead's case. */
export const cooperativeContractId = (leadOrganisationId: string, caseId: string) =>
  `${encodeURIComponent(leadOrganisationId)}/${caseId}`;
