import { addYears, needsCompliancePlan, procurementCase } from '../src';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, runOn, signed, signedAt } from './fixtures';

// Rule 6: every factory at or above the tender's annual purchase threshold ($25,000 in Madison)
// needs a compliance plan within the first contract year.
const spec = DeciderSpecification(procurementCase);
const yearTwo = addYears(signedAt, 1);
const inYearOne = addYears(signedAt, 0.5);

const plan = (factoryId: string, now = inYearOne) =>
  caseCommand(
    'SubmitCompliancePlan',
    {
      caseId,
      factoryId,
      planRef: `plan-${factoryId}`,
      measures: ['worker rights training', 'hotline without reprisal'],
    },
    { now, role: 'supplier' },
  );
const beginYearTwo = () =>
  caseCommand('BeginContractYear', { caseId, contractYear: 2 }, { now: yearTwo, role: 'workflow' });

describe('compliance plans', () => {
  it('the threshold itself needs a plan ("$25,000 or more")', () => {
    const policy = { annualPurchaseThreshold: 25_000, dueByEndOfContractYear: 1 };
    expect(needsCompliancePlan(policy, { factoryId: 'f', annualPurchases: 25_000 })).toBe(true);
    expect(needsCompliancePlan(policy, { factoryId: 'f', annualPurchases: 24_999.99 })).toBe(false);
  });

  it('factories above the threshold without a plan are overdue when year one ends', () =>
    spec
      .given(runOn(signed(), [plan('factory-big')]))
      .when(beginYearTwo())
      .thenEmits((events) =>
        expect(events).toEqual([
          {
            type: 'CompliancePlansOverdue',
            data: { caseId, contractYear: 1, factoryIds: ['factory-at-threshold'], recordedAt: yearTwo },
          },
          expect.objectContaining({ type: 'ContractYearBegan' }),
        ]),
      ));

  it('nothing is overdue when every such factory has a plan', () =>
    spec
      .given(runOn(signed(), [plan('factory-big'), plan('factory-at-threshold')]))
      .when(beginYearTwo())
      .thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['ContractYearBegan'])));

  it('a plan submitted in year two is recorded as late', () =>
    spec
      .given(runOn(signed(), [beginYearTwo()]))
      .when(plan('factory-at-threshold', yearTwo))
      .thenEmits((events) => expect(events[0]).toMatchObject({ data: { contractYear: 2, onTime: false } })));

  it('a plan names its measures', () =>
    spec
      .given(signed())
      .when(
        caseCommand(
          'SubmitCompliancePlan',
          { caseId, factoryId: 'factory-big', planRef: 'p', measures: [] },
          { now: inYearOne },
        ),
      )
      .thenFails('compliance_plan.measures_required'));

  it('a plan is for a factory disclosed under the contract', () =>
    spec.given(signed()).when(plan('factory-unknown')).thenFails('compliance_plan.factory_not_in_contract'));
});
