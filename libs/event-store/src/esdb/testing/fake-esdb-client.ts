import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendExpectedRevision, AppendResult, EventData, Position } from '@eventstore/db-client';

/*
 * An in-memory imitation of the parts of EventStoreDB's gRPC client the adapter uses, written from
 * the client's typings and ESDB's documented behaviour. It is NOT a server: it lets the adapter's
 * own logic (expected revisions, idempotency check, $all paging with an inclusive fromPosition,
 * system and foreign events, read-back of positions, subscriptions) run under the contract suite
 * on machines without EventStoreDB. It imitates, on purpose, the ESDB behaviours the adapter must
 * cope with:
 * - `fromPosition` of readAll is inclusive;
 * - $all holds system events ($stats, $metadata...) and events of other tools;
 * - idempotency: ids after an older exact expected revision are deduplicated, `any` only through
 *   a cache of recent ids, an append at the current revision reusing old ids is written again;
 * - the append reply's position is the batch's first event, not the last (so the adapter must
 *   not rely on it);
 * - reading a missing stream fails with StreamNotFoundError.
 */

interface StoredRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly isJson: boolean;
  readonly position: Position;
}

/** The "server": shared by every client opened on it, so a restart sees the same data. */
export class FakeEsdbServer {
  readonly log: StoredRecord[] = [];
  readonly streams = new Map<string, StoredRecord[]>();
  readonly live = new EventEmitter();
  /** ESDB keeps only recent ids for `any` deduplication. */
  readonly recentIds = new Map<string, StoredRecord>();
  private nextPosition = 1_000n;

  constructor() {
    this.live.setMaxListeners(100);
    this.write('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: '{}', metadata: '' }]);
    this.write('other-tool', [{ type: 'Foreign', data: '{"x":1}', metadata: '{"who":"someone else"}' }]);
  }

  write(streamId: string, events: ReadonlyArray<{ id?: string; type: string; data: string; metadata: string }>) {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const written: StoredRecord[] = [];
    for (const event of events) {
      const position = { commit: this.nextPosition, prepare: this.nextPosition };
      this.nextPosition += 100n + BigInt(event.data.length);
      const record: StoredRecord = {
        streamId,
        id: (event.id ?? randomUUID()).toLowerCase(),
        revision: BigInt(stream.length),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        isJson: true,
        position,
      };
      stream.push(record);
      this.log.push(record);
      this.recentIds.set(record.id, record);
      written.push(record);
    }
    for (const record of written) this.live.emit('event', record);
    // Stats are written every now and then between appends.
    if (!streamId.startsWith('$') && this.log.length % 7 === 0) {
      this.write('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: '{}', metadata: '' }]);
    }
    return written;
  }
}

function resolved(record: StoredRecord) {
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      revision: record.revision,
      type: record.type,
      isJson: record.isJson,
      created: new Date(0),
      data: JSON.parse(record.data) as unknown,
      metadata: record.metadata === '' ? undefined : (JSON.parse(record.metadata) as unknown),
      position: record.position,
    },
    commitPosition: record.position.commit,
  };
}

function streamingRead(items: readonly unknown[] | Error) {
  const readable =
    items instanceof Error
      ? new Readable({
          objectMode: true,
          read() {
            this.destroy(items);
          },
        })
      : Readable.from(items, { objectMode: true });
  return Object.assign(readable, { cancel: async () => undefined });
}

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

export class FakeEsdbClient {
  private disposed = false;
  constructor(private readonly server: FakeEsdbServer) {}

  private check(): void {
    if (this.disposed) throw new Error('client disposed');
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    { expectedRevision = 'any' }: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.check();
    await new Promise((resolve) => setImmediate(resolve));
    const stream = this.server.streams.get(streamName) ?? [];
    const current = BigInt(stream.length - 1);
    const ids = events.map((event) => event.id.toLowerCase());
    const wrong = () =>
      new WrongExpectedVersionError(undefined, {
        streamName,
        expected: expectedRevision,
        current: current < 0n ? 'no_stream' : current,
      });
    const done = (records: readonly StoredRecord[]): AppendResult => ({
      success: true,
      nextExpectedRevision: records[records.length - 1].revision,
      position: records[0].position,
    });

    if (expectedRevision === 'any') {
      const first = this.server.recentIds.get(ids[0]);
      if (first && first.streamId === streamName) {
        const records = ids.map((id) => this.server.recentIds.get(id));
        if (
          records.every(
            (record, i) => record?.streamId === streamName && record.revision === first.revision + BigInt(i),
          )
        )
          return done(records as StoredRecord[]);
        throw wrong(); // ESDB: corrupted idempotency is reported as a wrong expected version
      }
    } else if (expectedRevision === 'stream_exists') {
      if (current < 0n) throw wrong();
    } else {
      const expected = expectedRevision === 'no_stream' ? -1n : expectedRevision;
      if (expected > current) throw wrong();
      if (expected < current) {
        const records = ids.map((id, i) => stream[Number(expected) + 1 + i]);
        if (records.every((record, i) => record?.id === ids[i])) return done(records);
        throw wrong();
      }
    }
    const written = this.server.write(
      streamName,
      events.map((event) => ({
        id: event.id,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: event.metadata === undefined ? '' : JSON.stringify(event.metadata),
      })),
    );
    return done(written);
  }

  readStream(
    streamName: string,
    options: { fromRevision?: 'start' | 'end' | bigint; maxCount?: number | bigint; direction?: string } = {},
  ) {
    this.check();
    const stream = this.server.streams.get(streamName);
    if (!stream) return streamingRead(new StreamNotFoundError(undefined, streamName));
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    let records: StoredRecord[];
    if (backwards) {
      const top = from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Number(from);
      records = stream
        .slice(0, top + 1)
        .reverse()
        .slice(0, max);
    } else {
      const bottom = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
      records = stream.slice(bottom, bottom + max);
    }
    return streamingRead(records.map(resolved));
  }

  readAll(options: { fromPosition?: 'start' | 'end' | Position; maxCount?: number | bigint; direction?: string } = {}) {
    this.check();
    const from = options.fromPosition ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const records =
      from === 'start'
        ? this.server.log
        : from === 'end'
          ? []
          : this.server.log.filter((record) => !before(record.position, from)); // inclusive
    return streamingRead(records.slice(0, max).map(resolved));
  }

  subscribeToAll(options: { fromPosition?: 'start' | 'end' | Position; filter?: unknown } = {}) {
    this.check();
    if (options.fromPosition !== 'end') throw new Error('the fake only supports live subscriptions from the end');
    const subscription = new EventEmitter();
    const listener = (record: StoredRecord) => {
      if (!record.type.startsWith('$')) subscription.emit('data', resolved(record));
    };
    this.server.live.on('event', listener);
    return Object.assign(subscription, {
      unsubscribe: async () => {
        this.server.live.off('event', listener);
      },
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
