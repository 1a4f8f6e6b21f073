/**
 * Web suite (issue 14): what the first screen ships, and how soon the case board shows its first
 * page with 10,000 cases in the store, both in Debian's chromium (playwright-core) against the built
 * engine in its own process on the PostgreSQL server.
 *
 * - Bytes: every script and stylesheet the browser loads until the case board shows, each
 *   gzipped (zlib, level 6, what a server's compression usually sends). Beside it, in the same run,
 *   a peer (Swagger UI at /api/docs, the screen users had before the web app) and a floor (one
 *   paragraph rendered with React, built by the same Vite: the least any React screen ships).
 * - Time: from navigation to the first row of the board in the DOM, in a fresh browser context each
 *   run (cold cache, signed in). Beside it: the API's own answer to the board's read (GET
 *   /api/cases?limit=50, from Node), which the screen cannot beat, and Swagger UI until it lists
 *   its operations.
 *
 * The store is filled once (not measured): copies of a real opening (CaseOpened, RiskScreened,
 * written through the command path by libs/audit's scenario), one case stream each with its hash
 * chain, inserted in batches; the engine's projections then build the board from the log.
 *
 * Run alone: `BENCH_SUITES=web node dist/bench/run.js` after `npm run build`.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { SCENARIO_ORGANISATION, writeScenario } from '@pj/audit/testing';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { procurementCaseStreamId } from '@pj/domain';
import { chainBatch, PgDriver, PgliteDriver, SqlEventStore, type RecordedEvent } from '@pj/event-store';
import { startEngine, type RunningEngine } from './api.bench';
import { createBenchDatabase, redact, type BenchDatabase } from './postgres-database';
import { BenchReport, formatNumber, stats, type Stats } from './report';

const SUITE = 'Web app';
const TARGET_KB = 300;
const TARGET_FIRST_PAGE_MS = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_APP = resolve('dist/web');

/** CaseOpened and RiskScreened of a real case, written through the command path. */
async function openingTemplate(): Promise<RecordedEvent[]> {
  const store = await SqlEventStore.open(await PgliteDriver.open());
  try {
    const { caseStreamId } = await writeScenario(store, 'bench-template');
    const history = await store.readStream(caseStreamId);
    return history.filter((event) => event.type === 'CaseOpened' || event.type === 'RiskScreened');
  } finally {
    await store.close();
  }
}

/** Writes `cases` copies of the opening, one stream each (new ids, links and hash chain kept valid). */
async function fillCases(url: string, cases: number, template: readonly RecordedEvent[]): Promise<void> {
  const store = await SqlEventStore.open(await PgDriver.open(url));
  await store.close(); // migrations only
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = { stream: [] as string[], revision: [] as number[], id: [] as string[], type: [] as string[] };
    const bodies = { data: [] as string[], metadata: [] as string[] };
    const streams: string[] = [];
    const flush = async () => {
      if (rows.id.length === 0) return;
      await client.query(
        `INSERT INTO pj_events (stream_id, stream_revision, event_id, event_type, data, metadata)
         SELECT s, r, i, t, d::json, m::json
           FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS x(s, r, i, t, d, m)`,
        [rows.stream, rows.revision, rows.id, rows.type, bodies.data, bodies.metadata],
      );
      for (const list of [...Object.values(rows), ...Object.values(bodies)]) list.length = 0;
    };
    for (let n = 0; n < cases; n += 1) {
      const caseId = randomUUID();
      const streamId = procurementCaseStreamId(SCENARIO_ORGANISATION, caseId);
      const ids = new Map(template.map((event) => [event.metadata.eventId, randomUUID()]));
      const relink = (id: unknown) => (typeof id === 'string' ? (ids.get(id) ?? id) : id);
      const events = template.map((event) => {
        const data: Record<string, unknown> = { ...(event.data as Record<string, unknown>), caseId };
        if (event.type === 'CaseOpened') data.title = `Case ${n + 1}: ${String(data.title)}`;
        return {
          type: event.type,
          data,
          metadata: {
            ...event.metadata,
            eventId: ids.get(event.metadata.eventId)!,
            causationId: relink(event.metadata.causationId),
            correlationId: relink(event.metadata.correlationId),
            commandId: `${caseId}/${event.metadata.commandId}`,
          },
        };
      });
      for (const [revision, event] of chainBatch(streamId, 0, null, events as never).entries()) {
        rows.stream.push(streamId);
        rows.revision.push(revision);
        rows.id.push(event.metadata.eventId);
        rows.type.push(event.type);
        bodies.data.push(JSON.stringify(event.data));
        bodies.metadata.push(JSON.stringify(event.metadata));
      }
      streams.push(streamId);
      if (rows.id.length >= 10_000) await flush();
    }
    await flush();
    await client.query('INSERT INTO pj_streams (stream_id, revision) SELECT s, $2 FROM unnest($1::text[]) AS x(s)', [
      streams,
      template.length - 1,
    ]);
    await client.query('VACUUM ANALYZE pj_events');
  } finally {
    await client.end();
  }
}

/** What the scripts below use of the page's globals (this code runs in the browser). */
interface PageGlobals {
  readonly sessionStorage: { setItem(key: string, value: string): void };
  readonly document: { querySelector(selector: string): unknown };
  readonly performance: { now(): number };
  readonly MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
  __shownAt?: number;
}

const gzipped = (body: Buffer) => gzipSync(body, { level: 6 }).length;
const kB = (bytes: number) => `${formatNumber(bytes / 1000, 1)} kB`;
const ms = (value: number) => `${formatNumber(value, 0)} ms`;
const spread = (s: Stats, format: (value: number) => string) =>
  `${format(s.median)} (${format(s.min)}–${format(s.max)})`;

/** The scripts and stylesheets a page loads until `ready` holds, each gzipped, by file. */
async function shippedBytes(
  context: BrowserContext,
  url: string,
  ready: string,
): Promise<{ total: number; files: [string, number][] }> {
  const page = await context.newPage();
  const files: Promise<[string, number]>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet')
      files.push(response.body().then((body) => [new URL(response.url()).pathname, gzipped(body)]));
  });
  await page.goto(url);
  await page.waitForSelector(ready);
  const measured = await Promise.all(files);
  await page.close();
  return { total: measured.reduce((sum, [, bytes]) => sum + bytes, 0), files: measured };
}

/**
 * The floor: a screen that renders one paragraph with React, built by the same Vite (minified, as
 * the app is), gzipped. It is built in `.bench-web-floor/` inside the repository, so it resolves the
 * same node_modules, and removed afterwards.
 */
function reactFloor(): number {
  const root = resolve('.bench-web-floor');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  try {
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>',
    );
    writeFileSync(
      join(root, 'main.js'),
      "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
        "createRoot(document.getElementById('root')).render(createElement('p', null, 'Procurement Journey'));\n",
    );
    execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', root, '--logLevel', 'warn'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const assets = join(root, 'dist', 'assets');
    return readdirSync(assets)
      .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
      .reduce((sum, file) => sum + gzipped(readFileSync(join(assets, file))), 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Milliseconds from navigation start until `selector` is in the DOM, in a fresh context. */
async function timeToShow(
  browser: Browser,
  baseURL: string,
  path: string,
  selector: string,
  session?: string,
): Promise<number> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(
      ({ selector: wanted, session: stored }) => {
        const w = globalThis as unknown as PageGlobals;
        if (stored) w.sessionStorage.setItem('pj.session', stored);
        const observer = new w.MutationObserver(() => {
          if (w.document.querySelector(wanted)) {
            w.__shownAt = w.performance.now();
            observer.disconnect();
          }
        });
        observer.observe(w.document, { childList: true, subtree: true });
      },
      { selector, session },
    );
    const page = await context.newPage();
    await page.goto(path);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__shownAt !== undefined, undefined, {
      timeout: 60_000,
    });
    // Awaited here, before finally closes the context.
    return await page.evaluate(() => (globalThis as unknown as PageGlobals).__shownAt!);
  } finally {
    await context.close();
  }
}

async function waitForBoard(url: string, token: string, cases: number, log: (m: string) => void): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const answer = await fetch(`${url}/api/cases?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    if (answer.ok) {
      const { phases } = (await answer.json()) as { phases: Record<string, number> };
      const counted = Object.values(phases).reduce((sum, n) => sum + n, 0);
      if (counted >= cases) return;
      log(`web: the board shows ${formatNumber(counted, 0)} of ${formatNumber(cases)} cases`);
    }
    if (Date.now() > deadline) throw new Error(`the board did not reach ${cases} cases within 600 s`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

/**
 * Until the health report shows every projection caught up. The process manager runs in the worker,
 * which this engine does not embed: its lag is not waited for (nor does health, given the max lag).
 */
async function waitForProjections(url: string, log: (m: string) => void): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const health = (await (await fetch(`${url}/api/health`)).json()) as {
      projections?: { name: string; lag: number | null }[];
    };
    const behind = (health.projections ?? []).filter((projection) => (projection.lag ?? 0) > 0);
    if (behind.length === 0) return;
    log(`web: waiting for ${behind.map((projection) => `${projection.name} (${projection.lag})`).join(', ')}`);
    if (Date.now() > deadline) throw new Error('the projections did not catch up with the log within 600 s');
    await new Promise((r) => setTimeout(r, 5000));
  }
}

export async function run(report: BenchReport): Promise<void> {
  const { quick, runs, warmups } = report.config;
  if (!existsSync(join(WEB_APP, 'index.html'))) throw new Error(`no web app build in ${WEB_APP}: npm run build:web`);
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}`);
  const cases = quick ? 1_000 : 10_000;
  const user = { id: 'bench-contract-manager', name: 'bench', role: 'contract_manager' };
  const token = new JwtService({ secret: process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET }).sign(
    { sub: user.id, role: user.role, org: SCENARIO_ORGANISATION },
    { expiresIn: '1h' },
  );
  const session = JSON.stringify({ token, user: { ...user, organisationId: SCENARIO_ORGANISATION } });

  let database: BenchDatabase | undefined;
  let engine: RunningEngine | undefined;
  let browser: Browser | undefined;
  try {
    database = await createBenchDatabase(report.config.databaseUrl);
    report.addEnvironment('Web app on PostgreSQL', `${redact(database.url)} (${database.description})`);
    report.log(`web: filling ${formatNumber(cases)} cases`);
    await fillCases(database.url, cases, await openingTemplate());
    // The process manager (in the worker, not started here) never reads the filled log: health
    // must not wait for it. The measurements wait for every projection instead.
    engine = await startEngine('postgres', database.url, (m) => report.log(m), {
      PROCESS_MANAGER_MAX_LAG: String(Number.MAX_SAFE_INTEGER),
    });
    await waitForBoard(engine.url, token, cases, (m) => report.log(m));
    await waitForProjections(engine.url, (m) => report.log(m));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    report.addEnvironment('Browser', `chromium ${browser.version()} (headless, playwright-core)`);

    // Bytes, once: they do not vary between runs.
    const context = await browser.newContext({ baseURL: engine.url });
    await context.addInitScript(
      (stored) => (globalThis as unknown as PageGlobals).sessionStorage.setItem('pj.session', stored),
      session,
    );
    const board = await shippedBytes(context, '/cases', 'table[aria-label="Cases"] tbody tr');
    const swagger = await shippedBytes(context, '/api/docs', '.opblock');
    await context.close();
    const floor = reactFloor();

    // Time, warm-up runs first.
    const boardMs: number[] = [];
    const apiMs: number[] = [];
    const swaggerMs: number[] = [];
    for (let i = 0; i < warmups + runs; i += 1) {
      report.log(`web: run ${i + 1}/${warmups + runs}${i < warmups ? ' (warm-up)' : ''}`);
      const shown = await timeToShow(browser, engine.url, '/cases', 'table[aria-label="Cases"] tbody tr', session);
      const started = performance.now();
      const answer = await fetch(`${engine.url}/api/cases?limit=50`, { headers: { authorization: `Bearer ${token}` } });
      await answer.arrayBuffer();
      const answered = performance.now() - started;
      const docs = await timeToShow(browser, engine.url, '/api/docs', '.opblock');
      if (i < warmups) continue;
      boardMs.push(shown);
      apiMs.push(answered);
      swaggerMs.push(docs);
    }
    const boardStats = stats(boardMs);
    const apiStats = stats(apiMs);
    const swaggerStats = stats(swaggerMs);

    report.addSection({
      title: SUITE,
      level: 2,
      blocks: [
        {
          kind: 'text',
          text:
            `Chromium (headless, playwright-core) against the built engine in its own process (\`node dist/apps/api/src/main.js\`, ` +
            `\`WORKER_EMBEDDED=false\`) on the PostgreSQL server, with ${formatNumber(cases)} cases in the store ` +
            '(copies of a real opening: CaseOpened and RiskScreened, hash-chained; the projections build the board from the log ' +
            'before anything is measured). The browser, the engine and the database share the same cores.',
        },
        { kind: 'text', text: '### What the first screen ships (gzipped, zlib level 6)' },
        {
          kind: 'table',
          headers: ['Screen', 'Scripts + stylesheets', 'Files', 'Ratio'],
          rows: [
            ['Case board (the first screen)', kB(board.total), String(board.files.length), '1.00'],
            [
              'Peer: Swagger UI at /api/docs',
              kB(swagger.total),
              String(swagger.files.length),
              formatNumber(board.total / swagger.total, 2),
            ],
            [
              'Floor: one paragraph rendered with React, built by the same Vite',
              kB(floor),
              '—',
              formatNumber(board.total / floor, 2),
            ],
          ],
          align: ['l', 'r', 'r', 'r'],
        },
        {
          kind: 'table',
          headers: ['File of the case board', 'Gzipped'],
          rows: board.files.map(([file, bytes]) => [file, kB(bytes)]),
          align: ['l', 'r'],
        },
        {
          kind: 'text',
          text:
            `### Time until the case board shows its first page (${formatNumber(cases)} cases)\n\n` +
            `From navigation start to the first row of the board in the DOM, in a fresh browser context (cold cache, signed in); ` +
            `${runs} timed runs after ${warmups} warm-up; median (min–max). The ratio column is the board's median over each line's.`,
        },
        {
          kind: 'table',
          headers: ['What', 'Time', 'Board ÷ this'],
          rows: [
            ['Case board, first page of 50', spread(boardStats, ms), '1.00'],
            [
              'Ceiling: the API answering the board’s read (GET /api/cases?limit=50, from Node)',
              spread(apiStats, ms),
              formatNumber(boardStats.median / apiStats.median, 1),
            ],
            [
              'Peer: Swagger UI until it lists its operations',
              spread(swaggerStats, ms),
              formatNumber(boardStats.median / swaggerStats.median, 2),
            ],
          ],
          align: ['l', 'r', 'r'],
        },
      ],
    });
    report.addTarget({
      suite: SUITE,
      target: `JavaScript and CSS of the first screen, gzipped ≤ ${TARGET_KB} kB`,
      measured: kB(board.total),
      status: board.total <= TARGET_KB * 1000 ? 'met' : 'not met',
    });
    report.addTarget({
      suite: SUITE,
      target: `Case board's first page with ${formatNumber(cases)} cases < ${formatNumber(TARGET_FIRST_PAGE_MS)} ms`,
      measured: ms(boardStats.median),
      status: boardStats.median < TARGET_FIRST_PAGE_MS ? 'met' : 'not met',
      note: quick ? `BENCH_QUICK: ${formatNumber(cases)} cases, not 10,000` : undefined,
    });
  } finally {
    await browser?.close();
    await engine?.stop();
    await database?.drop();
  }
}
