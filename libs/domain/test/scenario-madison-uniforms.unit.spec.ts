import { addYears, monitoringRebate, procurementCase, type ProcurementCaseEvent } from '../src';
import { DeciderSpecification } from './decider-specification';
import { awardTo, bid, caseCommand, caseId, closeBidding, evaluate, runOn, signContract, tendering } from './fixtures';

// Madison's uniform contract, 2014 (seeds/learning-lab-second-workshop-2016.txt): 60% of the
// supply chain disclosed to bid, ten more points each year, compliance plans for factories with
// $25,000 or more a year within year one, monitoring funded by a 1–2% rebate.
const spec = DeciderSpecification(procurementCase);
const bidders = ['galls', 'bidder-2', 'bidder-3', 'bidder-4'];
const galls = { factoryId: 'galls-plant-honduras', annualPurchases: 120_000 };
const cutAndSew = { factoryId: 'cut-and-sew-bd', annualPurchases: 25_000 };
const embroidery = { factoryId: 'embroidery-local', annualPurchases: 8_000 };

describe("Madison's uniforms", () => {
  it('a bid disclosing 55% is not received', () =>
    spec
      .given(tendering())
      .when(bid('late-bidder', { supplyChainDisclosure: { disclosedSharePercent: 55, factories: [] } }))
      .thenFails('bid.disclosure_below_threshold'));

  it('four bidders at 60%, award to Galls, the yearly ratchet and compliance plans', () => {
    const bids = bidders.map((bidder) =>
      bid(bidder, { supplyChainDisclosure: { disclosedSharePercent: 60, factories: [galls, cutAndSew, embroidery] } }),
    );
    let events: ProcurementCaseEvent[] = runOn(tendering(), [...bids, closeBidding()]);
    expect(events.filter((e) => e.type === 'BidSubmitted')).toHaveLength(4);

    events = runOn(events, [
      ...bidders.map((bidder, i) => evaluate(bidder, 90 - i * 10)),
      awardTo('galls'),
      signContract(),
    ]);
    const signed = events.find((e) => e.type === 'ContractSigned');
    if (signed?.type !== 'ContractSigned') throw new Error('not signed');
    const yearStart = (year: number) => addYears(signed.data.signedAt, year - 1);

    // Year one: Galls files a plan for its own plant only; the $25,000 factory is missed.
    events = runOn(events, [
      caseCommand(
        'SubmitCompliancePlan',
        {
          caseId,
          factoryId: galls.factoryId,
          planRef: 'galls-plan',
          measures: ['worker awareness programme', 'grievance line'],
        },
        { now: addYears(yearStart(1), 0.5), role: 'supplier' },
      ),
    ]);
    spec
      .given(events)
      .when(caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: yearStart(2), role: 'workflow' }))
      .thenEmits((yearTwo) =>
        expect(yearTwo).toEqual([
          expect.objectContaining({
            type: 'CompliancePlansOverdue',
            data: expect.objectContaining({ factoryIds: [cutAndSew.factoryId] }),
          }),
          expect.objectContaining({
            type: 'ContractYearBegan',
            data: expect.objectContaining({ requiredDisclosureSharePercent: 70 }),
          }),
        ]),
      );

    // The ratchet: 70% in year two, 80% in year three.
    events = runOn(events, [
      caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: yearStart(2), role: 'workflow' }),
      caseCommand(
        'DiscloseSupplyChain',
        { caseId, contractYear: 2, disclosedSharePercent: 70, factories: [] },
        { now: yearStart(2), role: 'supplier' },
      ),
      caseCommand('BeginContractYear', { caseId, contractYear: 3 }, { now: yearStart(3), role: 'workflow' }),
    ]);
    spec
      .given(events)
      .when(
        caseCommand(
          'DiscloseSupplyChain',
          { caseId, contractYear: 3, disclosedSharePercent: 75, factories: [] },
          { now: yearStart(3), role: 'supplier' },
        ),
      )
      .thenEmits(([disclosed]) =>
        expect(disclosed).toMatchObject({ data: { requiredSharePercent: 80, meetsRequirement: false } }),
      );
  });

  it('the rebate that funds monitoring grows with the volume bought', () => {
    expect(monitoringRebate(150_000_00)).toEqual({ rateBasisPoints: 100, amountMinor: 1_500_00 });
    expect(monitoringRebate(250_000_00)).toEqual({ rateBasisPoints: 150, amountMinor: 3_750_00 });
    expect(monitoringRebate(400_000_00)).toEqual({ rateBasisPoints: 200, amountMinor: 8_000_00 });
  });
});
