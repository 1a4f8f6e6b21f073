import { BadRequestException, Inject, Injectable, NotFoundException, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { procurementCaseStreamId } from '@pj/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { EVENT_STORE } from '../infrastructure/tokens';

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

const toMessage = (event: RecordedEvent): MessageEvent => ({
  id: formatPosition(event.position),
  type: event.type,
  data: {
    revision: event.revision,
    type: event.type,
    data: event.data,
    actor: event.metadata.actor,
    recordedAt: event.metadata.recordedAt,
    eventId: event.metadata.eventId,
    causationId: event.metadata.causationId,
    position: formatPosition(event.position),
  } satisfies CaseEventMessage,
});

/**
 * Live updates of one case, from the store itself: the case's stream up to now (after
 * `Last-Event-ID` when the client resumes), then the global-log subscription filtered to the
 * case. Within a stream, log positions only grow, so nothing is missed between the two.
 */
@Injectable()
export class CaseEventStream {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async open(caseId: string, caller: Caller, lastEventId?: string): Promise<Observable<MessageEvent>> {
    let resumeAfter: LogPosition | undefined;
    if (lastEventId !== undefined && lastEventId !== '') {
      try {
        resumeAfter = parsePosition(lastEventId);
      } catch {
        throw new BadRequestException({
          message: 'Last-Event-ID must be a log position such as "1042/3318"',
          errors: [{ field: 'Last-Event-ID', reason: 'must be a log position "<commit>/<prepare>"' }],
        });
      }
    }
    const streamId = procurementCaseStreamId(caller.organisationId, caseId);
    const history = await this.store.readStream(streamId);
    const buyer = (history[0]?.data as { buyerOrganisationId?: string } | undefined)?.buyerOrganisationId;
    // Another buyer's case answers exactly like a missing one.
    if (buyer !== caller.organisationId) throw new NotFoundException(`case ${caseId} not found`);

    return new Observable<MessageEvent>((subscriber) => {
      let from = resumeAfter;
      for (const event of history) {
        if (from && comparePositions(event.position, from) <= 0) continue;
        subscriber.next(toMessage(event));
        from = event.position;
      }
      const subscription = this.store.subscribeToAll({
        after: from,
        onEvent: async (event) => {
          if (event.streamId !== streamId) return;
          if (from && comparePositions(event.position, from) <= 0) return;
          from = event.position;
          subscriber.next(toMessage(event));
        },
        onError: (error) => subscriber.error(error),
      });
      return () => void subscription.stop();
    });
  }
}
