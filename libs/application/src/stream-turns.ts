import type { EventStore } from '@pj/event-store';

/**
 * Commands to one stream take turns within this process. Concurrent writers to one stream (fifty
 * bids on one case) would otherwise all read the same revision and all but one lose the append,
 * retrying until the budget runs out on a loaded machine; in turn, each decides on the state the
 * one before it left. Writers in other processes still meet as conflicts and retry.
 */
export class StreamTurns {
  private readonly tails = new Map<string, Promise<void>>();

  async take<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    const turn = previous.then(work);
    const tail = turn.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(streamId, tail);
    try {
      return await turn;
    } finally {
      // The last in line clears the stream's entry, so the map holds only streams being written.
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    }
  }

  /** Streams with a command running or waiting (for tests and diagnostics). */
  get busyStreams(): number {
    return this.tails.size;
  }
}

const turnsByStore = new WeakMap<EventStore, StreamTurns>();

/** The turns of one store's streams: two stores (two databases) never wait on each other. */
export function streamTurnsOf(store: EventStore): StreamTurns {
  let turns = turnsByStore.get(store);
  if (!turns) turnsByStore.set(store, (turns = new StreamTurns()));
  return turns;
}
