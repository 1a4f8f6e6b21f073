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
import { handleCommand, type CommandResult, type CommandTrace } from './handle-command';

/**
 * Every aggregate by name, with its decider and stream. Workflows name aggregates (they cannot
 * import deciders into their sandbox), the activity that executes their commands looks them up here.
 */
export const aggregates = {
  procurementCase: { decider: procurementCase, streamId: procurementCaseStreamId },
  factory: { decider: factoryRegistry, streamId: factoryStreamId },
  finding: { decider: finding, streamId: findingStreamId },
  grievance: { decider: grievance, streamId: grievanceStreamId },
  supplyStandstill: { decider: supplyStandstill, streamId: supplyStandstillStreamId },
  purchasingPracticeReview: { decider: purchasingPracticeReview, streamId: purchasingPracticeReviewStreamId },
} as const;

export type AggregateName = keyof typeof aggregates;

/** The commands of one aggregate. */
export type CommandOf<A extends AggregateName> = Parameters<(typeof aggregates)[A]['decider']['decide']>[0];

export function isAggregateName(name: string): name is AggregateName {
  return Object.prototype.hasOwnProperty.call(aggregates, name);
}

/** Runs a command against the named aggregate through the one command path. */
export function executeCommand<A extends AggregateName>(
  store: EventStore,
  aggregate: A,
  aggregateId: string,
  command: CommandOf<A>,
  trace: CommandTrace = {},
): Promise<CommandResult<Event>> {
  const { decider, streamId } = aggregates[aggregate];
  return handleCommand(
    store,
    decider as unknown as Decider<unknown, Command, Event>,
    streamId(aggregateId),
    command as Command,
    trace,
  );
}
