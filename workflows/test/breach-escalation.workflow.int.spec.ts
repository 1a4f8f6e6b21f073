import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import {
  approveCorrectiveActionPlanUpdate,
  breachEscalationStatusQuery,
  breachEscalationWorkflowId,
  confirmStandstillLiftingUpdate,
  decideSupplyStandstillUpdate,
  decideTerminationUpdate,
  recordRemediationResultUpdate,
  recordRemedyToWorkersUpdate,
  submitCorrectiveActionPlanUpdate,
  verifyRemediationUpdate,
  type BreachEscalationInput,
} from '@pj/contracts';
import {
  finding,
  findingStreamId,
  procurementCaseStreamId,
  supplyStandstill,
  supplyStandstillStreamId,
} from '@pj/domain';
import { handleCommand } from '@pj/application';
import { react } from '../../apps/worker/src/process-manager/reactions';
import { correctiveActionPlan, seedSignedContract } from '../../test/support/seed-journey';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';
import { breachEscalationWorkflow } from '../src';

const DAY = 24 * 60 * 60 * 1000;
const organisationId = 'stockholm-county';
/** A buyer whose verified remediation lifts a standstill without the officer confirming. */
const selfLiftingBuyer = 'region-self-lifting';
const officer = { id: 'officer-anna', role: 'compliance_officer' };
const supplier = { id: 'supplier-rep', role: 'supplier' };
const monitor = { id: 'monitor-7', role: 'monitor' };
const timetable = {
  planDueWithinDays: 14,
  escalationAfterDays: {
    reminder: 0,
    escalated_to_compliance_officer: 7,
    supply_standstill: 21,
    termination_proposed: 35,
  },
};

describe('breach escalation workflow', () => {
  let t: WorkflowTestEnvironment;
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment({ standstillLiftedWithoutConfirmation: [selfLiftingBuyer] });
  });
  afterAll(async () => t?.teardown());

  const meta = (now: string, actor: { id: string; role: string }, findingOrganisation = organisationId) => ({
    commandId: randomUUID(),
    now,
    actor,
    organisationId: findingOrganisation,
    calendar: { timeZone: 'UTC' },
  });

  /** A case with a signed contract, a finding at one of its factories and the breach confirmed. */
  async function confirmedBreach(
    findingOrganisation = organisationId,
    { caseId, findingId } = { caseId: randomUUID(), findingId: randomUUID() },
    caseOrganisation = organisationId,
  ) {
    await seedSignedContract(t.store, caseId, caseOrganisation);
    const now = new Date(await t.env.currentTimeMs()).toISOString();
    await handleCommand(t.store, finding, findingStreamId(findingOrganisation, findingId), {
      type: 'RecordFinding',
      data: {
        findingId,
        factoryId: 'factory-big',
        caseId,
        source: 'worker_driven_monitor',
        severity: 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 30,
        description: '74-hour weeks, wages below the legal minimum',
        evidenceRefs: ['monitor-report-7'],
        shareableWithOtherBuyers: true,
      },
      metadata: meta(now, monitor, findingOrganisation),
    });
    const { events } = await handleCommand(t.store, finding, findingStreamId(findingOrganisation, findingId), {
      type: 'ConfirmBreach',
      data: {
        findingId,
        reasons: 'payroll matches interviews',
        contractorId: 'supplier-bid-a',
        remedyTimetable: timetable,
      },
      metadata: meta(now, officer, findingOrganisation),
    });
    // The process manager's own reaction builds the workflow's id and input from the event.
    const action = react(events[0]);
    if (!action || Array.isArray(action) || (action as { kind: string }).kind !== 'start') throw new Error('no start');
    const start = action as { workflowId: string; workflowType: string; args: readonly unknown[] };
    return { caseId, findingId, start, input: start.args[0] as BreachEscalationInput };
  }

  async function start(taskQueue: string, breach: Awaited<ReturnType<typeof confirmedBreach>>) {
    return t.env.client.workflow.start(breachEscalationWorkflow, {
      workflowId: breach.start.workflowId,
      taskQueue,
      args: [breach.input],
      // As the process manager starts them: a running breach is reused, a finished one never rerun.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  }

  const types = async (streamId: string) => (await t.store.readStream(streamId)).map((event) => event.type);
  const status = (handle: WorkflowHandle) => handle.query(breachEscalationStatusQuery);
  const days = (n: number) => t.env.sleep(n * DAY);
  /** The workflow moves on after an update has returned: wait (real time, briefly) until it has. */
  async function until(reached: () => Promise<boolean>) {
    for (let attempt = 0; attempt < 100 && !(await reached()); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await reached()).toBe(true);
  }

  async function plan(handle: WorkflowHandle) {
    const nowMs = await t.env.currentTimeMs();
    const deadline = new Date(nowMs + 60 * DAY).toISOString();
    return { ...correctiveActionPlan(deadline, supplier), handle };
  }

  async function remediate(handle: WorkflowHandle) {
    await handle.executeUpdate(recordRemedyToWorkersUpdate, {
      args: [
        {
          actor: monitor,
          remedyId: 'arrears',
          kind: 'back_pay',
          workersCovered: 30,
          amount: 21_000,
          currency: 'USD',
          description: 'wage arrears for 12 months',
        },
      ],
    });
    await handle.executeUpdate(recordRemediationResultUpdate, {
      args: [
        { actor: monitor, result: 'complete', assessment: 'checked on site', actionsCompleted: ['hours', 'back-pay'] },
      ],
    });
    await handle.executeUpdate(verifyRemediationUpdate, {
      args: [
        { actor: monitor, verifiedBy: 'worker-driven monitor', method: 'site visit', verificationRef: 'visit-12' },
      ],
    });
  }

  async function submitAndApprove(handle: WorkflowHandle) {
    const { handle: _h, ...submission } = await plan(handle);
    await handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [submission] });
    await handle.executeUpdate(approveCorrectiveActionPlanUpdate, { args: [{ actor: officer, planId: 'plan-1' }] });
  }

  it('an on-time plan: submitted, approved, remedied, verified and closed without a ladder step', async () => {
    const breach = await confirmedBreach();
    const taskQueue = `breach-${breach.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      expect(handle.workflowId).toBe(breachEscalationWorkflowId(organisationId, breach.findingId));
      expect((await start(taskQueue, breach)).firstExecutionRunId).toBe(handle.firstExecutionRunId);
      await days(1);
      const first = await status(handle);
      expect(first).toMatchObject({ step: 'awaiting_plan', nextDeadlineKind: 'plan_due', ladderStepsTaken: [] });
      // Due by the end of the 14th day after the request in the buyer's calendar (UTC here), moved off a weekend.
      const startedAt = (await t.env.currentTimeMs()) - DAY;
      expect(first.nextDeadline).toMatch(/T23:59:59\.999Z$/);
      expect(Date.parse(first.nextDeadline!) - startedAt).toBeGreaterThan(14 * DAY);
      expect(Date.parse(first.nextDeadline!) - startedAt).toBeLessThan(17 * DAY);

      // Validators reject bad input before anything is recorded.
      const { handle: _h, ...submission } = await plan(handle);
      await expect(
        handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [{ ...submission, actions: [] }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(submitCorrectiveActionPlanUpdate, {
          args: [{ ...submission, actions: submission.actions.filter((a) => !a.forAffectedWorkers) }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [{ ...submission, actor: monitor }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(approveCorrectiveActionPlanUpdate, { args: [{ actor: officer, planId: 'plan-1' }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(decideTerminationUpdate, {
          args: [{ actor: officer, decision: 'terminate', reasons: 'r' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);

      await handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [submission] });
      expect(await status(handle)).toMatchObject({ step: 'awaiting_plan_approval', submittedPlanId: 'plan-1' });
      await expect(
        handle.executeUpdate(approveCorrectiveActionPlanUpdate, { args: [{ actor: supplier, planId: 'plan-1' }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await handle.executeUpdate(approveCorrectiveActionPlanUpdate, { args: [{ actor: officer, planId: 'plan-1' }] });
      expect(await status(handle)).toMatchObject({
        step: 'remediating',
        agreedPlanId: 'plan-1',
        nextDeadline: submission.deadline,
        nextDeadlineKind: 'plan_deadline',
      });
      await days(10);
      await remediate(handle);
      expect(await handle.result()).toEqual({ outcome: 'breach_closed', ladderStepsTaken: [] });
      expect(await status(handle)).toMatchObject({ step: 'closed', ladderStepsTaken: [] });
      await recordHistory(handle, 'breach-escalation-on-time');

      // Starting the same breach again changes nothing: same run, no new events.
      const before = await t.store.readStream(findingStreamId(organisationId, breach.findingId));
      await expect(start(taskQueue, breach)).rejects.toThrow(WorkflowExecutionAlreadyStartedError);
      expect(await t.store.readStream(findingStreamId(organisationId, breach.findingId))).toHaveLength(before.length);
    });

    expect(await types(findingStreamId(organisationId, breach.findingId))).toEqual([
      'FindingRecorded',
      'BreachConfirmed',
      'CorrectiveActionPlanRequested',
      'CorrectiveActionPlanSubmitted',
      'CorrectiveActionPlanAgreed',
      'RemedyToWorkersRecorded',
      'RemediationResultRecorded',
      'RemediationVerified',
      'BreachClosed',
    ]);
    const stream = await t.store.readStream(findingStreamId(organisationId, breach.findingId));
    expect(stream.find((e) => e.type === 'CorrectiveActionPlanAgreed')?.metadata.actor).toEqual(officer);
    expect(stream.find((e) => e.type === 'CorrectiveActionPlanSubmitted')?.metadata.actor).toEqual(supplier);
    expect(stream.find((e) => e.type === 'BreachClosed')?.metadata.actor).toEqual({
      id: breachEscalationWorkflowId(organisationId, breach.findingId),
      role: 'workflow',
    });
    expect(await types(procurementCaseStreamId(organisationId, breach.caseId))).not.toContain('BreachEscalated');
  });

  it('a silent contractor climbs every step; the standstill is proposed, reminded and imposed by the officer; termination waits a year for a person, who keeps the contract; verified remediation lifts the standstills once the officer confirms', async () => {
    const breach = await confirmedBreach();
    const taskQueue = `breach-${breach.findingId}`;
    const own = `breach-${breach.findingId}`;
    const second = `breach-${breach.findingId}.factory-small`;
    const steps = async () =>
      (await t.store.readStream(procurementCaseStreamId(organisationId, breach.caseId)))
        .filter((e) => e.type === 'BreachEscalated')
        .map((e) => (e.data as { step: string }).step);
    const findingTypes = () => types(findingStreamId(organisationId, breach.findingId));
    const reminders = async () =>
      (await findingTypes()).filter((type) => type === 'SupplyStandstillProposalReminderSent').length;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      await days(18); // plan due 14 days after the request's day (at most 17 with a weekend): overdue, and the reminder is due at once (offset 0)
      expect(await steps()).toEqual(['reminder']);
      expect(await status(handle)).toMatchObject({
        step: 'awaiting_plan',
        ladderStepsTaken: ['reminder'],
        nextDeadlineKind: 'escalated_to_compliance_officer',
      });
      await days(7);
      expect(await steps()).toEqual(['reminder', 'escalated_to_compliance_officer']);
      await expect(
        handle.executeUpdate(decideSupplyStandstillUpdate, {
          args: [{ actor: officer, decision: 'impose', factoryIds: ['factory-big'], scope: 'contract', reasons: 'r' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError); // nothing proposed yet
      await days(14);
      expect(await steps()).toEqual(['reminder', 'escalated_to_compliance_officer', 'supply_standstill']);
      // The ladder proposes; it imposes nothing by itself.
      expect(await findingTypes()).toContain('SupplyStandstillProposed');
      expect(await types(supplyStandstillStreamId(organisationId, own))).toEqual([]);
      expect(await status(handle)).toMatchObject({ standstillProposal: 'awaiting_decision', standstillIds: [] });

      await days(8); // a week without a decision: the officer is reminded
      expect(await reminders()).toBe(1);

      const decide = (decision: object) => handle.executeUpdate(decideSupplyStandstillUpdate, { args: [decision] });
      const imposing = {
        decision: 'impose',
        factoryIds: ['factory-big', 'factory-small'],
        scope: 'buyer',
        reasons: 'no plan after five weeks; stop sourcing from both factories for every contract',
      };
      await expect(decide({ ...imposing, actor: { id: 'cm', role: 'contract_manager' } })).rejects.toThrow(
        WorkflowUpdateFailedError,
      );
      await expect(decide({ ...imposing, actor: officer, factoryIds: [] })).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(decide({ ...imposing, actor: officer, scope: 'world' })).rejects.toThrow(WorkflowUpdateFailedError);
      await decide({ ...imposing, actor: officer });
      expect(await status(handle)).toMatchObject({ standstillProposal: 'imposed', standstillIds: [own, second] });
      await expect(decide({ actor: officer, decision: 'decline', reasons: 'changed my mind' })).rejects.toThrow(
        WorkflowUpdateFailedError,
      );
      await days(5); // decided: no more reminders
      expect(await reminders()).toBe(1);

      await days(2);
      expect(await steps()).toEqual([
        'reminder',
        'escalated_to_compliance_officer',
        'supply_standstill',
        'termination_proposed',
      ]);
      const proposed = await status(handle);
      expect(proposed).toMatchObject({ step: 'awaiting_termination_decision', terminationProposed: true });
      expect(proposed.nextDeadline).toBeUndefined();

      // No timeout ever terminates: a year later the contract still stands.
      await days(365);
      expect(await types(procurementCaseStreamId(organisationId, breach.caseId))).not.toContain('ContractTerminated');
      expect(await status(handle)).toMatchObject({ step: 'awaiting_termination_decision' });
      await expect(
        handle.executeUpdate(decideTerminationUpdate, {
          args: [{ actor: { id: 'cm', role: 'contract_manager' }, decision: 'terminate', reasons: 'r' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await handle.executeUpdate(decideTerminationUpdate, {
        args: [{ actor: officer, decision: 'keep_contract', reasons: 'the contractor engaged at last' }],
      });
      expect(await status(handle)).toMatchObject({ step: 'awaiting_plan' });

      await submitAndApprove(handle);
      await remediate(handle);
      // Verified: noted on both standstills; lifting waits for the officer (this buyer's default).
      await until(async () => (await status(handle)).step === 'awaiting_standstill_lifting');
      await days(30);
      expect(await types(supplyStandstillStreamId(organisationId, own))).toEqual([
        'SupplyStandstillImposed',
        'StandstillRemediationVerified',
      ]);
      const confirm = (actor: { id: string; role: string }) =>
        handle.executeUpdate(confirmStandstillLiftingUpdate, {
          args: [{ actor, reasons: 'remediation verified on site' }],
        });
      await expect(confirm(supplier)).rejects.toThrow(WorkflowUpdateFailedError);
      await confirm(officer);
      expect(await handle.result()).toEqual({
        outcome: 'breach_closed',
        ladderStepsTaken: ['reminder', 'escalated_to_compliance_officer', 'supply_standstill', 'termination_proposed'],
      });
      // breach-escalation-full-ladder.json stays as recorded before the patch: it proves that runs
      // which imposed the standstill themselves still replay.
      await recordHistory(handle, 'breach-escalation-standstill-decided');
    });

    for (const id of [own, second]) {
      const stream = await t.store.readStream(supplyStandstillStreamId(organisationId, id));
      expect(stream.map((event) => event.type)).toEqual([
        'SupplyStandstillImposed',
        'StandstillRemediationVerified',
        'SupplyStandstillLifted',
      ]);
      expect(stream[0]!.data).toMatchObject({
        scope: 'buyer',
        imposedBy: officer.id,
        proposedBy: breachEscalationWorkflowId(organisationId, breach.findingId),
      });
      expect(stream[0]!.metadata.actor).toEqual(officer);
      expect(stream[2]!.metadata.actor).toEqual(officer);
    }
    expect(await findingTypes()).toEqual([
      'FindingRecorded',
      'BreachConfirmed',
      'CorrectiveActionPlanRequested',
      'CorrectiveActionPlanOverdue',
      'SupplyStandstillProposed',
      'SupplyStandstillProposalReminderSent',
      'TerminationProposalDeclined',
      'CorrectiveActionPlanSubmitted',
      'CorrectiveActionPlanAgreed',
      'RemedyToWorkersRecorded',
      'RemediationResultRecorded',
      'RemediationVerified',
      'BreachClosed',
    ]);
    const caseTypes = await types(procurementCaseStreamId(organisationId, breach.caseId));
    expect(caseTypes.filter((type) => type === 'BreachEscalated')).toHaveLength(4);
    expect(caseTypes).not.toContain('ContractTerminated');
  });

  it('the officer declines the proposal with reasons; a standstill the officer imposed directly is lifted by the workflow once remediation is verified, where the buyer lifts without confirmation', async () => {
    const breach = await confirmedBreach(selfLiftingBuyer, undefined, selfLiftingBuyer);
    const taskQueue = `breach-${breach.findingId}`;
    const direct = `direct-${breach.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      await days(39); // overdue (14 days, at most 17 with a weekend), reminder, officer, standstill proposed (+21)
      expect(await status(handle)).toMatchObject({ standstillProposal: 'awaiting_decision' });
      await handle.executeUpdate(decideSupplyStandstillUpdate, {
        args: [{ actor: officer, decision: 'decline', reasons: 'the workers would lose their jobs; audit first' }],
      });
      expect(await status(handle)).toMatchObject({ standstillProposal: 'declined' });
      const declined = (await t.store.readStream(findingStreamId(selfLiftingBuyer, breach.findingId))).find(
        (event) => event.type === 'SupplyStandstillProposalDeclined',
      );
      expect(declined?.data).toMatchObject({ decidedBy: officer.id });
      expect(declined?.metadata.actor).toEqual(officer);

      // Later the officer imposes one directly (POST /supply-standstills); the process manager tells the workflow.
      const now = new Date(await t.env.currentTimeMs()).toISOString();
      const { events } = await handleCommand(
        t.store,
        supplyStandstill,
        supplyStandstillStreamId(selfLiftingBuyer, direct),
        {
          type: 'ImposeSupplyStandstill',
          data: {
            standstillId: direct,
            factoryId: 'factory-big',
            caseId: breach.caseId,
            contractorId: 'supplier-bid-a',
            findingIds: [breach.findingId],
            reasons: 'the audit confirmed it',
          },
          metadata: meta(now, officer, selfLiftingBuyer),
        },
      );
      // The breach workflow is signalled; the cooperative-contract standstill workflow is started beside it.
      const signal = [react(events[0])].flat().filter((reaction) => reaction?.kind === 'signal') as readonly {
        workflowId: string;
        signal: string;
        args: readonly unknown[];
      }[];
      expect(signal).toEqual([
        {
          kind: 'signal',
          workflowId: handle.workflowId,
          signal: 'standstillImposed',
          args: [{ standstillId: direct }],
        },
      ]);
      await handle.signal(signal[0]!.signal, ...signal[0]!.args);
      expect(await status(handle)).toMatchObject({ standstillIds: [direct] });

      await submitAndApprove(handle);
      await remediate(handle);
      expect(await handle.result()).toMatchObject({ outcome: 'breach_closed' });
    });
    const stream = await t.store.readStream(supplyStandstillStreamId(selfLiftingBuyer, direct));
    expect(stream.map((event) => event.type)).toEqual([
      'SupplyStandstillImposed',
      'StandstillRemediationVerified',
      'SupplyStandstillLifted',
    ]);
    expect(stream[2]!.metadata.actor).toEqual({
      id: breachEscalationWorkflowId(selfLiftingBuyer, breach.findingId),
      role: 'workflow',
    });
  });

  it('a missed implementation deadline climbs from the slip; a compliance officer terminates after the proposal', async () => {
    const breach = await confirmedBreach();
    const taskQueue = `breach-${breach.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      await submitAndApprove(handle);
      const { nextDeadline } = await status(handle);
      await t.env.sleep(Date.parse(nextDeadline!) - (await t.env.currentTimeMs()) + DAY);
      expect(await status(handle)).toMatchObject({
        step: 'remediating',
        ladderStepsTaken: ['reminder'],
        nextDeadlineKind: 'escalated_to_compliance_officer',
      });
      expect(await types(findingStreamId(organisationId, breach.findingId))).toContain(
        'CorrectiveActionDeadlineMissed',
      );
      await days(40);
      expect(await status(handle)).toMatchObject({ step: 'awaiting_termination_decision' });
      await handle.executeUpdate(decideTerminationUpdate, {
        args: [{ actor: officer, decision: 'terminate', reasons: 'no remediation after the whole ladder' }],
      });
      expect(await handle.result()).toEqual({
        outcome: 'contract_terminated',
        ladderStepsTaken: ['reminder', 'escalated_to_compliance_officer', 'supply_standstill', 'termination_proposed'],
      });
    });
    const caseEvents = await t.store.readStream(procurementCaseStreamId(organisationId, breach.caseId));
    const terminated = caseEvents.find((e) => e.type === 'ContractTerminated');
    expect(terminated?.data).toMatchObject({ findingId: breach.findingId, decidedBy: officer.id });
    expect(terminated?.metadata.actor).toEqual(officer);
    // Proposed, never decided: no standstill.
    expect(await types(findingStreamId(organisationId, breach.findingId))).toContain('SupplyStandstillProposed');
    expect(await types(supplyStandstillStreamId(organisationId, `breach-${breach.findingId}`))).toEqual([]);
  });

  it('a plan approved after the reminder stops the ladder there', async () => {
    const breach = await confirmedBreach();
    const taskQueue = `breach-${breach.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      await days(18); // past the plan's due date (14 days, moved off a weekend)
      expect(await status(handle)).toMatchObject({ ladderStepsTaken: ['reminder'] });
      await submitAndApprove(handle);
      expect(await status(handle)).toMatchObject({ step: 'remediating', nextDeadlineKind: 'plan_deadline' });
      await days(20);
      await remediate(handle);
      expect(await handle.result()).toEqual({ outcome: 'breach_closed', ladderStepsTaken: ['reminder'] });
    });
    expect(await types(supplyStandstillStreamId(organisationId, `breach-${breach.findingId}`))).toEqual([]);
  });

  // Ids are each buyer's own: two buyers' equal case and finding ids are two breaches, two workflows.
  it('runs one workflow per buyer when two buyers confirm breaches under the same case and finding ids', async () => {
    const other = 'city-of-madison';
    const ids = { caseId: randomUUID(), findingId: randomUUID() };
    const ours = await confirmedBreach(organisationId, ids);
    const theirs = await confirmedBreach(other, ids, other);
    expect(theirs.start.workflowId).not.toBe(ours.start.workflowId);
    const taskQueue = `breach-${ids.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handles = [await start(taskQueue, ours), await start(taskQueue, theirs)];
      expect(handles[1].firstExecutionRunId).not.toBe(handles[0].firstExecutionRunId);
      await days(18); // past the plan's due date (14 days, moved off a weekend)
      for (const handle of handles) expect(await status(handle)).toMatchObject({ ladderStepsTaken: ['reminder'] });
      for (const handle of handles) await handle.terminate('test done');
    });
    for (const org of [organisationId, other]) {
      const escalated = (await t.store.readStream(procurementCaseStreamId(org, ids.caseId)))
        .filter((event) => event.type === 'BreachEscalated')
        .map((event) => [event.metadata.organisationId, (event.data as { step: string }).step]);
      expect(escalated).toEqual([[org, 'reminder']]);
    }
  });

  // One authority per rule: what the decider holds is refused by the decider, with its rule's code,
  // whether the person acts through the API or through the workflow's update.
  it('answers a rule the decider holds with the decider’s code, and records nothing', async () => {
    const breach = await confirmedBreach();
    const taskQueue = `breach-${breach.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      await days(1);
      const refusal = (update: Promise<unknown>) =>
        update.then(
          () => undefined,
          (error: Error & { cause?: { type?: string; details?: unknown[] } }) => {
            expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
            return { type: error.cause?.type, code: error.cause?.details?.[0] };
          },
        );
      const { handle: _h, ...submission } = await plan(handle);
      expect(
        await refusal(
          handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [{ ...submission, planId: ' ' }] }),
        ),
      ).toEqual({ type: 'DomainRuleViolation', code: 'corrective_action.plan_id_required' });
      expect(
        await refusal(
          handle.executeUpdate(submitCorrectiveActionPlanUpdate, { args: [{ ...submission, actor: monitor }] }),
        ),
      ).toEqual({ type: 'DomainRuleViolation', code: 'corrective_action.contractor_required' });
      await submitAndApprove(handle);
      expect(
        await refusal(
          handle.executeUpdate(recordRemediationResultUpdate, {
            args: [{ actor: monitor, result: 'partial', assessment: ' ', actionsCompleted: [] }],
          }),
        ),
      ).toEqual({ type: 'DomainRuleViolation', code: 'remediation.assessment_required' });
      expect(await types(findingStreamId(organisationId, breach.findingId))).not.toContain('RemediationResultRecorded');
      expect(await status(handle)).toMatchObject({ step: 'remediating', agreedPlanId: 'plan-1' });
    });
  });

  // Written straight to the store, as a finding could be before references were checked: another
  // buyer's finding naming this buyer's case. Its workflow acts for the other buyer, and the
  // command path refuses its first decision on the case; the case gains nothing of the other's.
  it('records nothing on another buyer’s case: the first ladder step there is refused and the workflow fails', async () => {
    const other = 'city-of-madison';
    const breach = await confirmedBreach(other);
    expect(breach.input.organisationId).toBe(other);
    const taskQueue = `breach-${breach.findingId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, breach);
      await days(18); // past the plan's due date (14 days, moved off a weekend)
      const failure = await handle.result().then(
        () => undefined,
        (error: Error & { cause?: { cause?: { type?: string; details?: unknown[] } } }) => error.cause?.cause,
      );
      expect(failure).toMatchObject({
        type: 'DomainRuleViolation',
        details: ['procurementCase.not_found', expect.anything()],
      });
    });
    const caseEvents = await t.store.readStream(procurementCaseStreamId(organisationId, breach.caseId));
    expect(caseEvents.filter((event) => event.metadata.organisationId !== organisationId)).toEqual([]);
    expect(caseEvents.map((event) => event.type)).not.toContain('BreachEscalated');
  });
});
