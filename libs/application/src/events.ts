import { domainEventTypes, type EventOfType, type EventType } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import { readAtCurrentSchema } from './handle-command';

/** A stored event of one type with its data at the current schema version; a union for several types. */
export type StoredEvent<T extends EventType = EventType> = {
  [K in T]: RecordedEvent<K, EventOfType<K>['data']>;
}[T];

const knownTypes: ReadonlySet<string> = new Set(domainEventTypes);

export function isEventType(type: string): type is EventType {
  return knownTypes.has(type);
}

/**
 * A stored event as its type says it is: its data lifted to the current schema version and its
 * type narrowed to the domain's. Undefined for a type the domain does not know; an
 * UnreadableEventError (a server fault naming the stream and revision) when it cannot be read.
 */
export function readEvent(event: RecordedEvent): StoredEvent | undefined {
  if (!isEventType(event.type)) return undefined;
  const { data } = readAtCurrentSchema(event);
  // The type was checked above and the data is what the domain recorded under it, upcast.
  return { ...event, data } as StoredEvent;
}

/** The events of one type among stored events (a stream's history), each read as that type. */
export function eventsOfType<T extends EventType>(events: readonly RecordedEvent[], type: T): StoredEvent<T>[] {
  // readEvent keeps the type it was given, which is T here.
  return events.filter((event) => event.type === type).map((event) => readEvent(event) as StoredEvent<T>);
}

/** Handlers keyed by event type: a misspelled name does not compile, each handler sees its event's data. */
export type EventHandlers<R> = { readonly [T in EventType]?: (event: StoredEvent<T>) => R };

/** The event types a table of handlers acts on. */
export const handledTypes = <R>(handlers: EventHandlers<R>): readonly EventType[] =>
  Object.keys(handlers).filter(isEventType);

/** Runs the handler for a stored event's type, on the event read as its type; undefined when there is none. */
export function handleEvent<R>(handlers: EventHandlers<R>, recorded: RecordedEvent): R | undefined {
  const event = readEvent(recorded);
  if (!event) return undefined;
  // Each key's handler takes that key's event; the compiler cannot relate the two through a union.
  const handler = handlers[event.type] as ((event: StoredEvent) => R) | undefined;
  return handler?.(event);
}
