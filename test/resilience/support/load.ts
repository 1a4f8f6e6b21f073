import { procurementCaseStreamId } from '@pj/domain';
import type { EventStore, RecordedEvent } from '@pj/event-store';

/** One command sent by the load: its idempotency key, what came back, and the case it named. */
/** The buyer every resilience scenario acts for. */
export const RESILIENCE_BUYER = 'resilience-buyer';

export interface Sent {
  readonly key: string;
  /** HTTP status, or 0 when no answer came (connection refused or reset). */
  readonly status: number;
  readonly retryAfter: string | null;
  readonly caseId?: string;
}

export interface Load {
  /** Stops sending and resolves with every command sent. */
  stop(): Promise<Sent[]>;
  readonly sent: Sent[];
}

/**
 * Opens cases with `concurrency` callers, each pausing `pauseMs` between commands, each command
 * with its own Idempotency-Key, until stopped. No retries: what the engine acknowledged (2xx) is
 * what must be found afterwards. The pause keeps the workflows' backlog small enough to drain
 * quickly on a shared machine.
 */
export function openCases(
  baseUrl: string,
  token: string,
  prefix: string,
  { concurrency = 4, pauseMs = 20 }: { concurrency?: number; pauseMs?: number } = {},
): Load {
  const sent: Sent[] = [];
  let stopped = false;
  let next = 0;
  const caller = async () => {
    while (!stopped) {
      const key = `${prefix}-${next++}`;
      try {
        const response = await fetch(`${baseUrl}/api/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ title: `Load ${key}`, productCategory: 'electronics', countriesOfProduction: ['CN'] }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json().catch(() => ({}))) as { id?: string };
        sent.push({ key, status: response.status, retryAfter: response.headers.get('retry-after'), caseId: body.id });
        await new Promise((resolve) => setTimeout(resolve, response.status >= 500 ? 50 : pauseMs));
      } catch {
        sent.push({ key, status: 0, retryAfter: null });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const callers = Array.from({ length: concurrency }, caller);
  return {
    sent,
    async stop() {
      stopped = true;
      await Promise.all(callers);
      return sent;
    },
  };
}

/** What the store holds of one buyer's commands sent: acknowledged ones missing, and any written twice. */
export async function audit(store: EventStore, sent: readonly Sent[], organisationId = RESILIENCE_BUYER) {
  const acknowledged = sent.filter((s) => s.status >= 200 && s.status < 300);
  let lost = 0;
  let duplicated = 0;
  for (const { caseId } of acknowledged) {
    const events: readonly RecordedEvent[] = await store.readStream(procurementCaseStreamId(organisationId, caseId!));
    const opened = events.filter((e) => e.type === 'CaseOpened').length;
    if (opened === 0) lost += 1;
    if (opened > 1) duplicated += 1;
  }
  // Every event once: the same event id or command id twice in the whole log is a duplicate too.
  const ids = new Set<string>();
  const commands = new Set<string>();
  for (let page = await store.readAll({ maxCount: 1000 }); ;) {
    for (const event of page.events) {
      if (ids.has(event.metadata.eventId)) duplicated += 1;
      ids.add(event.metadata.eventId);
      const command = `${event.streamId}|${event.metadata.commandId}|${event.type}`;
      if (commands.has(command)) duplicated += 1;
      commands.add(command);
    }
    if (page.isEnd) break;
    page = await store.readAll({ after: page.lastPosition, maxCount: 1000 });
  }
  const serverErrors = sent.filter((s) => s.status >= 500);
  return {
    acknowledged: acknowledged.length,
    lost,
    duplicated,
    serverErrors: serverErrors.length,
    /** 5xx other than 503 with Retry-After: the engine failed instead of saying "come back later". */
    unexpected: serverErrors.filter((s) => s.status !== 503 || !s.retryAfter),
  };
}
