import { addYears, procurementCase, type ExclusionGround, type SelfCleaningEvidence } from '../src';
import { DeciderSpecification } from './decider-specification';
import { awardTo, caseCommand, caseId, day, evaluated, inEvaluation, runOn } from './fixtures';

// Rule 1: exclusion grounds of EU 2014/24 Art. 57 and self-cleaning; subcontractors, Art. 71.
const spec = DeciderSpecification(procurementCase);
const now = day(33);

const conviction: ExclusionGround = {
  kind: 'mandatory',
  offence: 'child_labour',
  convictionFinal: true,
  convictedOn: '2025-06-01',
};
const misconduct: ExclusionGround = {
  kind: 'discretionary',
  ground: 'grave_professional_misconduct',
  facts: 'falsified wage records found by a worker-driven monitor',
  occurredOn: '2025-03-10',
};

const assess = (ground: ExclusionGround, overrides: Record<string, unknown> = {}) =>
  caseCommand(
    'AssessExclusionGround',
    {
      caseId,
      bidId: 'bid-a',
      subject: { kind: 'bidder' },
      ground,
      decision: 'exclude',
      reasons: 'final judgment of 1 June 2025',
      excludedUntil: '2030-06-01T00:00:00.000Z',
      ...overrides,
    },
    { now },
  );

const completeEvidence: SelfCleaningEvidence = {
  compensation: 'paid',
  factsClarifiedWithInvestigators: true,
  technicalMeasures: ['age verification at hiring'],
  organisationalMeasures: ['independent audit of all tier-2 suppliers'],
  personnelMeasures: ['plant manager dismissed'],
};
const submitEvidence = (evidence = completeEvidence) =>
  caseCommand('SubmitSelfCleaningEvidence', { caseId, bidId: 'bid-a', evidence, evidenceRefs: ['doc-1'] }, { now });
const assessSelfCleaning = (decision: 'accept' | 'reject', reasons = 'measures verified by the labour inspectorate') =>
  caseCommand('AssessSelfCleaning', { caseId, bidId: 'bid-a', decision, reasons }, { now });

describe('mandatory exclusion (Art. 57(1))', () => {
  it('a final conviction for child labour excludes the bidder', () =>
    spec
      .given(inEvaluation())
      .when(assess(conviction))
      .then([
        {
          type: 'BidderExcluded',
          data: {
            caseId,
            bidId: 'bid-a',
            ground: conviction,
            reasons: 'final judgment of 1 June 2025',
            excludedUntil: '2030-06-01T00:00:00.000Z',
            decidedBy: 'contract_manager-1',
            decidedAt: now,
          },
        },
      ]));

  it('a conviction that is not final is no mandatory ground', () =>
    spec
      .given(inEvaluation())
      .when(assess({ ...conviction, convictionFinal: false }))
      .thenFails('exclusion.conviction_not_final'));

  it('a mandatory ground cannot be waived', () =>
    spec
      .given(inEvaluation())
      .when(assess(conviction, { decision: 'do_not_exclude' }))
      .thenFails('exclusion.mandatory_ground_excludes'));

  it('an excluded bidder cannot be awarded', () =>
    spec
      .given(runOn(evaluated(), [assess(conviction)]))
      .when(awardTo('bid-a'))
      .thenFails('award.bidder_excluded'));

  it('an excluded bidder cannot be evaluated', () =>
    spec
      .given(runOn(inEvaluation(), [assess(conviction)]))
      .when(caseCommand('EvaluateBid', { caseId, bidId: 'bid-a', scores: [] }, { now }))
      .thenFails('evaluation.bidder_excluded'));

  it('the exclusion period is capped at five years from the final conviction, not from the decision', () =>
    // Convicted 1 June 2025, decided 7 February 2026: the cap is 1 June 2030, not 7 February 2031.
    spec
      .given(inEvaluation())
      .when(assess(conviction, { excludedUntil: addYears(now, 5) }))
      .thenFails('exclusion.period_exceeds_cap', (error) =>
        expect(error.details).toEqual({
          latestEnd: '2030-06-01T00:00:00.000Z',
          excludedUntil: '2031-02-07T09:00:00.000Z',
        }),
      ));

  it('a day short of the cap still excludes', () =>
    spec
      .given(inEvaluation())
      .when(assess(conviction, { excludedUntil: '2030-05-31T00:00:00.000Z' }))
      .thenEmits((events) =>
        expect(events).toEqual([
          expect.objectContaining({
            type: 'BidderExcluded',
            data: expect.objectContaining({ excludedUntil: '2030-05-31T00:00:00.000Z' }),
          }),
        ]),
      ));

  it('a final conviction older than five years is no mandatory ground', () =>
    // Convicted 3 February 2021; on 7 February 2026 the five years have run out (3 February 2026).
    spec
      .given(inEvaluation())
      .when(assess({ ...conviction, convictedOn: '2021-02-03' }, { excludedUntil: '2026-12-31T00:00:00.000Z' }))
      .thenFails('exclusion.conviction_older_than_cap', (error) =>
        expect(error.details).toEqual({ convictedOn: '2021-02-03', groundExpiredAt: '2026-02-03T00:00:00.000Z' }),
      ));

  it('nor for a subcontractor: it need not be replaced', () =>
    spec
      .given(inEvaluation())
      .when(
        assess(
          { ...conviction, convictedOn: '2020-11-20' },
          { subject: { kind: 'subcontractor', subcontractorId: 'sub-1' }, excludedUntil: undefined },
        ),
      )
      .thenFails('exclusion.conviction_older_than_cap'));

  it('a spent conviction may be recorded as not applied, with reasons', () =>
    spec
      .given(inEvaluation())
      .when(
        assess(
          { ...conviction, convictedOn: '2021-02-03' },
          { decision: 'do_not_exclude', reasons: 'conviction of 3 February 2021 spent on 3 February 2026' },
        ),
      )
      .thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['ExclusionGroundNotApplied'])));

  it('one day inside the five years it still excludes', () =>
    spec
      .given(inEvaluation())
      .when(assess({ ...conviction, convictedOn: '2021-02-08' }, { excludedUntil: '2026-02-08T00:00:00.000Z' }))
      .thenEmits((events) => expect(events[0]).toMatchObject({ type: 'BidderExcluded' })));

  it('a conviction dated after the decision is refused', () =>
    spec
      .given(inEvaluation())
      .when(assess({ ...conviction, convictedOn: '2026-03-01' }))
      .thenFails('exclusion.ground_date_in_future'));

  it.each([
    ['participation_in_criminal_organisation', 'Art. 57(1)(a)'],
    ['corruption', 'Art. 57(1)(b)'],
    ['fraud', 'Art. 57(1)(c)'],
    ['terrorist_offence', 'Art. 57(1)(d)'],
    ['money_laundering_or_terrorist_financing', 'Art. 57(1)(e)'],
    ['child_labour', 'Art. 57(1)(f)'],
    ['trafficking_in_human_beings', 'Art. 57(1)(f)'],
    ['unpaid_taxes', 'Art. 57(2)'],
    ['unpaid_social_security_contributions', 'Art. 57(2)'],
  ] as const)('%s (%s) excludes and cannot be waived', (offence, _article) => {
    const ground: ExclusionGround = { ...conviction, offence };
    spec
      .given(inEvaluation())
      .when(assess(ground))
      .thenEmits((events) => expect(events[0]).toMatchObject({ type: 'BidderExcluded', data: { ground } }));
    spec
      .given(inEvaluation())
      .when(assess(ground, { decision: 'do_not_exclude' }))
      .thenFails('exclusion.mandatory_ground_excludes');
  });

  it('unpaid social security contributions need a final and binding decision (Art. 57(2))', () =>
    spec
      .given(inEvaluation())
      .when(assess({ ...conviction, offence: 'unpaid_social_security_contributions', convictionFinal: false }))
      .thenFails('exclusion.conviction_not_final'));
});

describe('self-cleaning (Art. 57(6))', () => {
  const excluded = () => runOn(evaluated(), [assess(conviction)]);

  it('only accepted self-cleaning lifts the exclusion', () =>
    spec
      .given(runOn(excluded(), [submitEvidence(), assessSelfCleaning('accept')]))
      .when(awardTo('bid-a'))
      .thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['AwardDecided'])));

  it('evidence without compensation, clarified facts or measures cannot be accepted', () =>
    spec
      .given(
        runOn(excluded(), [
          submitEvidence({
            compensation: 'none',
            factsClarifiedWithInvestigators: false,
            technicalMeasures: [],
            organisationalMeasures: [],
            personnelMeasures: [],
          }),
        ]),
      )
      .when(assessSelfCleaning('accept'))
      .thenFails('self_cleaning.evidence_incomplete', (error) => expect(error.details.missing).toHaveLength(3)));

  it('rejecting self-cleaning needs reasons', () =>
    spec
      .given(runOn(excluded(), [submitEvidence()]))
      .when(assessSelfCleaning('reject', ' '))
      .thenFails('self_cleaning.reasons_required'));

  it('rejected self-cleaning keeps the bidder excluded', () =>
    spec
      .given(
        runOn(excluded(), [submitEvidence(), assessSelfCleaning('reject', 'no compensation reached the children')]),
      )
      .when(awardTo('bid-a'))
      .thenFails('award.bidder_excluded'));

  it('a bidder that is not excluded has nothing to self-clean', () =>
    spec.given(inEvaluation()).when(submitEvidence()).thenFails('self_cleaning.bidder_not_excluded'));
});

describe('discretionary exclusion (Art. 57(4))', () => {
  it('excluding needs reasons', () =>
    spec
      .given(inEvaluation())
      .when(assess(misconduct, { reasons: '' }))
      .thenFails('exclusion.reasons_required'));

  it('not excluding needs reasons too', () =>
    spec
      .given(inEvaluation())
      .when(assess(misconduct, { decision: 'do_not_exclude', reasons: '' }))
      .thenFails('exclusion.reasons_required'));

  it('a reasoned decision not to exclude is recorded', () =>
    spec
      .given(inEvaluation())
      .when(
        assess(misconduct, {
          decision: 'do_not_exclude',
          reasons: 'wage records corrected and back pay made',
          excludedUntil: undefined,
        }),
      )
      .thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['ExclusionGroundNotApplied'])));

  it('the exclusion may last three years from the relevant event', () =>
    // Falsified records found 10 March 2025: excluded until 10 March 2028 at most.
    spec
      .given(inEvaluation())
      .when(assess(misconduct, { excludedUntil: '2028-03-10T00:00:00.000Z' }))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'BidderExcluded',
          data: { excludedUntil: '2028-03-10T00:00:00.000Z' },
        }),
      ));

  it('but not a day longer, however late the buyer decides', () =>
    spec
      .given(inEvaluation())
      .when(assess(misconduct, { excludedUntil: '2028-03-11T00:00:00.000Z' }))
      .thenFails('exclusion.period_exceeds_cap', (error) =>
        expect(error.details.latestEnd).toBe('2028-03-10T00:00:00.000Z'),
      ));

  it('an event older than three years can no longer exclude', () =>
    spec
      .given(inEvaluation())
      .when(assess({ ...misconduct, occurredOn: '2023-01-15' }, { excludedUntil: '2026-06-01T00:00:00.000Z' }))
      .thenFails('exclusion.event_older_than_cap', (error) =>
        expect(error.details).toEqual({ occurredOn: '2023-01-15', groundExpiredAt: '2026-01-15T00:00:00.000Z' }),
      ));
});

describe('subcontractors (Art. 71)', () => {
  const subcontractorConvicted = () =>
    assess(conviction, { subject: { kind: 'subcontractor', subcontractorId: 'sub-1' }, excludedUntil: undefined });
  const replace = () =>
    caseCommand(
      'ReplaceSubcontractor',
      { caseId, bidId: 'bid-a', subcontractorId: 'sub-1', replacementSubcontractorId: 'sub-9' },
      { now },
    );

  it('a subcontractor meeting a mandatory ground must be replaced', () =>
    spec
      .given(evaluated())
      .when(subcontractorConvicted())
      .thenEmits((events) =>
        expect(events).toEqual([
          expect.objectContaining({
            type: 'SubcontractorReplacementRequired',
            data: expect.objectContaining({ subcontractorId: 'sub-1' }),
          }),
        ]),
      ));

  it('the bid cannot be awarded until the subcontractor is replaced', () =>
    spec
      .given(runOn(evaluated(), [subcontractorConvicted()]))
      .when(awardTo('bid-a'))
      .thenFails('award.subcontractor_not_replaced'));

  it('once replaced, the bid can be awarded', () =>
    spec
      .given(runOn(evaluated(), [subcontractorConvicted(), replace()]))
      .when(awardTo('bid-a'))
      .thenEmits((events) => expect(events[0].type).toBe('AwardDecided')));

  it('only a subcontractor named in the bid can be assessed', () =>
    spec
      .given(evaluated())
      .when(assess(conviction, { subject: { kind: 'subcontractor', subcontractorId: 'sub-x' } }))
      .thenFails('exclusion.subcontractor_not_in_bid'));
});
