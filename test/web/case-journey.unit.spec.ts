import { nextStepOf, STAGES, type CaseReads } from '../../apps/web/src/cases/case-journey';

// The case page's stepper and "what blocks it": given the case's reads, the stage, the next step
// and the rule codes the API would refuse that step with.
const view = (phase: string, riskLevel?: 'high') =>
  ({
    caseId: 'c-1',
    phase,
    title: 'Laptops',
    productCategory: 'electronics',
    countriesOfProduction: ['CN'],
    revision: 3,
    riskLevel,
  }) as CaseReads['view'];
const requirements = (extra: object = {}) =>
  ({
    caseId: 'c-1',
    title: 'Laptops',
    phase: 'x',
    productCategory: 'electronics',
    countriesOfProduction: ['CN'],
    revision: 3,
    ...extra,
  }) as CaseReads['requirements'];
const bid = (bidId: string, extra: object = {}) =>
  ({ bidId, excluded: false, status: 'submitted', totalScore: null, ...extra }) as unknown as NonNullable<
    CaseReads['bids']
  >[number];
const codes = (reads: CaseReads, now?: number) => nextStepOf(reads, now).blockers.map((blocker) => blocker.code);
const NOW = Date.parse('2026-04-01T10:00:00Z');

it('starts with the policy, blocked from the tender until the risk is screened', () => {
  expect(nextStepOf({ view: view('policy') })).toMatchObject({
    stage: 0,
    next: 'Adopt the policy and code of conduct',
  });
  expect(codes({ view: view('policy') })).toEqual(['tender.risk_screening_missing']);
  const adopted = { view: view('policy', 'high'), requirements: requirements({ policyRef: 'scc-2012' }) };
  expect(nextStepOf(adopted)).toMatchObject({ stage: 1, next: 'Publish the tender requirements', blockers: [] });
});

it('waits for the bid deadline while tendering', () => {
  const tendering = (deadline: string) => ({
    view: view('tendering', 'high'),
    requirements: requirements({ tender: { bidDeadline: deadline } }),
  });
  expect(codes(tendering('2026-04-02T00:00:00Z'), NOW)).toEqual(['bidding.deadline_not_passed']);
  expect(codes(tendering('2026-03-31T00:00:00Z'), NOW)).toEqual([]);
  expect(nextStepOf(tendering('2026-03-31T00:00:00Z'), NOW).stage).toBe(2);
});

it('names each eligible bid the award waits for, and ignores excluded ones', () => {
  const reads = {
    view: view('evaluation', 'high'),
    bids: [
      bid('bid-a', { totalScore: 80, status: 'evaluated' }),
      bid('bid-b'),
      bid('bid-c', { excluded: true, status: 'excluded' }),
      bid('bid-d', { totalScore: 70, lowPriceReview: 'explanation_requested' }),
    ],
  };
  const step = nextStepOf(reads);
  expect(step.stage).toBe(3);
  expect(step.blockers.map(({ code, detail }) => [code, detail])).toEqual([
    ['award.bid_not_evaluated', 'bid-b has no score yet'],
    ['award.abnormally_low_unexplained', 'bid-d'],
  ]);
  expect(codes({ view: view('evaluation'), bids: [bid('bid-e', { excluded: true })] })).toEqual([
    'award.bid_not_evaluated',
  ]);
});

it('holds the signature during the standstill and while a complaint is pending', () => {
  const award = (standstillEnded: boolean) =>
    requirements({
      award: {
        awardId: 'award-1',
        supplierId: 'dell',
        notifiedAt: '',
        standstillEndsAt: '2026-04-12T22:00:00Z',
        standstillEnded,
      },
    });
  const complaint = { complaintId: 'complaint-1', complainant: 'HP', holdsSignature: true } as NonNullable<
    CaseReads['complaints']
  >[number];
  expect(codes({ view: view('awarded'), requirements: award(false) })).toEqual(['standstill.not_ended']);
  expect(codes({ view: view('awarded'), requirements: award(true), complaints: [complaint] })).toEqual([
    'standstill.complaint_pending',
  ]);
  expect(nextStepOf({ view: view('awarded'), requirements: award(true), complaints: [] })).toMatchObject({
    stage: 4,
    blockers: [],
  });
});

it('follows the contract, then ends past the last stage', () => {
  expect(nextStepOf({ view: view('in_performance') }).stage).toBe(5);
  expect(nextStepOf({ view: view('closed') }).stage).toBe(STAGES.length);
  expect(nextStepOf({ view: view('terminated') }).next).toMatch(/over/);
});
