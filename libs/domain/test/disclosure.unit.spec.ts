import { addYears, procurementCase, requiredDisclosureSharePercent } from '../src';
import { DeciderSpecification } from './decider-specification';
import { bid, caseCommand, caseId, runOn, signed, signedAt, tendering } from './fixtures';

// Rule 5: the bid discloses at least the tender's share; the contract's required share rises
// each year by the tender's step.
const spec = DeciderSpecification(procurementCase);
const yearTwo = addYears(signedAt, 1);

const share = (disclosedSharePercent: number) => ({
  supplyChainDisclosure: { disclosedSharePercent, factories: [{ factoryId: 'factory-big', annualPurchases: 40_000 }] },
});

describe('supply-chain disclosure at bid', () => {
  it('a bid below the threshold is refused', () =>
    spec
      .given(tendering())
      .when(bid('bid-a', share(59.9)))
      .thenFails('bid.disclosure_below_threshold', (error) =>
        expect(error.details).toEqual({ disclosedSharePercent: 59.9, requiredSharePercent: 60 }),
      ));

  it('a bid at the threshold is received', () =>
    spec
      .given(tendering())
      .when(bid('bid-a', share(60)))
      .thenEmits((events) => expect(events[0].type).toBe('BidSubmitted')));
});

describe('the yearly ratchet', () => {
  it('adds the step each contract year, up to 100%', () =>
    expect(
      [1, 2, 3, 4, 5, 6].map((year) =>
        requiredDisclosureSharePercent({ sharePercentAtBid: 60, yearlyStepPercentPoints: 10 }, year),
      ),
    ).toEqual([60, 70, 80, 90, 100, 100]));

  it('a new contract year announces the required share', () =>
    spec
      .given(signed())
      .when(caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: yearTwo, role: 'workflow' }))
      .thenEmits((events) =>
        expect(events).toContainEqual({
          type: 'ContractYearBegan',
          data: { caseId, contractYear: 2, requiredDisclosureSharePercent: 70, beganAt: yearTwo },
        }),
      ));

  it('a contract year does not begin early', () =>
    spec
      .given(signed())
      .when(caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: addYears(signedAt, 0.5) }))
      .thenFails('contract_year.not_due'));

  it('a year-two disclosure below 70% is recorded as a shortfall', () =>
    spec
      .given(runOn(signed(), [caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: yearTwo })]))
      .when(
        caseCommand(
          'DiscloseSupplyChain',
          { caseId, contractYear: 2, disclosedSharePercent: 65, factories: [] },
          { now: yearTwo, role: 'supplier' },
        ),
      )
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'SupplyChainDisclosed',
          data: { requiredSharePercent: 70, meetsRequirement: false },
        }),
      ));

  it('a year-two disclosure at 70% meets it', () =>
    spec
      .given(runOn(signed(), [caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: yearTwo })]))
      .when(
        caseCommand(
          'DiscloseSupplyChain',
          { caseId, contractYear: 2, disclosedSharePercent: 70, factories: [] },
          { now: yearTwo },
        ),
      )
      .thenEmits((events) => expect(events[0]).toMatchObject({ data: { meetsRequirement: true } })));

  it('disclosure is for the current contract year', () =>
    spec
      .given(signed())
      .when(caseCommand('DiscloseSupplyChain', { caseId, contractYear: 2, disclosedSharePercent: 70, factories: [] }))
      .thenFails('disclosure.wrong_contract_year'));
});
