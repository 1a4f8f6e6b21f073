import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  awardStandstillStatusQuery,
  awardStandstillWorkflowId,
  type AwardStandstillResult,
  type AwardStandstillStatus,
} from '@pj/contracts';
import { inBuyerTime, periodEndsAt } from '@pj/domain';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';
import { calendar, caseInEvaluation, journey, organisationId, type Journey } from './support/procurement-case-journey';

// The legal standstill on the time-skipping server: the award decision starts it through the
// process manager's reaction, complaints reach it as signals, and its outcome lands on the case.
describe('award standstill workflow', () => {
  let t: WorkflowTestEnvironment;
  const taskQueue = 'award-standstill-spec';
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
  });
  afterAll(async () => t?.teardown());

  async function award(j: Journey, noticeMeans: 'electronic' | 'other', bidId = 'bid-a') {
    const events = await j.run('DecideAward', { bidId, noticeMeans, reasons: 'best value' });
    const [handle] = await j.react(events);
    return { handle, decided: events[0].data as { awardId: string; notifiedAt: string; standstillEndsAt: string } };
  }

  const complain = (j: Journey, complaintId: string) =>
    j.run(
      'SubmitComplaint',
      { complaintId, complainant: 'supplier-bid-b', grounds: 'price scores misapplied' },
      { role: 'supplier' },
    );

  it.each([
    ['electronic', 10],
    ['other', 15],
  ] as const)('after notice by %s means, records the end of the standstill %i days later', async (means, days) => {
    const j = journey(t, taskQueue);
    await caseInEvaluation(j);
    const decided = await t.withWorker(taskQueue, async () => {
      const { handle, decided } = await award(j, means);
      expect(handle.workflowId).toBe(awardStandstillWorkflowId(organisationId, j.caseId, 'award-1'));
      // The domain counted the days in Madison's calendar; the workflow sleeps until just past the end.
      expect(decided.standstillEndsAt).toBe(periodEndsAt(calendar, decided.notifiedAt, days));
      const status: AwardStandstillStatus = await handle.query(awardStandstillStatusQuery);
      expect(status).toEqual({
        step: 'standstill',
        awardId: 'award-1',
        standstillEndsAt: decided.standstillEndsAt,
        standstillEndsAtLocal: inBuyerTime(calendar, decided.standstillEndsAt),
        timeZone: 'America/Chicago',
        nextDeadline: decided.standstillEndsAt,
        pendingComplaintIds: [],
      });

      expect(await handle.result()).toEqual({ outcome: 'standstill_ended' });
      if (means === 'electronic') await recordHistory(handle, 'award-standstill-ended');
      expect((await handle.query(awardStandstillStatusQuery)).step).toBe('ended');
      return decided;
    });
    const [ended] = await j.events('LegalStandstillEnded');
    expect(ended.data).toMatchObject({ awardId: 'award-1', standstillEndsAt: decided.standstillEndsAt });
    expect(Date.parse((ended.data as { endedAt: string }).endedAt)).toBeGreaterThanOrEqual(
      Date.parse((ended.data as { standstillEndsAt: string }).standstillEndsAt),
    );
    expect(ended.metadata.actor).toEqual({
      id: awardStandstillWorkflowId(organisationId, j.caseId, 'award-1'),
      role: 'workflow',
    });
    // Signature is now possible.
    expect((await j.run('SignContract', { contractId: 'contract-1' }))[0].type).toBe('ContractSigned');
  });

  it('starting it twice changes nothing: the same run while it runs, no second run once it finished', async () => {
    const j = journey(t, taskQueue);
    await caseInEvaluation(j);
    await t.withWorker(taskQueue, async () => {
      const awarded = await j.run('DecideAward', { bidId: 'bid-a', noticeMeans: 'electronic', reasons: 'best value' });
      const [first] = await j.react(awarded);
      const [second] = await j.react(awarded);
      expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
      await first.result();
      await expect(j.react(awarded)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    });
    expect((await j.types()).filter((type) => type === 'LegalStandstillEnded')).toHaveLength(1);
  });

  it('a complaint holds signature back past the period until it is dismissed or withdrawn', async () => {
    const j = journey(t, taskQueue);
    await caseInEvaluation(j);
    await t.withWorker(taskQueue, async () => {
      const { handle, decided: award1 } = await award(j, 'electronic');
      await j.react(await complain(j, 'complaint-1'));
      await j.react(await complain(j, 'complaint-2'));
      // 10 days from the day after, moved off a weekend or holiday in Chicago: over within 15.
      await t.env.sleep('15 days');
      const held: AwardStandstillStatus = await handle.query(awardStandstillStatusQuery);
      expect(held).toEqual({
        step: 'held_by_complaint',
        awardId: 'award-1',
        standstillEndsAt: award1.standstillEndsAt,
        standstillEndsAtLocal: inBuyerTime(calendar, award1.standstillEndsAt),
        timeZone: 'America/Chicago',
        pendingComplaintIds: ['complaint-1', 'complaint-2'],
      });
      expect(await j.types()).not.toContain('LegalStandstillEnded');

      await j.react(await j.run('DismissComplaint', { complaintId: 'complaint-1', reasons: 'no error found' }));
      await t.env.sleep('1 day');
      expect((await handle.query(awardStandstillStatusQuery)).pendingComplaintIds).toEqual(['complaint-2']);
      expect(await j.types()).not.toContain('LegalStandstillEnded');

      await j.react(await j.run('WithdrawComplaint', { complaintId: 'complaint-2' }, { role: 'supplier' }));
      expect(await handle.result()).toEqual({ outcome: 'standstill_ended' });
      await recordHistory(handle, 'award-standstill-complaint-dismissed');
    });
    const types = await j.types();
    expect(types.slice(types.indexOf('AwardDecided'))).toEqual([
      'AwardDecided',
      'ComplaintSubmitted',
      'ComplaintSubmitted',
      'ComplaintDismissed',
      'ComplaintWithdrawn',
      'LegalStandstillEnded',
    ]);
  });

  it('a complaint lodged before the award still holds it: the domain names it', async () => {
    const j = journey(t, taskQueue);
    await caseInEvaluation(j);
    await t.withWorker(taskQueue, async () => {
      expect(await j.react(await complain(j, 'early'))).toEqual([]); // no award yet: nothing to signal
      const { handle } = await award(j, 'electronic');
      await t.env.sleep('15 days');
      expect(await handle.query(awardStandstillStatusQuery)).toMatchObject({
        step: 'held_by_complaint',
        pendingComplaintIds: ['early'],
      });
      await j.react(await j.run('DismissComplaint', { complaintId: 'early', reasons: 'out of time' }));
      expect(await handle.result()).toEqual({ outcome: 'standstill_ended' });
    });
    expect(await j.types()).toContain('LegalStandstillEnded');
  });

  it('an upheld complaint that cancels the award ends it; a new award starts its own standstill', async () => {
    const j = journey(t, taskQueue);
    await caseInEvaluation(j);
    await t.withWorker(taskQueue, async () => {
      const { handle } = await award(j, 'electronic');
      await j.react(await complain(j, 'complaint-1'));
      await j.run('AcceptComplaint', { complaintId: 'complaint-1' });
      await t.env.sleep('3 days');
      const upheld = await j.run('UpholdComplaint', {
        complaintId: 'complaint-1',
        reasons: 'bid-b scored wrongly',
        cancelAward: true,
      });
      expect(upheld.map((event) => event.type)).toEqual(['ComplaintUpheld', 'AwardCancelled']);
      await j.react(upheld);
      const result: AwardStandstillResult = await handle.result();
      expect(result).toEqual({ outcome: 'award_cancelled' });
      expect((await handle.query(awardStandstillStatusQuery)).step).toBe('award_cancelled');
      expect(await j.types()).not.toContain('LegalStandstillEnded');

      await j.run('EvaluateBid', { bidId: 'bid-b', scores: [{ criterionId: 'price', score: 90 }] });
      const second = await award(j, 'other', 'bid-b');
      expect(second.handle.workflowId).toBe(awardStandstillWorkflowId(organisationId, j.caseId, 'award-2'));
      expect(await second.handle.result()).toEqual({ outcome: 'standstill_ended' });
    });
    const [ended] = await j.events('LegalStandstillEnded');
    expect(ended.data).toMatchObject({ awardId: 'award-2', bidId: 'bid-b' });
  });
});
