/**
 * `npm run bench`: runs every suite and writes docs/benchmarks.md. Progress goes to stderr.
 *
 * Environment:
 * - BENCH_QUICK=1          a fast smoke run (tiny sizes, fewer runs); the report says so.
 * - BENCH_DATABASE_URL     PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
 *                          the bench creates its own database there and drops it at the end.
 * - BENCH_RUNS             timed runs per figure (default 5, quick 3).
 * - BENCH_SUITES           comma-separated suite names to run (default: all).
 * - BENCH_OUTPUT           where to write the report (default docs/benchmarks.md).
 *
 * Adding a suite: a module exporting `async function run(report: BenchReport)` that adds
 * sections, environment facts and targets to the report; list it in SUITES below.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import * as api from './api.bench';
import * as audit from './audit.bench';
import * as eventStore from './event-store.bench';
import * as notifications from './notifications.bench';
import * as peers from './peers.bench';
import * as web from './web.bench';
import * as workflows from './workflows.bench';
import { BenchReport, formatBytes, formatNumber, renderMarkdown, type BenchConfig } from './report';

interface Suite {
  readonly name: string;
  run(report: BenchReport): Promise<void>;
}

const SUITES: readonly Suite[] = [
  { name: 'event-store', run: eventStore.run },
  { name: 'peers', run: peers.run },
  { name: 'api', run: api.run },
  { name: 'workflows', run: workflows.run },
  { name: 'audit', run: audit.run },
  { name: 'notifications', run: notifications.run },
  { name: 'web', run: web.run },
];

function configFromEnv(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const runs = env.BENCH_RUNS ? Number(env.BENCH_RUNS) : quick ? 3 : 5;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`BENCH_RUNS must be a positive integer, got ${env.BENCH_RUNS}`);
  return {
    quick,
    runs,
    warmups: 1,
    runSeconds: quick ? 0.5 : 2,
    databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const config = configFromEnv(process.env);
  const report = new BenchReport(config);
  const selected = process.env.BENCH_SUITES?.split(',').map((name) => name.trim());
  const suites = SUITES.filter((suite) => !selected || selected.includes(suite.name));
  if (suites.length === 0) throw new Error(`no suite matches BENCH_SUITES=${process.env.BENCH_SUITES}`);

  const cpuList = cpus();
  report.addEnvironment('Date', report.startedAt.toISOString());
  report.addEnvironment('CPU', `${cpuList.length} cores, ${cpuList[0]?.model.trim() ?? 'unknown model'}`);
  report.addEnvironment('Memory', formatBytes(totalmem()));
  report.addEnvironment('OS', `${process.platform} ${release()} (${process.arch})`);
  report.addEnvironment('Node', process.version);
  report.addEnvironment(
    'Load average at start (1/5/15 min)',
    loadavg()
      .map((value) => formatNumber(value, 2))
      .join(' / '),
  );
  report.addEnvironment('Commit', gitCommit());
  report.addEnvironment('Mode', config.quick ? 'BENCH_QUICK=1 (smoke run)' : 'full');

  // Other processes on the machine change the figures: sample the load while the suites run.
  const loadSamples: number[] = [loadavg()[0]];
  const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 2_000);
  sampler.unref();

  report.log(
    `${config.quick ? 'quick' : 'full'} run: ${config.warmups} warm-up + ${config.runs} timed runs per figure; suites: ${suites.map((s) => s.name).join(', ')}`,
  );
  for (const suite of suites) {
    report.log(`suite ${suite.name}: start`);
    try {
      await suite.run(report);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report.log(`suite ${suite.name} failed: ${message}`);
      report.failures.push({
        suite: suite.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    report.log(`suite ${suite.name}: done`);
  }
  clearInterval(sampler);
  loadSamples.push(loadavg()[0]);
  report.addEnvironment(
    'Load average (1 min) sampled during the run',
    `${formatNumber(Math.min(...loadSamples), 2)}–${formatNumber(Math.max(...loadSamples), 2)} on ${cpuList.length} cores` +
      (Math.max(...loadSamples) > cpuList.length * 0.75
        ? ' — other processes were busy during the run; expect lower and noisier figures than on an idle machine'
        : ''),
  );
  report.addEnvironment(
    'Load average at end (1/5/15 min)',
    loadavg()
      .map((value) => formatNumber(value, 2))
      .join(' / '),
  );

  const output = resolve(process.env.BENCH_OUTPUT ?? 'docs/benchmarks.md');
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, renderMarkdown(report, new Date()));
  report.log(`wrote ${output}`);
  for (const check of report.targets)
    report.log(`target ${check.status.padEnd(12)} ${check.target}: ${check.measured}`);
  return report.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
