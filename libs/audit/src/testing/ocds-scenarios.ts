import type { Role } from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import { scenarioDay, scenarioRecorder, scenarioTender } from './audit-scenario';

/**
 * Cases for the OCDS export's content tests, written through the command path like
 * `writeScenario`: three bids, one bidder excluded (Art. 57(4)), one bid's subcontractor replaced
 * after a final conviction (Art. 71(6)),
 * then either
 * - `pending-award`: the award is decided and its legal standstill still runs;
 * - `cancelled-award`: a complaint is upheld and the award cancelled, nothing awarded again;
 * - `closed`: a contract signed, its supply chain disclosed, a compliance plan, two KPIs measured
 *   (one short of its target, one at it), and closed normally.
 */
export type OcdsCaseEnding = 'pending-award' | 'cancelled-award' | 'closed' | 'disclosure-ratchet-missed';

const day = scenarioDay;

export async function writeOcdsCase(store: EventStore, caseId: string, ending: OcdsCaseEnding): Promise<string> {
  const { c: record } = scenarioRecorder(store, caseId, `workflow:${caseId}`);
  let streamId = '';
  const c = async (type: string, data: Record<string, unknown>, at: number, role?: Role | 'workflow') => {
    const result = await record(type, data, at, role);
    streamId = result.streamId;
    return result;
  };

  await c(
    'OpenCase',
    { title: 'Garments for county staff', productCategory: 'garments', countriesOfProduction: ['BD'] },
    0,
  );
  await c('RecordRiskScreening', { riskLevel: 'high', reasons: ['US DOL list: garments, Bangladesh'] }, 0, 'workflow');
  await c(
    'AdoptPolicy',
    {
      policyRef: 'code-of-conduct-2026',
      codeOfConductStandards: ['ILO C138', 'ILO C182'],
      includesLawOfCountryOfProduction: true,
    },
    0,
  );
  await c(
    'PublishTenderRequirements',
    scenarioTender(`${caseId}-tender`, [
      { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
      { clauseId: 'working-hours', kind: 'kpi', description: 'working hours within legal limits' },
      { clauseId: 'grievance-channel', kind: 'kpi', description: 'workers reached by the grievance channel' },
    ]),
    1,
  );
  const bids = [
    { bidId: 'bid-a', supplierId: 'supplier-a', price: 1_000_000, subcontractorIds: ['embroidery-co'] },
    { bidId: 'bid-b', supplierId: 'supplier-b', price: 1_100_000, subcontractorIds: [] },
    { bidId: 'bid-c', supplierId: 'supplier-c', price: 900_000, subcontractorIds: [] },
  ];
  for (const bid of bids)
    await c(
      'SubmitBid',
      {
        ...bid,
        supplyChainDisclosure: {
          disclosedSharePercent: 70,
          factories: [{ factoryId: `factory-${bid.bidId}`, annualPurchases: 400_000 }],
        },
        selfDeclarations: {
          noConvictionForChildLabourOrTrafficking: true,
          noGraveProfessionalMisconduct: bid.bidId !== 'bid-c',
          compliesWithLabourLaw: true,
          noEarlierContractTerminatedEarly: true,
          acceptsCodeOfConduct: true,
        },
      },
      10,
      'supplier',
    );
  await c('CloseBidding', {}, 31);
  await c(
    'AssessExclusionGround',
    {
      bidId: 'bid-c',
      subject: { kind: 'bidder' },
      ground: {
        kind: 'discretionary',
        ground: 'grave_professional_misconduct',
        facts: 'wage theft established in 2025',
        occurredOn: day(-200),
      },
      decision: 'exclude',
      reasons: 'wages withheld from 1,200 workers, no remedy',
      excludedUntil: day(400),
    },
    32,
  );
  // The subcontractor of bid-a has a final conviction: the bid stays, the subcontractor is replaced.
  await c(
    'AssessExclusionGround',
    {
      bidId: 'bid-a',
      subject: { kind: 'subcontractor', subcontractorId: 'embroidery-co' },
      ground: { kind: 'mandatory', offence: 'child_labour', convictionFinal: true, convictedOn: day(-400) },
      decision: 'exclude',
      reasons: 'final conviction of the subcontractor for child labour',
    },
    32,
  );
  await c(
    'ReplaceSubcontractor',
    { bidId: 'bid-a', subcontractorId: 'embroidery-co', replacementSubcontractorId: 'stitch-co' },
    32,
  );
  for (const [bidId, price, social] of [
    ['bid-a', 80, 70],
    ['bid-b', 60, 60],
  ] as const)
    await c(
      'EvaluateBid',
      {
        bidId,
        scores: [
          { criterionId: 'price', score: price },
          { criterionId: 'social', score: social },
        ],
      },
      33,
    );
  await c(
    'DecideAward',
    { bidId: 'bid-a', noticeMeans: 'electronic', reasons: 'most economically advantageous tender' },
    40,
  );
  if (ending === 'pending-award') return streamId;
  if (ending === 'cancelled-award') {
    await c(
      'SubmitComplaint',
      { complaintId: 'complaint-1', complainant: 'supplier-b', grounds: 'social scores not explained' },
      42,
      'supplier',
    );
    await c('AcceptComplaint', { complaintId: 'complaint-1' }, 43);
    await c(
      'UpholdComplaint',
      { complaintId: 'complaint-1', reasons: 'evaluation must be done again', cancelAward: true },
      45,
    );
    return streamId;
  }
  await c('RecordLegalStandstillEnded', { awardId: 'award-1' }, 51, 'workflow');
  await c('SignContract', { contractId: 'contract-1' }, 52);
  await c('RequestCompliancePlans', {}, 52, 'workflow');
  if (ending === 'disclosure-ratchet-missed') {
    // Year one ends with half the supply chain disclosed where the contract requires 60%.
    await c(
      'DiscloseSupplyChain',
      {
        contractYear: 1,
        disclosedSharePercent: 50,
        factories: [{ factoryId: 'factory-bid-a', annualPurchases: 400_000 }],
      },
      90,
    );
    await c('CheckDisclosureRatchet', { contractYear: 1 }, 418, 'workflow');
    return streamId;
  }
  await c(
    'DiscloseSupplyChain',
    {
      contractYear: 1,
      disclosedSharePercent: 75,
      factories: [{ factoryId: 'factory-bid-a', annualPurchases: 400_000 }],
    },
    90,
  );
  await c('SubmitCompliancePlan', { factoryId: 'factory-bid-a', planRef: 'plan-1', measures: ['overtime cap'] }, 120);
  await c('RecordKpiProgress', { clauseId: 'working-hours', period: '2026-Q2', value: 40, target: 60 }, 150);
  await c('RecordKpiProgress', { clauseId: 'grievance-channel', period: '2026-Q2', value: 100, target: 100 }, 150);
  await c('CloseContract', { reasons: 'delivered in full; contract period ended' }, 300);
  return streamId;
}
