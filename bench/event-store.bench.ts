import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  comparePositions,
  openEventStore,
  type EventStore,
  type ExpectedRevision,
  type LogPosition,
  type RecordedEvent,
  type Subscription,
} from '@pj/event-store';
import { procurementEventFactory, payloadSizes } from './procurement-events';
import { createBenchDatabase, redact, serverInfo, type BenchDatabase } from './postgres-database';
import { BenchReport, formatNumber, percentile, stats, type Block, type Stats } from './report';

/**
 * Event-store suite: append throughput, global-log read rate and subscription catch-up, on
 * PGlite (in memory, in this process) and on the PostgreSQL server, through the event-store port
 * only (`openEventStore`), as the application uses it.
 */

const SUITE = 'Event store';
/** Events per case stream before a writer moves on to a new case, as a procurement case would. */
const EVENTS_PER_STREAM = 100;
const READ_PAGE = 1000;

type AdapterKey = 'pglite' | 'postgres';
type MeasurementKey = 'append-1' | 'append-10' | 'append-8x10' | 'read-all' | 'catch-up';

interface Measurement {
  readonly key: MeasurementKey;
  readonly title: string;
  readonly how: string;
}

const MEASUREMENTS: readonly Measurement[] = [
  {
    key: 'append-1',
    title: 'Append — one writer, 1-event appends',
    how: 'One writer appends one event per call to its own case stream, with an expected revision (optimistic concurrency), one call after the other.',
  },
  {
    key: 'append-10',
    title: 'Append — one writer, 10-event appends',
    how: 'One writer appends 10 events per call (one command deciding 10 events), one call after the other.',
  },
  {
    key: 'append-8x10',
    title: 'Append — 8 concurrent writers on distinct streams, 10-event appends',
    how: 'Eight writers run at once, each on its own case stream, each appending 10 events per call.',
  },
  {
    key: 'read-all',
    title: 'Global-log read (readAll, pages of 1,000)',
    how: `\`readAll\` from the start of the log to its end in pages of ${formatNumber(READ_PAGE)}, each page's \`lastPosition\` passed as the next \`after\`. Events arrive parsed (data and metadata as objects).`,
  },
  {
    key: 'catch-up',
    title: 'Subscription catch-up (subscribeToAll from the start)',
    how: '`subscribeToAll` from the start of the log with its default page size (500); the time runs from the call until `onCaughtUp`, with a trivial `onEvent` (counts events). Includes opening the LISTEN connection.',
  },
];

interface Result {
  readonly rate: Stats;
  /** Node's CPU time (user + system) over wall time, median over runs: 1.0 = one core busy. */
  readonly nodeCpu: number;
  /** Per-call append latency over all timed runs, in ms. */
  readonly latency?: { p50: number; p99: number };
  readonly events: number;
  /** Set when a run returned a wrong result (lost, duplicated or misordered events). */
  readonly problem?: string;
}

interface RunOutcome {
  readonly events: number;
  readonly seconds: number;
  readonly cpu: number;
  readonly latencies?: number[];
  readonly problem?: string;
}

export async function run(report: BenchReport): Promise<void> {
  const { config } = report;
  const logSize = config.quick ? 2_000 : 20_000;
  const results = new Map<AdapterKey, Map<MeasurementKey, Result>>();
  const problems: string[] = [];

  const sizes = payloadSizes();
  const adapters: { key: AdapterKey; label: string }[] = [
    { key: 'pglite', label: 'PGlite (in memory)' },
    { key: 'postgres', label: 'PostgreSQL' },
  ];

  report.addEnvironment(
    'PGlite',
    `${packageVersion('@electric-sql/pglite')} (WASM, in the bench's Node process, in memory)`,
  );
  report.addEnvironment('pg (node-postgres)', packageVersion('pg'));

  // PGlite
  report.log('event store: PGlite (in memory)');
  results.set('pglite', await measureAdapter(report, () => openEventStore({ kind: 'pglite' }), 'PGlite', logSize));

  // PostgreSQL server
  let database: BenchDatabase | undefined;
  try {
    const info = await serverInfo(config.databaseUrl);
    const host = new URL(config.databaseUrl).hostname;
    adapters[1].label = `PostgreSQL ${info.version.split(' ')[0]}`;
    report.addEnvironment(
      'PostgreSQL server',
      `${info.version} at ${redact(config.databaseUrl)} (${isLoopback(host) ? 'same machine, loopback TCP' : 'remote'}); ` +
        Object.entries(info.settings)
          .map(([name, value]) => `${name}=${value}`)
          .join(', '),
    );
    database = await createBenchDatabase(config.databaseUrl);
    report.log(`event store: PostgreSQL, ${database.description}`);
    const url = database.url;
    results.set(
      'postgres',
      await measureAdapter(
        report,
        () => openEventStore({ kind: 'postgres', connectionString: url }),
        'PostgreSQL',
        logSize,
      ),
    );
  } catch (error) {
    problems.push(
      `PostgreSQL at ${redact(config.databaseUrl)} not measured: ${error instanceof Error ? error.message : String(error)}`,
    );
    report.log(`event store: PostgreSQL failed: ${String(error)}`);
    report.failures.push({
      suite: SUITE,
      error: problems[problems.length - 1],
    });
  } finally {
    await database?.drop().catch((error: unknown) => report.log(`could not drop the bench database: ${String(error)}`));
  }

  renderSections(report, adapters, results, {
    logSize,
    sizes,
    isolation: database?.description,
    problems,
  });
  addTargets(report, results);
}

async function measureAdapter(
  report: BenchReport,
  open: () => Promise<EventStore>,
  name: string,
  logSize: number,
): Promise<Map<MeasurementKey, Result>> {
  const { config } = report;
  const results = new Map<MeasurementKey, Result>();
  const store = await open();
  try {
    report.log(`${name}: writing a log of ${formatNumber(logSize)} events to read back`);
    const log = new Set(await seed(store, logSize));

    results.set('read-all', await repeat(report, `${name} readAll`, () => readAllOnce(store, log)));
    results.set('catch-up', await repeat(report, `${name} catch-up`, () => catchUpOnce(store, log)));
    const seconds = config.runSeconds;
    results.set(
      'append-1',
      await repeat(report, `${name} append 1×1`, () => appendFor(store, { writers: 1, batch: 1, seconds })),
    );
    results.set(
      'append-10',
      await repeat(report, `${name} append 1×10`, () => appendFor(store, { writers: 1, batch: 10, seconds })),
    );
    results.set(
      'append-8x10',
      await repeat(report, `${name} append 8×10`, () => appendFor(store, { writers: 8, batch: 10, seconds })),
    );
  } finally {
    await store.close();
  }
  return results;
}

/** Warm-up runs, then timed runs; progress on stderr. */
async function repeat(report: BenchReport, label: string, once: () => Promise<RunOutcome>): Promise<Result> {
  const { warmups, runs } = report.config;
  const rates: number[] = [];
  const cpus: number[] = [];
  const latencies: number[] = [];
  let events = 0;
  let problem: string | undefined;
  for (let i = 0; i < warmups + runs; i++) {
    const outcome = await once();
    if (outcome.problem) report.log(`  ${label}: WRONG RESULT: ${outcome.problem}`);
    problem ??= outcome.problem;
    const rate = outcome.events / outcome.seconds;
    const warm = i < warmups;
    report.log(
      `  ${label} ${warm ? 'warm-up' : `run ${i - warmups + 1}/${runs}`}: ${formatNumber(rate)} events/s ` +
        `(${formatNumber(outcome.events)} events in ${formatNumber(outcome.seconds, 2)} s, node cpu ${formatNumber(outcome.cpu, 2)})`,
    );
    if (warm) continue;
    rates.push(rate);
    cpus.push(outcome.cpu);
    events += outcome.events;
    if (outcome.latencies) latencies.push(...outcome.latencies);
  }
  return {
    rate: stats(rates),
    nodeCpu: stats(cpus).median,
    latency: latencies.length > 0 ? { p50: percentile(latencies, 50), p99: percentile(latencies, 99) } : undefined,
    events,
    problem,
  };
}

function timer(): () => { seconds: number; cpu: number } {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  return () => {
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    return { seconds, cpu: (cpu.user + cpu.system) / 1e6 / seconds };
  };
}

/** Writes `total` events in 10-event batches from 4 writers, 50 events per case stream. */
async function seed(store: EventStore, total: number): Promise<string[]> {
  const ids: string[] = [];
  const factory = procurementEventFactory();
  let remaining = total / 10;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      let streamId = '';
      let revision: ExpectedRevision = 'no_stream';
      while (remaining > 0) {
        remaining--;
        if (revision === 'no_stream' || (revision as number) + 1 >= 50) {
          streamId = `procurement-case-${randomUUID()}`;
          revision = 'no_stream';
        }
        const batch = factory.batch(streamId, 10);
        const result = await store.appendToStream(streamId, batch, { expectedRevision: revision });
        ids.push(...batch.map((event) => event.metadata.eventId));
        revision = result.nextExpectedRevision;
      }
    }),
  );
  return ids;
}

async function readAllOnce(store: EventStore, expected: ReadonlySet<string>): Promise<RunOutcome> {
  const pages: (readonly RecordedEvent[])[] = [];
  const stop = timer();
  let after: LogPosition | undefined;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    pages.push(page.events);
    events += page.events.length;
    after = page.lastPosition;
    if (page.isEnd) break;
  }
  const { seconds, cpu } = stop();
  return { events, seconds, cpu, problem: checkDelivery('readAll', pages.flat(), expected) };
}

async function catchUpOnce(store: EventStore, expected: ReadonlySet<string>): Promise<RunOutcome> {
  const delivered: RecordedEvent[] = [];
  const stop = timer();
  let subscription: Subscription | undefined;
  await new Promise<void>((resolve, reject) => {
    subscription = store.subscribeToAll({
      onEvent: async (event) => {
        delivered.push(event);
      },
      onCaughtUp: resolve,
      onError: reject,
    });
  });
  const { seconds, cpu } = stop();
  await subscription?.stop();
  return { events: delivered.length, seconds, cpu, problem: checkDelivery('catch-up', delivered, expected) };
}

/**
 * Checked after the clock stops: every event of the log delivered exactly once, positions strictly
 * increasing. A rate over a wrong result is reported, but flagged and never counted as a target met.
 */
function checkDelivery(
  what: string,
  delivered: readonly RecordedEvent[],
  expected: ReadonlySet<string>,
): string | undefined {
  const seen = new Set<string>();
  let duplicates = 0;
  let outOfOrder = 0;
  for (let i = 0; i < delivered.length; i++) {
    const id = delivered[i].metadata.eventId;
    if (seen.has(id)) duplicates++;
    seen.add(id);
    if (i > 0 && comparePositions(delivered[i - 1].position, delivered[i].position) >= 0) outOfOrder++;
  }
  let missing = 0;
  for (const id of expected) if (!seen.has(id)) missing++;
  let unexpected = 0;
  for (const id of seen) if (!expected.has(id)) unexpected++;
  if (missing + duplicates + outOfOrder + unexpected === 0) return undefined;
  return (
    `${what} delivered ${formatNumber(delivered.length)} events for a log of ${formatNumber(expected.size)}: ` +
    [
      missing && `${formatNumber(missing)} never delivered`,
      duplicates && `${formatNumber(duplicates)} duplicates`,
      outOfOrder && `${formatNumber(outOfOrder)} out of log order`,
      unexpected && `${formatNumber(unexpected)} not written by the bench`,
    ]
      .filter(Boolean)
      .join(', ')
  );
}

/** `writers` writers each append `batch`-event calls to their own stream until the time is up. */
async function appendFor(
  store: EventStore,
  options: { writers: number; batch: number; seconds: number },
): Promise<RunOutcome> {
  const factory = procurementEventFactory();
  const latencies: number[] = [];
  let events = 0;
  const stop = timer();
  const deadline = performance.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.writers }, async () => {
      let streamId = `procurement-case-${randomUUID()}`;
      let revision: ExpectedRevision = 'no_stream';
      while (performance.now() < deadline) {
        const batch = factory.batch(streamId, options.batch);
        const started = performance.now();
        const result = await store.appendToStream(streamId, batch, {
          expectedRevision: revision,
        });
        latencies.push(performance.now() - started);
        events += options.batch;
        revision = result.nextExpectedRevision;
        if (revision + 1 >= EVENTS_PER_STREAM) {
          streamId = `procurement-case-${randomUUID()}`;
          revision = 'no_stream';
        }
      }
    }),
  );
  const { seconds, cpu } = stop();
  return { events, seconds, cpu, latencies };
}

function renderSections(
  report: BenchReport,
  adapters: readonly { key: AdapterKey; label: string }[],
  results: Map<AdapterKey, Map<MeasurementKey, Result>>,
  context: {
    logSize: number;
    sizes: ReturnType<typeof payloadSizes>;
    isolation: string | undefined;
    problems: readonly string[];
  },
): void {
  const { config } = report;
  const intro: Block[] = [
    {
      kind: 'text',
      text: [
        'Measured through the event-store port (`openEventStore` from `@pj/event-store`), as the application uses it:',
        '',
        '- **PGlite** runs **in memory** (no data directory) in the bench’s own Node process: the database and the',
        '  client share one thread, and nothing is written to disk, so its appends do not pay for durability.',
        `- **PostgreSQL** is the server at \`${redact(config.databaseUrl)}\`` +
          (context.isolation ? `; the bench writes to a ${context.isolation}.` : '.') +
          ' Each append is its own committed transaction (fsync on, synchronous_commit on unless stated in Machine).',
        `- Events are procurement-case events (CaseOpened, BidSubmitted, BidEvaluated, BidderExcluded) with full metadata:`,
        `  data ${formatNumber(context.sizes.min, 0)}–${formatNumber(context.sizes.max, 0)} bytes of JSON (mean ${formatNumber(context.sizes.data, 0)}),` +
          ` metadata ${formatNumber(context.sizes.metadata, 0)} bytes, so ~${formatNumber(context.sizes.data + context.sizes.metadata, 0)} bytes per event.`,
        `- Appends: each timed run lasts ${config.runSeconds} s; a writer moves to a new case stream every ${EVENTS_PER_STREAM} events.` +
          ` The appends run after the reads, on a log already holding ${formatNumber(context.logSize)} events.`,
        `- Reads and catch-up: over a log of ${formatNumber(context.logSize)} events written by the bench (10-event appends, 50 events per stream); after the clock stops, every run checks that each event of the log arrived exactly once and in log order.`,
        '- "Node CPU" is the bench process’s CPU time over wall time (1.00 = one core busy). For PGlite it includes the database itself.',
      ].join('\n'),
    },
  ];
  for (const problem of context.problems) intro.push({ kind: 'text', text: `**Not measured:** ${problem}` });
  report.addSection({ title: SUITE, level: 2, blocks: intro });

  for (const measurement of MEASUREMENTS) {
    const isAppend = measurement.key.startsWith('append');
    const headers = [
      'Adapter',
      'Median (events/s)',
      'Min',
      'Max',
      'Node CPU',
      ...(isAppend ? ['Append latency p50 / p99 (ms)'] : []),
      'Events timed',
    ];
    const rows = adapters.map(({ key, label }) => {
      const result = results.get(key)?.get(measurement.key);
      if (!result) return [label, 'not measured', '', '', '', ...(isAppend ? [''] : []), ''];
      return [
        label,
        `${formatNumber(result.rate.median)}${result.problem ? ' ⚠ wrong result' : ''}`,
        formatNumber(result.rate.min),
        formatNumber(result.rate.max),
        formatNumber(result.nodeCpu, 2),
        ...(isAppend && result.latency
          ? [`${formatNumber(result.latency.p50, 2)} / ${formatNumber(result.latency.p99, 2)}`]
          : []),
        formatNumber(result.events),
      ];
    });
    const lite = results.get('pglite')?.get(measurement.key);
    const server = results.get('postgres')?.get(measurement.key);
    const ratio =
      lite && server
        ? `PGlite / PostgreSQL (medians): **${formatNumber(lite.rate.median / server.rate.median, 2)}×**` +
          (lite.rate.median * 3 >= server.rate.median ? ' — within 3x.' : ' — not within 3x.')
        : 'PGlite / PostgreSQL: not available (one side not measured).';
    report.addSection({
      title: measurement.title,
      level: 3,
      blocks: [
        { kind: 'text', text: measurement.how },
        {
          kind: 'table',
          headers,
          rows,
          align: headers.map((_, i) => (i === 0 ? 'l' : 'r')),
        },
        { kind: 'text', text: ratio },
        ...adapters.flatMap(({ key, label }): Block[] => {
          const problem = results.get(key)?.get(measurement.key)?.problem;
          return problem ? [{ kind: 'text', text: `**⚠ Wrong result on ${label}:** ${problem}.` }] : [];
        }),
      ],
    });
  }
}

function addTargets(report: BenchReport, results: Map<AdapterKey, Map<MeasurementKey, Result>>): void {
  const server = results.get('postgres');
  const lite = results.get('pglite');
  const check = (target: string, result: Result | undefined, minimum: number, note?: string) =>
    report.addTarget({
      suite: SUITE,
      target,
      measured: result ? `${formatNumber(result.rate.median)} events/s` : 'not measured',
      status: !result ? 'not measured' : result.rate.median >= minimum && !result.problem ? 'met' : 'not met',
      note: result?.problem ? `wrong result: ${result.problem}` : note,
    });

  check('PostgreSQL: ≥ 5,000 events/s appended with 10-event batches (one writer)', server?.get('append-10'), 5_000);
  check(
    'PostgreSQL: ≥ 5,000 events/s appended with 10-event batches (8 concurrent writers)',
    server?.get('append-8x10'),
    5_000,
    'same target, read as aggregate throughput of concurrent writers',
  );
  check('PostgreSQL: ≥ 100,000 events/s read from the global log', server?.get('read-all'), 100_000);

  for (const measurement of MEASUREMENTS) {
    const l = lite?.get(measurement.key);
    const s = server?.get(measurement.key);
    report.addTarget({
      suite: SUITE,
      target: `PGlite within 3x of PostgreSQL: ${measurement.title.replace(/ \(.*\)$/, '')}`,
      measured:
        l && s
          ? `${formatNumber(l.rate.median)} vs ${formatNumber(s.rate.median)} events/s (${formatNumber(l.rate.median / s.rate.median, 2)}×)`
          : 'not measured',
      status:
        !l || !s ? 'not measured' : l.rate.median * 3 >= s.rate.median && !l.problem && !s.problem ? 'met' : 'not met',
      note:
        l?.problem || s?.problem ? `wrong result: ${[l?.problem, s?.problem].filter(Boolean).join('; ')}` : undefined,
    });
  }

  const read = server?.get('read-all');
  report.addTarget({
    suite: SUITE,
    target: 'Reference: published EventStoreDB Node client reads ~31,000 events/s (v6.2.1)',
    measured: read
      ? `PostgreSQL readAll ${formatNumber(read.rate.median)} events/s (${formatNumber(read.rate.median / 31_000, 2)}× the reference)`
      : 'not measured',
    status: 'reference',
    note: 'published figure, not measured here (no EventStoreDB on this machine)',
  });
}

function packageVersion(name: string): string {
  // Some packages do not export their package.json; read it from node_modules then.
  for (const path of [
    () => require.resolve(`${name}/package.json`),
    () => join(process.cwd(), 'node_modules', name, 'package.json'),
  ]) {
    try {
      return (JSON.parse(readFileSync(path(), 'utf8')) as { version: string }).version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}
