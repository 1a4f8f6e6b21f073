import { isAfter } from '../calendar';
import { effectiveDate } from '../effective-date';
import { DomainError } from '../domain-error';
import { isBlank } from '../roles';
import type * as C from './commands';
import type { ProcurementCaseEvent } from './events';
import { legalStandstill } from './legal-standstill';
import { isComplaintPending, type Award } from './state';
import { noDueDiligenceYet } from './due-diligence-decider';
import type { CaseDeciders, CaseEvolvers, Decision, State } from './case-decision';
import {
  awardUnderStandstill,
  fail,
  findBid,
  hasTender,
  ineligibility,
  moveComplaint,
  onBid,
  setComplaintStatus,
  wrongPhase,
} from './case-decision';

// Stage 3, award and legal standstill: bids are evaluated, the award is decided and notified, complaints are
// handled, and the contract is signed once the standstill (Remedies Directive 2007/66) is over.

function evaluateBid(command: C.EvaluateBid, state: State): Decision {
  if (state.status !== 'evaluation') return wrongPhase(state, 'evaluate a bid', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const ineligible = ineligibility(bid, 'evaluation');
  if (ineligible) return ineligible;
  const { scores } = command.data;
  const criteria = state.tender.awardCriteria;
  for (const score of scores) {
    if (!criteria.some((criterion) => criterion.criterionId === score.criterionId))
      return fail('evaluation.unknown_criterion', `criterion ${score.criterionId} is not in the tender`);
    if (!(score.score >= 0 && score.score <= 100))
      return fail('evaluation.score_out_of_range', `scores run from 0 to 100, not ${score.score}`);
  }
  for (const criterion of criteria) {
    if (scores.filter((score) => score.criterionId === criterion.criterionId).length !== 1)
      return fail('evaluation.criterion_not_scored', `score criterion ${criterion.criterionId} exactly once`, {
        criterionId: criterion.criterionId,
      });
  }
  const weighted = (kinds: readonly C.AwardCriterionKind[]) =>
    criteria
      .filter((criterion) => kinds.includes(criterion.kind))
      .reduce((sum, criterion) => {
        const score = scores.find((s) => s.criterionId === criterion.criterionId)?.score ?? 0;
        return sum + (criterion.weight * score) / 100;
      }, 0);
  return [
    {
      type: 'BidEvaluated',
      data: {
        caseId: state.caseId,
        bidId: bid.bidId,
        scores,
        totalScore: weighted(['price', 'quality', 'social']),
        socialScore: weighted(['social']),
        evaluatedAt: command.metadata.now,
      },
    },
  ];
}

function decideAward(command: C.DecideAward, state: State): Decision {
  if (state.status !== 'evaluation') return wrongPhase(state, 'decide the award', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const ineligible = ineligibility(bid, 'award');
  if (ineligible) return ineligible;
  if (bid.subcontractorsToReplace.length > 0)
    return fail(
      'award.subcontractor_not_replaced',
      'a subcontractor meeting an exclusion ground must be replaced first',
      {
        subcontractorIds: bid.subcontractorsToReplace,
      },
    );
  if (bid.lowPriceReview !== undefined && bid.lowPriceReview !== 'explanation_accepted')
    return fail(
      'award.abnormally_low_unexplained',
      'an abnormally low bid needs an accepted explanation before award (Art. 69)',
      {
        review: bid.lowPriceReview,
      },
    );
  if (!bid.evaluation) return fail('award.bid_not_evaluated', `bid ${bid.bidId} has not been evaluated`);
  const better = Object.values(state.bids).filter(
    (other) =>
      !other.rejected &&
      !other.exclusion &&
      other.evaluation &&
      other.evaluation.totalScore > bid.evaluation!.totalScore,
  );
  if (better.length > 0)
    return fail('award.not_most_economically_advantageous', 'another eligible bid scored higher', {
      higherBidIds: better.map((other) => other.bidId),
    });
  if (isBlank(command.data.reasons)) return fail('award.reasons_required', 'an award decision states its reasons');
  const { now, calendar } = command.metadata;
  // The standstill runs from the day after the decision was sent, which may be before it was recorded.
  const sent = effectiveDate(command.metadata, command.data.occurredAt, {
    what: 'the bid deadline',
    at: state.tender.bidDeadline,
  });
  if (sent instanceof DomainError) return sent;
  const standstill = legalStandstill(state.tender.legalStandstill, command.data.noticeMeans, sent.occurredAt, calendar);
  return [
    {
      type: 'AwardDecided',
      data: {
        caseId: state.caseId,
        awardId: `award-${(state.awardsDecided ?? 0) + 1}`,
        bidId: bid.bidId,
        supplierId: bid.supplierId,
        noticeMeans: command.data.noticeMeans,
        reasons: command.data.reasons,
        notifiedAt: now,
        ...sent,
        standstillEndsAt: standstill.endsAt,
        ...(standstill.period ? { standstillPeriod: standstill.period } : {}),
        decidedBy: command.metadata.actor.id,
      },
    },
  ];
}

function submitComplaint(command: C.SubmitComplaint, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'evaluation' && state.status !== 'awarded')
    return wrongPhase(state, 'submit a complaint', ['evaluation', 'awarded']);
  if (state.complaints[command.data.complaintId])
    return fail('complaint.already_submitted', `complaint ${command.data.complaintId} is already on file`);
  if (isBlank(command.data.grounds)) return fail('complaint.grounds_required', 'a complaint states its grounds');
  const received = effectiveDate(
    command.metadata,
    command.data.occurredAt,
    // A complaint about the award cannot predate its sending; one in evaluation names no such date.
    state.status === 'awarded' ? { what: 'the award decision', at: state.award.occurredAt } : undefined,
  );
  if (received instanceof DomainError) return received;
  return [
    {
      type: 'ComplaintSubmitted',
      data: { ...command.data, ...awardUnderStandstill(state), submittedAt: now, ...received },
    },
  ];
}

function acceptComplaint(command: C.AcceptComplaint, state: State): Decision {
  const { now } = command.metadata;
  const complaint = moveComplaint(state, command.data.complaintId, 'accepted');
  if (complaint instanceof DomainError) return complaint;
  return [{ type: 'ComplaintAccepted', data: { ...command.data, acceptedAt: now } }];
}

function upholdComplaint(command: C.UpholdComplaint, state: State): Decision {
  const { now } = command.metadata;
  const complaint = moveComplaint(state, command.data.complaintId, 'upheld');
  if (complaint instanceof DomainError) return complaint;
  const { caseId, complaintId, reasons, cancelAward } = command.data;
  if (isBlank(reasons)) return fail('complaint.reasons_required', 'upholding a complaint needs reasons');
  const upheld: ProcurementCaseEvent = {
    type: 'ComplaintUpheld',
    data: { caseId, complaintId, reasons, ...awardUnderStandstill(state), upheldAt: now },
  };
  if (!cancelAward) return [upheld];
  if (state.status !== 'awarded') return fail('complaint.no_award_to_cancel', 'there is no award to cancel');
  // Cancelling the award sends the case back to evaluation; bids and their evaluations stay on file.
  return [
    upheld,
    {
      type: 'AwardCancelled',
      data: {
        caseId,
        awardId: state.award.awardId,
        bidId: state.award.bidId,
        complaintId,
        reasons,
        cancelledAt: now,
      },
    },
  ];
}

function dismissComplaint(command: C.DismissComplaint, state: State): Decision {
  const { now } = command.metadata;
  const complaint = moveComplaint(state, command.data.complaintId, 'dismissed');
  if (complaint instanceof DomainError) return complaint;
  if (isBlank(command.data.reasons)) return fail('complaint.reasons_required', 'dismissing a complaint needs reasons');
  return [{ type: 'ComplaintDismissed', data: { ...command.data, ...awardUnderStandstill(state), dismissedAt: now } }];
}

function withdrawComplaint(command: C.WithdrawComplaint, state: State): Decision {
  const { now } = command.metadata;
  const complaint = moveComplaint(state, command.data.complaintId, 'withdrawn');
  if (complaint instanceof DomainError) return complaint;
  return [{ type: 'ComplaintWithdrawn', data: { ...command.data, ...awardUnderStandstill(state), withdrawnAt: now } }];
}

function recordLegalStandstillEnded(command: C.RecordLegalStandstillEnded, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'awarded') return wrongPhase(state, 'end the legal standstill', ['awarded']);
  const { award } = state;
  if (command.data.awardId !== award.awardId)
    return fail('standstill.award_mismatch', `the award under standstill is ${award.awardId}`, {
      awardId: award.awardId,
    });
  if (award.standstillEnded) return fail('standstill.end_already_recorded', 'the standstill end is on record');
  if (!isAfter(now, award.standstillEndsAt))
    return fail('standstill.not_ended', `the legal standstill runs until ${award.standstillEndsAt}`, {
      standstillEndsAt: award.standstillEndsAt,
    });
  const pending = Object.values(state.complaints).filter(isComplaintPending);
  if (pending.length > 0)
    return fail('standstill.complaint_pending', 'the standstill holds while a complaint is pending', {
      complaintIds: pending.map((complaint) => complaint.complaintId),
    });
  return [
    {
      type: 'LegalStandstillEnded',
      data: {
        caseId: state.caseId,
        awardId: award.awardId,
        bidId: award.bidId,
        standstillEndsAt: award.standstillEndsAt,
        endedAt: now,
      },
    },
  ];
}

/** The end as the buyer reads it, where the award has it. */
const standstillEndIn = (award: Award) => award.standstillEndsAtLocal ?? award.standstillEndsAt;

function signContract(command: C.SignContract, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'awarded') return wrongPhase(state, 'sign the contract', ['awarded']);
  if (!isAfter(now, state.award.standstillEndsAt))
    return fail('standstill.not_ended', `the legal standstill runs until ${standstillEndIn(state.award)}`, {
      standstillEndsAt: state.award.standstillEndsAt,
      ...(state.award.standstillEndsAtLocal ? { standstillEndsAtLocal: state.award.standstillEndsAtLocal } : {}),
    });
  const pending = Object.values(state.complaints).filter(isComplaintPending);
  if (pending.length > 0)
    return fail('standstill.complaint_pending', 'no signature while a complaint is pending', {
      complaintIds: pending.map((complaint) => complaint.complaintId),
    });
  if (isBlank(command.data.contractId)) return fail('contract.id_required', 'name the contract');
  const bid = state.bids[state.award.bidId];
  return [
    {
      type: 'ContractSigned',
      data: {
        caseId: state.caseId,
        contractId: command.data.contractId,
        bidId: bid.bidId,
        supplierId: bid.supplierId,
        factories: bid.factories,
        disclosedSharePercent: bid.disclosedSharePercent,
        signedBy: command.metadata.actor.id,
        signedAt: now,
      },
    },
  ];
}

export const awardAndStandstill: CaseDeciders<
  | 'EvaluateBid'
  | 'DecideAward'
  | 'SubmitComplaint'
  | 'AcceptComplaint'
  | 'UpholdComplaint'
  | 'DismissComplaint'
  | 'WithdrawComplaint'
  | 'RecordLegalStandstillEnded'
  | 'SignContract'
> = {
  EvaluateBid: evaluateBid,
  DecideAward: decideAward,
  SubmitComplaint: submitComplaint,
  AcceptComplaint: acceptComplaint,
  UpholdComplaint: upholdComplaint,
  DismissComplaint: dismissComplaint,
  WithdrawComplaint: withdrawComplaint,
  RecordLegalStandstillEnded: recordLegalStandstillEnded,
  SignContract: signContract,
};

export const awardAndStandstillEvolvers: CaseEvolvers<
  | 'BidEvaluated'
  | 'AwardDecided'
  | 'ComplaintSubmitted'
  | 'ComplaintAccepted'
  | 'ComplaintUpheld'
  | 'ComplaintDismissed'
  | 'ComplaintWithdrawn'
  | 'AwardCancelled'
  | 'LegalStandstillEnded'
  | 'ContractSigned'
> = {
  BidEvaluated: (state, event) =>
    onBid(state, event.data.bidId, () => ({
      evaluation: { totalScore: event.data.totalScore, socialScore: event.data.socialScore },
    })),
  AwardDecided: (state, event) => {
    if (state.status !== 'evaluation') return state;
    const { awardId, bidId, supplierId, noticeMeans, notifiedAt, occurredAt, standstillEndsAt, standstillPeriod } =
      event.data;
    return {
      ...state,
      status: 'awarded',
      awardsDecided: (state.awardsDecided ?? 0) + 1,
      award: {
        awardId,
        bidId,
        supplierId,
        noticeMeans,
        notifiedAt,
        occurredAt,
        standstillEndsAt,
        ...(standstillPeriod ? { standstillEndsAtLocal: standstillPeriod.endsAtLocal } : {}),
      },
    };
  },
  ComplaintSubmitted: (state, event) => {
    if (!hasTender(state)) return state;
    const { complaintId, complainant } = event.data;
    return {
      ...state,
      complaints: { ...state.complaints, [complaintId]: { complaintId, complainant, status: 'submitted' } },
    };
  },
  ComplaintAccepted: (state, event) => setComplaintStatus(state, event.data.complaintId, 'accepted'),
  ComplaintUpheld: (state, event) => setComplaintStatus(state, event.data.complaintId, 'upheld'),
  ComplaintDismissed: (state, event) => setComplaintStatus(state, event.data.complaintId, 'dismissed'),
  ComplaintWithdrawn: (state, event) => setComplaintStatus(state, event.data.complaintId, 'withdrawn'),
  AwardCancelled: (state) => {
    if (state.status !== 'awarded') return state;
    const { award: _award, ...rest } = state;
    return { ...rest, status: 'evaluation' };
  },
  LegalStandstillEnded: (state) =>
    state.status === 'awarded' ? { ...state, award: { ...state.award, standstillEnded: true } } : state,
  ContractSigned: (state, event) => {
    if (state.status !== 'awarded') return state;
    const { contractId, bidId, supplierId, signedAt, disclosedSharePercent, factories } = event.data;
    return {
      ...state,
      status: 'in_performance',
      contract: {
        contractId,
        bidId,
        supplierId,
        signedAt,
        contractYear: 1,
        contractYearBeganAt: signedAt,
        disclosedSharePercent,
        factories: Object.fromEntries(factories.map((factory) => [factory.factoryId, { ...factory }])),
        clauseBreaches: {},
        escalations: {},
        dueDiligence: noDueDiligenceYet,
      },
    };
  },
};
