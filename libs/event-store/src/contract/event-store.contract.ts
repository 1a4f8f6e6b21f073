import { randomUUID } from 'node:crypto';
import { IdempotencyConflictError, InvalidEventStoreInputError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, EventToAppend, LogPosition, RecordedEvent } from '../event-store';
import { comparePositions } from '../event-store';
import { computeEventHash, withoutChainFields } from '../hash-chain';
import { readLogToNow } from '../read-log-to-now';

/**
 * The behaviour every event-store adapter must have. Each adapter's spec calls
 * {@link describeEventStoreContract} with a way to open (and re-open, for restarts) its store.
 * Tests use fresh stream ids, so they also pass on a store that already holds other events.
 */
export interface ContractTarget {
  /** Opens the store; called again after close() to simulate a process restart on the same data. */
  open(): Promise<EventStore>;
}

export function anEvent(type = 'SomethingHappened', data: unknown = { n: 1 }, commandId = randomUUID()): EventToAppend {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'user-1', role: 'contract_manager' },
      organisationId: 'org-contract-suite',
      recordedAt: '2026-11-21T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

const events = (count: number, type = 'SomethingHappened') =>
  Array.from({ length: count }, (_, n) => anEvent(type, { n }));

const newStreamId = (label: string) => `contract-${label}-${randomUUID()}`;

/** Reads the global log from `after` to its current end. */
/**
 * Everything committed up to now after `after`. On a shared PostgreSQL server an open transaction
 * of any database holds newer events back from the log for a moment (the visible log ends before
 * the oldest open transaction): wait for them, as every reader that must not stop short does.
 */
async function readLogToEnd(store: EventStore, after?: LogPosition, pageSize = 1000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const page of readLogToNow(store, { after, pageSize })) all.push(...page.events);
  return all;
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function describeEventStoreContract(name: string, target: ContractTarget): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await target.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('append and read a stream', () => {
      it('returns events with their data, metadata and consecutive revisions', async () => {
        const streamId = newStreamId('roundtrip');
        const batch = events(3);
        const result = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2);

        const read = await store.readStream(streamId);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
        // The store adds the hash chain (hash, previousHash); everything the caller sent comes back as sent.
        expect(read.map((e) => withoutChainFields(e.metadata))).toEqual(batch.map((e) => e.metadata));
        expect(read.every((e) => e.streamId === streamId && e.type === 'SomethingHappened')).toBe(true);
        expect(comparePositions(read[2].position, result.position)).toBe(0);
        // The append returns the batch as recorded: no second read needed.
        expect(result.events).toEqual(read);
        expect(result.alreadyRecorded).toBe(false);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(newStreamId('unknown'))).toEqual([]);
      });

      it('reads from a revision, with a maximum count', async () => {
        const streamId = newStreamId('partial');
        await store.appendToStream(streamId, events(5), { expectedRevision: 'no_stream' });
        const read = await store.readStream(streamId, { fromRevision: 2, maxCount: 2 });
        expect(read.map((e) => e.revision)).toEqual([2, 3]);
      });
    });

    describe('expected revision', () => {
      it('appends when the stream is at the expected revision', async () => {
        const streamId = newStreamId('exact');
        const first = await store.appendToStream(streamId, events(2), { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(streamId, events(1), {
          expectedRevision: first.nextExpectedRevision,
        });
        expect(second.nextExpectedRevision).toBe(2);
      });

      it('raises a typed conflict naming the actual revision, and writes nothing', async () => {
        const streamId = newStreamId('conflict');
        await store.appendToStream(streamId, events(2), { expectedRevision: 'no_stream' });

        const stale = store.appendToStream(streamId, events(1), { expectedRevision: 0 });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(stale).rejects.toMatchObject({ streamId, expected: 0, actual: 1 });
        await expect(
          store.appendToStream(streamId, events(1), { expectedRevision: 'no_stream' }),
        ).rejects.toMatchObject({ code: 'wrong_expected_revision', actual: 1 });
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('distinguishes no_stream, stream_exists and any', async () => {
        const streamId = newStreamId('kinds');
        await expect(
          store.appendToStream(streamId, events(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({
          actual: -1,
        });
        await expect(store.appendToStream(streamId, events(1), { expectedRevision: 3 })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await store.appendToStream(streamId, events(1), { expectedRevision: 'any' });
        await store.appendToStream(streamId, events(1), { expectedRevision: 'stream_exists' });
        await store.appendToStream(streamId, events(1), { expectedRevision: 'any' });
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });
    });

    describe('idempotency', () => {
      it('appends a retried batch once and returns the first result', async () => {
        const streamId = newStreamId('retry');
        const batch = events(3);
        const first = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        const retryAny = await store.appendToStream(streamId, batch, { expectedRevision: 'any' });

        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(retry.position, first.position)).toBe(0);
        expect(comparePositions(retryAny.position, first.position)).toBe(0);
        expect([first.alreadyRecorded, retry.alreadyRecorded, retryAny.alreadyRecorded]).toEqual([false, true, true]);
        expect(retry.events).toEqual(first.events);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses a batch that reuses only some of the appended ids, and writes nothing', async () => {
        const streamId = newStreamId('partial-retry');
        const batch = events(2);
        await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        const mixed = [batch[1], anEvent()];
        await expect(store.appendToStream(streamId, mixed, { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          IdempotencyConflictError,
        );
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('hash chain (tamper evidence)', () => {
      /** Checks every link of a stream: each hash recomputes from the event, each previousHash names its predecessor. */
      const expectValidChain = (stream: readonly RecordedEvent[]) => {
        stream.forEach((event, index) => {
          expect(event.revision).toBe(index);
          expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(event.metadata.previousHash).toBe(index === 0 ? null : stream[index - 1].metadata.hash);
          expect(event.metadata.hash).toBe(computeEventHash(event, event.metadata.previousHash ?? null));
        });
      };

      it('appends after the head hash the caller read, and chains from the stored one when it is wrong', async () => {
        const streamId = newStreamId('head-hash');
        const first = await store.appendToStream(streamId, events(2), { expectedRevision: 'no_stream' });
        const headHash = first.events[1].metadata.hash ?? null;
        await store.appendToStream(streamId, events(1), { expectedRevision: 1, headHash });
        await store.appendToStream(streamId, events(1), { expectedRevision: 2, headHash: 'not-the-head-hash' });
        const stream = await store.readStream(streamId);
        expect(stream).toHaveLength(4);
        expectValidChain(stream);
      });

      it('chains every event to the one before it, across batches and every kind of expected revision', async () => {
        const streamId = newStreamId('chain');
        await store.appendToStream(streamId, events(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(streamId, events(1), { expectedRevision: 1 });
        await store.appendToStream(streamId, events(3), { expectedRevision: 'any' });
        await store.appendToStream(streamId, events(1), { expectedRevision: 'stream_exists' });
        const fresh = newStreamId('chain-any');
        await store.appendToStream(fresh, events(2), { expectedRevision: 'any' });

        const stream = await store.readStream(streamId);
        expect(stream).toHaveLength(7);
        expectValidChain(stream);
        expectValidChain(await store.readStream(fresh));
        // Read through the global log, the events carry the same chain.
        const logged = (await readLogToEnd(store, undefined, 5000)).filter((e) => e.streamId === streamId);
        expect(logged.map((e) => e.metadata.hash)).toEqual(stream.map((e) => e.metadata.hash));
      });

      it('hashes the stream id and revision: the same event content hashes differently elsewhere', async () => {
        const a = newStreamId('chain-a');
        const b = newStreamId('chain-b');
        const event = anEvent('Same', { n: 1 });
        await store.appendToStream(a, [event], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [{ ...event, metadata: { ...event.metadata, eventId: randomUUID() } }], {
          expectedRevision: 'no_stream',
        });
        const [[first], [second]] = await Promise.all([store.readStream(a), store.readStream(b)]);
        expect(first.metadata.hash).not.toBe(second.metadata.hash);
      });

      it('replaces chain fields a caller sends', async () => {
        const streamId = newStreamId('chain-forged');
        const event = anEvent();
        const forged = {
          ...event,
          metadata: { ...event.metadata, hash: 'f'.repeat(64), previousHash: 'e'.repeat(64) },
        };
        await store.appendToStream(streamId, [forged], { expectedRevision: 'no_stream' });
        const stream = await store.readStream(streamId);
        expect(stream[0].metadata.hash).not.toBe('f'.repeat(64));
        expectValidChain(stream);
      });

      it('keeps the chain of the first append when a batch is retried, at a stale or a current revision', async () => {
        const streamId = newStreamId('chain-retry');
        await store.appendToStream(streamId, events(1), { expectedRevision: 'no_stream' });
        const batch = events(2);
        const first = await store.appendToStream(streamId, batch, { expectedRevision: 0 });
        const hashes = (await store.readStream(streamId)).map((e) => e.metadata.hash);
        const retries = [
          await store.appendToStream(streamId, batch, { expectedRevision: 0 }),
          await store.appendToStream(streamId, batch, { expectedRevision: first.nextExpectedRevision }),
          await store.appendToStream(streamId, batch, { expectedRevision: 'any' }),
          await store.appendToStream(streamId, batch, { expectedRevision: 'stream_exists' }),
        ];
        for (const retry of retries) {
          expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
          expect(comparePositions(retry.position, first.position)).toBe(0);
        }
        const stream = await store.readStream(streamId);
        expect(stream.map((e) => e.metadata.hash)).toEqual(hashes);
        expectValidChain(stream);
      });

      it('keeps one valid chain with 8 concurrent writers appending with "any" to one stream', async () => {
        const streamId = newStreamId('chain-concurrent');
        await Promise.all(
          Array.from({ length: 8 }, async (_, w) => {
            for (let i = 0; i < 5; i++)
              await store.appendToStream(streamId, [anEvent('Any', { w, i }), anEvent('Any', { w, i, second: true })], {
                expectedRevision: 'any',
              });
          }),
        );
        const stream = await store.readStream(streamId);
        expect(stream).toHaveLength(80);
        expectValidChain(stream);
      });

      it('refuses stream_exists on a missing stream without writing, and still answers a retry', async () => {
        const streamId = newStreamId('chain-exists');
        await expect(
          store.appendToStream(streamId, events(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({ code: 'wrong_expected_revision', expected: 'stream_exists', actual: -1 });
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('ordering', () => {
      it('keeps per-stream order and a strictly increasing global order', async () => {
        const before = await readLogToEnd(store);
        const after = before.length > 0 ? before[before.length - 1].position : undefined;
        const a = newStreamId('order-a');
        const b = newStreamId('order-b');
        await store.appendToStream(a, events(2, 'A'), { expectedRevision: 'no_stream' });
        await store.appendToStream(b, events(2, 'B'), { expectedRevision: 'no_stream' });
        await store.appendToStream(a, events(1, 'A'), { expectedRevision: 1 });

        const log = (await readLogToEnd(store, after, 2)).filter((e) => e.streamId === a || e.streamId === b);
        expect(log.map((e) => `${e.type}${e.revision}`)).toEqual(['A0', 'A1', 'B0', 'B1', 'A2']);
        for (let i = 1; i < log.length; i++) expect(comparePositions(log[i - 1].position, log[i].position)).toBe(-1);
      });
    });

    describe('paging the global log', () => {
      it('delivers every event once, in order, across many transactions and small pages', async () => {
        // Hundreds of one-event transactions: enough for transaction ids to gain a digit on a
        // fresh store, where a text-ordered log would skip events.
        const start = (await readLogToEnd(store)).at(-1)?.position;
        const streamId = newStreamId('paged');
        for (let n = 0; n < 300; n++)
          await store.appendToStream(streamId, [anEvent('Paged', { n })], {
            expectedRevision: n === 0 ? 'no_stream' : n - 1,
          });
        const seen = (await readLogToEnd(store, start, 7))
          .filter((e) => e.streamId === streamId)
          .map((e) => (e.data as { n: number }).n);
        expect(seen).toEqual(Array.from({ length: 300 }, (_, n) => n));
      });
    });

    describe('concurrency', () => {
      it('loses and duplicates nothing with 8 concurrent writers on one stream and on their own streams', async () => {
        const shared = newStreamId('shared');
        const perWriter = 10;
        const writer = async (w: number) => {
          const own = newStreamId(`own-${w}`);
          for (let i = 0; i < perWriter; i++) {
            await store.appendToStream(own, [anEvent('Own', { w, i })], { expectedRevision: 'any' });
            const event = anEvent('Shared', { w, i });
            // Optimistic concurrency: re-read and retry only on conflict.
            for (;;) {
              const current = await store.readStream(shared);
              const expected = current.length === 0 ? 'no_stream' : current[current.length - 1].revision;
              try {
                await store.appendToStream(shared, [event], { expectedRevision: expected });
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
              }
            }
          }
          return own;
        };
        const ownStreams = await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));

        const sharedEvents = await store.readStream(shared);
        expect(sharedEvents.map((e) => e.revision)).toEqual(Array.from({ length: 8 * perWriter }, (_, i) => i));
        const written = new Set(sharedEvents.map((e) => JSON.stringify(e.data)));
        expect(written.size).toBe(8 * perWriter);
        for (const own of ownStreams) expect(await store.readStream(own)).toHaveLength(perWriter);
      });
    });

    describe('subscription', () => {
      it('catches up, goes live, and resumes from its checkpoint after a restart without loss or repeat', async () => {
        const streamId = newStreamId('subscribed');
        const start = (await readLogToEnd(store)).at(-1)?.position;
        await store.appendToStream(streamId, events(5), { expectedRevision: 'no_stream' });

        const seen: number[] = [];
        let checkpoint = start;
        let caughtUp = false;
        const first = store.subscribeToAll({
          after: start,
          onEvent: async (event) => {
            if (event.streamId === streamId) seen.push((event.data as { n: number }).n);
            checkpoint = event.position;
          },
          onCaughtUp: () => (caughtUp = true),
        });
        await eventually(() => (caughtUp && seen.length === 5 ? true : undefined));
        await store.appendToStream(streamId, [anEvent('Live', { n: 5 })], { expectedRevision: 4 });
        await eventually(() => (seen.length === 6 ? true : undefined));
        await first.stop();

        // Written while no subscriber runs, then the process restarts on the same data.
        await store.appendToStream(streamId, [anEvent('WhileDown', { n: 6 }), anEvent('WhileDown', { n: 7 })], {
          expectedRevision: 5,
        });
        await store.close();
        store = await target.open();

        const resumed = store.subscribeToAll({
          after: checkpoint,
          onEvent: async (event) => {
            if (event.streamId === streamId) seen.push((event.data as { n: number }).n);
          },
        });
        await eventually(() => (seen.length >= 8 ? true : undefined));
        await store.appendToStream(streamId, [anEvent('Live', { n: 8 })], { expectedRevision: 7 });
        await eventually(() => (seen.length >= 9 ? true : undefined));
        await resumed.stop();
        expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      });
    });

    describe('large streams and payloads', () => {
      it('reads a 10,000-event stream in pages, in order', async () => {
        const streamId = newStreamId('large');
        for (let batch = 0; batch < 20; batch++) {
          await store.appendToStream(
            streamId,
            Array.from({ length: 500 }, (_, i) => anEvent('Counted', { n: batch * 500 + i })),
            { expectedRevision: batch === 0 ? 'no_stream' : batch * 500 - 1 },
          );
        }
        const seen: number[] = [];
        for (let from = 0; ; from += 1000) {
          const page = await store.readStream(streamId, { fromRevision: from, maxCount: 1000 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(1000);
          seen.push(...page.map((e) => (e.data as { n: number }).n));
        }
        expect(seen).toHaveLength(10_000);
        expect(seen.every((n, i) => n === i)).toBe(true);
      });

      it('keeps unicode exactly', async () => {
        const streamId = newStreamId('unicode');
        const data = {
          swedish: 'Landstinget i Stockholms län',
          arabic: 'حقوق العمال',
          chinese: '劳工权利',
          emoji: '👷🏽‍♀️🏭',
          combining: 'e\u0301',
          control: 'nul\u0000tab\t',
          keys: { ключ: 'значение' },
        };
        await store.appendToStream(streamId, [anEvent('Unicode', data)], { expectedRevision: 'no_stream' });
        const [event] = await store.readStream(streamId);
        expect(event.data).toEqual(data);
      });

      it('stores and returns a 1 MB payload', async () => {
        const streamId = newStreamId('megabyte');
        const data = { evidence: 'x'.repeat(1_000_000), note: 'audit report scan' };
        await store.appendToStream(streamId, [anEvent('Large', data)], { expectedRevision: 'no_stream' });
        const [event] = await store.readStream(streamId);
        expect((event.data as typeof data).evidence).toHaveLength(1_000_000);
        expect(event.data).toEqual(data);
      });
    });

    describe('bad input is rejected with a clear error and writes nothing', () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const cases: Array<[string, () => [string, EventToAppend[], unknown], string]> = [
        ['an empty stream id', () => ['', events(1), 'any'], 'streamId'],
        ['a blank stream id', () => ['   ', events(1), 'any'], 'streamId'],
        ['a negative revision', () => [newStreamId('neg'), events(1), -1], 'expectedRevision'],
        ['a fractional revision', () => [newStreamId('frac'), events(1), 1.5], 'expectedRevision'],
        ['no events', () => [newStreamId('none'), [], 'any'], 'events'],
        ['a function in data', () => [newStreamId('fn'), [anEvent('X', { f: () => 1 })], 'any'], 'events[0].data.f'],
        ['a bigint in data', () => [newStreamId('big'), [anEvent('X', { n: 1n })], 'any'], 'events[0].data.n'],
        ['NaN in data', () => [newStreamId('nan'), [anEvent('X', { n: NaN })], 'any'], 'events[0].data.n'],
        ['a Date in data', () => [newStreamId('date'), [anEvent('X', { at: new Date() })], 'any'], 'events[0].data.at'],
        ['a circular structure', () => [newStreamId('cycle'), [anEvent('X', circular)], 'any'], 'events[0].data.self'],
        [
          'an event id that is not a UUID',
          () => {
            const event = anEvent();
            return [newStreamId('id'), [{ ...event, metadata: { ...event.metadata, eventId: 'e-1' } }], 'any'];
          },
          'events[0].metadata.eventId',
        ],
        ['an empty event type', () => [newStreamId('type'), [anEvent('')], 'any'], 'events[0].type'],
      ];

      it.each(cases)('%s', async (_label, build, field) => {
        const [streamId, batch, expectedRevision] = build();
        const attempt = store.appendToStream(streamId, batch, { expectedRevision } as never);
        await expect(attempt).rejects.toBeInstanceOf(InvalidEventStoreInputError);
        await expect(attempt).rejects.toMatchObject({ field });
        if (streamId.trim() !== '') expect(await store.readStream(streamId)).toEqual([]);
      });

      it('rejects a negative read revision and a zero page size', async () => {
        await expect(store.readStream(newStreamId('r'), { fromRevision: -1 })).rejects.toMatchObject({
          field: 'fromRevision',
        });
        await expect(store.readAll({ maxCount: 0 })).rejects.toMatchObject({ field: 'maxCount' });
      });
    });
  });
}
