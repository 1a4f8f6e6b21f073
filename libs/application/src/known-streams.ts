import type { Decider, Event } from '@pj/domain';
import type { EventStore, RecordedEvent } from '@pj/event-store';

/**
 * What this process last knew of a stream: every event up to a revision and the aggregate's state
 * folded from them. A stream only grows and its events never change, so what is known is always a
 * true beginning of the stream; a command reads only the events after it (or none: the append's
 * expected revision proves the stream has not moved), instead of folding a long-lived contract
 * from event zero on every command.
 */
export interface KnownStream {
  readonly streamId: string;
  /** Every event known, in revision order (access checks and references read them). */
  readonly history: readonly RecordedEvent[];
  /** The revision of the last event known; -1 for none. */
  readonly revision: number;
  readonly state: unknown;
  /** The events each command recorded, by command id (a retried command answers its first result). */
  eventsOf(commandId: string): readonly RecordedEvent[] | undefined;
}

/** How a stream's events become its state (the decider and the schema its events are read at). */
export interface Folding {
  readonly decider: Pick<Decider<unknown, never, Event>, 'initialState' | 'evolve'>;
  fold(state: unknown, events: readonly RecordedEvent[]): unknown;
}

/**
 * At most this many events are kept, over all streams; the streams used least recently are
 * forgotten first (and read again from the store when next used). About 1–2 KB an event.
 */
const MAX_KNOWN_EVENTS = 20_000;

class Known implements KnownStream {
  // The state and history are shared by the commands that use them: deciders are pure (evolve
  // returns a new state), so nothing a command does changes them.
  readonly history: RecordedEvent[] = [];
  private readonly byCommand = new Map<string, RecordedEvent[]>();
  state: unknown;

  constructor(
    readonly streamId: string,
    readonly folding: Folding,
  ) {
    this.state = folding.decider.initialState();
  }

  get revision(): number {
    return this.history.length - 1;
  }

  eventsOf(commandId: string): readonly RecordedEvent[] | undefined {
    return this.byCommand.get(commandId);
  }

  /**
   * Adds the events that follow what is known; events already known are skipped (a read and an
   * append of the same stream may both bring them). Returns how many were added; throws on a gap
   * or on an event that is not the one known at its revision.
   */
  extend(events: readonly RecordedEvent[]): number {
    let added = 0;
    for (const event of events) {
      if (event.revision < this.history.length) {
        if (this.history[event.revision].metadata.eventId !== event.metadata.eventId)
          throw new Error(`stream ${this.streamId}: revision ${event.revision} is not the event known there`);
        continue;
      }
      if (event.revision !== this.history.length)
        throw new Error(`stream ${this.streamId}: revision ${event.revision} does not follow ${this.revision}`);
      this.state = this.folding.fold(this.state, [event]);
      this.history.push(event);
      const commandId = event.metadata.commandId;
      const ofCommand = this.byCommand.get(commandId);
      if (ofCommand) ofCommand.push(event);
      else this.byCommand.set(commandId, [event]);
      added += 1;
    }
    return added;
  }
}

/** The streams one store's commands have read, least recently used first. */
export class KnownStreams {
  private readonly streams = new Map<string, Known>();
  private events = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = MAX_KNOWN_EVENTS,
  ) {}

  /** What is known of the stream, without asking the store (undefined: nothing, or another folding). */
  remembered(streamId: string, folding: Folding): KnownStream | undefined {
    const known = this.streams.get(streamId);
    if (!known || known.folding.decider !== folding.decider) return undefined;
    this.touch(known);
    return known;
  }

  /**
   * The stream as it is now: what is known, and the events after it read from the store. Reading
   * from the last known event checks that it is still there (a store emptied behind this process,
   * as tests do, is read again from the start).
   */
  async current(streamId: string, folding: Folding): Promise<KnownStream> {
    const known = this.streams.get(streamId);
    if (known && known.folding.decider === folding.decider && known.revision >= 0) {
      const last = known.history[known.revision];
      const tail = await this.store.readStream(streamId, { fromRevision: known.revision });
      if (tail[0]?.metadata.eventId === last.metadata.eventId) {
        this.touch(known);
        this.record(known, tail.slice(1));
        return known;
      }
    }
    const fresh = new Known(streamId, folding);
    fresh.extend(await this.store.readStream(streamId));
    if (fresh.revision >= 0) this.keep(fresh);
    else this.forget(streamId);
    return fresh;
  }

  /** The events a command just appended at the stream's head (after what it decided on). */
  appended(stream: KnownStream, events: readonly RecordedEvent[]): void {
    const known = stream as Known;
    try {
      if (this.streams.get(known.streamId) === known) this.record(known, events);
      else {
        known.extend(events);
        this.keep(known);
      }
    } catch {
      // Not the head as known (another reader moved it meanwhile): read it whole next time.
      this.forget(known.streamId);
    }
  }

  /** Forgets a stream (its next command reads it whole). */
  forget(streamId: string): void {
    const known = this.streams.get(streamId);
    if (!known) return;
    this.streams.delete(streamId);
    this.events -= known.history.length;
  }

  /** How many streams and events are kept (for tests and diagnostics). */
  get size(): { streams: number; events: number } {
    return { streams: this.streams.size, events: this.events };
  }

  private record(known: Known, events: readonly RecordedEvent[]): void {
    this.events += known.extend(events);
    this.evict();
  }

  private keep(known: Known): void {
    this.forget(known.streamId);
    this.streams.set(known.streamId, known);
    this.events += known.history.length;
    this.evict();
  }

  private touch(known: Known): void {
    this.streams.delete(known.streamId);
    this.streams.set(known.streamId, known);
  }

  private evict(): void {
    for (const [streamId] of this.streams) {
      if (this.events <= this.maxEvents || this.streams.size <= 1) return;
      this.forget(streamId);
    }
  }
}

const knownByStore = new WeakMap<EventStore, KnownStreams>();

/** The known streams of one store: two stores (two databases) never share what they know. */
export function knownStreamsOf(store: EventStore): KnownStreams {
  let known = knownByStore.get(store);
  if (!known) knownByStore.set(store, (known = new KnownStreams(store)));
  return known;
}
