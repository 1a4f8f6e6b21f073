import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { handleCommand } from '@pj/application';
import type { Command, Decider, Event } from '@pj/domain';
import { PgDriver, SqlEventStore, type EventStore } from '@pj/event-store';
import { procurementEventFactory } from './procurement-events';
import { createBenchDatabase, type BenchDatabase } from './postgres-database';
import { BenchReport, formatNumber, stats, type Stats } from './report';

/**
 * Peers, measured in the same run with interleaved rounds (each round runs every contender once,
 * in turn, so load from other processes falls on all of them alike): appends of 10-event batches
 * on the PostgreSQL server through our store, Emmett's PostgreSQL event store (0.42, installed
 * apart in bench/peers by `npm run prebench`) and a plain multi-row INSERT (the ceiling: no
 * idempotency, no hash chain, no ordering proof); and the cost of one command on a long-lived
 * stream (2,000 events) against a short one (20).
 */

const SUITE = 'Peers';
const BATCH = 10;

interface Contender {
  readonly name: string;
  /** Appends one 10-event batch for writer `writer`; resolves when it is committed. */
  append(writer: number): Promise<void>;
}

interface EmmettStore {
  appendToStream(
    streamName: string,
    events: { type: string; data: unknown }[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
  close(): Promise<void>;
}

/** Emmett from bench/peers/node_modules, or why it is not there. */
function loadEmmett(): { getPostgreSQLEventStore: (url: string) => EmmettStore } | string {
  try {
    const peers = createRequire(join(process.cwd(), 'bench', 'peers', 'package.json'));
    return peers('@event-driven-io/emmett-postgresql') as { getPostgreSQLEventStore: (url: string) => EmmettStore };
  } catch (error) {
    return `Emmett is not installed in bench/peers (run \`npm ci --prefix bench/peers\`): ${String(error)}`;
  }
}

/** Events per second over `seconds`, `writers` appending concurrently. */
async function throughput(contender: Contender, writers: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let events = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < until) {
        await contender.append(writer);
        events += BATCH;
      }
    }),
  );
  return events / ((performance.now() - started) / 1000);
}

// A decider of the command path's shape: it folds every event of the stream, then decides one.
type Note = Command<'AddNote', { text: string }>;
type Noted = Event<'NoteAdded', { text: string; count: number }>;
const notes: Decider<number, Note, Noted> = {
  initialState: () => 0,
  decide: (command, count) => [{ type: 'NoteAdded', data: { text: command.data.text, count: count + 1 } }],
  evolve: (count) => count + 1,
};
const note = (n: number): Note => ({
  type: 'AddNote',
  data: { text: `note ${n}` },
  metadata: {
    commandId: randomUUID(),
    now: new Date().toISOString(),
    actor: { id: 'officer', role: 'procurement_officer' },
    organisationId: 'org-city-of-bremen',
    calendar: { timeZone: 'Europe/Berlin' },
  },
});

export async function run(report: BenchReport): Promise<void> {
  const { config } = report;
  const seconds = config.runSeconds;
  const database: BenchDatabase = await createBenchDatabase(config.databaseUrl);
  const factory = procurementEventFactory();
  const store = await SqlEventStore.open(await PgDriver.open(database.url, { max: 10 }));
  const plain = new Pool({ connectionString: database.url, max: 10 });
  const emmettModule = loadEmmett();
  const emmett = typeof emmettModule === 'string' ? undefined : emmettModule.getPostgreSQLEventStore(database.url);
  try {
    await plain.query(`CREATE TABLE peer_plain_events (global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stream_id text NOT NULL, stream_revision bigint NOT NULL, event_type text NOT NULL, data json NOT NULL,
      metadata json NOT NULL)`);

    // Each writer appends to its own case stream, moving to a new one every 100 events.
    const ours = Array.from({ length: 8 }, () => ({ stream: randomUUID(), revision: -1, hash: null as string | null }));
    const theirs = Array.from({ length: 8 }, () => ({ stream: randomUUID(), version: 0n }));
    const plainHeads = Array.from({ length: 8 }, () => ({ stream: randomUUID(), revision: -1 }));
    const contenders: Contender[] = [
      {
        name: 'Procurement Journey (SqlEventStore, PostgreSQL)',
        async append(writer) {
          const head = ours[writer];
          if (head.revision >= 99) Object.assign(head, { stream: randomUUID(), revision: -1, hash: null });
          const result = await store.appendToStream(
            head.stream,
            factory.batch(head.stream, BATCH),
            head.revision < 0
              ? { expectedRevision: 'no_stream' }
              : { expectedRevision: head.revision, headHash: head.hash },
          );
          head.revision = result.nextExpectedRevision;
          head.hash = result.events.at(-1)?.metadata.hash ?? null;
        },
      },
      {
        name: 'Plain multi-row INSERT (ceiling)',
        async append(writer) {
          const head = plainHeads[writer];
          if (head.revision >= 99) Object.assign(head, { stream: randomUUID(), revision: -1 });
          const batch = factory.batch(head.stream, BATCH);
          await plain.query(
            `INSERT INTO peer_plain_events (stream_id, stream_revision, event_type, data, metadata)
             SELECT $1, $2 + t.ord, t.type, t.data::json, t.metadata::json
               FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(type, data, metadata, ord)`,
            [
              head.stream,
              head.revision,
              batch.map((e) => e.type),
              batch.map((e) => JSON.stringify(e.data)),
              batch.map((e) => JSON.stringify(e.metadata)),
            ],
          );
          head.revision += BATCH;
        },
      },
      ...(emmett
        ? [
            {
              name: "Emmett's PostgreSQL event store 0.42",
              async append(writer: number) {
                const head = theirs[writer];
                if (head.version >= 100n) Object.assign(head, { stream: randomUUID(), version: 0n });
                const batch = factory.batch(head.stream, BATCH).map((e) => ({ type: e.type, data: e.data }));
                const result = await emmett.appendToStream(`case-${head.stream}`, batch, {
                  expectedStreamVersion: head.version,
                });
                head.version = result.nextExpectedStreamVersion;
              },
            } satisfies Contender,
          ]
        : []),
    ];

    const results = new Map<string, number[]>();
    const record = (key: string, value: number) => results.set(key, [...(results.get(key) ?? []), value]);
    for (let round = 0; round < config.warmups + config.runs; round++) {
      for (const writers of [1, 8]) {
        // Rotate who goes first, so no contender always meets the vacuum or checkpoint of another.
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
        for (const contender of order) {
          const rate = await throughput(contender, writers, seconds);
          if (round >= config.warmups) record(`${contender.name}|${writers}`, rate);
        }
      }
      report.log(`peers: append round ${round + 1}/${config.warmups + config.runs}`);
    }

    // One command on a stream of 20 events and on one of 2,000, interleaved: the median per command.
    const commandStore: EventStore = store;
    const lengths = [20, 2000] as const;
    const streams = new Map<number, string>();
    for (const length of lengths) {
      const streamId = `peers-notes-${length}-${randomUUID()}`;
      for (let revision = -1; revision < length - 1; revision += 100) {
        const size = Math.min(100, length - 1 - revision);
        await store.appendToStream(streamId, factory.batch(streamId, size), {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
        });
      }
      streams.set(length, streamId);
    }
    const commandsPerRun = config.quick ? 20 : 200;
    let n = 0;
    for (let round = 0; round < config.warmups + config.runs; round++) {
      for (const length of lengths) {
        const started = performance.now();
        for (let i = 0; i < commandsPerRun; i++)
          await handleCommand(commandStore, notes, streams.get(length)!, note(n++));
        const microseconds = ((performance.now() - started) * 1000) / commandsPerRun;
        if (round >= config.warmups) record(`command|${length}`, microseconds);
      }
    }

    const row = (name: string, writers: number): Stats | undefined => {
      const values = results.get(`${name}|${writers}`);
      return values ? stats(values) : undefined;
    };
    const oursName = contenders[0].name;
    const table: string[][] = [];
    for (const contender of contenders)
      for (const writers of [1, 8]) {
        const s = row(contender.name, writers)!;
        const ourMedian = row(oursName, writers)!.median;
        table.push([
          contender.name,
          String(writers),
          formatNumber(s.median),
          `${formatNumber(s.min)}–${formatNumber(s.max)}`,
          contender.name === oursName ? '1.00×' : `${(ourMedian / s.median).toFixed(2)}×`,
        ]);
      }
    const short = stats(results.get('command|20')!);
    const long = stats(results.get('command|2000')!);
    report.addSection({
      title: SUITE,
      level: 2,
      blocks: [
        {
          kind: 'text',
          text:
            `Same run, interleaved rounds (${config.runs} timed after ${config.warmups} warm-up; each round runs every contender in turn, the first one rotating), ` +
            `on a fresh database of the PostgreSQL server. Appends of ${BATCH}-event procurement-case batches for ${seconds} s per contender and writer count; ` +
            'each writer on its own stream with its exact expected revision, a new stream every 100 events. The plain INSERT has no idempotency, ' +
            'no hash chain, no stream lock and no ordering proof: it is the ceiling of this machine, not a peer. ' +
            (emmett ? '' : `${emmettModule as string}. `) +
            'A bare NestJS route and a trivial Temporal workflow are not measured here yet.',
        },
        {
          kind: 'table',
          headers: ['Contender', 'Writers', 'Events/s (median)', 'Min–max', 'Our ratio to it'],
          rows: table,
          align: ['l', 'r', 'r', 'r', 'r'],
        },
        {
          kind: 'text',
          text:
            `One command through \`handleCommand\` (a decider that folds every event and records one), ${commandsPerRun} in a row per run, ` +
            `on a stream of 20 events and on one of 2,000: ${formatNumber(short.median)} µs vs ${formatNumber(long.median)} µs per command ` +
            `(${(long.median / short.median).toFixed(2)}×; min–max ${formatNumber(short.min)}–${formatNumber(short.max)} and ${formatNumber(long.min)}–${formatNumber(long.max)} µs).`,
        },
      ],
    });

    const at8 = (name: string) => row(name, 8)?.median;
    const ours8 = at8(oursName)!;
    const emmett8 = at8("Emmett's PostgreSQL event store 0.42");
    const plain8 = at8('Plain multi-row INSERT (ceiling)')!;
    report.addTarget({
      suite: SUITE,
      target: 'Appends: ≥ 1.5× Emmett with 8 writers',
      measured: emmett8
        ? `${(ours8 / emmett8).toFixed(2)}× (${formatNumber(ours8)} vs ${formatNumber(emmett8)} events/s)`
        : '—',
      status: emmett8 ? (ours8 >= 1.5 * emmett8 ? 'met' : 'not met') : 'not measured',
    });
    report.addTarget({
      suite: SUITE,
      target: 'Appends: ≥ 0.5× the plain-INSERT ceiling (8 writers)',
      measured: `${(ours8 / plain8).toFixed(2)}× (${formatNumber(ours8)} vs ${formatNumber(plain8)} events/s)`,
      status: ours8 >= 0.5 * plain8 ? 'met' : 'not met',
    });
    report.addTarget({
      suite: SUITE,
      target: 'Appends: 10k events/s with 8 writers',
      measured: `${formatNumber(ours8)} events/s`,
      status: ours8 >= 10_000 ? 'met' : 'not met',
    });
    report.addTarget({
      suite: SUITE,
      target: 'Memory: a 2,000-event stream costs no more per command than a 20-event one, within 2×',
      measured: `${(long.median / short.median).toFixed(2)}× (${formatNumber(long.median)} vs ${formatNumber(short.median)} µs)`,
      status: long.median <= 2 * short.median ? 'met' : 'not met',
    });
  } finally {
    await emmett?.close().catch(() => undefined);
    await plain.end().catch(() => undefined);
    await store.close().catch(() => undefined);
    await database.drop();
  }
}
