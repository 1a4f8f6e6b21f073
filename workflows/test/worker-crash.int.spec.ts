import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { breachEscalationStatusQuery, breachEscalationWorkflowId } from '@pj/contracts';
import { findingStreamId, procurementCaseStreamId } from '@pj/domain';
import { PgDriver, SqlCheckpointStore, SqlEventStore, type RecordedEvent } from '@pj/event-store';
import { resolveTestServer } from '@pj/temporal-runtime/testing';
import { remedyTimetable } from '../../libs/domain/test/remedy-timetable.fixture';
import { seedConfirmedBreach, seedSignedContract } from '../../test/support/seed-journey';
import { createScratchDatabase, type ScratchDatabase } from '../../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../../libs/event-store/src/testing/test-database';
import { installTemporalRuntime } from '../../apps/worker/src/worker-runtime';

// The worker is a separate operating-system process, killed with SIGKILL in the middle of a breach
// escalation and started again. The workflow must carry on where it was, and the event stream must
// hold each decision once.

const ROOT = join(__dirname, '..', '..');
const BUILD = join(ROOT, '.test-build');
const DAY = 24 * 60 * 60 * 1000;
const organisationId = 'stockholm-county';

describe('a worker killed in the middle of a breach escalation', () => {
  let env: TestWorkflowEnvironment;
  let database: ScratchDatabase;
  let store: SqlEventStore;
  let worker: ChildProcess | undefined;
  const output: string[] = [];

  beforeAll(async () => {
    // The worker runs as it does in production: compiled, started with node.
    execFileSync(
      join(ROOT, 'node_modules/.bin/swc'),
      ['apps', 'libs', 'workflows', '-d', BUILD, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
      { cwd: ROOT },
    );
    installTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: resolveTestServer().executable } });
    database = await createScratchDatabase(testDatabaseUrl(), 'pj_crash');
    store = await SqlEventStore.open(await PgDriver.open(database.url));
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await store?.close();
    await env?.teardown();
    await database?.drop();
  });

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, [join(BUILD, 'apps/worker/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        EVENT_STORE: 'postgres',
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_TASK_QUEUE: 'worker-crash',
        LOG_LEVEL: 'ERROR',
        // A killed worker's sticky queue would hold the next workflow task until the server's
        // sticky timeout, which the time-skipping server does not reach while its clock is held.
        TEMPORAL_MAX_CACHED_WORKFLOWS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => output.push(String(chunk)));
    return child;
  }

  async function kill(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const ladderSteps = async (caseId: string) =>
    (await store.readStream(procurementCaseStreamId(organisationId, caseId)))
      .filter((event) => event.type === 'BreachEscalated')
      .map((event) => (event.data as { step: string }).step);

  it('resumes after SIGKILL, and the stream holds every decision exactly once', async () => {
    const caseId = randomUUID();
    const findingId = randomUUID();
    const now = async () => new Date(await env.currentTimeMs()).toISOString();

    // A signed contract, a finding at one of its factories, and the breach confirmed: the worker's
    // process manager reads BreachConfirmed from the store and starts the escalation.
    await seedSignedContract(store, caseId, organisationId);
    const { recorded } = await seedConfirmedBreach(store, { caseId, findingId, organisationId, now: await now() });

    // The case's own workflows (due diligence, standstill) are not under test: the worker's process
    // manager starts reading after the finding, so the breach escalation runs alone.
    await new SqlCheckpointStore(store.driver).store('process-manager', recorded.position);
    worker = startWorker();
    const handle = env.client.workflow.getHandle(breachEscalationWorkflowId(organisationId, findingId));
    await until(
      async () =>
        (await store.readStream(findingStreamId(organisationId, findingId))).some(
          (e) => e.type === 'CorrectiveActionPlanRequested',
        ),
      'the corrective action plan request',
    );

    // The plan is not submitted: its deadline passes and the ladder's first step is taken. The due
    // date is the end of a local day in the buyer's calendar (Regulation 1182/71), moved off a
    // weekend or holiday: a few days more than the timetable's count.
    await env.sleep((remedyTimetable.planDueWithinDays + 4) * DAY);
    await until(async () => (await ladderSteps(caseId)).includes('reminder'), 'the reminder');

    // Crash mid-escalation: the workflow waits on the ladder's next timer, the process manager has
    // a checkpoint to resume from. (The time-skipping server does not move time while workflow tasks
    // wait for a worker, so time moves on after the restart.)
    // Killed while the workflow waits on the ladder's next timer. (Killed inside an activity, the
    // test server would hold its clock until the activity's one-minute timeout: slower, not different.)
    await until(
      async () =>
        (await handle.query(breachEscalationStatusQuery)).nextDeadlineKind === 'escalated_to_compliance_officer',
      'the wait for the next step',
    );
    const runBeforeCrash = (await handle.describe()).runId;
    await kill(worker);
    expect(await ladderSteps(caseId)).toEqual(['reminder']);
    worker = startWorker();
    await env.sleep((remedyTimetable.escalationAfterDays.escalated_to_compliance_officer + 1) * DAY);
    await until(
      async () => (await ladderSteps(caseId)).includes('escalated_to_compliance_officer'),
      'the escalation after the restart',
    );
    await env.sleep(
      (remedyTimetable.escalationAfterDays.supply_standstill -
        remedyTimetable.escalationAfterDays.escalated_to_compliance_officer) *
        DAY,
    );
    await until(async () => (await ladderSteps(caseId)).includes('supply_standstill'), 'the supply standstill');

    // Each decision once: no duplicated ladder step, command or event anywhere.
    expect(await ladderSteps(caseId)).toEqual(['reminder', 'escalated_to_compliance_officer', 'supply_standstill']);
    const all: RecordedEvent[] = [];
    for (
      let page = await store.readAll({ maxCount: 1000 });
      ;
      page = await store.readAll({ after: page.lastPosition, maxCount: 1000 })
    ) {
      all.push(...page.events);
      if (page.isEnd) break;
    }
    const ids = all.map((e) => e.metadata.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const decisions = all
      .filter((e) => e.metadata.actor.role === 'workflow')
      .map((e) => `${e.streamId}|${e.metadata.commandId}|${e.type}`);
    expect(new Set(decisions).size).toBe(decisions.length);
    // The ladder proposes the standstill once; only the compliance officer may impose it.
    expect(all.filter((e) => e.type === 'SupplyStandstillProposed')).toHaveLength(1);
    expect(all.filter((e) => e.type === 'SupplyStandstillImposed')).toHaveLength(0);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The same run carried on: the restarted process manager re-read the log from its checkpoint
    // and started nothing again.
    expect((await handle.describe()).runId).toBe(runBeforeCrash);
  }, 240_000);
});
