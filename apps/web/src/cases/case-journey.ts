import type { components } from '../api/schema';
import { ruleInWords, type RuleCode } from './rule-codes';

type Schemas = components['schemas'];

/** The stages of the stepper, policy to closure. */
export const STAGES = [
  { label: 'Policy', description: 'code of conduct' },
  { label: 'Tender', description: 'requirements published' },
  { label: 'Bids', description: 'until the deadline' },
  { label: 'Evaluation', description: 'exclusion and scores' },
  { label: 'Award', description: 'legal standstill' },
  { label: 'Contract', description: 'contract years' },
  { label: 'Closure', description: 'closed or terminated' },
] as const;

export interface CaseReads {
  readonly view: Schemas['CaseView'];
  readonly requirements?: Schemas['CaseRequirements'];
  readonly bids?: readonly Schemas['BidView'][];
  readonly complaints?: readonly Schemas['ComplaintView'][];
}

export interface Blocker {
  readonly code: RuleCode;
  readonly sentence: string;
  /** What the rule is about here, e.g. the bid or the date. */
  readonly detail?: string;
}

export interface NextStep {
  /** The stepper's active stage (STAGES index; STAGES.length once closed). */
  readonly stage: number;
  /** What comes next, in words. */
  readonly next: string;
  /** Who takes it: the contract manager, or a workflow / another role. */
  readonly by: string;
  readonly blockers: readonly Blocker[];
}

const blocker = (code: RuleCode, detail?: string): Blocker => ({ code, sentence: ruleInWords(code)!, detail });
const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * Where the case stands and what comes next, from the case's reads. The blockers are the rule
 * codes the API would answer the next step with, so the page explains them before anyone tries.
 */
export function nextStepOf({ view, requirements, bids = [], complaints = [] }: CaseReads, now = Date.now()): NextStep {
  const pendingComplaints = complaints.filter((complaint) => complaint.holdsSignature);
  switch (view.phase) {
    case 'policy': {
      const blockers = view.riskLevel
        ? []
        : [blocker('tender.risk_screening_missing', 'risk screening runs by itself')];
      if (!requirements?.policyRef)
        return { stage: 0, next: 'Adopt the policy and code of conduct', by: 'contract manager', blockers };
      return { stage: 1, next: 'Publish the tender requirements', by: 'contract manager', blockers };
    }
    case 'tendering': {
      const deadline = requirements?.tender?.bidDeadline;
      const open = deadline !== undefined && Date.parse(deadline) > now;
      return {
        stage: 2,
        next: 'Bidding closes at the deadline; then score the bids',
        by: 'tender workflow (at the deadline)',
        blockers: open ? [blocker('bidding.deadline_not_passed', `bids are taken until ${when(deadline)}`)] : [],
      };
    }
    case 'evaluation': {
      const eligible = bids.filter((bid) => !bid.excluded && bid.status !== 'rejected');
      const blockers: Blocker[] = [];
      for (const bid of eligible) {
        if (bid.totalScore === null || bid.totalScore === undefined)
          blockers.push(blocker('award.bid_not_evaluated', `${bid.bidId} has no score yet`));
        if (bid.lowPriceReview === 'flagged' || bid.lowPriceReview === 'explanation_requested')
          blockers.push(blocker('award.abnormally_low_unexplained', bid.bidId));
      }
      if (eligible.length === 0) blockers.push(blocker('award.bid_not_evaluated', 'no eligible bid'));
      return { stage: 3, next: 'Score every eligible bid, then decide the award', by: 'contract manager', blockers };
    }
    case 'awarded': {
      const award = requirements?.award;
      const blockers: Blocker[] = [];
      if (award && !award.standstillEnded)
        blockers.push(blocker('standstill.not_ended', `the standstill runs until ${when(award.standstillEndsAt)}`));
      for (const complaint of pendingComplaints)
        blockers.push(blocker('standstill.complaint_pending', `${complaint.complaintId} by ${complaint.complainant}`));
      return { stage: 4, next: 'Sign the contract once the standstill has ended', by: 'contract manager', blockers };
    }
    case 'in_performance':
      return {
        stage: 5,
        next: 'Follow the contract year: disclosure against the ratchet, compliance plans, questionnaire',
        by: 'supplier and due-diligence workflow; the contract manager closes the contract at its end',
        blockers: [],
      };
    default:
      return { stage: STAGES.length, next: 'Nothing: the case is over', by: '—', blockers: [] };
  }
}
