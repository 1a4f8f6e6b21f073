import type { EventStore, LogPosition, ReadAllPage } from './event-store';
import { LogNotSettledError } from './errors';

export interface ReadLogToNowOptions {
  /** Exclusive: start after this position; the start of the log by default. */
  readonly after?: LogPosition;
  readonly pageSize?: number;
  /** How long to wait for events held back behind an open transaction before giving up. */
  readonly settleTimeoutMs?: number;
}

const SETTLE_POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every event committed up to now, page by page, for readers that must not stop short: whole-store
 * verification, replay and indexing. A page that ends where events are held back behind a still
 * open transaction is read again until they are visible, or until `settleTimeoutMs` has passed
 * (then `LogNotSettledError`). The next page is read while the caller works on the current one.
 */
export async function* readLogToNow(
  store: EventStore,
  options: ReadLogToNowOptions = {},
): AsyncGenerator<ReadAllPage, void, undefined> {
  const maxCount = options.pageSize ?? 5000;
  const settleTimeoutMs = options.settleTimeoutMs ?? 30_000;
  const read = (after: LogPosition | undefined) => store.readAll({ after, maxCount, reportHeldBack: true });
  let next: Promise<ReadAllPage> | undefined = read(options.after);
  let waitingSince: number | undefined;
  while (next) {
    const page: ReadAllPage = await next;
    if (page.isEnd && page.heldBack) {
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince > settleTimeoutMs) throw new LogNotSettledError(settleTimeoutMs);
      next = sleep(SETTLE_POLL_MS).then(() => read(page.lastPosition));
    } else {
      waitingSince = undefined;
      next = page.isEnd ? undefined : read(page.lastPosition);
    }
    if (page.events.length > 0) yield page;
  }
}
