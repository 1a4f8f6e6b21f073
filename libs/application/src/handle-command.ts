import { v5 as uuidv5 } from 'uuid';
import type { Command, Decider, Event } from '@pj/domain';
import { currentSchemaVersion, DomainError, upcastEvent } from '@pj/domain';
import type { EventStore, EventToAppend, LogPosition, RecordedEvent } from '@pj/event-store';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '@pj/event-store';
import { knownStreamsOf, type Folding } from './known-streams';
import { streamTurnsOf } from './stream-turns';
import { UnreadableEventError } from './unreadable-event';

/** Namespace of the UUIDv5 event ids derived from command ids. Never change it: ids would change. */
const EVENT_ID_NAMESPACE = '8f1c6a3e-1d0b-4f57-9a57-6c1f0c2a7d41';

/** Event id `index` of command `commandId`: the same on every retry of the command. */
export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`${commandId}/${index}`, EVENT_ID_NAMESPACE);
}

export interface CommandTrace {
  /** Defaults to the command id: a command from a person starts a new conversation. */
  readonly correlationId?: string;
  /** The event or request that caused the command; defaults to the command id. */
  readonly causationId?: string;
  /**
   * The revision the caller saw (If-Match). When given, a conflict is reported, not retried:
   * the caller decided on a state that has changed.
   */
  readonly expectedRevision?: number;
  /**
   * Checks the stream before anything is decided (who may see and act on it); throws to refuse.
   * Runs on every attempt, before the idempotency check, so a retry is scoped like the first try.
   */
  readonly authorize?: (history: readonly RecordedEvent[]) => void;
  /**
   * Checks what the command names outside its own stream (another aggregate); throws to refuse.
   * Runs before a new command is decided, not for a replay of one already recorded.
   */
  readonly checkReferences?: (history: readonly RecordedEvent[]) => Promise<void>;
  /**
   * What the command id was given for (an HTTP request's method, path and body, hashed), stored in
   * the events' metadata: a command id seen before answers its first result only for the same request.
   */
  readonly requestFingerprint?: string;
}

/** A command id (an Idempotency-Key) already answered another request: never that request's result. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(commandId: string) {
    super(
      'idempotency.key_reused',
      'this idempotency key was already used for another request; send a new key for a new request',
      { commandId },
    );
  }
}

export interface CommandResult<E extends Event> {
  readonly streamId: string;
  readonly events: readonly RecordedEvent<E['type'], E['data']>[];
  readonly nextExpectedRevision: number;
  /** True when the command had been handled before and this is its first result again. */
  readonly replayed: boolean;
  /**
   * Where the command's last event lies in the global log (for a retry, the first result's); for a
   * command that recorded nothing, the stream's last event, the state it was decided on. A reader
   * that waits for its read model to pass it sees the command's effect. Absent only for a command
   * that recorded nothing on a new stream.
   */
  readonly position?: LogPosition;
}

export interface EventSchema {
  currentSchemaVersion(eventType: string): number;
  upcastEvent(event: { type: string; data: unknown; schemaVersion: number }): { type: string; data: unknown };
}

/** Events are written at their current schema version and read through the domain's upcasters. */
export const domainEventSchema: EventSchema = { currentSchemaVersion, upcastEvent };

/**
 * A concurrent writer (no If-Match) makes the command decide again on the fresh state, after a
 * jittered exponential pause ("full jitter": concurrent writers spread out instead of colliding
 * again), until it lands, the decider refuses, or this much time has passed since the first try.
 * Writers in one process take turns instead (`StreamTurns`): this is for writers in other processes.
 */
const RETRY_BUDGET_MS = 3_000;
const RETRY_BASE_MS = 2;
const RETRY_CAP_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Folds stored events, each read as its current schema version, into the aggregate's state. */
export function foldHistory<S, E extends Event>(
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  history: readonly RecordedEvent[],
  schema: EventSchema = domainEventSchema,
): S {
  return history.map((event) => readAtCurrentSchema(event, schema) as E).reduce(decider.evolve, decider.initialState());
}

/** A stored event at its current schema version; one that cannot be read is an UnreadableEventError. */
export function readAtCurrentSchema(
  event: RecordedEvent,
  schema: EventSchema = domainEventSchema,
): { type: string; data: unknown } {
  try {
    return schema.upcastEvent({ ...event, schemaVersion: event.metadata.schemaVersion });
  } catch (error) {
    throw new UnreadableEventError(event.streamId, event.revision, event.type, error);
  }
}

/** How a decider folds a stream's events, read at their current schema version. */
function foldingOf<S, E extends Event>(
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  schema: EventSchema,
): Folding {
  return {
    decider: decider as unknown as Folding['decider'],
    fold: (state, events) => foldHistory({ initialState: () => state as S, evolve: decider.evolve }, events, schema),
  };
}

/** The current state of one aggregate, read from its stream (only what this process does not know yet). */
export async function readState<S, E extends Event>(
  store: EventStore,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamId: string,
  schema: EventSchema = domainEventSchema,
): Promise<{ state: S; revision: number }> {
  const known = await knownStreamsOf(store).current(streamId, foldingOf(decider, schema));
  return { state: known.state as S, revision: known.revision };
}

/**
 * The one command path, used by the API's command handlers and by workflow activities alike:
 * decide on the stream's state, append with the expected revision. A command id seen before
 * returns its first result and writes nothing; a concurrent writer makes it decide again on the
 * fresh state (only conflicts are retried). Within this process, commands to one stream take
 * turns (`StreamTurns`), so they meet as conflicts only with writers in other processes.
 *
 * One round trip when the stream is known (`KnownStreams`): the command is decided on the state
 * this process last knew and appended at that revision, from that head's hash; the append itself
 * proves nothing came after it. Whatever would refuse or record nothing on that state is first
 * checked again on the stream read from the store, and a conflict reads what came after it.
 */
export async function handleCommand<S, C extends Command, E extends Event>(
  store: EventStore,
  decider: Decider<S, C, E>,
  streamId: string,
  command: C,
  trace: CommandTrace = {},
  schema: EventSchema = domainEventSchema,
): Promise<CommandResult<E>> {
  return streamTurnsOf(store).take(streamId, () => decideAndAppend(store, decider, streamId, command, trace, schema));
}

async function decideAndAppend<S, C extends Command, E extends Event>(
  store: EventStore,
  decider: Decider<S, C, E>,
  streamId: string,
  command: C,
  trace: CommandTrace,
  schema: EventSchema,
): Promise<CommandResult<E>> {
  const { commandId } = command.metadata;
  const giveUpAt = Date.now() + RETRY_BUDGET_MS;
  const knownStreams = knownStreamsOf(store);
  const folding = foldingOf(decider, schema);
  let stream = knownStreams.remembered(streamId, folding);
  let fresh = stream === undefined;
  stream ??= await knownStreams.current(streamId, folding);
  for (let attempt = 1; ; attempt++) {
    const known = stream;
    /** Refusals and no-ops stand only on the stream as it is now: read what came after, decide again. */
    const onStale = async <T>(work: () => T | Promise<T>): Promise<T | typeof STALE> => {
      try {
        return await work();
      } catch (error) {
        if (fresh) throw error;
        return STALE;
      }
    };
    const history = known.history;
    const decided = await onStale(async () => {
      trace.authorize?.(history);
      const earlier = known.eventsOf(commandId);
      if (earlier) return firstResult(streamId, earlier as CommandResult<E>['events'], trace, commandId);
      if (trace.expectedRevision !== undefined && trace.expectedRevision !== known.revision)
        throw new WrongExpectedRevisionError(streamId, trace.expectedRevision, known.revision);
      await trace.checkReferences?.(history);
      const decision = decider.decide(command, known.state as S);
      if (decision instanceof DomainError) throw decision;
      if (decision.length === 0) {
        if (!fresh) throw new Error('recorded nothing on a known state');
        return {
          streamId,
          events: [],
          nextExpectedRevision: known.revision,
          replayed: false,
          position: history.at(-1)?.position,
        } satisfies CommandResult<E>;
      }
      return decision;
    });
    if (decided === STALE) {
      stream = await knownStreams.current(streamId, folding);
      fresh = true;
      continue;
    }
    if (!Array.isArray(decided)) return decided as CommandResult<E>;

    const toAppend: EventToAppend[] = (decided as readonly E[]).map((event, index) => ({
      type: event.type,
      data: event.data,
      metadata: {
        eventId: eventIdFor(command.metadata.commandId, index),
        commandId: command.metadata.commandId,
        correlationId: trace.correlationId ?? command.metadata.commandId,
        causationId: trace.causationId ?? command.metadata.commandId,
        actor: decider.recordedActor?.(command) ?? command.metadata.actor,
        organisationId: command.metadata.organisationId,
        recordedAt: command.metadata.now,
        schemaVersion: schema.currentSchemaVersion(event.type),
        ...(trace.requestFingerprint !== undefined ? { requestFingerprint: trace.requestFingerprint } : {}),
      },
    }));
    const head = history.at(-1);
    try {
      const result = await store.appendToStream(
        streamId,
        toAppend,
        head === undefined
          ? { expectedRevision: 'no_stream' }
          : { expectedRevision: head.revision, headHash: head.metadata.hash ?? null },
      );
      const appended = result.events as CommandResult<E>['events'];
      // The store answers a twin of this command (same ids, recorded first) with the twin's events.
      if (result.alreadyRecorded) {
        knownStreams.forget(streamId);
        return firstResult(streamId, appended, trace, commandId);
      }
      knownStreams.appended(known, appended);
      return {
        streamId,
        events: appended,
        nextExpectedRevision: result.nextExpectedRevision,
        replayed: false,
        position: result.position,
      };
    } catch (error) {
      // Event ids derive from the command id: ids already in another stream mean the id was reused.
      if (error instanceof IdempotencyConflictError) throw new IdempotencyKeyReusedError(commandId);
      if (!(error instanceof WrongExpectedRevisionError) || trace.expectedRevision !== undefined) throw error;
      // Decided on a known state another process has moved past: read on from it, no pause.
      if (fresh) {
        const delay = Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
        if (Date.now() + delay > giveUpAt) throw error;
        await pause(delay);
      }
      stream = await knownStreams.current(streamId, folding);
      fresh = true;
    }
  }
}

/** Marks a decision made on a known state that would refuse or record nothing: checked again on a fresh read. */
const STALE = Symbol('stale');

/** The first result of a command handled before, if it was given for the same request. */
function firstResult<E extends Event>(
  streamId: string,
  earlier: CommandResult<E>['events'],
  trace: CommandTrace,
  commandId: string,
): CommandResult<E> {
  if (earlier[0].metadata.requestFingerprint !== trace.requestFingerprint)
    throw new IdempotencyKeyReusedError(commandId);
  const last = earlier[earlier.length - 1];
  return { streamId, events: earlier, nextExpectedRevision: last.revision, replayed: true, position: last.position };
}
