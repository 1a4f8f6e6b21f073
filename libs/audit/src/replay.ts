import diff, { type Difference } from 'microdiff';
import {
  aggregates,
  foldHistory,
  isAggregateName,
  parseStreamName,
  readEvent,
  UnreadableEventError,
  type AggregateName,
} from '@pj/application';
import type { Decider, Event } from '@pj/domain';
import { readLogToNow, type EventStore, type RecordedEvent } from '@pj/event-store';

/*
 * Replay and point in time: a stream's state at any revision or instant, folded with the domain's
 * own decider through its upcasters (foldHistory), the difference between two points, and who
 * caused each event.
 */

/** Where to stop: a revision (inclusive), or an instant (events recorded at or before it). Neither: the end. */
export interface PointInTime {
  readonly revision?: number;
  /** ISO-8601; compared with each event's `recordedAt` (the instant its command was decided at). */
  readonly at?: string;
}

export interface StateAtPoint<S = unknown> {
  readonly streamId: string;
  readonly aggregate: AggregateName;
  readonly state: S;
  /** Revision of the last event folded in; -1 when none was. */
  readonly revision: number;
  /** `recordedAt` of the last event folded in. */
  readonly recordedAt?: string;
}

type AnyDecider = Pick<Decider<unknown, never, Event>, 'initialState' | 'evolve'>;

/** The aggregate a stream belongs to, from its name (`procurement-case-<organisation>/<id>`, `factory-<id>`, …). */
export function aggregateOfStream(streamId: string): AggregateName | undefined {
  return parseStreamName(streamId)?.aggregate;
}

/**
 * A stream id from `aggregate:<organisation>/<id>` (`case:` for `procurementCase:`, `factory:<id>` for the shared registry), a
 * case's `<organisation>/<id>`, or a stream id as is. Ids are scoped to their organisation, so an
 * owner-scoped reference without one is refused (RangeError) rather than guessed.
 */
export function resolveStreamId(reference: string): string {
  if (aggregateOfStream(reference)) return reference;
  const colon = reference.indexOf(':');
  const name = colon > 0 ? reference.slice(0, colon) : undefined;
  if (name === 'case') return scopedStreamId('procurementCase', reference.slice(colon + 1));
  if (name !== undefined && isAggregateName(name)) return scopedStreamId(name, reference.slice(colon + 1));
  return scopedStreamId('procurementCase', reference);
}

function scopedStreamId(aggregate: AggregateName, reference: string): string {
  const { streamId, access } = aggregates[aggregate];
  if (access.organisationScope === 'shared') return streamId('', reference);
  const slash = reference.indexOf('/');
  if (slash <= 0 || slash === reference.length - 1)
    throw new RangeError(
      `${aggregate} ids belong to an organisation: name it as <organisation>/<id>, not ${JSON.stringify(reference)}`,
    );
  let organisationId: string;
  try {
    organisationId = decodeURIComponent(reference.slice(0, slash));
  } catch {
    throw new RangeError(`not a percent-encoded organisation: ${JSON.stringify(reference.slice(0, slash))}`);
  }
  return streamId(organisationId, reference.slice(slash + 1));
}

export function deciderOf(aggregate: AggregateName): AnyDecider {
  return aggregates[aggregate].decider as unknown as AnyDecider;
}

/** The events of `history` up to the point (history in revision order). */
export function eventsUpTo(history: readonly RecordedEvent[], point: PointInTime = {}): RecordedEvent[] {
  const at = point.at === undefined ? undefined : Date.parse(point.at);
  if (at !== undefined && Number.isNaN(at)) throw new RangeError(`not an ISO-8601 instant: ${point.at}`);
  return history.filter(
    (event) =>
      (point.revision === undefined || event.revision <= point.revision) &&
      (at === undefined || Date.parse(event.metadata.recordedAt) <= at),
  );
}

/** Folds the history up to the point with the stream's decider. */
export function stateFromHistory(
  streamId: string,
  history: readonly RecordedEvent[],
  point: PointInTime = {},
): StateAtPoint {
  const aggregate = aggregateOfStream(streamId);
  if (!aggregate) throw new RangeError(`stream ${JSON.stringify(streamId)} belongs to no known aggregate`);
  const events = eventsUpTo(history, point);
  const last = events[events.length - 1];
  return {
    streamId,
    aggregate,
    state: foldHistory(deciderOf(aggregate), events),
    revision: last ? last.revision : -1,
    recordedAt: last?.metadata.recordedAt,
  };
}

/** The state of a stream (a case, a finding, …) at a revision or instant. */
export async function stateAt(store: EventStore, streamId: string, point: PointInTime = {}): Promise<StateAtPoint> {
  return stateFromHistory(streamId, await store.readStream(streamId), point);
}

export interface StateDifference {
  readonly from: StateAtPoint;
  readonly to: StateAtPoint;
  /** Structural changes (microdiff): path, and the old and new values. */
  readonly changes: readonly Difference[];
}

/** What changed in a stream's state between two points in time. */
export async function diffBetween(
  store: EventStore,
  streamId: string,
  from: PointInTime,
  to: PointInTime,
): Promise<StateDifference> {
  const history = await store.readStream(streamId);
  const before = stateFromHistory(streamId, history, from);
  const after = stateFromHistory(streamId, history, to);
  return { from: before, to: after, changes: diffStates(before.state, after.state) };
}

export function diffStates(before: unknown, after: unknown): Difference[] {
  const wrap = (value: unknown) => (typeof value === 'object' && value !== null ? value : { value });
  return diff(wrap(before) as Record<string, unknown>, wrap(after) as Record<string, unknown>);
}

/** Who caused an event, and through which command. */
export interface Provenance {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly eventId: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** A person in a role, or a workflow (role `workflow`) acting on the buyer's behalf. */
  readonly actorKind: 'person' | 'workflow' | 'system';
  readonly commandId: string;
  readonly causationId: string;
  readonly correlationId: string;
}

export function provenanceOf(event: RecordedEvent): Provenance {
  const { actor, commandId, causationId, correlationId, eventId, recordedAt } = event.metadata;
  return {
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    eventId,
    recordedAt,
    actor: { id: actor.id, role: actor.role },
    actorKind: actor.role === 'workflow' ? 'workflow' : actor.role === 'system' ? 'system' : 'person',
    commandId,
    causationId,
    correlationId,
  };
}

/** Every event of the store by event id (and by command id), for following causation across streams. */
export class EventIndex {
  private readonly byEventId = new Map<string, RecordedEvent>();
  private readonly byCommandId = new Map<string, RecordedEvent[]>();

  add(event: RecordedEvent): void {
    this.byEventId.set(event.metadata.eventId.toLowerCase(), event);
    const list = this.byCommandId.get(event.metadata.commandId) ?? [];
    list.push(event);
    this.byCommandId.set(event.metadata.commandId, list);
  }

  get(eventId: string): RecordedEvent | undefined {
    return this.byEventId.get(eventId.toLowerCase());
  }

  /** The events a cause produced: an event id's event, or the events of a command id. */
  resolveCause(causationId: string): RecordedEvent | undefined {
    return this.get(causationId) ?? this.byCommandId.get(causationId)?.[0];
  }

  static async fromStore(store: EventStore, onProgress?: (events: number) => void): Promise<EventIndex> {
    const index = new EventIndex();
    let count = 0;
    for await (const page of readLogToNow(store)) {
      for (const event of page.events) index.add(event);
      count += page.events.length;
      onProgress?.(count);
    }
    return index;
  }
}

export interface CausationStep {
  readonly provenance: Provenance;
  readonly data: unknown;
}

/**
 * From an event back to what started it: each step's `causationId` names the event (or command)
 * that caused it, in any stream. The chain ends at a cause that is no event: a person's request.
 */
export function causationChain(index: EventIndex, start: RecordedEvent, maxSteps = 100): CausationStep[] {
  const steps: CausationStep[] = [];
  const seen = new Set<string>();
  let current: RecordedEvent | undefined = start;
  while (current && steps.length < maxSteps && !seen.has(current.metadata.eventId)) {
    seen.add(current.metadata.eventId);
    steps.push({ provenance: provenanceOf(current), data: current.data });
    const causationId: string = current.metadata.causationId;
    // A command caused by itself (a person's request) is where the chain starts.
    if (causationId === current.metadata.commandId) break;
    current = index.resolveCause(causationId);
  }
  return steps;
}

/** Replays every stream of the store through its decider; the CLI's and the bench's whole-store replay. */
export async function replayStore(
  store: EventStore,
  options: { readonly pageSize?: number; readonly onProgress?: (events: number) => void } = {},
): Promise<{
  events: number;
  streams: number;
  unknownStreams: number;
  failures: { streamId: string; revision: number; error: string }[];
}> {
  const states = new Map<string, { decider: AnyDecider; state: unknown } | null>();
  const failures: { streamId: string; revision: number; error: string }[] = [];
  let events = 0;
  for await (const page of readLogToNow(store, { pageSize: options.pageSize })) {
    for (const event of page.events) {
      let entry = states.get(event.streamId);
      if (entry === undefined) {
        const aggregate = aggregateOfStream(event.streamId);
        entry = aggregate ? { decider: deciderOf(aggregate), state: deciderOf(aggregate).initialState() } : null;
        states.set(event.streamId, entry);
      }
      if (!entry) continue;
      try {
        const read = readEvent(event);
        if (!read) throw new TypeError(`unknown event type ${event.type}`);
        entry.state = entry.decider.evolve(entry.state, read);
      } catch (error) {
        // The failure names the stream and revision already; report what went wrong reading it.
        const reason = error instanceof UnreadableEventError ? error.cause : error;
        failures.push({ streamId: event.streamId, revision: event.revision, error: (reason as Error).message });
      }
    }
    events += page.events.length;
    options.onProgress?.(events);
  }
  const unknownStreams = [...states.values()].filter((entry) => entry === null).length;
  return { events, streams: states.size, unknownStreams, failures };
}
