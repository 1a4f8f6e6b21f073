import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore, LogPosition, RecordedEvent, Subscription } from '@pj/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';

/** One live-update client's side of the feed. */
export interface FeedListener {
  onEvent(event: RecordedEvent): void;
  /** The feed stopped; the listener has been removed. */
  onFailure(reason: string): void;
}

/**
 * The one reader of the global log that every live-update client of this process shares: one
 * subscription (one LISTEN connection on PostgreSQL) whatever the number of clients, each event
 * handed to the listeners of its stream only.
 *
 * It starts with the first client, after the newest event that client read from its stream, and
 * keeps running. Its position only moves with the store's visible log, so a client that joins,
 * then reads its stream, misses nothing: what the feed handed over before the client joined was
 * committed before, and is in what the client read.
 *
 * One gap is left open at the very start: on PostgreSQL, a transaction older than the first
 * client's newest event, still open when that client joins and committing later, is behind the
 * feed's start. Appends are single short transactions, so this needs an append in flight across
 * the first join, to another case followed live.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly listeners = new Map<string, Set<FeedListener>>();
  private subscription?: Subscription;
  private position?: LogPosition;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Listens to one stream; returns the function that stops listening. Call {@link run} next. */
  join(streamId: string, listener: FeedListener): () => void {
    let forStream = this.listeners.get(streamId);
    if (!forStream) this.listeners.set(streamId, (forStream = new Set()));
    forStream.add(listener);
    return () => {
      forStream.delete(listener);
      if (forStream.size === 0 && this.listeners.get(streamId) === forStream) this.listeners.delete(streamId);
    };
  }

  /** Starts the feed if it is not running, after `position` unless it already had one. */
  run(position: LogPosition): void {
    if (this.subscription) return;
    this.position ??= position;
    const subscription = this.store.subscribeToAll({
      after: this.position,
      onEvent: async (event) => {
        this.position = event.position;
        for (const listener of [...(this.listeners.get(event.streamId) ?? [])]) listener.onEvent(event);
      },
      onError: (error) => {
        if (this.subscription === subscription) this.subscription = undefined;
        const reason = `live updates stopped: ${error instanceof Error ? error.message : String(error)}`;
        const everyone = [...this.listeners.values()].flatMap((forStream) => [...forStream]);
        // The next client starts the feed again, from where it stopped.
        this.listeners.clear();
        for (const listener of everyone) listener.onFailure(reason);
      },
    });
    this.subscription = subscription;
  }

  async onModuleDestroy(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }
}
