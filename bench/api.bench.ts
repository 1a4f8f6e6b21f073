import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { JwtService } from '@nestjs/jwt';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { createBenchDatabase, redact, type BenchDatabase } from './postgres-database';
import { BenchReport, formatNumber, stats, type Stats } from './report';

/**
 * HTTP command suite: `POST /cases` (decide → append with expected revision → projections) under
 * load with autocannon, against the built engine in its own process (`dist/apps/api/src/main.js`),
 * on PGlite and on the PostgreSQL server. Every request carries a distinct Idempotency-Key, so each
 * one opens a new case. The worker runs separately in production (WORKER_EMBEDDED=false): this
 * measures the API's command path, not the risk-screening workflows the cases would start.
 */

const SUITE = 'HTTP commands';
const TARGET_RATE = 500;
const TARGET_P99_MS = 50;

type StoreKind = 'pglite' | 'postgres';

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface RunningEngine {
  readonly url: string;
  stop(): Promise<void>;
}

async function startEngine(
  kind: StoreKind,
  databaseUrl: string | undefined,
  log: (m: string) => void,
): Promise<RunningEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pj-bench-api-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      EVENT_STORE: kind,
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKER_EMBEDDED: 'false',
      TEMPORAL_DEV_SERVER_PORT: '0',
      TEMPORAL_DEV_SERVER_UI_PORT: '0',
      OIDC_DEV_PROVIDER_PORT: '0',
      TEMPORAL_TASK_QUEUE: `bench-${process.pid}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the engine exited (${child.exitCode}): ${stderr}`);
    const up = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the engine did not answer /api/health within 120 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`engine on ${kind} up at ${url}`);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let keySequence = 0;

async function load(
  url: string,
  token: string,
  options: { seconds: number; connections: number; rate?: number },
): Promise<Run> {
  const run = `${process.pid}-${Date.now()}`;
  const result = await autocannon({
    url: `${url}/api/cases`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Laptops for schools',
      productCategory: 'electronics',
      countriesOfProduction: ['CN'],
    }),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': `bench-${run}-${(keySequence += 1)}` },
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const fmtStats = (s: Stats, unit = '') =>
  `${formatNumber(s.median)}${unit} (${formatNumber(s.min)}–${formatNumber(s.max)})`;

export async function run(report: BenchReport): Promise<void> {
  const { quick } = report.config;
  const seconds = quick ? 3 : 10;
  const runs = quick ? 1 : Math.min(report.config.runs, 3);
  const token = new JwtService({ secret: process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET }).sign(
    { sub: 'bench-contract-manager', role: 'contract_manager', org: 'bench-org' },
    { expiresIn: '1h' },
  );
  const rows: string[][] = [];
  const figures: Partial<Record<StoreKind, { max: Run[]; paced: Run[] }>> = {};

  for (const kind of ['pglite', 'postgres'] as const) {
    let database: BenchDatabase | undefined;
    let engine: RunningEngine | undefined;
    try {
      if (kind === 'postgres') {
        database = await createBenchDatabase(report.config.databaseUrl);
        report.addEnvironment('HTTP commands on PostgreSQL', `${redact(database.url)} (${database.description})`);
      }
      engine = await startEngine(kind, database?.url, (m) => report.log(m));
      report.log(`${kind}: warm-up ${quick ? 1 : 3} s`);
      await load(engine.url, token, { seconds: quick ? 1 : 3, connections: 8 });
      const max: Run[] = [];
      const paced: Run[] = [];
      for (let i = 0; i < runs; i += 1) {
        report.log(`${kind}: run ${i + 1}/${runs}, as fast as possible (16 connections, ${seconds} s)`);
        max.push(await load(engine.url, token, { seconds, connections: 16 }));
        report.log(`${kind}: run ${i + 1}/${runs}, paced at ${TARGET_RATE}/s (50 connections, ${seconds} s)`);
        paced.push(await load(engine.url, token, { seconds, connections: 50, rate: TARGET_RATE }));
      }
      figures[kind] = { max, paced };
      const errors = [...max, ...paced].reduce((n, r) => n + r.non2xx + r.errors, 0);
      rows.push(
        [
          kind === 'pglite' ? 'PGlite (in the API process)' : 'PostgreSQL server',
          'as fast as possible, 16 connections',
          fmtStats(stats(max.map((r) => r.rps))),
          fmtStats(stats(max.map((r) => r.p50)), ' ms'),
          fmtStats(stats(max.map((r) => r.p99)), ' ms'),
          String(errors),
        ],
        [
          '',
          `paced at ${TARGET_RATE}/s, 50 connections`,
          fmtStats(stats(paced.map((r) => r.rps))),
          fmtStats(stats(paced.map((r) => r.p50)), ' ms'),
          fmtStats(stats(paced.map((r) => r.p99)), ' ms'),
          '',
        ],
      );
    } finally {
      await engine?.stop();
      await database?.drop();
    }
  }

  report.addSection({
    title: SUITE,
    level: 2,
    blocks: [
      {
        kind: 'text',
        text:
          '`POST /cases` with a distinct `Idempotency-Key` per request, driven by autocannon against the built engine in ' +
          'its own process (`node dist/apps/api/src/main.js`, embedded Temporal, `WORKER_EMBEDDED=false` so no workflow ' +
          'runs beside it). Each request authenticates the JWT, validates the DTO, reads the case stream, decides, ' +
          'appends with the expected revision and answers 201; the six projections follow in the same process. ' +
          `${runs} timed run${runs === 1 ? '' : 's'} of ${seconds} s per figure after a warm-up; median (min–max). ` +
          'autocannon runs in the bench process on the same 2 cores as the engine and the database.',
      },
      {
        kind: 'table',
        headers: ['Store', 'Load', 'Commands/s', 'p50', 'p99', 'Non-2xx + errors'],
        rows,
        align: ['l', 'l', 'r', 'r', 'r', 'r'],
      },
    ],
  });

  const pg = figures.postgres;
  if (pg) {
    const p99 = stats(pg.paced.map((r) => r.p99)).median;
    const rate = stats(pg.paced.map((r) => r.rps)).median;
    const met = p99 < TARGET_P99_MS && rate >= TARGET_RATE * 0.95;
    report.addTarget({
      suite: SUITE,
      target: `p99 < ${TARGET_P99_MS} ms at ${TARGET_RATE} commands/s on PostgreSQL`,
      measured: `p99 ${formatNumber(p99)} ms at ${formatNumber(rate)} commands/s`,
      status: met ? 'met' : 'not met',
      note: quick ? 'BENCH_QUICK: one short run' : undefined,
    });
  }
}
