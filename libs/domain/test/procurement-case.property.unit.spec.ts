import fc from 'fast-check';
import {
  addCalendarDays,
  DomainError,
  escalationLadder,
  procurementCase,
  type ProcurementCaseCommand,
  type ProcurementCaseEvent,
  type ProcurementCaseState,
} from '../src';
import type { Role } from '../src/roles';
import { buyerCalendar, caseId, T0, tenderData } from './fixtures';

// Properties over any sequence of commands: a mostly-happy path towards signature and termination,
// interleaved with arbitrary commands from anyone, at arbitrary times.

type Make = (now: string) => ProcurementCaseCommand;
const roles: Role[] = ['contract_manager', 'compliance_officer', 'auditor', 'supplier', 'monitor', 'workflow'];
let sequence = 0;
const as = (now: string, role: Role = 'contract_manager') => ({
  commandId: `p-${++sequence}`,
  now,
  actor: { id: `${role}-1`, role },
  organisationId: 'buyer-1',
  calendar: buyerCalendar,
});
const cmd = <T extends ProcurementCaseCommand['type']>(
  type: T,
  data: Extract<ProcurementCaseCommand, { type: T }>['data'],
  now: string,
  role: Role = 'contract_manager',
) => ({ type, data, metadata: as(now, role) }) as unknown as ProcurementCaseCommand;

const scores = (price: number) => [
  { criterionId: 'price', score: price },
  { criterionId: 'quality', score: 70 },
  { criterionId: 'social', score: 70 },
];
const bidData = (bidId: string, share: number) => ({
  caseId,
  bidId,
  supplierId: `supplier-${bidId}`,
  price: 100_000,
  supplyChainDisclosure: { disclosedSharePercent: share, factories: [{ factoryId: 'f-1', annualPurchases: 30_000 }] },
  selfDeclarations: {
    noConvictionForChildLabourOrTrafficking: true,
    noGraveProfessionalMisconduct: true,
    compliesWithLabourLaw: true,
    noEarlierContractTerminatedEarly: true,
    acceptsCodeOfConduct: true,
  },
  subcontractorIds: ['sub-1'],
});

/** The path a case normally takes; closing waits for the bid deadline, the rest happens when it happens. */
const happyPath = (): Make[] => {
  let bidDeadline = T0;
  const latest = (a: string, b: string) => (Date.parse(a) < Date.parse(b) ? b : a);
  return [
    (now) =>
      cmd(
        'OpenCase',
        { caseId, title: 'ICT hardware', productCategory: 'electronics', countriesOfProduction: ['CN'] },
        now,
      ),
    (now) => cmd('RecordRiskScreening', { caseId, riskLevel: 'high', reasons: ['electronics from CN'] }, now),
    (now) =>
      cmd(
        'AdoptPolicy',
        { caseId, policyRef: 'p', codeOfConductStandards: ['ILO core'], includesLawOfCountryOfProduction: true },
        now,
      ),
    (now) => {
      bidDeadline = addCalendarDays(now, 10);
      return cmd('PublishTenderRequirements', tenderData({ bidDeadline }), now);
    },
    (now) => cmd('SubmitBid', bidData('bid-a', 60), now, 'supplier'),
    (now) => cmd('SubmitBid', bidData('bid-b', 80), now, 'supplier'),
    (now) => cmd('CloseBidding', { caseId }, latest(now, bidDeadline)),
    (now) => cmd('EvaluateBid', { caseId, bidId: 'bid-a', scores: scores(90) }, now),
    (now) => cmd('EvaluateBid', { caseId, bidId: 'bid-b', scores: scores(60) }, now),
    (now) => cmd('DecideAward', { caseId, bidId: 'bid-a', noticeMeans: 'electronic', reasons: 'best value' }, now),
    (now) => cmd('SignContract', { caseId, contractId: 'contract-1' }, now),
    ...escalationLadder.map<Make>(
      (step) => (now) => cmd('EscalateBreach', { caseId, findingId: 'finding-1', step, note: 'n' }, now, 'workflow'),
    ),
    (now) =>
      cmd('TerminateContract', { caseId, reasons: 'not remedied', findingId: 'finding-1' }, now, 'compliance_officer'),
  ];
};

const bidId = fc.constantFrom('bid-a', 'bid-b', 'bid-c');
const complaintId = fc.constantFrom('complaint-1', 'complaint-2');
const role = fc.constantFrom(...roles);
const text = fc.constantFrom('', ' ', 'reasons given');

const anyCommand: fc.Arbitrary<Make> = fc.oneof(
  fc.tuple(bidId, fc.integer({ min: 40, max: 100 })).map(
    ([id, share]) =>
      (now: string) =>
        cmd('SubmitBid', bidData(id, share), now, 'supplier'),
  ),
  fc.constant((now: string) => cmd('CloseBidding', { caseId }, now)),
  fc.tuple(bidId, fc.boolean()).map(
    ([id, final]) =>
      (now: string) =>
        cmd(
          'AssessExclusionGround',
          {
            caseId,
            bidId: id,
            subject: { kind: 'bidder' },
            ground: {
              kind: 'mandatory',
              offence: 'trafficking_in_human_beings',
              convictionFinal: final,
              convictedOn: '2024-01-01',
            },
            decision: 'exclude',
            reasons: 'conviction',
            excludedUntil: addCalendarDays(now, 365),
          },
          now,
        ),
  ),
  fc.tuple(bidId, fc.constantFrom('accept' as const, 'reject' as const), text).map(
    ([id, decision, reasons]) =>
      (now: string) =>
        cmd('AssessSelfCleaning', { caseId, bidId: id, decision, reasons }, now),
  ),
  bidId.map((id) => (now: string) => cmd('FlagAbnormallyLowBid', { caseId, bidId: id, reasons: 'low' }, now)),
  bidId.map((id) => (now: string) => cmd('RequestLowBidExplanation', { caseId, bidId: id, questions: ['why?'] }, now)),
  fc.tuple(bidId, fc.boolean(), fc.constantFrom('accept' as const, 'reject' as const)).map(
    ([id, labour, decision]) =>
      (now: string) =>
        cmd(
          'AssessLowBidExplanation',
          {
            caseId,
            bidId: id,
            explanationRef: 'e',
            priceLowBecauseLabourOrSocialLawNotRespected: labour,
            decision,
            reasons: 'r',
          },
          now,
        ),
  ),
  fc.tuple(bidId, fc.integer({ min: 0, max: 100 })).map(
    ([id, price]) =>
      (now: string) =>
        cmd('EvaluateBid', { caseId, bidId: id, scores: scores(price) }, now),
  ),
  fc.tuple(bidId, fc.constantFrom('electronic' as const, 'other' as const)).map(
    ([id, noticeMeans]) =>
      (now: string) =>
        cmd('DecideAward', { caseId, bidId: id, noticeMeans, reasons: 'best value' }, now),
  ),
  complaintId.map(
    (id) => (now: string) =>
      cmd('SubmitComplaint', { caseId, complaintId: id, complainant: 'bid-b', grounds: 'g' }, now, 'supplier'),
  ),
  complaintId.map((id) => (now: string) => cmd('AcceptComplaint', { caseId, complaintId: id }, now)),
  fc.tuple(complaintId, fc.boolean()).map(
    ([id, cancelAward]) =>
      (now: string) =>
        cmd('UpholdComplaint', { caseId, complaintId: id, reasons: 'r', cancelAward }, now),
  ),
  complaintId.map((id) => (now: string) => cmd('DismissComplaint', { caseId, complaintId: id, reasons: 'r' }, now)),
  complaintId.map((id) => (now: string) => cmd('WithdrawComplaint', { caseId, complaintId: id }, now, 'supplier')),
  role.map((r) => (now: string) => cmd('SignContract', { caseId, contractId: 'contract-1' }, now, r)),
  fc
    .integer({ min: 2, max: 3 })
    .map((year) => (now: string) => cmd('BeginContractYear', { caseId, contractYear: year }, now, 'workflow')),
  fc.integer({ min: 0, max: 100 }).map(
    (share) => (now: string) =>
      cmd(
        'DiscloseSupplyChain',
        {
          caseId,
          contractYear: 1,
          disclosedSharePercent: share,
          factories: [{ factoryId: 'f-2', annualPurchases: 50_000 }],
        },
        now,
      ),
  ),
  fc.constant((now: string) =>
    cmd('SubmitCompliancePlan', { caseId, factoryId: 'f-1', planRef: 'plan', measures: ['m'] }, now),
  ),
  fc
    .constantFrom('factory-disclosure', 'living-wage')
    .map(
      (clauseId) => (now: string) =>
        cmd('RecordClauseBreach', { caseId, clauseId, breachId: 'breach-1', description: 'd' }, now),
    ),
  fc
    .constantFrom('factory-disclosure', 'living-wage')
    .map(
      (clauseId) => (now: string) =>
        cmd(
          'ImposeSanction',
          { caseId, sanctionId: 's', clauseId, breachId: 'breach-1', sanction: 'formal_warning', reasons: 'r' },
          now,
        ),
    ),
  fc.tuple(fc.constantFrom(...escalationLadder), role).map(
    ([step, r]) =>
      (now: string) =>
        cmd('EscalateBreach', { caseId, findingId: 'finding-1', step, note: 'n' }, now, r),
  ),
  fc
    .tuple(role, text, fc.option(text, { nil: undefined }), fc.option(fc.constant('finding-1'), { nil: undefined }))
    .map(
      ([r, reasons, urgencyJustification, findingId]) =>
        (now: string) =>
          cmd('TerminateContract', { caseId, reasons, urgencyJustification, findingId }, now, r),
    ),
  fc.constant((now: string) => cmd('CloseContract', { caseId, reasons: 'term ended' }, now)),
);

type Step = { readonly advanceHours: number; readonly make: Make | 'next' };
const steps: fc.Arbitrary<readonly Step[]> = fc.array(
  fc.record({
    advanceHours: fc.integer({ min: 0, max: 24 * 6 }),
    make: fc.oneof({ arbitrary: fc.constant<'next'>('next'), weight: 3 }, { arbitrary: anyCommand, weight: 2 }),
  }),
  { minLength: 25, maxLength: 80 },
);

interface Run {
  readonly state: ProcurementCaseState;
  readonly events: readonly ProcurementCaseEvent[];
  readonly accepted: readonly { command: ProcurementCaseCommand; events: readonly ProcurementCaseEvent[] }[];
}

function run(plan: readonly Step[]): Run {
  let now = T0;
  let next = 0;
  let state = procurementCase.initialState();
  const events: ProcurementCaseEvent[] = [];
  const accepted: { command: ProcurementCaseCommand; events: readonly ProcurementCaseEvent[] }[] = [];
  let refusals = 0;
  const path = happyPath();
  for (const step of plan) {
    now = addCalendarDays(now, step.advanceHours / 24);
    const make = step.make === 'next' ? path[next] : step.make;
    if (!make) continue;
    const command = make(now);
    const result = procurementCase.decide(command, state); // a throw fails the property
    if (result instanceof DomainError) {
      expect(result.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      // A refused happy-path step is retried later (time may have passed), then given up.
      if (step.make === 'next' && ++refusals > 6) [next, refusals] = [next + 1, 0];
      continue;
    }
    if (step.make === 'next') [next, refusals] = [next + 1, 0];
    // The clock never runs backwards, even when a command waited for a deadline.
    now = Date.parse(command.metadata.now) > Date.parse(now) ? command.metadata.now : now;
    events.push(...result);
    accepted.push({ command, events: result });
    state = result.reduce(procurementCase.evolve, state);
  }
  return { state, events, accepted };
}

describe('procurement case properties', () => {
  it('folding the emitted events, as read back from a store, reproduces the state', () =>
    fc.assert(
      fc.property(steps, (plan) => {
        const { state, events } = run(plan);
        const stored: ProcurementCaseEvent[] = JSON.parse(JSON.stringify(events));
        expect(stored.reduce(procurementCase.evolve, procurementCase.initialState())).toEqual(state);
      }),
      { numRuns: 300 },
    ));

  it('no sequence signs a contract during the standstill or while a complaint is pending', () => {
    let signedRuns = 0;
    fc.assert(
      fc.property(steps, (plan) => {
        // An oracle built from the events alone, independent of the decider's state.
        let standstillEndsAt: string | undefined;
        const complaints = new Map<string, string>();
        for (const event of run(plan).events) {
          switch (event.type) {
            case 'AwardDecided':
              standstillEndsAt = event.data.standstillEndsAt;
              break;
            case 'AwardCancelled':
              standstillEndsAt = undefined;
              break;
            case 'ComplaintSubmitted':
              complaints.set(event.data.complaintId, 'submitted');
              break;
            case 'ComplaintAccepted':
              complaints.set(event.data.complaintId, 'accepted');
              break;
            case 'ComplaintUpheld':
            case 'ComplaintDismissed':
            case 'ComplaintWithdrawn':
              complaints.set(event.data.complaintId, 'resolved');
              break;
            case 'ContractSigned':
              signedRuns++;
              expect(standstillEndsAt).toBeDefined();
              expect(Date.parse(event.data.signedAt)).toBeGreaterThanOrEqual(Date.parse(standstillEndsAt!));
              expect([...complaints.values()].filter((s) => s === 'submitted' || s === 'accepted')).toEqual([]);
              break;
            default:
              break;
          }
        }
      }),
      { numRuns: 500 },
    );
    expect(signedRuns).toBeGreaterThan(0);
  });

  it('no sequence terminates a contract without a compliance officer’s reasoned decision', () => {
    let terminatedRuns = 0;
    fc.assert(
      fc.property(steps, (plan) => {
        for (const { command, events } of run(plan).accepted) {
          if (!events.some((event) => event.type === 'ContractTerminated')) continue;
          terminatedRuns++;
          expect(command.type).toBe('TerminateContract');
          expect(command.metadata.actor.role).toBe('compliance_officer');
          expect(command.type === 'TerminateContract' && command.data.reasons.trim()).toBeTruthy();
        }
      }),
      { numRuns: 500 },
    );
    expect(terminatedRuns).toBeGreaterThan(0);
  });
});
