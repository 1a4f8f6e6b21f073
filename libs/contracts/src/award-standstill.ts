import { defineQuery, defineSignal } from '@temporalio/workflow';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/**
 * The award-standstill workflow: one per award decision. `awardId` (`award-<n>`) is part of the id
 * because an upheld complaint can cancel an award and a new award be decided later: the new award
 * gets its own standstill, while the finished workflow of the cancelled one is never run again.
 */
export const awardStandstillWorkflowId = (organisationId: string, caseId: string, awardId: string) =>
  scopedWorkflowId('award-standstill', organisationId, `${caseId}:${awardId}`);

export interface AwardStandstillInput extends WorkflowTrigger {
  readonly caseId: string;
  readonly awardId: string;
  readonly bidId: string;
  /**
   * From AwardDecided: the tender's period for the notice means, counted by the domain in the
   * buyer's calendar from the day after the decision was sent; the workflow only sleeps until it.
   */
  readonly standstillEndsAt: string;
  /** The same end in the buyer's time zone (absent for a period in seconds, and on older awards). */
  readonly standstillEndsAtLocal?: string;
  /** The buyer's IANA time zone the period was counted in. */
  readonly timeZone?: string;
}

/** `standstill`: the period runs; `held_by_complaint`: it ran out, a complaint holds signature back. */
export type AwardStandstillStep = 'standstill' | 'held_by_complaint' | 'ended' | 'award_cancelled';

export interface AwardStandstillStatus {
  readonly step: AwardStandstillStep;
  readonly awardId: string;
  readonly standstillEndsAt: string;
  /** The end in the buyer's time zone, e.g. `2027-01-04T23:59:59.999+01:00`, where the award has it. */
  readonly standstillEndsAtLocal?: string;
  readonly timeZone?: string;
  /** The instant the workflow waits for next; absent while only a complaint's resolution can move it. */
  readonly nextDeadline?: string;
  readonly pendingComplaintIds: readonly string[];
}

export interface AwardStandstillResult {
  readonly outcome: 'standstill_ended' | 'award_cancelled';
}

export interface ComplaintNotice {
  readonly complaintId: string;
}

export type ComplaintOutcome = 'upheld' | 'dismissed' | 'withdrawn';

/** From ComplaintSubmitted during the standstill: signature waits until it is resolved. */
export const complaintSubmittedSignal = defineSignal<[ComplaintNotice]>('complaintSubmitted');
/** From ComplaintUpheld, ComplaintDismissed or ComplaintWithdrawn. */
export const complaintResolvedSignal =
  defineSignal<[ComplaintNotice & { readonly outcome: ComplaintOutcome }]>('complaintResolved');
/** From AwardCancelled: the standstill of this award has nothing left to protect. */
export const awardCancelledSignal = defineSignal<[ComplaintNotice]>('awardCancelled');
export const awardStandstillStatusQuery = defineQuery<AwardStandstillStatus>('awardStandstillStatus');
