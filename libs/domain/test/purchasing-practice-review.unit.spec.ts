import { purchasingPracticeReview } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { reviewCommand } from './fixtures';

const spec = DeciderSpecification(purchasingPracticeReview);
const reviewId = 'review-1';
const open = () =>
  reviewCommand('OpenPurchasingPracticeReview', {
    reviewId,
    caseId: 'case-1',
    findingIds: ['finding-1'],
    scope: 'uniform orders 2026',
  });
const link = () =>
  reviewCommand('LinkFindingToPurchasingPractice', {
    reviewId,
    findingId: 'finding-1',
    practice: 'lead_time',
    observation: 'three-week orders caused forced overtime',
  });
const adjust = () =>
  reviewCommand('RecordPurchasingPracticeAdjustment', {
    reviewId,
    adjustmentId: 'adj-1',
    practice: 'lead_time',
    before: '3 weeks',
    after: '8 weeks',
    reasons: 'plan orders with the season',
  });
const conclude = (reasonsNotAdjusted = {}) =>
  reviewCommand('ConcludePurchasingPracticeReview', {
    reviewId,
    conclusion: 'lead times were a cause',
    reasonsNotAdjusted,
  });

describe('purchasing-practice review', () => {
  it('links a finding to the buyer’s own lead time', () =>
    spec
      .given(history(purchasingPracticeReview, [open()]))
      .when(link())
      .thenEmits((events) => expect(events[0].type).toBe('FindingLinkedToPurchasingPractice')));

  it('a practice is adjusted only once linked to a finding', () =>
    spec
      .given(history(purchasingPracticeReview, [open()]))
      .when(adjust())
      .thenFails('purchasing_practice.practice_not_linked'));

  it('cannot conclude while a linked practice is neither adjusted nor explained', () =>
    spec
      .given(history(purchasingPracticeReview, [open(), link()]))
      .when(conclude())
      .thenFails('purchasing_practice.link_not_addressed'));

  it('concludes once the adjustment is recorded', () =>
    spec
      .given(history(purchasingPracticeReview, [open(), link(), adjust()]))
      .when(conclude())
      .thenEmits((_e, state) => expect(state.status).toBe('concluded')));

  it('or with reasons for leaving it as it is', () =>
    spec
      .given(history(purchasingPracticeReview, [open(), link()]))
      .when(conclude({ lead_time: 'framework law fixes delivery dates' }))
      .thenEmits((events) => expect(events[0].type).toBe('PurchasingPracticeReviewConcluded')));
});
