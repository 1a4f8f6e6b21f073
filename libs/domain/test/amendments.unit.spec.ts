import { procurementCase } from '../src';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, day, runOn, signed } from './fixtures';

// Madison-like contract: bid-a at $250,000 (25,000,000 cents), supplies. Art. 72 Directive 2014/24/EU.
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const spec = DeciderSpecification(procurementCase);
const amend = (amendmentId: string, legalBasis: string, valueCents: number, extra: Record<string, unknown> = {}) =>
  caseCommand(
    'AmendContract',
    {
      caseId,
      amendmentId,
      legalBasis: legalBasis as never,
      rationale: 'a second uniform colour for the fire service',
      procurementNature: 'supplies',
      changes: { value: usd(valueCents) },
      altersOverallNature: false,
      euThreshold: usd(239_000_00),
      ...extra,
    },
    { now: day(200) },
  );

describe('contract amendments (Art. 72)', () => {
  it('de minimis: under 10% of the initial value and the EU threshold, recorded with its test', () =>
    spec
      .given(signed())
      .when(amend('am-1', 'de_minimis', 2_000_000))
      .thenEmits(([amended]) =>
        expect(amended).toMatchObject({
          type: 'ContractAmended',
          data: {
            legalReference: 'Directive 2014/24/EU Art. 72(2)',
            initialValue: usd(25_000_000),
            cumulativeValueChange: usd(2_000_000),
            limit: usd(2_500_000),
          },
        }),
      ));

  it('de minimis counts successive modifications cumulatively', () => {
    const first = runOn(signed(), [amend('am-1', 'de_minimis', 2_000_000)]);
    spec
      .given(first)
      .when(amend('am-2', 'de_minimis', 500_000))
      .thenFails('amendment.substantial', (error) =>
        expect(error.details).toMatchObject({ cumulativeValueChange: usd(2_500_000), limit: usd(2_500_000) }),
      );
  });

  it('unforeseen circumstances: each modification at most 50% of the initial value', () => {
    spec
      .given(signed())
      .when(amend('am-1', 'unforeseen_circumstances', 12_500_000))
      .thenEmits(([e]) => expect(e.type).toBe('ContractAmended'));
    spec
      .given(signed())
      .when(amend('am-1', 'unforeseen_circumstances', 12_500_001))
      .thenFails('amendment.substantial');
  });

  it('a change of the overall nature is substantial on any basis', () =>
    spec
      .given(signed())
      .when(
        amend('am-1', 'unforeseen_circumstances', 0, { altersOverallNature: true, changes: { scope: 'vehicles too' } }),
      )
      .thenFails('amendment.substantial'));

  it('needs the threshold for de minimis and a clause for a review clause', () => {
    spec
      .given(signed())
      .when(amend('am-1', 'de_minimis', 100, { euThreshold: undefined }))
      .thenFails('amendment.threshold_required');
    spec
      .given(signed())
      .when(amend('am-1', 'review_clause', 100))
      .thenFails('amendment.review_clause_required');
    spec
      .given(signed())
      .when(amend('am-1', 'de_minimis', 100.5))
      .thenFails('amendment.value_invalid');
  });

  it('a factory reaching the threshold by volume joins the contract’s plans, and its plan is taken', () => {
    const due = runOn(signed(), [
      caseCommand(
        'RequireCompliancePlanOnVolume',
        { caseId, factoryId: 'factory-new', contractYear: 1, annualVolume: usd(25_000_00), threshold: usd(25_000_00) },
        { now: day(100), role: 'workflow' },
      ),
    ]);
    spec
      .given(due)
      .when(
        caseCommand(
          'SubmitCompliancePlan',
          { caseId, factoryId: 'factory-new', planRef: 'plan-new', measures: ['worker interviews'] },
          { now: day(120), role: 'supplier' },
        ),
      )
      .thenEmits(([submitted]) => expect(submitted.type).toBe('CompliancePlanSubmitted'));
  });
});
