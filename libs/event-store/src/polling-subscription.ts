import type { LogPosition, ReadAllPage, SubscribeOptions, Subscription } from './event-store';
import { START_OF_LOG } from './event-store';

export interface PollingSource {
  readAll(options: { after?: LogPosition; maxCount: number }): Promise<ReadAllPage>;
  /** Resolves to a stop function; `wake` is called when new events may be visible. */
  watch?(wake: () => void): Promise<() => Promise<void>>;
}

/** How long a live subscriber sleeps between reads when its source cannot wake it. */
const IDLE_POLL_MS = 250;
/**
 * With a source that wakes it (LISTEN/NOTIFY, an ESDB subscription), the poll is only a fallback
 * for a notification that never came: an idle engine reads once a second per subscriber.
 */
const WATCHED_IDLE_POLL_MS = 1_000;
/**
 * A wake whose read found nothing: on PostgreSQL the new event may still be held back behind an
 * older transaction that has not committed (and may never notify), so look again soon.
 */
const HELD_BACK_RECHECK_MS = 100;

/**
 * Catch-up then live, over any source that can read the global log in pages: reads from the
 * checkpoint until the end, reports that it caught up, then waits for a notification (or the
 * idle poll) and reads again. Events are handed over one at a time, in log order.
 */
export function pollingSubscription(source: PollingSource, options: SubscribeOptions): Subscription {
  const pageSize = options.pageSize ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  // A notification that came while no one was waiting (during a read or an event's handling):
  // the read under way may have missed what it announces, so the next wait is skipped.
  let notified = false;
  const wakeUp = () => {
    notified = true;
    wake?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      timer.unref?.();
      // One timer per wait, cleared when a notification ends the wait first.
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const run = async () => {
    const unwatch = source.watch ? await source.watch(wakeUp) : undefined;
    const idlePollMs = unwatch ? WATCHED_IDLE_POLL_MS : IDLE_POLL_MS;
    try {
      let after = options.after ?? START_OF_LOG;
      let caughtUp = false;
      let woken = false;
      while (!stopped) {
        // Whatever was notified before this read starts is visible to it.
        notified = false;
        const page = await source.readAll({ after, maxCount: pageSize });
        for (const event of page.events) {
          if (stopped) return;
          await options.onEvent(event);
          after = event.position;
        }
        if (page.isEnd) {
          if (!caughtUp) {
            caughtUp = true;
            options.onCaughtUp?.();
          }
          if (stopped) return;
          if (notified) {
            woken = true;
            continue;
          }
          const heldBack = woken && page.events.length === 0 && source.watch !== undefined;
          await sleep(heldBack ? HELD_BACK_RECHECK_MS : idlePollMs);
          woken = notified;
        }
      }
    } finally {
      await unwatch?.();
    }
  };

  const done = run().catch((error: unknown) => {
    options.onError?.(error);
    throw error;
  });
  // The caller may only ever call stop(); keep an unobserved failure from crashing the process.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      stopped = true;
      wakeUp();
      await done.catch(() => undefined);
    },
  };
}
