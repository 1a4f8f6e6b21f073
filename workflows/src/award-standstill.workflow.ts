import { condition, patched, setHandler } from '@temporalio/workflow';
import {
  awardCancelledSignal,
  awardStandstillStatusQuery,
  complaintResolvedSignal,
  complaintSubmittedSignal,
  type AwardStandstillInput,
  type AwardStandstillResult,
  type AwardStandstillStep,
} from '@pj/contracts';
import { decisionRecorder } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

/**
 * Legal standstill (Remedies Directive 2007/66): started by the process manager on AwardDecided,
 * waits out the period the award decision carries, holds while a complaint is pending, and records
 * LegalStandstillEnded once nothing stands in the way of signature. The domain has the last word:
 * a complaint the workflow was not told about still refuses the end (`standstill.complaint_pending`).
 */
export async function awardStandstillWorkflow(input: AwardStandstillInput): Promise<AwardStandstillResult> {
  let step: AwardStandstillStep = 'standstill';
  let cancelled = false;
  const pending = new Set<string>();
  // Resolutions seen, so a complaint learnt of later from a refusal is not held on to forever.
  const resolved = new Set<string>();
  const { record } = decisionRecorder(input);

  setHandler(complaintSubmittedSignal, ({ complaintId }) => {
    if (!resolved.has(complaintId)) pending.add(complaintId);
  });
  setHandler(complaintResolvedSignal, ({ complaintId }) => {
    resolved.add(complaintId);
    pending.delete(complaintId);
  });
  setHandler(awardCancelledSignal, () => {
    cancelled = true;
  });
  setHandler(awardStandstillStatusQuery, () => ({
    step,
    awardId: input.awardId,
    standstillEndsAt: input.standstillEndsAt,
    ...(input.standstillEndsAtLocal ? { standstillEndsAtLocal: input.standstillEndsAtLocal } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    ...(step === 'standstill' ? { nextDeadline: input.standstillEndsAt } : {}),
    pendingComplaintIds: [...pending],
  }));

  // The domain computed the end (the end of the last local day, in the buyer's calendar) and refuses
  // the end at that very instant: sleep until just past it.
  const pastTheEnd = patched('standstill-sleeps-past-its-end') ? 1 : 0;
  const remaining = Date.parse(input.standstillEndsAt) - Date.now() + pastTheEnd;
  if (remaining > 0) await condition(() => cancelled, remaining);

  while (!cancelled) {
    if (pending.size > 0) {
      step = 'held_by_complaint';
      await condition(() => cancelled || pending.size === 0);
      continue;
    }
    try {
      await record({
        aggregate: 'procurementCase',
        aggregateId: input.caseId,
        type: 'RecordLegalStandstillEnded',
        data: { caseId: input.caseId, awardId: input.awardId },
      });
      step = 'ended';
      return { outcome: 'standstill_ended' };
    } catch (error) {
      const refusal = domainRefusal(error);
      if (refusal?.code === 'standstill.complaint_pending') {
        // Complaints lodged before the award (no signal reached this workflow) are learnt of here.
        for (const id of (refusal.details.complaintIds ?? []) as string[]) if (!resolved.has(id)) pending.add(id);
        continue;
      }
      // The award is no longer the one under standstill (cancelled, or the case moved on).
      if (refusal?.code === 'case.wrong_phase' || refusal?.code === 'standstill.award_mismatch') break;
      if (refusal?.code === 'standstill.end_already_recorded') {
        step = 'ended';
        return { outcome: 'standstill_ended' };
      }
      throw error;
    }
  }
  step = 'award_cancelled';
  return { outcome: 'award_cancelled' };
}
