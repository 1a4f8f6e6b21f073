import { isBefore, isValidInstant } from '../calendar';
import { DomainError } from '../domain-error';
import { isBlank } from '../roles';
import type * as C from './commands';
import type { ProcurementCaseEvent } from './events';
import {
  abnormallyLowPrices,
  abnormallyLowReasons,
  defaultAbnormallyLowPricePolicy,
  isValidLabourCost,
} from './abnormally-low-price';
import {
  exclusionGroundDate,
  exclusionGroundSpent,
  exclusionPeriodCapYears,
  exclusionPeriodWithinCap,
  latestExclusionEnd,
  missingSelfCleaningElements,
} from './exclusion';
import type { CaseDeciders, CaseEvolvers, Decision, State } from './case-decision';
import { fail, findBid, hasTender, isShare, onBid, unchanged, wrongPhase } from './case-decision';

// Stage 2, selection and exclusion: bids arrive, bidding closes, exclusion grounds (Art. 57) and abnormally
// low prices (Art. 69) are assessed, and excluded bidders may answer with self-cleaning.

function submitBid(command: C.SubmitBid, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'tendering') return wrongPhase(state, 'submit a bid', ['tendering']);
  const { bidId, supplierId, price, supplyChainDisclosure, selfDeclarations, subcontractorIds, caseId, labourCost } =
    command.data;
  if (isBefore(state.tender.bidDeadline, now))
    return fail('bid.after_deadline', `bids closed at ${state.tender.bidDeadline}`, {
      bidDeadline: state.tender.bidDeadline,
    });
  if (state.bids[bidId]) return fail('bid.already_submitted', `bid ${bidId} is already on file`, { bidId });
  if (!(price > 0)) return fail('bid.price_invalid', 'a bid needs a positive price', { price });
  if (labourCost !== undefined && !isValidLabourCost(labourCost))
    return fail('bid.labour_cost_invalid', 'a labour cost is an amount for a number of hours above zero', {
      labourCost,
    });
  const share = supplyChainDisclosure.disclosedSharePercent;
  if (!isShare(share)) return fail('bid.disclosure_share_invalid', 'a disclosed share is a percentage 0–100');
  if (share < state.tender.disclosure.sharePercentAtBid)
    return fail(
      'bid.disclosure_below_threshold',
      `the bid discloses ${share}% of the supply chain; the tender requires ${state.tender.disclosure.sharePercentAtBid}%`,
      { disclosedSharePercent: share, requiredSharePercent: state.tender.disclosure.sharePercentAtBid },
    );
  return [
    {
      type: 'BidSubmitted',
      data: {
        caseId,
        bidId,
        supplierId,
        price,
        disclosedSharePercent: share,
        factories: supplyChainDisclosure.factories,
        selfDeclarations,
        subcontractorIds,
        ...(labourCost !== undefined ? { labourCost } : {}),
        submittedAt: now,
      },
    },
  ];
}

function closeBidding(command: C.CloseBidding, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'tendering') return wrongPhase(state, 'close bidding', ['tendering']);
  if (isBefore(now, state.tender.bidDeadline))
    return fail('bidding.deadline_not_passed', `bidding stays open until ${state.tender.bidDeadline}`);
  // Art. 69: every admissible bid is checked against the tender's policy as bidding closes.
  const admissible = Object.values(state.bids).filter((bid) => !bid.rejected && !bid.exclusion);
  const flagged = abnormallyLowPrices(admissible, state.tender.abnormallyLowPrice ?? defaultAbnormallyLowPricePolicy);
  return [
    {
      type: 'BiddingClosed',
      data: { caseId: state.caseId, bidCount: Object.keys(state.bids).length, closedAt: now },
    },
    ...[...flagged].map(([bidId, computations]): ProcurementCaseEvent => ({
      type: 'BidFlaggedAbnormallyLow',
      data: { caseId: state.caseId, bidId, reasons: abnormallyLowReasons(computations), computations, flaggedAt: now },
    })),
  ];
}

function assessExclusionGround(command: C.AssessExclusionGround, state: State): Decision {
  if (state.status !== 'evaluation') return wrongPhase(state, 'assess an exclusion ground', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const { caseId, bidId, subject, ground, decision, reasons, excludedUntil } = command.data;
  const { now } = command.metadata;
  if (isBlank(reasons)) return fail('exclusion.reasons_required', 'an exclusion decision needs reasons, either way');
  const groundDate = exclusionGroundDate(ground);
  if (!isValidInstant(groundDate))
    return fail('exclusion.ground_date_invalid', 'the conviction or event date is not a date', { groundDate });
  if (isBefore(now, groundDate))
    return fail('exclusion.ground_date_in_future', `the ground is dated ${groundDate}, after this decision`, {
      groundDate,
    });
  if (ground.kind === 'mandatory') {
    if (!ground.convictionFinal)
      return fail(
        'exclusion.conviction_not_final',
        'a mandatory ground needs a conviction by final judgment (Art. 57(1)) or a final and binding decision (Art. 57(2))',
      );
    // Art. 57(7): five years after the final conviction it is no ground any more.
    if (decision === 'exclude' && exclusionGroundSpent(ground, now))
      return fail(
        'exclusion.conviction_older_than_cap',
        `the final conviction of ${ground.convictedOn} is older than ${exclusionPeriodCapYears.mandatory} years: no mandatory ground since ${latestExclusionEnd(ground)} (Art. 57(7))`,
        { convictedOn: ground.convictedOn, groundExpiredAt: latestExclusionEnd(ground) },
      );
    if (decision !== 'exclude' && !exclusionGroundSpent(ground, now))
      return fail('exclusion.mandatory_ground_excludes', 'a final conviction for an Art. 57(1) or (2) ground excludes');
  } else if (decision === 'exclude' && exclusionGroundSpent(ground, now))
    return fail(
      'exclusion.event_older_than_cap',
      `the event of ${ground.occurredOn} is older than ${exclusionPeriodCapYears.discretionary} years: it can no longer exclude (Art. 57(7))`,
      { occurredOn: ground.occurredOn, groundExpiredAt: latestExclusionEnd(ground) },
    );
  if (subject.kind === 'subcontractor') {
    if (!bid.subcontractorIds.includes(subject.subcontractorId))
      return fail(
        'exclusion.subcontractor_not_in_bid',
        `subcontractor ${subject.subcontractorId} is not named in bid ${bidId}`,
      );
    if (decision === 'do_not_exclude')
      return [
        {
          type: 'ExclusionGroundNotApplied',
          data: { caseId, bidId, subject, ground, reasons, decidedBy: command.metadata.actor.id, decidedAt: now },
        },
      ];
    // Art. 71(6)(b): the bidder keeps its bid but must replace the subcontractor.
    return [
      {
        type: 'SubcontractorReplacementRequired',
        data: { caseId, bidId, subcontractorId: subject.subcontractorId, ground, reasons, decidedAt: now },
      },
    ];
  }
  if (decision === 'do_not_exclude')
    return [
      {
        type: 'ExclusionGroundNotApplied',
        data: { caseId, bidId, subject, ground, reasons, decidedBy: command.metadata.actor.id, decidedAt: now },
      },
    ];
  if (bid.exclusion) return fail('exclusion.already_excluded', `the bidder of ${bidId} is already excluded`);
  if (excludedUntil === undefined)
    return fail('exclusion.period_required', 'say until when the bidder is excluded', {
      latestEnd: latestExclusionEnd(ground),
    });
  // Capped from the conviction or the event, not from this decision (Art. 57(7)).
  if (!exclusionPeriodWithinCap(ground, now, excludedUntil))
    return fail(
      'exclusion.period_exceeds_cap',
      `the exclusion may last until ${latestExclusionEnd(ground)} at most, ${exclusionPeriodCapYears[ground.kind]} years from ${groundDate}`,
      { latestEnd: latestExclusionEnd(ground), excludedUntil },
    );
  return [
    {
      type: 'BidderExcluded',
      data: { caseId, bidId, ground, reasons, excludedUntil, decidedBy: command.metadata.actor.id, decidedAt: now },
    },
  ];
}

function replaceSubcontractor(command: C.ReplaceSubcontractor, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation') return wrongPhase(state, 'replace a subcontractor', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const { subcontractorId, replacementSubcontractorId } = command.data;
  if (!bid.subcontractorsToReplace.includes(subcontractorId))
    return fail('subcontractor.replacement_not_required', `subcontractor ${subcontractorId} need not be replaced`);
  if (isBlank(replacementSubcontractorId) || bid.subcontractorIds.includes(replacementSubcontractorId))
    return fail('subcontractor.replacement_invalid', 'name a new subcontractor not already in the bid');
  return [{ type: 'SubcontractorReplaced', data: { ...command.data, replacedAt: now } }];
}

function submitSelfCleaningEvidence(command: C.SubmitSelfCleaningEvidence, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation') return wrongPhase(state, 'submit self-cleaning evidence', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  if (!bid.exclusion)
    return fail('self_cleaning.bidder_not_excluded', 'self-cleaning answers an exclusion; this bidder is not excluded');
  if (bid.selfCleaning === 'submitted')
    return fail('self_cleaning.already_submitted', 'self-cleaning evidence is already awaiting assessment');
  return [{ type: 'SelfCleaningEvidenceSubmitted', data: { ...command.data, submittedAt: now } }];
}

function assessSelfCleaning(command: C.AssessSelfCleaning, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation') return wrongPhase(state, 'assess self-cleaning', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  if (bid.selfCleaning !== 'submitted' || !bid.selfCleaningEvidence)
    return fail('self_cleaning.no_evidence_submitted', 'no self-cleaning evidence awaits assessment');
  const { caseId, bidId, reasons } = command.data;
  const decided = { caseId, bidId, reasons, decidedBy: command.metadata.actor.id, decidedAt: now };
  if (command.data.decision === 'reject') {
    if (isBlank(reasons))
      return fail('self_cleaning.reasons_required', 'rejecting self-cleaning needs reasons (Art. 57(6))');
    return [{ type: 'SelfCleaningRejected', data: decided }];
  }
  const missing = missingSelfCleaningElements(bid.selfCleaningEvidence);
  if (missing.length > 0)
    return fail('self_cleaning.evidence_incomplete', `self-cleaning evidence lacks: ${missing.join('; ')}`, {
      missing,
    });
  return [{ type: 'SelfCleaningAccepted', data: decided }];
}

function flagAbnormallyLowBid(command: C.FlagAbnormallyLowBid, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation') return wrongPhase(state, 'flag a bid', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  if (bid.lowPriceReview !== undefined)
    return fail('abnormally_low_bid.already_flagged', `bid ${bid.bidId} is already flagged`);
  if (isBlank(command.data.reasons))
    return fail('abnormally_low_bid.reasons_required', 'say why the price looks abnormally low');
  return [{ type: 'BidFlaggedAbnormallyLow', data: { ...command.data, flaggedAt: now } }];
}

function requestLowBidExplanation(command: C.RequestLowBidExplanation, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation') return wrongPhase(state, 'request an explanation', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  if (bid.lowPriceReview !== 'flagged')
    return fail('abnormally_low_bid.not_awaiting_request', `bid ${bid.bidId} is not flagged and awaiting a request`, {
      review: bid.lowPriceReview ?? 'not_flagged',
    });
  if (command.data.questions.length === 0)
    return fail('abnormally_low_bid.questions_required', 'ask the bidder at least one question');
  return [{ type: 'LowBidExplanationRequested', data: { ...command.data, requestedAt: now } }];
}

function assessLowBidExplanation(command: C.AssessLowBidExplanation, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation') return wrongPhase(state, 'assess an explanation', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  if (bid.lowPriceReview !== 'explanation_requested')
    return fail('abnormally_low_bid.explanation_not_requested', 'request the explanation before assessing it');
  const { caseId, bidId, explanationRef, reasons, priceLowBecauseLabourOrSocialLawNotRespected } = command.data;
  if (command.data.decision === 'accept') {
    // Art. 69(3): a price low because the bid breaks the labour and social law of Art. 18(2) must be rejected.
    if (priceLowBecauseLabourOrSocialLawNotRespected)
      return fail(
        'abnormally_low_bid.must_reject_labour_law',
        'the price is low because the bid does not comply with labour or social law (Art. 18(2)); it must be rejected (Art. 69(3))',
      );
    return [{ type: 'LowBidExplanationAccepted', data: { caseId, bidId, explanationRef, reasons, decidedAt: now } }];
  }
  if (isBlank(reasons)) return fail('abnormally_low_bid.reasons_required', 'rejecting a bid needs reasons');
  return [
    {
      type: 'BidRejected',
      data: {
        caseId,
        bidId,
        reason: priceLowBecauseLabourOrSocialLawNotRespected
          ? 'abnormally_low_labour_or_social_law'
          : 'abnormally_low_unexplained',
        explanationRef,
        reasons,
        decidedAt: now,
      },
    },
  ];
}

export const bidsAndExclusion: CaseDeciders<
  | 'SubmitBid'
  | 'CloseBidding'
  | 'AssessExclusionGround'
  | 'ReplaceSubcontractor'
  | 'SubmitSelfCleaningEvidence'
  | 'AssessSelfCleaning'
  | 'FlagAbnormallyLowBid'
  | 'RequestLowBidExplanation'
  | 'AssessLowBidExplanation'
> = {
  SubmitBid: submitBid,
  CloseBidding: closeBidding,
  AssessExclusionGround: assessExclusionGround,
  ReplaceSubcontractor: replaceSubcontractor,
  SubmitSelfCleaningEvidence: submitSelfCleaningEvidence,
  AssessSelfCleaning: assessSelfCleaning,
  FlagAbnormallyLowBid: flagAbnormallyLowBid,
  RequestLowBidExplanation: requestLowBidExplanation,
  AssessLowBidExplanation: assessLowBidExplanation,
};

export const bidsAndExclusionEvolvers: CaseEvolvers<
  | 'BidSubmitted'
  | 'BiddingClosed'
  | 'BidderExcluded'
  | 'ExclusionGroundNotApplied'
  | 'SubcontractorReplacementRequired'
  | 'SubcontractorReplaced'
  | 'SelfCleaningEvidenceSubmitted'
  | 'SelfCleaningAccepted'
  | 'SelfCleaningRejected'
  | 'BidFlaggedAbnormallyLow'
  | 'LowBidExplanationRequested'
  | 'LowBidExplanationAccepted'
  | 'BidRejected'
> = {
  BidSubmitted: (state, event) => {
    if (!hasTender(state)) return state;
    const { caseId: _caseId, submittedAt: _submittedAt, ...bid } = event.data;
    return {
      ...state,
      bids: { ...state.bids, [bid.bidId]: { ...bid, rejected: false, subcontractorsToReplace: [] } },
    };
  },
  BiddingClosed: (state) => (state.status === 'tendering' ? { ...state, status: 'evaluation' } : state),
  BidderExcluded: (state, event) =>
    onBid(state, event.data.bidId, () => ({
      exclusion: { ground: event.data.ground, excludedUntil: event.data.excludedUntil },
    })),
  ExclusionGroundNotApplied: unchanged,
  SubcontractorReplacementRequired: (state, event) =>
    onBid(state, event.data.bidId, (bid) => ({
      subcontractorsToReplace: [...bid.subcontractorsToReplace, event.data.subcontractorId],
    })),
  SubcontractorReplaced: (state, event) =>
    onBid(state, event.data.bidId, (bid) => ({
      subcontractorIds: [
        ...bid.subcontractorIds.filter((id) => id !== event.data.subcontractorId),
        event.data.replacementSubcontractorId,
      ],
      subcontractorsToReplace: bid.subcontractorsToReplace.filter((id) => id !== event.data.subcontractorId),
    })),
  SelfCleaningEvidenceSubmitted: (state, event) =>
    onBid(state, event.data.bidId, () => ({ selfCleaning: 'submitted', selfCleaningEvidence: event.data.evidence })),
  // Accepted self-cleaning is the only way an exclusion is lifted (Art. 57(6)).
  SelfCleaningAccepted: (state, event) =>
    onBid(state, event.data.bidId, () => ({ selfCleaning: 'accepted', exclusion: undefined })),
  SelfCleaningRejected: (state, event) => onBid(state, event.data.bidId, () => ({ selfCleaning: 'rejected' })),
  BidFlaggedAbnormallyLow: (state, event) => onBid(state, event.data.bidId, () => ({ lowPriceReview: 'flagged' })),
  LowBidExplanationRequested: (state, event) =>
    onBid(state, event.data.bidId, () => ({ lowPriceReview: 'explanation_requested' })),
  LowBidExplanationAccepted: (state, event) =>
    onBid(state, event.data.bidId, () => ({ lowPriceReview: 'explanation_accepted' })),
  BidRejected: (state, event) => onBid(state, event.data.bidId, () => ({ rejected: true })),
};
