import { procurementCase } from '../src';
import { DeciderSpecification } from './decider-specification';
import { awardTo, caseCommand, caseId, day, evaluated, runOn } from './fixtures';

// Rule 2: an abnormally low bid is awarded only after its explanation was requested and
// accepted, and is rejected when the price rests on breaking labour or social law (Art. 69).
const spec = DeciderSpecification(procurementCase);
const now = day(33);

const flag = () =>
  caseCommand('FlagAbnormallyLowBid', { caseId, bidId: 'bid-a', reasons: '40% below the next bid' }, { now });
const request = () =>
  caseCommand(
    'RequestLowBidExplanation',
    { caseId, bidId: 'bid-a', questions: ['how are wages at factory-big covered?'] },
    { now },
  );
const assessExplanation = (decision: 'accept' | 'reject', labourLaw = false) =>
  caseCommand(
    'AssessLowBidExplanation',
    {
      caseId,
      bidId: 'bid-a',
      explanationRef: 'explanation-1',
      priceLowBecauseLabourOrSocialLawNotRespected: labourLaw,
      decision,
      reasons: labourLaw ? 'piece rates below the legal minimum wage' : 'automated cutting lowers cost',
    },
    { now },
  );

describe('abnormally low bids (Art. 69)', () => {
  it('a flagged bid cannot be awarded', () =>
    spec
      .given(runOn(evaluated(), [flag()]))
      .when(awardTo('bid-a'))
      .thenFails('award.abnormally_low_unexplained'));

  it('nor while its explanation is still awaited', () =>
    spec
      .given(runOn(evaluated(), [flag(), request()]))
      .when(awardTo('bid-a'))
      .thenFails('award.abnormally_low_unexplained'));

  it('an explanation cannot be assessed before it was requested', () =>
    spec
      .given(runOn(evaluated(), [flag()]))
      .when(assessExplanation('accept'))
      .thenFails('abnormally_low_bid.explanation_not_requested'));

  it('an accepted explanation clears the bid for award', () =>
    spec
      .given(runOn(evaluated(), [flag(), request(), assessExplanation('accept')]))
      .when(awardTo('bid-a'))
      .thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['AwardDecided'])));

  it('a price low because labour law is not respected cannot be accepted', () =>
    spec
      .given(runOn(evaluated(), [flag(), request()]))
      .when(assessExplanation('accept', true))
      .thenFails('abnormally_low_bid.must_reject_labour_law'));

  it('such a bid is rejected, and a rejected bid is never awarded', () => {
    spec
      .given(runOn(evaluated(), [flag(), request()]))
      .when(assessExplanation('reject', true))
      .then([
        {
          type: 'BidRejected',
          data: {
            caseId,
            bidId: 'bid-a',
            reason: 'abnormally_low_labour_or_social_law',
            explanationRef: 'explanation-1',
            reasons: 'piece rates below the legal minimum wage',
            decidedAt: now,
          },
        },
      ]);
    spec
      .given(runOn(evaluated(), [flag(), request(), assessExplanation('reject', true)]))
      .when(awardTo('bid-a'))
      .thenFails('award.bid_rejected');
  });

  it('with bid-a rejected, the next best bid can be awarded', () =>
    spec
      .given(runOn(evaluated(), [flag(), request(), assessExplanation('reject', true)]))
      .when(awardTo('bid-b'))
      .thenEmits((events) => expect(events[0]).toMatchObject({ type: 'AwardDecided', data: { bidId: 'bid-b' } })));

  it('the award goes to the best eligible bid', () =>
    spec.given(evaluated()).when(awardTo('bid-b')).thenFails('award.not_most_economically_advantageous'));
});
