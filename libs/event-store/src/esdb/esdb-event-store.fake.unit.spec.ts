import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { anEvent, describeEventStoreContract } from '../contract/event-store.contract';
import { IdempotencyConflictError } from '../errors';
import { EventStoreDbEventStore } from './esdb-event-store';
import { FakeEsdbClient, FakeEsdbServer } from './testing/fake-esdb-client';

// The contract suite against the EventStoreDB adapter over an in-memory imitation of the client
// (testing/fake-esdb-client.ts). This checks the adapter's own logic only; it says nothing about a
// real server, which the same suite meets in event-store.int.spec.ts when EVENTSTORE_CONNECTION_STRING is set.

const server = new FakeEsdbServer();
beforeAll(() => {
  jest
    .spyOn(EventStoreDBClient, 'connectionString')
    .mockImplementation(() => new FakeEsdbClient(server) as unknown as EventStoreDBClient);
});
afterAll(() => jest.restoreAllMocks());

describeEventStoreContract('EventStoreDB adapter over an in-memory fake client (not a server)', {
  open: () => EventStoreDbEventStore.connect('esdb://fake:2113?tls=false'),
});

describe('EventStoreDB adapter specifics (over the fake client)', () => {
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    store = await EventStoreDbEventStore.connect('esdb://fake:2113?tls=false', { idempotencyWindow: 3 });
  });
  afterAll(() => store.close());

  const batch = (count: number) => Array.from({ length: count }, (_, n) => anEvent('Counted', { n }));

  it('returns the first result when a retry comes at the revision it reloaded (ESDB alone would write it again)', async () => {
    const streamId = `esdb-reload-${randomUUID()}`;
    const events = batch(2);
    const first = await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
    const retry = await store.appendToStream(streamId, events, { expectedRevision: first.nextExpectedRevision });
    expect(retry).toEqual({ ...first, alreadyRecorded: true });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('recognises a retried batch that reaches back beyond the idempotency window', async () => {
    const streamId = `esdb-window-${randomUUID()}`;
    const old = batch(3);
    const first = await store.appendToStream(streamId, old, { expectedRevision: 'no_stream' });
    await store.appendToStream(streamId, batch(2), { expectedRevision: 2 });
    // The window (3 events) holds only old[2]; the adapter reads the revisions the batch would occupy.
    expect(await store.appendToStream(streamId, old, { expectedRevision: 'any' })).toEqual({
      ...first,
      alreadyRecorded: true,
    });
    await expect(
      store.appendToStream(streamId, [old[2], anEvent()], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await store.readStream(streamId)).toHaveLength(5);
  });

  it('pages through long runs of system events without losing or repeating an event', async () => {
    const streamId = `esdb-pages-${randomUUID()}`;
    const stats = (count: number) =>
      server.write(
        '$stats-127.0.0.1:2113',
        Array.from({ length: count }, () => ({ type: '$statsCollected', data: '{}', metadata: '' })),
      );
    const { position } = await store.appendToStream(streamId, batch(1), { expectedRevision: 'no_stream' });
    stats(600);
    await store.appendToStream(streamId, batch(3), { expectedRevision: 0 });
    stats(300);
    await store.appendToStream(streamId, batch(1), { expectedRevision: 3 });
    stats(5);

    const revisions: number[] = [];
    let after = position;
    for (let page = await store.readAll({ after, maxCount: 1 }); ; page = await store.readAll({ after, maxCount: 1 })) {
      revisions.push(...page.events.filter((e) => e.streamId === streamId).map((e) => e.revision));
      after = page.lastPosition ?? after;
      if (page.isEnd) break;
    }
    expect(revisions).toEqual([1, 2, 3, 4]);
  });

  it('reads the global log strictly after a position, without system or foreign events', async () => {
    const streamId = `esdb-after-${randomUUID()}`;
    const { position } = await store.appendToStream(streamId, batch(1), { expectedRevision: 'no_stream' });
    await store.appendToStream(streamId, batch(1), { expectedRevision: 0 });
    const page = await store.readAll({ after: position, maxCount: 10 });
    expect(page.events.map((e) => [e.streamId, e.revision])).toEqual([[streamId, 1]]);
    const everything = await store.readAll({ maxCount: 100_000 });
    expect(everything.events.some((e) => e.type.startsWith('$') || e.streamId === 'other-tool')).toBe(false);
  });
});
