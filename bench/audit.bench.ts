/**
 * Audit suite: verification and replay rates over a large store on the PostgreSQL server.
 *
 * The store is filled once (not measured): copies of a real case history written through the
 * command path (libs/audit's scenario: tender, award, complaint, contract, sanction, escalation,
 * termination), each copy a stream of its own with its hash chain computed as the adapter does,
 * inserted in batches of 10,000 rows. Then, in a fresh database `pj_bench_audit_…` (dropped at the
 * end), each figure is the median of the measured runs:
 * - read: the global log read page by page, nothing else (the floor verification sits on);
 * - verify: the whole-store verification the CLI runs (read + RFC 8785 + SHA-256 + link checks);
 * - replay: every stream folded through its decider, events upcast (the CLI's `replay --all`).
 *
 * Run alone: `node dist/bench/audit.bench.js` after `npm run build` (BENCH_QUICK=1 for a smoke run).
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { keysFromSeed, replayStore, verifyStore } from '@pj/audit';
import { createScratchDatabase, SCENARIO_ORGANISATION, writeScenario } from '@pj/audit/testing';
import { procurementCaseStreamId } from '@pj/domain';
import type { EventStore, LogPosition, RecordedEvent } from '@pj/event-store';
import { chainBatch, openEventStore, PgliteDriver, SqlEventStore } from '@pj/event-store';
import { BenchReport, formatNumber, renderMarkdown, stats, type BenchConfig } from './report';

const SUITE = 'Audit: verification and replay';
const TARGET_EVENTS_PER_SECOND = 100_000;

/** A real case history, written through the command path into an in-memory store. */
async function templateHistory(): Promise<RecordedEvent[]> {
  const store = await SqlEventStore.open(await PgliteDriver.open());
  try {
    const { caseStreamId } = await writeScenario(store, 'bench-template');
    return [...(await store.readStream(caseStreamId))];
  } finally {
    await store.close();
  }
}

/** Fills the database with `total` events: copies of the template, one stream each, valid chains. */
async function fill(
  url: string,
  total: number,
  template: readonly RecordedEvent[],
  log: (m: string) => void,
): Promise<number> {
  const store = await SqlEventStore.open(await (await import('@pj/event-store')).PgDriver.open(url));
  await store.close(); // migrations only
  const client = new Client({ connectionString: url });
  await client.connect();
  const batch: {
    stream: string[];
    revision: number[];
    id: string[];
    type: string[];
    data: string[];
    metadata: string[];
  } = {
    stream: [],
    revision: [],
    id: [],
    type: [],
    data: [],
    metadata: [],
  };
  const flush = async () => {
    if (batch.id.length === 0) return;
    await client.query(
      `INSERT INTO pj_events (stream_id, stream_revision, event_id, event_type, data, metadata)
       SELECT s, r, i, t, d::json, m::json FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS x(s, r, i, t, d, m)`,
      [batch.stream, batch.revision, batch.id, batch.type, batch.data, batch.metadata],
    );
    for (const list of Object.values(batch)) list.length = 0;
  };
  let written = 0;
  let streams = 0;
  const streamRows: [string, number][] = [];
  while (written < total) {
    const caseId = `bench-${streams}`;
    const streamId = procurementCaseStreamId(SCENARIO_ORGANISATION, caseId);
    const count = Math.min(template.length, total - written);
    const events = template.slice(0, count).map((event) => ({
      type: event.type,
      data: { ...(event.data as Record<string, unknown>), caseId },
      metadata: { ...event.metadata, eventId: randomUUID(), commandId: `${caseId}/${event.metadata.commandId}` },
    }));
    for (const [revision, event] of chainBatch(streamId, 0, null, events).entries()) {
      batch.stream.push(streamId);
      batch.revision.push(revision);
      batch.id.push(event.metadata.eventId);
      batch.type.push(event.type);
      batch.data.push(JSON.stringify(event.data));
      batch.metadata.push(JSON.stringify(event.metadata));
    }
    streamRows.push([streamId, count - 1]);
    written += count;
    streams += 1;
    if (batch.id.length >= 10_000) await flush();
    if (streams % 5000 === 0) log(`audit: filled ${formatNumber(written)} events`);
  }
  await flush();
  for (let i = 0; i < streamRows.length; i += 10_000) {
    const slice = streamRows.slice(i, i + 10_000);
    await client.query('INSERT INTO pj_streams (stream_id, revision) SELECT * FROM unnest($1::text[], $2::bigint[])', [
      slice.map(([id]) => id),
      slice.map(([, revision]) => revision),
    ]);
  }
  await client.query('VACUUM ANALYZE pj_events');
  await client.end();
  return streams;
}

async function readOnly(store: EventStore, pageSize: number): Promise<number> {
  let after: LogPosition | undefined;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    count += page.events.length;
    after = page.lastPosition;
    if (page.isEnd) return count;
  }
}

async function measure(report: BenchReport, label: string, expected: number, work: () => Promise<number>) {
  const rates: number[] = [];
  for (let i = 0; i < report.config.warmups + report.config.runs; i++) {
    const started = process.hrtime.bigint();
    const events = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (events !== expected) throw new Error(`${label}: saw ${events} events, expected ${expected}`);
    if (i >= report.config.warmups) rates.push(events / seconds);
    report.log(`audit: ${label} run ${i + 1}: ${formatNumber(events / seconds)} events/s`);
  }
  return stats(rates);
}

export async function run(report: BenchReport): Promise<void> {
  const { config } = report;
  const total = config.quick ? 20_000 : 1_000_000;
  const pageSize = 5000;
  report.log(`audit: building the template case and a database of ${formatNumber(total)} events`);
  const template = await templateHistory();
  const database = await createScratchDatabase('bench_audit', config.databaseUrl);
  try {
    const fillStarted = Date.now();
    const streams = await fill(database.url, total, template, (m) => report.log(m));
    const fillSeconds = (Date.now() - fillStarted) / 1000;
    const store = await openEventStore({ kind: 'postgres', connectionString: database.url });
    const keys = keysFromSeed(Buffer.alloc(32, 1));
    try {
      const read = await measure(report, 'read', total, () => readOnly(store, pageSize));
      const verify = await measure(report, 'verify', total, async () => {
        const result = await verifyStore(store, { keys, pageSize });
        if (!result.ok) throw new Error(`verification failed: ${JSON.stringify(result.issues.slice(0, 3))}`);
        return result.eventsChecked;
      });
      const replay = await measure(report, 'replay', total, async () => {
        const result = await replayStore(store, { pageSize });
        if (result.failures.length > 0)
          throw new Error(`replay failed: ${JSON.stringify(result.failures.slice(0, 3))}`);
        return result.events;
      });
      const rate = (s: { median: number; min: number; max: number }) =>
        [formatNumber(s.median), formatNumber(s.min), formatNumber(s.max)] as const;
      report.addSection({
        title: SUITE,
        level: 2,
        blocks: [
          {
            kind: 'text',
            text:
              `${formatNumber(total)} events in ${formatNumber(streams)} streams (copies of one real case history of ${template.length} events, ` +
              `written through the command path), on the PostgreSQL server in a fresh database \`${database.name}\`, dropped at the end. ` +
              `Fill (not measured): ${formatNumber(fillSeconds, 1)} s. Global log read in pages of ${formatNumber(pageSize)}; ` +
              `verification reads the next page while it hashes the current one. ${config.runs} measured runs after ${config.warmups} warm-up; ` +
              `${cpus().length} cores shared with the PostgreSQL server.`,
          },
          {
            kind: 'table',
            headers: ['whole store', 'median events/s', 'min', 'max', 'median time for all events'],
            align: ['l', 'r', 'r', 'r', 'r'],
            rows: [
              ['read the global log only', ...rate(read), `${formatNumber(total / read.median, 1)} s`],
              ['verify (RFC 8785 + SHA-256 + links)', ...rate(verify), `${formatNumber(total / verify.median, 1)} s`],
              ['replay (upcast + evolve per stream)', ...rate(replay), `${formatNumber(total / replay.median, 1)} s`],
            ],
          },
        ],
      });
      report.addTarget({
        suite: SUITE,
        target: `verification ≥ ${formatNumber(TARGET_EVENTS_PER_SECOND)} events/s over ${formatNumber(total)} events`,
        measured: `${formatNumber(verify.median)} events/s (reading alone: ${formatNumber(read.median)} events/s)`,
        status: config.quick ? 'not measured' : verify.median >= TARGET_EVENTS_PER_SECOND ? 'met' : 'not met',
        note: config.quick ? 'BENCH_QUICK: too few events to judge' : undefined,
      });
      report.addTarget({
        suite: SUITE,
        target: 'replay of the whole store',
        measured: `${formatNumber(replay.median)} events/s`,
        status: 'reference',
      });
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
}

if (require.main === module) {
  const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';
  const config: BenchConfig = {
    quick,
    runs: process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : quick ? 3 : 5,
    warmups: 1,
    runSeconds: quick ? 0.5 : 2,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
  const report = new BenchReport(config);
  run(report).then(
    () => process.stdout.write(renderMarkdown(report, new Date())),
    (error: unknown) => {
      process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
      process.exitCode = 1;
    },
  );
}
