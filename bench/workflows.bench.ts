import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  approveCorrectiveActionPlanUpdate,
  breachEscalationStatusQuery,
  breachEscalationWorkflowId,
  submitCorrectiveActionPlanUpdate,
  type BreachEscalationInput,
} from '@pj/contracts';
import { PgDriver, SqlEventStore } from '@pj/event-store';
import { startEmbeddedTemporal } from '@pj/temporal-runtime';
import { createWorker } from '../apps/worker/src/worker';
import { installTemporalRuntime } from '../apps/worker/src/worker-runtime';
import { react } from '../apps/worker/src/process-manager/reactions';
import { correctiveActionPlan, seedConfirmedBreach, seedSignedContract } from '../test/support/seed-journey';
import { createBenchDatabase } from './postgres-database';
import { BenchReport, formatBytes, formatNumber, stats } from './report';

const SUITE = 'Breach-escalation workflows (Temporal dev server)';
const TARGET_PER_SECOND = 50;
const organisationId = 'stockholm-county';

/**
 * Breach-escalation workflows driven through three steps on the local Temporal dev server, with
 * the worker in this process over PostgreSQL: started (the plan is requested, an activity), the
 * plan submitted (an update that records an event), the plan approved (another). All workflows of
 * a run go at once; the rate is workflows completed through the three steps per second.
 */
export async function run(report: BenchReport): Promise<void> {
  const { quick, runs, databaseUrl } = report.config;
  const perRun = quick ? 20 : 100;
  installTemporalRuntime('ERROR');
  const database = await createBenchDatabase(databaseUrl);
  const temporal = await startEmbeddedTemporal({ dbFile: join(tmpdir(), `pj-bench-temporal-${process.pid}.sqlite`) });
  const store = await SqlEventStore.open(await PgDriver.open(database.url, { max: 20 }));
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const taskQueue = `bench-${Date.now()}`;
  const { NativeConnection } = await import('@temporalio/worker');
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({ connection: nativeConnection, namespace: 'default', taskQueue, store });
  const running = worker.run();
  const rates: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  }, 100);
  try {
    const caseId = randomUUID();
    await seedSignedContract(store, caseId, organisationId);
    for (let round = 0; round < runs + 1; round++) {
      const now = new Date().toISOString();
      const inputs: BreachEscalationInput[] = [];
      for (let i = 0; i < perRun; i++) {
        const { confirmed } = await seedConfirmedBreach(store, {
          caseId,
          findingId: randomUUID(),
          organisationId,
          now,
        });
        const action = react(confirmed) as { args: readonly unknown[] };
        inputs.push(action.args[0] as BreachEscalationInput);
      }
      report.log(`workflows: round ${round === 0 ? 'warm-up' : round} of ${runs}, ${perRun} breach escalations`);
      const started = performance.now();
      await Promise.all(inputs.map((input) => driveThreeSteps(client, taskQueue, input)));
      const seconds = (performance.now() - started) / 1000;
      if (round > 0) rates.push(perRun / seconds);
    }
  } finally {
    clearInterval(sample);
    worker.shutdown();
    await running.catch(() => undefined);
    await nativeConnection.close();
    await connection.close();
    await store.close();
    await temporal.stop();
    await database.drop();
  }

  const rate = stats(rates);
  report.addSection({
    title: SUITE,
    level: 2,
    blocks: [
      {
        kind: 'text',
        text:
          `${perRun} breach escalations per run, all at once, each driven through three steps: started ` +
          '(the corrective action plan is requested by an activity), the plan submitted (an update, validated, ' +
          'recorded as an event) and the plan approved (another update). Worker in the bench process, events ' +
          `in PostgreSQL (${database.description}), Temporal dev server on loopback. Median of ${runs} runs after a warm-up.`,
      },
      {
        kind: 'table',
        headers: ['measure', 'median', 'min', 'max'],
        rows: [
          [
            'workflows/s through three steps',
            formatNumber(rate.median, 1),
            formatNumber(rate.min, 1),
            formatNumber(rate.max, 1),
          ],
        ],
        align: ['l', 'r', 'r', 'r'],
      },
      {
        kind: 'text',
        text: `Worker process memory: peak RSS ${formatBytes(peakRss)}, peak JS heap ${formatBytes(peakHeap)}.`,
      },
    ],
  });
  report.addTarget({
    suite: SUITE,
    target: `≥ ${TARGET_PER_SECOND} breach-escalation workflows/s through three steps`,
    measured: `${formatNumber(rate.median, 1)} workflows/s`,
    status: rate.median >= TARGET_PER_SECOND ? 'met' : 'not met',
  });
}

async function driveThreeSteps(client: Client, taskQueue: string, input: BreachEscalationInput): Promise<void> {
  try {
    await threeSteps(client, taskQueue, input);
  } catch (error) {
    // An update's own message is generic; its cause says which rule refused it.
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`breach escalation ${input.findingId}: ${String(error)}${cause ? ` (${cause})` : ''}`);
  }
}

async function threeSteps(client: Client, taskQueue: string, input: BreachEscalationInput): Promise<void> {
  const handle = await client.workflow.start('breachEscalationWorkflow', {
    workflowId: breachEscalationWorkflowId(input.organisationId, input.findingId),
    taskQueue,
    args: [input],
  });
  // Step one: the workflow records the plan request (an activity) before a plan may be submitted.
  while ((await handle.query(breachEscalationStatusQuery)).nextDeadlineKind !== 'plan_due')
    await new Promise((resolve) => setTimeout(resolve, 20));
  const deadline = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString();
  await handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [correctiveActionPlan(deadline)] });
  await handle.executeUpdate(approveCorrectiveActionPlanUpdate, {
    args: [{ actor: { id: 'officer-anna', role: 'compliance_officer' }, planId: 'plan-1' }],
  });
}
