import { procurementCase, type ProcurementCaseEvent } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import {
  adoptPolicy,
  awardTo,
  bid,
  caseCommand,
  caseId,
  closeBidding,
  day,
  evaluate,
  evaluated,
  inEvaluation,
  open,
  publish,
  runOn,
  screen,
  tendering,
} from './fixtures';

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

// Detection as bidding closes (31 January 2026, T0 + 31 days): the bids of tendering() were
// submitted on 15 January; the tender's policy (or the default, the mean of the others less 20%)
// picks the abnormally low ones, and each flag carries its arithmetic.
describe('abnormally low bids flagged as bidding closes (Art. 69)', () => {
  const closedAt = day(31);
  const closeOn = (given: readonly ProcurementCaseEvent[]) => spec.given(given).when(closeBidding());

  it('a bid more than 20% below the mean of the others is flagged, with the computation', () =>
    // Others 250 000 and 260 000: mean 255 000, threshold 204 000; 199 000 is below it.
    closeOn(
      runOn(tendering(), [bid('bid-a'), bid('bid-b', { price: 260_000 }), bid('bid-c', { price: 199_000 })]),
    ).then([
      { type: 'BiddingClosed', data: { caseId, bidCount: 3, closedAt } },
      {
        type: 'BidFlaggedAbnormallyLow',
        data: {
          caseId,
          bidId: 'bid-c',
          reasons: 'price 199000 is below 204000, the mean of the other bids (255000) less 20%',
          computations: [
            {
              rule: 'price_below_mean_of_others',
              price: 199_000,
              otherBidIds: ['bid-a', 'bid-b'],
              meanOfOtherBids: 255_000,
              percentBelowMeanOfOthers: 20,
              threshold: 204_000,
            },
          ],
          flaggedAt: closedAt,
        },
      },
    ]));

  it('a bid at the threshold is not flagged', () =>
    closeOn(
      runOn(tendering(), [bid('bid-a'), bid('bid-b', { price: 260_000 }), bid('bid-c', { price: 204_000 })]),
    ).thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['BiddingClosed'])));

  it('a lone bid has no others to be compared with', () =>
    closeOn(runOn(tendering(), [bid('bid-a', { price: 1_000 })])).thenEmits((events) =>
      expect(events.map((e) => e.type)).toEqual(['BiddingClosed']),
    ));

  it("the buyer's own threshold, published with the tender, replaces the default", () =>
    // 10% below a mean of 250 000 is 225 000: 224 000 is flagged under this tender, not under the default.
    closeOn(
      runOn(
        history(procurementCase, [
          open(),
          screen(),
          adoptPolicy(),
          publish({ abnormallyLowPrice: { percentBelowMeanOfOthers: 10 } }),
        ]),
        [bid('bid-a'), bid('bid-b', { price: 224_000 })],
      ),
    ).thenEmits((events) =>
      expect(events[1]).toMatchObject({
        type: 'BidFlaggedAbnormallyLow',
        data: { bidId: 'bid-b', computations: [{ threshold: 225_000, percentBelowMeanOfOthers: 10 }] },
      }),
    ));

  it('a labour cost below the statutory minimum wage for the declared hours is flagged, whatever the price', () =>
    // 12 000 hours at a minimum wage of 12.41 an hour cost at least 148 920; the bid prices 120 000.
    closeOn(
      runOn(
        history(procurementCase, [
          open(),
          screen(),
          adoptPolicy(),
          publish({ abnormallyLowPrice: { percentBelowMeanOfOthers: 20, statutoryMinimumHourlyWage: 12.41 } }),
        ]),
        [
          bid('bid-a', { labourCost: { amount: 120_000, hours: 12_000 } }),
          bid('bid-b', { price: 240_000, labourCost: { amount: 150_000, hours: 12_000 } }),
        ],
      ),
    ).thenEmits((events) =>
      expect(events.slice(1)).toEqual([
        {
          type: 'BidFlaggedAbnormallyLow',
          data: {
            caseId,
            bidId: 'bid-a',
            reasons: 'labour cost 120000 for 12000 hours is below 148920, the statutory minimum wage of 12.41 an hour',
            computations: [
              {
                rule: 'labour_cost_below_minimum_wage',
                labourCost: 120_000,
                hours: 12_000,
                statutoryMinimumHourlyWage: 12.41,
                minimumLabourCost: 148_920,
              },
            ],
            flaggedAt: closedAt,
          },
        },
      ]),
    ));

  it('a bid flagged at the close cannot be awarded until its explanation is requested and accepted', () => {
    const flaggedAtClose = () =>
      runOn(tendering(), [
        bid('bid-a', { price: 150_000 }),
        bid('bid-b', { price: 240_000 }),
        bid('bid-c', { price: 250_000 }),
        closeBidding(),
      ]);
    const evaluatedAfterClose = () =>
      runOn(flaggedAtClose(), [evaluate('bid-a', 90), evaluate('bid-b', 60), evaluate('bid-c', 50)]);
    spec.given(evaluatedAfterClose()).when(awardTo('bid-a')).thenFails('award.abnormally_low_unexplained');
    spec
      .given(runOn(evaluatedAfterClose(), [request(), assessExplanation('accept')]))
      .when(awardTo('bid-a'))
      .thenEmits((events) => expect(events.map((e) => e.type)).toEqual(['AwardDecided']));
  });

  it('a flagged bid whose explanation shows it breaks labour law (Art. 18(2)) must be rejected', () => {
    const flaggedAtClose = () =>
      runOn(tendering(), [
        bid('bid-a', { price: 150_000 }),
        bid('bid-b', { price: 240_000 }),
        bid('bid-c', { price: 250_000 }),
        closeBidding(),
        request(),
      ]);
    spec
      .given(flaggedAtClose())
      .when(assessExplanation('accept', true))
      .thenFails('abnormally_low_bid.must_reject_labour_law');
    spec
      .given(flaggedAtClose())
      .when(assessExplanation('reject', true))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'BidRejected',
          data: { reason: 'abnormally_low_labour_or_social_law' },
        }),
      );
  });

  it('manual flagging stays: a bid not caught by the threshold can still be flagged by the buyer', () =>
    spec
      .given(inEvaluation())
      .when(flag())
      .then([
        {
          type: 'BidFlaggedAbnormallyLow',
          data: { caseId, bidId: 'bid-a', reasons: '40% below the next bid', flaggedAt: now },
        },
      ]));

  it('a bid flagged at the close is not flagged again by hand', () =>
    spec
      .given(runOn(tendering(), [bid('bid-a', { price: 150_000 }), bid('bid-b', { price: 240_000 }), closeBidding()]))
      .when(flag())
      .thenFails('abnormally_low_bid.already_flagged'));

  it('an invalid policy is refused when the tender is published', () =>
    spec
      .given(history(procurementCase, [open(), screen(), adoptPolicy()]))
      .when(publish({ abnormallyLowPrice: { percentBelowMeanOfOthers: 120 } }))
      .thenFails('tender.abnormally_low_price_policy_invalid'));

  it('a labour cost needs hours above zero', () =>
    spec
      .given(tendering())
      .when(bid('bid-a', { labourCost: { amount: 100_000, hours: 0 } }))
      .thenFails('bid.labour_cost_invalid'));
});
