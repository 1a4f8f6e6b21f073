import type { PurchasingPracticeReviewRuleCode } from './rule-codes';
import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import { isBlank, refuseReadOnlyActor } from '../roles';
import { ownedStreamId } from '../stream-names';

// Stage 5 of the journey: the buyer looks at its own part. Overtime found at a factory may come
// from the buyer's short lead times or low prices; the review links findings to those practices
// and records what the buyer changed.

export const PURCHASING_PRACTICE_REVIEW_STREAM_PREFIX = 'purchasing-practice-review-';
/** The organisation's own stream: ids are chosen by each organisation, so they are scoped to it. */
export const purchasingPracticeReviewStreamId = (organisationId: string, reviewId: string) =>
  ownedStreamId(PURCHASING_PRACTICE_REVIEW_STREAM_PREFIX, organisationId, reviewId);

export type PurchasingPractice = 'price' | 'lead_time' | 'payment_terms' | 'order_changes';

export type OpenPurchasingPracticeReview = Command<
  'OpenPurchasingPracticeReview',
  { reviewId: string; caseId: string; findingIds: readonly string[]; scope: string }
>;

export type LinkFindingToPurchasingPractice = Command<
  'LinkFindingToPurchasingPractice',
  { reviewId: string; findingId: string; practice: PurchasingPractice; observation: string }
>;

export type RecordPurchasingPracticeAdjustment = Command<
  'RecordPurchasingPracticeAdjustment',
  {
    reviewId: string;
    adjustmentId: string;
    practice: PurchasingPractice;
    before: string;
    after: string;
    reasons: string;
  }
>;

export type ConcludePurchasingPracticeReview = Command<
  'ConcludePurchasingPracticeReview',
  {
    reviewId: string;
    conclusion: string;
    /** Why a linked practice was left unchanged; required for every linked practice not adjusted. */
    reasonsNotAdjusted: Readonly<Partial<Record<PurchasingPractice, string>>>;
  }
>;

export type PurchasingPracticeReviewCommand =
  | OpenPurchasingPracticeReview
  | LinkFindingToPurchasingPractice
  | RecordPurchasingPracticeAdjustment
  | ConcludePurchasingPracticeReview;

export type PurchasingPracticeReviewOpened = Event<
  'PurchasingPracticeReviewOpened',
  OpenPurchasingPracticeReview['data'] & { buyerOrganisationId: string; openedAt: string }
>;
export type FindingLinkedToPurchasingPractice = Event<
  'FindingLinkedToPurchasingPractice',
  LinkFindingToPurchasingPractice['data'] & { linkedAt: string }
>;
export type PurchasingPracticeAdjusted = Event<
  'PurchasingPracticeAdjusted',
  RecordPurchasingPracticeAdjustment['data'] & { adjustedBy: string; adjustedAt: string }
>;
export type PurchasingPracticeReviewConcluded = Event<
  'PurchasingPracticeReviewConcluded',
  ConcludePurchasingPracticeReview['data'] & { concludedAt: string }
>;

export type PurchasingPracticeReviewEvent =
  | PurchasingPracticeReviewOpened
  | FindingLinkedToPurchasingPractice
  | PurchasingPracticeAdjusted
  | PurchasingPracticeReviewConcluded;

const reviewEventTypeSet: Record<PurchasingPracticeReviewEvent['type'], true> = {
  PurchasingPracticeReviewOpened: true,
  FindingLinkedToPurchasingPractice: true,
  PurchasingPracticeAdjusted: true,
  PurchasingPracticeReviewConcluded: true,
};
export const purchasingPracticeReviewEventTypes = Object.keys(
  reviewEventTypeSet,
) as readonly PurchasingPracticeReviewEvent['type'][];

interface ReviewFile {
  readonly reviewId: string;
  readonly caseId: string;
  readonly findingIds: readonly string[];
  readonly linkedPractices: readonly PurchasingPractice[];
  readonly adjustedPractices: readonly PurchasingPractice[];
}

export type PurchasingPracticeReviewState =
  | { readonly status: 'not_opened' }
  | ({ readonly status: 'open' } & ReviewFile)
  | ({ readonly status: 'concluded' } & ReviewFile);

const fail = (code: PurchasingPracticeReviewRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

export const purchasingPracticeReview: Decider<
  PurchasingPracticeReviewState,
  PurchasingPracticeReviewCommand,
  PurchasingPracticeReviewEvent
> = {
  initialState: () => ({ status: 'not_opened' }),

  decide(command, state) {
    const readOnly = refuseReadOnlyActor(command.metadata);
    if (readOnly) return readOnly;
    const { now, actor } = command.metadata;
    if (command.type === 'OpenPurchasingPracticeReview') {
      if (state.status !== 'not_opened')
        return fail('purchasing_practice.already_opened', 'the review is already open');
      if (command.data.findingIds.length === 0)
        return fail('purchasing_practice.findings_required', 'a review starts from at least one finding');
      return [
        {
          type: 'PurchasingPracticeReviewOpened',
          data: { ...command.data, buyerOrganisationId: command.metadata.organisationId, openedAt: now },
        },
      ];
    }
    if (state.status === 'not_opened') return fail('purchasing_practice.not_found', 'the review has not been opened');
    if (state.status === 'concluded') return fail('purchasing_practice.concluded', 'the review is concluded');

    switch (command.type) {
      case 'LinkFindingToPurchasingPractice':
        if (!state.findingIds.includes(command.data.findingId))
          return fail(
            'purchasing_practice.finding_not_in_review',
            `finding ${command.data.findingId} is not under review`,
          );
        if (isBlank(command.data.observation))
          return fail('purchasing_practice.observation_required', 'say how the practice contributed to the finding');
        return [{ type: 'FindingLinkedToPurchasingPractice', data: { ...command.data, linkedAt: now } }];
      case 'RecordPurchasingPracticeAdjustment':
        if (!state.linkedPractices.includes(command.data.practice))
          return fail('purchasing_practice.practice_not_linked', `no finding is linked to ${command.data.practice}`);
        if (isBlank(command.data.before) || isBlank(command.data.after))
          return fail('purchasing_practice.adjustment_incomplete', 'record the practice before and after');
        return [
          { type: 'PurchasingPracticeAdjusted', data: { ...command.data, adjustedBy: actor.id, adjustedAt: now } },
        ];
      case 'ConcludePurchasingPracticeReview': {
        if (isBlank(command.data.conclusion))
          return fail('purchasing_practice.conclusion_required', 'state the conclusion');
        const unaddressed = state.linkedPractices.filter(
          (practice) =>
            !state.adjustedPractices.includes(practice) && isBlank(command.data.reasonsNotAdjusted[practice]),
        );
        if (unaddressed.length > 0)
          return fail('purchasing_practice.link_not_addressed', 'adjust each linked practice or say why not', {
            practices: unaddressed,
          });
        return [{ type: 'PurchasingPracticeReviewConcluded', data: { ...command.data, concludedAt: now } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PurchasingPracticeReviewOpened':
        return {
          status: 'open',
          reviewId: event.data.reviewId,
          caseId: event.data.caseId,
          findingIds: event.data.findingIds,
          linkedPractices: [],
          adjustedPractices: [],
        };
      case 'FindingLinkedToPurchasingPractice':
        return state.status === 'not_opened' || state.linkedPractices.includes(event.data.practice)
          ? state
          : { ...state, linkedPractices: [...state.linkedPractices, event.data.practice] };
      case 'PurchasingPracticeAdjusted':
        return state.status === 'not_opened' || state.adjustedPractices.includes(event.data.practice)
          ? state
          : { ...state, adjustedPractices: [...state.adjustedPractices, event.data.practice] };
      case 'PurchasingPracticeReviewConcluded':
        return state.status === 'not_opened' ? state : { ...state, status: 'concluded' };
      default:
        return assertNever(event);
    }
  },
};
