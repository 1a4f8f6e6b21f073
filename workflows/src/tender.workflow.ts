import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  biddingClosedSignal,
  tenderStatusQuery,
  type TenderInput,
  type TenderResult,
  type TenderStatus,
} from '@pj/contracts';
import { decisionRecorder, msUntil } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

/**
 * The tender, started by the process manager on TenderRequirementsPublished: bidding closes at the
 * bid deadline the tender published (CloseBidding, as the workflow). If the contract manager closed
 * it first, the BiddingClosed signal ends the wait, or, when that news comes late, the case's
 * refusal (it is no longer tendering) does: either way nothing is recorded twice.
 */
export async function tenderWorkflow(input: TenderInput): Promise<TenderResult> {
  const { caseId, bidDeadline } = input;
  const recorder = decisionRecorder(input);
  let status: TenderStatus = { step: 'bidding_open', bidDeadline };
  let closedElsewhere = false;
  setHandler(biddingClosedSignal, () => {
    closedElsewhere = true;
  });
  setHandler(tenderStatusQuery, () => status);

  const closedByOther = (): TenderResult => {
    status = { step: 'bidding_closed', bidDeadline, closedBy: 'other' };
    return { outcome: 'closed_by_other' };
  };

  // The timer may wake a little early on a real clock: wait again until the deadline has passed.
  while (!closedElsewhere && msUntil(bidDeadline) > 0) await condition(() => closedElsewhere, msUntil(bidDeadline));
  if (closedElsewhere) return closedByOther();

  try {
    await recorder.record(
      { aggregate: 'procurementCase', aggregateId: caseId, type: 'CloseBidding', data: { caseId } },
      { commandId: `${workflowInfo().workflowId}/close-bidding` },
    );
  } catch (error) {
    // Closed by the contract manager (evaluation or later), or the case ended: bidding is not open.
    if (domainRefusal(error)?.code === 'case.wrong_phase') return closedByOther();
    throw error;
  }
  status = { step: 'bidding_closed', bidDeadline, closedBy: 'deadline' };
  return { outcome: 'closed_at_deadline' };
}
