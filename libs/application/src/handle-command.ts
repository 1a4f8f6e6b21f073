import { v5 as uuidv5 } from 'uuid';
import type { Command, Decider, Event } from '@pj/domain';
import { currentSchemaVersion, DomainError, upcastEvent } from '@pj/domain';
import type { EventStore, EventToAppend, ExpectedRevision, LogPosition, RecordedEvent } from '@pj/event-store';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '@pj/event-store';
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

/** The current state of one aggregate, read from its stream. */
export async function readState<S, E extends Event>(
  store: EventStore,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamId: string,
  schema: EventSchema = domainEventSchema,
): Promise<{ state: S; revision: number }> {
  const history = await store.readStream(streamId);
  return { state: foldHistory(decider, history, schema), revision: history.length - 1 };
}

/**
 * The one command path, used by the API's command handlers and by workflow activities alike:
 * read the stream, fold it, decide, append with the expected revision. A command id seen before
 * returns its first result and writes nothing; a concurrent writer makes it decide again on the
 * fresh state (only conflicts are retried). Within this process, commands to one stream take
 * turns (`StreamTurns`), so they meet as conflicts only with writers in other processes.
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
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    trace.authorize?.(history);
    const earlier = history.filter((event) => event.metadata.commandId === commandId);
    if (earlier.length > 0) return firstResult(streamId, earlier as CommandResult<E>['events'], trace, commandId);
    const current = history.length === 0 ? -1 : history[history.length - 1].revision;
    if (trace.expectedRevision !== undefined && trace.expectedRevision !== current)
      throw new WrongExpectedRevisionError(streamId, trace.expectedRevision, current);

    await trace.checkReferences?.(history);
    const state = foldHistory(decider, history, schema);
    const decision = decider.decide(command, state);
    if (decision instanceof DomainError) throw decision;
    if (decision.length === 0)
      return {
        streamId,
        events: [],
        nextExpectedRevision: current,
        replayed: false,
        position: history.at(-1)?.position,
      };

    const toAppend: EventToAppend[] = decision.map((event, index) => ({
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
    const expected: ExpectedRevision = current === -1 ? 'no_stream' : current;
    try {
      const result = await store.appendToStream(streamId, toAppend, { expectedRevision: expected });
      const appended = await store.readStream(streamId, {
        fromRevision: result.nextExpectedRevision - toAppend.length + 1,
        maxCount: toAppend.length,
      });
      // The store answers a concurrent twin of this command (same ids) with the twin's events.
      if (appended[0]?.metadata.recordedAt !== command.metadata.now)
        return firstResult(streamId, appended as CommandResult<E>['events'], trace, commandId);
      return {
        streamId,
        events: appended as CommandResult<E>['events'],
        nextExpectedRevision: result.nextExpectedRevision,
        replayed: false,
        position: appended.at(-1)?.position ?? result.position,
      };
    } catch (error) {
      // Event ids derive from the command id: ids already in another stream mean the id was reused.
      if (error instanceof IdempotencyConflictError) throw new IdempotencyKeyReusedError(commandId);
      if (!(error instanceof WrongExpectedRevisionError) || trace.expectedRevision !== undefined) throw error;
      const delay = Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
      if (Date.now() + delay > giveUpAt) throw error;
      await pause(delay);
    }
  }
}

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
