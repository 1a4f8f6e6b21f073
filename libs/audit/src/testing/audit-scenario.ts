import { executeCommand, type AggregateName, type CommandOf } from '@pj/application';
import { escalationLadder, factoryStreamId, type Role } from '@pj/domain';
import type { EventStore, RecordedEvent } from '@pj/event-store';

/**
 * A case from tender through award, a cancelled award after an upheld complaint, a second award,
 * contract, a sanction, a finding at a factory and, after the escalation ladder, termination —
 * written through the one command path (`executeCommand` → `handleCommand`). The escalations and
 * the termination name the finding's event as their cause, as the workflows do.
 * Used by the audit specs and the CLI spec.
 */
export const SCENARIO_ORGANISATION = 'stockholm-county-council';

/** Day `n` of a scenario, at 09:00 UTC from 5 January 2026. */
export const scenarioDay = (n: number) => new Date(Date.UTC(2026, 0, 5 + n, 9)).toISOString();
const day = scenarioDay;

/**
 * Records a scenario's commands through the command path for the scenario's buyer, with command ids
 * `<caseId>/command-<n>` and the instant of the day given: `run` on any aggregate, `c` on the case.
 */
export function scenarioRecorder(store: EventStore, caseId: string, workflowId = `breach-escalation:${caseId}`) {
  let sequence = 0;
  const run = async <A extends AggregateName>(
    aggregate: A,
    id: string,
    type: string,
    data: unknown,
    at: number,
    role: Role | 'workflow' = 'contract_manager',
    causationId?: string,
  ) => {
    sequence += 1;
    const command = {
      type,
      data,
      metadata: {
        commandId: `${caseId}/command-${sequence}`,
        now: day(at),
        actor: { id: role === 'workflow' ? workflowId : `${role}-1`, role },
        organisationId: SCENARIO_ORGANISATION,
        calendar: { timeZone: 'UTC' },
      },
    } as unknown as CommandOf<A>;
    return executeCommand(store, aggregate, id, command, causationId ? { causationId } : {});
  };
  const c = (type: string, data: Record<string, unknown>, at: number, role?: Role | 'workflow', causationId?: string) =>
    run('procurementCase', caseId, type, { caseId, ...data }, at, role, causationId);
  return { run, c };
}

/** A tender of the scenarios: SEK, bids due on day 30, Madison's disclosure ratchet, worker-driven audits. */
export const scenarioTender = (tenderRef: string, performanceClauses: readonly object[]) => ({
  tenderRef,
  currency: 'SEK',
  bidDeadline: day(30),
  disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
  compliancePlans: { annualPurchaseThreshold: 25_000, dueByEndOfContractYear: 1 },
  performanceClauses,
  awardCriteria: [
    { criterionId: 'price', kind: 'price', description: 'price', weight: 60 },
    { criterionId: 'social', kind: 'social', description: 'compliance plan quality', weight: 40 },
  ],
  legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15 },
  dueDiligence: {
    questionnaireResponseDays: 30,
    questionnaireReminderDays: [14, 25],
    independentAuditMethod: 'worker_driven',
  },
});

export interface ScenarioResult {
  readonly caseId: string;
  readonly caseStreamId: string;
  readonly findingEvent: RecordedEvent;
  readonly terminationEvent: RecordedEvent;
}

export async function writeScenario(store: EventStore, caseId = 'case-dell-2013'): Promise<ScenarioResult> {
  const { run, c } = scenarioRecorder(store, caseId);

  await c(
    'OpenCase',
    { title: 'Computers for county hospitals', productCategory: 'electronics', countriesOfProduction: ['CN'] },
    0,
  );
  await c('RecordRiskScreening', { riskLevel: 'high', reasons: ['DFØ high-risk list: electronics'] }, 0, 'workflow');
  await c(
    'AdoptPolicy',
    {
      policyRef: 'sll-code-of-conduct-2012',
      codeOfConductStandards: ['ILO core labour standards'],
      includesLawOfCountryOfProduction: true,
    },
    0,
  );
  await c(
    'PublishTenderRequirements',
    scenarioTender('SLL-2013-IT-1', [
      { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
      { clauseId: 'working-hours', kind: 'kpi', description: 'working hours within legal limits' },
    ]),
    1,
  );
  for (const [bidId, price] of [
    ['bid-dell', 9_500_000],
    ['bid-other', 9_900_000],
  ] as const) {
    await c(
      'SubmitBid',
      {
        bidId,
        supplierId: bidId === 'bid-dell' ? 'dell' : 'other-supplier',
        price,
        supplyChainDisclosure: {
          disclosedSharePercent: 70,
          factories: [{ factoryId: `factory-${bidId}`, annualPurchases: 400_000 }],
        },
        selfDeclarations: {
          noConvictionForChildLabourOrTrafficking: true,
          noGraveProfessionalMisconduct: true,
          compliesWithLabourLaw: true,
          noEarlierContractTerminatedEarly: true,
          acceptsCodeOfConduct: true,
        },
        subcontractorIds: [],
      },
      10,
      'supplier',
    );
  }
  await c('CloseBidding', {}, 31);
  await c(
    'EvaluateBid',
    {
      bidId: 'bid-dell',
      scores: [
        { criterionId: 'price', score: 80 },
        { criterionId: 'social', score: 70 },
      ],
    },
    32,
  );
  await c(
    'EvaluateBid',
    {
      bidId: 'bid-other',
      scores: [
        { criterionId: 'price', score: 60 },
        { criterionId: 'social', score: 60 },
      ],
    },
    32,
  );
  await c(
    'DecideAward',
    { bidId: 'bid-dell', noticeMeans: 'other', reasons: 'first award, notice later found defective' },
    40,
  );
  await c(
    'SubmitComplaint',
    { complaintId: 'complaint-1', complainant: 'other-supplier', grounds: 'award notice lacked the reasons' },
    42,
    'supplier',
  );
  await c('AcceptComplaint', { complaintId: 'complaint-1' }, 43);
  await c(
    'UpholdComplaint',
    { complaintId: 'complaint-1', reasons: 'notice without reasons: the award is decided again', cancelAward: true },
    45,
  );
  await c(
    'DecideAward',
    { bidId: 'bid-dell', noticeMeans: 'electronic', reasons: 'most economically advantageous tender' },
    46,
  );
  await c('RecordLegalStandstillEnded', { awardId: 'award-2' }, 57, 'workflow');
  await c('SignContract', { contractId: 'contract-1' }, 58);

  // A finding names a registered factory; the registry is shared, so a second scenario finds it there.
  const factoryId = 'factory-bid-dell';
  if ((await store.readStream(factoryStreamId(factoryId))).length === 0)
    await run(
      'factory',
      factoryId,
      'RegisterFactory',
      {
        factoryId,
        name: 'Dell supplier factory',
        address: 'Longhua, Shenzhen',
        country: 'CN',
        tier: 1,
        products: ['computers'],
        numberOfWorkers: 4000,
      },
      99,
    );
  const findingId = `${caseId}-finding-1`;
  const finding = await run(
    'finding',
    findingId,
    'RecordFinding',
    {
      findingId,
      factoryId,
      caseId,
      source: 'worker_driven_monitor',
      severity: 'critical',
      standardBreached: 'ILO C029 forced labour',
      workersAffected: 300,
      description: 'passports retained by the employer',
      evidenceRefs: ['danwatch-2013-report'],
      shareableWithOtherBuyers: true,
    },
    100,
    'monitor',
  );
  const findingEvent = finding.events[0];
  const breach = await c(
    'RecordClauseBreach',
    { clauseId: 'factory-disclosure', breachId: 'breach-1', description: 'undisclosed factory', findingId },
    101,
    'compliance_officer',
    findingEvent.metadata.eventId,
  );
  await c(
    'ImposeSanction',
    {
      sanctionId: 'sanction-1',
      clauseId: 'factory-disclosure',
      breachId: 'breach-1',
      sanction: 'liquidated_damages',
      amount: 50_000,
      reasons: 'necessary step not taken',
    },
    102,
    'compliance_officer',
    breach.events[0].metadata.eventId,
  );
  let cause = breach.events[0].metadata.eventId;
  for (const step of escalationLadder) {
    const escalated = await c(
      'EscalateBreach',
      { findingId, step, note: 'corrective action deadline missed' },
      150,
      'workflow',
      cause,
    );
    cause = escalated.events[0].metadata.eventId;
  }
  const termination = await c(
    'TerminateContract',
    { reasons: 'forced labour not remedied', findingId },
    200,
    'compliance_officer',
    cause,
  );
  return {
    caseId,
    caseStreamId: termination.streamId,
    findingEvent,
    terminationEvent: termination.events[0],
  };
}
