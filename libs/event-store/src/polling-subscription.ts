import type { LogPosition, ReadAllPage, SubscribeOptions, Subscription } from './event-store';
import { START_OF_LOG } from './event-store';

export interface PollingSource {
  readAll(options: { after?: LogPosition; maxCount: number }): Promise<ReadAllPage>;
  /** Resolves to a stop function; `wake` is called when new events may be visible. */
  watch?(wake: () => void): Promise<() => Promise<void>>;
}

/** How long a live subscriber sleeps between reads when nothing wakes it. */
const IDLE_POLL_MS = 250;

/**
 * Catch-up then live, over any source that can read the global log in pages: reads from the
 * checkpoint until the end, reports that it caught up, then waits for a notification (or the
 * idle poll) and reads again. Events are handed over one at a time, in log order.
 */
export function pollingSubscription(source: PollingSource, options: SubscribeOptions): Subscription {
  const pageSize = options.pageSize ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    wake?.();
    wake = undefined;
  };

  const run = async () => {
    const unwatch = source.watch ? await source.watch(wakeUp) : undefined;
    try {
      let after = options.after ?? START_OF_LOG;
      let caughtUp = false;
      while (!stopped) {
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
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(wakeUp, IDLE_POLL_MS).unref();
          });
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
