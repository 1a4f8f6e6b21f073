import { randomUUID } from 'node:crypto';
import type { MessageEvent } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { procurementCaseStreamId } from '@pj/domain';
import { formatPosition, PgliteDriver, SqlEventStore, type EventToAppend } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { CaseEventStream, LiveStreamsFullException, type CaseEventMessage } from './case-event-stream';
import { LiveFeed } from './live-feed';

// Live updates of cases over a real PGlite store, without HTTP: one reader of the log for every
// client, no gap and no duplicate for a client that joins while the case is being written, an
// `error` event when the feed fails, and a cap on open streams.

const ORG = 'org-live';
const caller: Caller = { id: 'auditor-1', role: 'auditor', organisationId: ORG };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const event = (type: string, data: object): EventToAppend => {
  const commandId = randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'cm-1', role: 'contract_manager' },
      organisationId: ORG,
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
};

/** What one client received, as the SSE layer would write it. */
interface Received {
  readonly messages: MessageEvent[];
  readonly revisions: () => number[];
  completed: boolean;
  failed?: unknown;
  stop(): void;
}

function follow(stream: Observable<MessageEvent>): Received {
  const received: Received = {
    messages: [],
    revisions: () =>
      received.messages.filter((m) => m.data && m.type !== 'error').map((m) => (m.data as CaseEventMessage).revision),
    completed: false,
    stop: () => subscription.unsubscribe(),
  };
  const subscription = stream.subscribe({
    next: (message) => received.messages.push(message),
    complete: () => (received.completed = true),
    error: (error: unknown) => (received.failed = error),
  });
  return received;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe('live updates of cases, one reader of the log for every client', () => {
  let store: SqlEventStore;
  let feed: LiveFeed;
  let live: CaseEventStream;
  let ended: AbortController[];
  let following: Received[];

  const openCase = async () => {
    const caseId = randomUUID();
    await store.appendToStream(
      procurementCaseStreamId(ORG, caseId),
      [event('CaseOpened', { caseId, buyerOrganisationId: ORG, title: 'Live' })],
      { expectedRevision: 'no_stream' },
    );
    return caseId;
  };
  const record = (caseId: string, n: number) =>
    store.appendToStream(procurementCaseStreamId(ORG, caseId), [event('NoteRecorded', { n })], {
      expectedRevision: 'any',
    });
  const open = async (caseId: string, lastEventId?: string) => {
    const signal = new AbortController();
    ended.push(signal);
    const received = follow(await live.stream(caseId, caller, lastEventId, signal.signal));
    following.push(received);
    return received;
  };

  beforeEach(async () => {
    store = await SqlEventStore.open(await PgliteDriver.open());
    feed = new LiveFeed(store);
    live = new CaseEventStream(store, feed, { maxStreams: 50, heartbeatMs: 60_000 });
    ended = [];
    following = [];
  });
  afterEach(async () => {
    for (const client of following) client.stop();
    for (const signal of ended) signal.abort();
    await feed.onModuleDestroy();
    await store.close();
  });

  it('feeds every client of every case from one subscription, each its own case only', async () => {
    const subscriptions = jest.spyOn(store, 'subscribeToAll');
    const [a, b] = [await openCase(), await openCase()];
    const clients: { caseId: string; received: Received }[] = [];
    for (let n = 0; n < 20; n++) clients.push({ caseId: n % 2 ? a : b, received: await open(n % 2 ? a : b) });
    await record(a, 1);
    await record(b, 2);
    await record(a, 3);
    await until(() => clients.every(({ caseId, received }) => received.revisions().length === (caseId === a ? 3 : 2)));
    expect(subscriptions).toHaveBeenCalledTimes(1);
    for (const { caseId, received } of clients) expect(received.revisions()).toEqual(caseId === a ? [0, 1, 2] : [0, 1]);
  });

  it('misses nothing and repeats nothing for a client that joins while the case is being written', async () => {
    const caseId = await openCase();
    const writes = 60;
    const writing = (async () => {
      for (let n = 1; n <= writes; n++) await record(caseId, n);
    })();
    const clients: Received[] = [];
    for (let n = 0; n < 15; n++) {
      clients.push(await open(caseId));
      await sleep(n * 3);
    }
    await writing;
    await until(() => clients.every((client) => client.revisions().length === writes + 1));
    const all = Array.from({ length: writes + 1 }, (_, n) => n);
    for (const client of clients) expect(client.revisions()).toEqual(all);

    // Resuming after an event sends only what follows it.
    const history = await store.readStream(procurementCaseStreamId(ORG, caseId));
    const resumed = await open(caseId, formatPosition(history[40].position));
    expect(resumed.revisions()).toEqual(all.slice(41));
  });

  it('tells each client why when the feed fails, keeping its last id for the reconnect, then ends', async () => {
    const caseId = await openCase();
    const client = await open(caseId);
    await record(caseId, 1);
    await until(() => client.revisions().length === 2);
    const lastId = client.messages[1].id;

    await store.close(); // the database goes away under the feed
    await until(() => client.completed || client.failed !== undefined);
    expect(client.failed).toBeUndefined();
    const failure = client.messages.at(-1)!;
    expect(failure).toMatchObject({ type: 'error', id: lastId });
    expect((failure.data as { reason: string }).reason).toMatch(/^live updates stopped: .+/);
    expect(client.completed).toBe(true);
    expect(live.openStreams).toBe(0);
  });

  it('refuses a stream past the cap, and gives the place back when one ends, even before it started', async () => {
    live = new CaseEventStream(store, feed, { maxStreams: 2, heartbeatMs: 60_000 });
    const caseId = await openCase();
    const first = await open(caseId);
    await open(caseId);
    await expect(live.stream(caseId, caller, undefined, new AbortController().signal)).rejects.toBeInstanceOf(
      LiveStreamsFullException,
    );
    first.stop();
    ended[0].abort();
    expect(live.openStreams).toBe(1);

    // A client that leaves before its stream is subscribed to frees its place too.
    const gone = new AbortController();
    await live.stream(caseId, caller, undefined, gone.signal);
    expect(live.openStreams).toBe(2);
    gone.abort();
    expect(live.openStreams).toBe(1);
    // And a case the caller may not see is refused without keeping a place.
    await expect(
      live.stream(caseId, { ...caller, organisationId: 'someone-else' }, undefined, new AbortController().signal),
    ).rejects.toThrow(/not found/);
    expect(live.openStreams).toBe(1);
  });
});
