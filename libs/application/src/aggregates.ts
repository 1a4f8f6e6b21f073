import {
  factoryRegistry,
  factoryStreamId,
  finding,
  findingStreamId,
  grievance,
  grievanceStreamId,
  procurementCase,
  procurementCaseStreamId,
  purchasingPracticeReview,
  purchasingPracticeReviewStreamId,
  supplyStandstill,
  supplyStandstillStreamId,
  type Command,
  type Decider,
  type Event,
} from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import type { RecordedEvent } from '@pj/event-store';
import { caseParties, checkAccess, findingParties, grievanceParties, type Access, type AccessPolicy } from './access';
import { handleCommand, type CommandResult, type CommandTrace } from './handle-command';

/**
 * Every aggregate by name, with its decider and stream. Workflows name aggregates (they cannot
 * import deciders into their sandbox), the activity that executes their commands looks them up here.
 */
export const aggregates = {
  procurementCase: {
    decider: procurementCase,
    streamId: procurementCaseStreamId,
    access: { organisationScope: 'owner', creates: ['OpenCase'], parties: caseParties },
  },
  // The registry is shared between buyers (Electronics Watch, Sweatfree Purchasing Consortium).
  factory: {
    decider: factoryRegistry,
    streamId: factoryStreamId,
    access: { organisationScope: 'shared', creates: ['RegisterFactory'] },
  },
  finding: {
    decider: finding,
    streamId: findingStreamId,
    access: { organisationScope: 'owner', creates: ['RecordFinding'], parties: findingParties },
  },
  grievance: {
    decider: grievance,
    streamId: grievanceStreamId,
    access: { organisationScope: 'owner', creates: ['SubmitGrievance'], parties: grievanceParties },
  },
  supplyStandstill: {
    decider: supplyStandstill,
    streamId: supplyStandstillStreamId,
    access: { organisationScope: 'owner', creates: ['ImposeSupplyStandstill'] },
  },
  purchasingPracticeReview: {
    decider: purchasingPracticeReview,
    streamId: purchasingPracticeReviewStreamId,
    access: { organisationScope: 'owner', creates: ['OpenPurchasingPracticeReview'] },
  },
} as const satisfies Record<string, { decider: unknown; streamId: (id: string) => string; access: AccessPolicy }>;

export type AggregateName = keyof typeof aggregates;

/** The commands of one aggregate. */
export type CommandOf<A extends AggregateName> = Parameters<(typeof aggregates)[A]['decider']['decide']>[0];

export function isAggregateName(name: string): name is AggregateName {
  return Object.prototype.hasOwnProperty.call(aggregates, name);
}

export interface ExecuteOptions extends CommandTrace {
  /** The caller's scope (people through the API); workflows act for their organisation unchecked. */
  readonly access?: Access;
}

/** Runs a command against the named aggregate through the one command path. */
export function executeCommand<A extends AggregateName>(
  store: EventStore,
  aggregate: A,
  aggregateId: string,
  command: CommandOf<A>,
  options: ExecuteOptions = {},
): Promise<CommandResult<Event>> {
  const { decider, streamId, access: policy } = aggregates[aggregate];
  const { access, ...trace } = options;
  return handleCommand(
    store,
    decider as unknown as Decider<unknown, Command, Event>,
    streamId(aggregateId),
    command as Command,
    access
      ? { ...trace, authorize: (history) => checkAccess(aggregate, aggregateId, policy, history, command, access) }
      : trace,
  );
}

/**
 * The stream of an aggregate the caller may act on (for workflow updates and status queries),
 * checked by the same rule as a command: missing or another organisation's is not found.
 */
export async function readAccessibleStream(
  store: EventStore,
  aggregate: AggregateName,
  aggregateId: string,
  access: Access,
  intent: { type: string; data?: unknown } = { type: 'read' },
): Promise<readonly RecordedEvent[]> {
  const { streamId, access: policy } = aggregates[aggregate];
  const history = await store.readStream(streamId(aggregateId));
  checkAccess(aggregate, aggregateId, policy, history, { type: intent.type, data: intent.data ?? {} }, access);
  return history;
}
