import { addCalendarDays } from '@pj/domain';
import { tenderStatusQuery, tenderWorkflowId, type TenderResult } from '@pj/contracts';
import { startWorkflowTestEnvironment, type WorkflowTestEnvironment } from './support/workflow-test-environment';
import { journey, organisationId, type Journey } from './support/procurement-case-journey';

const taskQueue = 'tender-test';

describe('tender workflow', () => {
  let t: WorkflowTestEnvironment;
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
  });
  afterAll(async () => t?.teardown());

  /** A case whose tender was published now with bids due in three days; the process manager's reaction started. */
  async function publishedTender(j: Journey) {
    const T = await j.now();
    await j.run('OpenCase', { title: 'Uniforms', productCategory: 'garments', countriesOfProduction: ['BD'] });
    await j.run('RecordRiskScreening', { riskLevel: 'high', reasons: ['US DOL list: garments from BD'] });
    await j.run('AdoptPolicy', {
      policyRef: 'sweatfree-2005',
      codeOfConductStandards: ['ILO core'],
      includesLawOfCountryOfProduction: true,
    });
    const bidDeadline = addCalendarDays(T, 3);
    const published = await j.run('PublishTenderRequirements', {
      tenderRef: 'RFP-1',
      currency: 'USD',
      bidDeadline,
      disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
      compliancePlans: { annualPurchaseThreshold: 25_000, dueByEndOfContractYear: 1 },
      performanceClauses: [],
      awardCriteria: [{ criterionId: 'price', kind: 'price', description: 'price', weight: 100 }],
      legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15 },
      dueDiligence: {
        questionnaireResponseDays: 30,
        questionnaireReminderDays: [14, 25],
        independentAuditMethod: 'worker_driven',
      },
    });
    const [handle] = await j.react(published);
    return { handle, bidDeadline, published };
  }

  it('closes bidding at the published deadline, as the workflow, caused by the publication', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle, bidDeadline, published } = await publishedTender(j);
      expect(handle.workflowId).toBe(tenderWorkflowId(organisationId, j.caseId));
      expect(await handle.query(tenderStatusQuery)).toEqual({ step: 'bidding_open', bidDeadline });
      // Publishing delivered again (a process-manager restart) starts nothing new.
      const [again] = await j.react(published);
      expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);

      expect(await handle.result()).toEqual<TenderResult>({ outcome: 'closed_at_deadline' });
      expect(await handle.query(tenderStatusQuery)).toEqual({
        step: 'bidding_closed',
        bidDeadline,
        closedBy: 'deadline',
      });
      const [closed] = await j.events('BiddingClosed');
      expect(closed.metadata.actor).toEqual({ id: handle.workflowId, role: 'workflow' });
      expect(closed.metadata.causationId).toBe(published[0].metadata.eventId);
      expect(closed.metadata.commandId).toBe(`${handle.workflowId}/close-bidding`);
      expect((closed.data as { closedAt: string }).closedAt >= bidDeadline).toBe(true);
      expect(Date.parse((closed.data as { closedAt: string }).closedAt)).toBeLessThan(Date.parse(bidDeadline) + 60_000);
    });
    expect((await j.types()).filter((type) => type === 'BiddingClosed')).toHaveLength(1);
  });

  it('ends quietly when the contract manager closed bidding and the process manager says so', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle, bidDeadline } = await publishedTender(j);
      // The contract manager closes bidding just after the deadline (on the case's clock); the
      // workflow's timer has not fired: the BiddingClosed signal ends its wait.
      const closed = await j.run('CloseBidding', {}, { now: addCalendarDays(bidDeadline, 1) });
      await j.react(closed);
      expect(await handle.result()).toEqual<TenderResult>({ outcome: 'closed_by_other' });
      expect(await handle.query(tenderStatusQuery)).toMatchObject({ step: 'bidding_closed', closedBy: 'other' });
    });
    const closings = await j.events('BiddingClosed');
    expect(closings).toHaveLength(1);
    expect(closings[0].metadata.actor.role).toBe('contract_manager');
  });

  it('without the news, the case refusing a second closure ends it quietly too', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle, bidDeadline } = await publishedTender(j);
      // Closed by the contract manager, but the signal never comes (the process manager lags).
      await j.run('CloseBidding', {}, { now: addCalendarDays(bidDeadline, 1) });
      expect(await handle.result()).toEqual<TenderResult>({ outcome: 'closed_by_other' });
    });
    const closings = await j.events('BiddingClosed');
    expect(closings).toHaveLength(1);
    expect(closings[0].metadata.actor.role).toBe('contract_manager');
  });

  it('flags the abnormally low bid as it closes bidding, with the computation (Art. 69)', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle, bidDeadline } = await publishedTender(j);
      const submitted = addCalendarDays(bidDeadline, -1);
      for (const [bidId, price] of [
        ['bid-a', 250_000],
        ['bid-b', 260_000],
        ['bid-c', 199_000],
      ] as const)
        await j.run(
          'SubmitBid',
          {
            bidId,
            supplierId: `supplier-${bidId}`,
            price,
            supplyChainDisclosure: { disclosedSharePercent: 60, factories: [] },
            selfDeclarations: {
              noConvictionForChildLabourOrTrafficking: true,
              noGraveProfessionalMisconduct: true,
              compliesWithLabourLaw: true,
              noEarlierContractTerminatedEarly: true,
              acceptsCodeOfConduct: true,
            },
            subcontractorIds: [],
          },
          { now: submitted, role: 'supplier' },
        );
      expect(await handle.result()).toEqual<TenderResult>({ outcome: 'closed_at_deadline' });
    });
    const flags = await j.events('BidFlaggedAbnormallyLow');
    expect(flags).toHaveLength(1);
    expect(flags[0].metadata.actor.role).toBe('workflow');
    expect(flags[0].data).toMatchObject({
      bidId: 'bid-c',
      computations: [{ rule: 'price_below_mean_of_others', meanOfOtherBids: 255_000, threshold: 204_000 }],
    });
  });
});
