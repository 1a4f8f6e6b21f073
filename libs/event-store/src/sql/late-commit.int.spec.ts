import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { anEvent } from '../contract/event-store.contract';
import { LogNotSettledError } from '../errors';
import { readLogToNow } from '../read-log-to-now';
import type { LogPosition, RecordedEvent } from '../event-store';
import { testDatabaseUrl } from '../testing/test-database';
import { PgDriver } from './pg-driver';
import { SqlEventStore } from './sql-event-store';

// The gap problem of PostgreSQL event stores: a transaction that took its sequence number early but
// commits late must not be skipped by a reader that already passed that number.
describe('global log on the PostgreSQL server: a late commit is never skipped', () => {
  let store: SqlEventStore;
  let slowWriter: Client;

  beforeAll(async () => {
    store = await SqlEventStore.open(await PgDriver.open(testDatabaseUrl()));
    slowWriter = new Client({ connectionString: testDatabaseUrl() });
    await slowWriter.connect();
  });
  afterAll(async () => {
    await slowWriter.query('ROLLBACK').catch(() => undefined);
    await slowWriter.end();
    await store.close();
  });

  async function logEnd(): Promise<LogPosition | undefined> {
    let after: LogPosition | undefined;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      after = page.lastPosition;
      if (page.isEnd) return after;
    }
  }

  /**
   * Writer 1 appends inside a transaction it keeps open (its row already has the lower
   * global_position); writer 2 then appends and commits. Returns both streams and where the log was.
   */
  async function lateCommitAhead(prefix: string) {
    const slowStream = `${prefix}-slow-${randomUUID()}`;
    const fastStream = `${prefix}-fast-${randomUUID()}`;
    const start = await logEnd();
    const slow = anEvent('SlowlyCommitted');
    await slowWriter.query('BEGIN');
    await slowWriter.query(
      'SELECT * FROM pj_append_events($1, -1, NULL, $2::uuid[], $3::text[], $4::text[], $5::text[])',
      [slowStream, [slow.metadata.eventId], [slow.type], [JSON.stringify(slow.data)], [JSON.stringify(slow.metadata)]],
    );
    await store.appendToStream(fastStream, [anEvent('QuicklyCommitted')], { expectedRevision: 'no_stream' });
    return { slowStream, fastStream, start };
  }

  it('holds readers back while an older transaction is open, then delivers both in commit-id order', async () => {
    // Writer 1 keeps its transaction open; writer 2 commits meanwhile.
    const { slowStream, fastStream, start } = await lateCommitAhead('late-commit');

    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({
      after: start,
      onEvent: async (event) => {
        if (event.streamId === slowStream || event.streamId === fastStream) received.push(event);
      },
    });

    // With a plain sequence, a reader would now see writer 2's event and move its checkpoint past writer 1's.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const visible = await store.readAll({ after: start, maxCount: 10_000 });
    expect(visible.events.some((e) => e.streamId === fastStream)).toBe(false);
    expect(received).toEqual([]);

    await slowWriter.query('COMMIT');
    const deadline = Date.now() + 10_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.stop();

    expect(received.map((e) => e.type)).toEqual(['SlowlyCommitted', 'QuicklyCommitted']);
    // Writer 1 holds the lower sequence number: exactly the event a sequence-ordered reader would have skipped.
    expect(received[0].position.prepare < received[1].position.prepare).toBe(true);
  });

  // A reader that must see everything committed so far (verification, replay) is told that events
  // wait behind the open transaction, waits for them, and gives up with a clear error in time.
  it('says when committed events are held back; a read to now waits for them, or gives up clearly', async () => {
    const { slowStream, fastStream, start } = await lateCommitAhead('held-back');

    const page = await store.readAll({ after: start, maxCount: 10_000, reportHeldBack: true });
    expect(page).toMatchObject({ isEnd: true, heldBack: true });
    expect(page.events.some((e) => e.streamId === fastStream)).toBe(false);

    const collect = async (settleTimeoutMs: number) => {
      const seen: RecordedEvent[] = [];
      for await (const next of readLogToNow(store, { after: start, settleTimeoutMs })) seen.push(...next.events);
      return seen.filter((e) => e.streamId === slowStream || e.streamId === fastStream).map((e) => e.type);
    };
    await expect(collect(200)).rejects.toBeInstanceOf(LogNotSettledError);

    const reading = collect(10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await slowWriter.query('COMMIT');
    expect(await reading).toEqual(['SlowlyCommitted', 'QuicklyCommitted']);
  });
});
