import { Inject, Injectable, Optional, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { readEvent } from '@pj/application';
import type { LiveUpdatesConfig } from '@pj/config';
import { KnownError, procurementCaseStreamId, withoutConfidentialDocuments, type ErrorKind } from '@pj/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  START_OF_LOG,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { InvalidInputError, NotFoundError } from '../errors/request-errors';
import { EVENT_STORE, LIVE_UPDATES } from '../infrastructure/tokens';
import { LiveFeed } from './live-feed';

/** What one Server-Sent Event carries: `id` is the log position, `event` the event type. */
export interface CaseEventMessage {
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly actor: { id: string; role: string };
  readonly recordedAt: string;
  readonly eventId: string;
  readonly causationId: string;
  readonly position: string;
}

/** What the `error` event of a stream that stopped carries. */
export interface LiveUpdatesFailure {
  readonly reason: string;
}

const DEFAULT_LIVE_UPDATES: LiveUpdatesConfig = { maxStreams: 1000, heartbeatMs: 15_000 };
/** When a refused or failed client should try again. */
export const LIVE_UPDATES_RETRY_SECONDS = 5;

/** Too many live-update streams are open; `retryAfterSeconds` goes into Retry-After. */
export class LiveStreamsFullException extends KnownError {
  readonly kind: ErrorKind = 'unavailable';
  readonly retryAfterSeconds = LIVE_UPDATES_RETRY_SECONDS;
  constructor(message: string) {
    super('live_updates.full', message, { dependency: 'live-updates' });
  }
}

const toMessage = (event: RecordedEvent): MessageEvent => ({
  id: formatPosition(event.position),
  type: event.type,
  data: {
    revision: event.revision,
    type: event.type,
    // Documents under a non-disclosure agreement are not for every reader of the case.
    data: withoutConfidentialDocuments(event.type, event.data),
    actor: event.metadata.actor,
    recordedAt: event.metadata.recordedAt,
    eventId: event.metadata.eventId,
    causationId: event.metadata.causationId,
    position: formatPosition(event.position),
  } satisfies CaseEventMessage,
});

/**
 * Live updates of one case: the case's stream from the store (after `Last-Event-ID` when the
 * client resumes), then the process's shared {@link LiveFeed} filtered to the case. The client
 * joins the feed before reading its stream, so nothing falls between the two; revisions only
 * grow within a stream, so nothing is sent twice.
 */
@Injectable()
export class CaseEventStream {
  private open = 0;
  private readonly limits: LiveUpdatesConfig;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly feed: LiveFeed,
    @Optional() @Inject(LIVE_UPDATES) limits?: LiveUpdatesConfig,
  ) {
    this.limits = limits ?? DEFAULT_LIVE_UPDATES;
  }

  /** Streams open now (those being set up included). */
  get openStreams(): number {
    return this.open;
  }

  /**
   * `ended` is aborted when the client's response ends, however it ends (Nest's `@SseSignal()`);
   * the stream's place under the cap is given back then, even if it never started.
   */
  async stream(
    caseId: string,
    caller: Caller,
    lastEventId: string | undefined,
    ended: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    let resumeAfter: LogPosition | undefined;
    if (lastEventId !== undefined && lastEventId !== '') {
      try {
        resumeAfter = parsePosition(lastEventId);
      } catch {
        throw new InvalidInputError('Last-Event-ID must be a log position such as "1042/3318"', [
          { field: 'Last-Event-ID', reason: 'must be a log position "<commit>/<prepare>"' },
        ]);
      }
    }
    if (this.open >= this.limits.maxStreams)
      throw new LiveStreamsFullException(
        `${this.limits.maxStreams} live-update streams are open, the most this server keeps; retry later`,
      );

    this.open++;
    const streamId = procurementCaseStreamId(caller.organisationId, caseId);
    // Until the client subscribes, what the feed hands over waits here.
    const early: RecordedEvent[] = [];
    let failedEarly: string | undefined;
    let listener: Partial<{ event(event: RecordedEvent): void; failure(reason: string): void }> = {};
    let released = false;
    let leave = () => {};
    const release = () => {
      if (released) return;
      released = true;
      this.open--;
      leave();
    };
    if (ended.aborted) release();
    else ended.addEventListener('abort', release, { once: true });

    let history: readonly RecordedEvent[];
    try {
      // Joined before the read: what is recorded after the read comes through the feed.
      leave = this.feed.join(streamId, {
        onEvent: (event) => (listener.event ? listener.event(event) : early.push(event)),
        onFailure: (reason) => (listener.failure ? listener.failure(reason) : (failedEarly = reason)),
      });
      if (released) leave();
      history = await this.store.readStream(streamId);
      const opened = history[0] && readEvent(history[0]);
      const buyer = opened?.type === 'CaseOpened' ? opened.data.buyerOrganisationId : undefined;
      // Another buyer's case answers exactly like a missing one.
      if (buyer !== caller.organisationId) throw new NotFoundError('case', caseId);
      this.feed.run(history.at(-1)?.position ?? START_OF_LOG);
    } catch (error) {
      release();
      throw error;
    }

    return new Observable<MessageEvent>((subscriber) => {
      // The id every later message leaves the client with: an `error` event keeps it, so a
      // reconnecting EventSource resumes where it was.
      let lastId = resumeAfter ? formatPosition(resumeAfter) : '';
      let revision = -1;
      const send = (event: RecordedEvent) => {
        if (event.revision <= revision) return;
        revision = event.revision;
        lastId = formatPosition(event.position);
        subscriber.next(toMessage(event));
      };
      for (const event of history) {
        if (resumeAfter && comparePositions(event.position, resumeAfter) <= 0) revision = event.revision;
        else send(event);
      }
      const fail = (reason: string) => {
        subscriber.next({
          type: 'error',
          id: lastId,
          retry: LIVE_UPDATES_RETRY_SECONDS * 1000,
          data: { reason } satisfies LiveUpdatesFailure,
        });
        subscriber.complete();
      };
      listener = { event: send, failure: fail };
      for (const event of early.splice(0)) send(event);
      if (failedEarly !== undefined) fail(failedEarly);
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' }), this.limits.heartbeatMs);
      return () => {
        clearInterval(heartbeat);
        release();
      };
    });
  }
}
