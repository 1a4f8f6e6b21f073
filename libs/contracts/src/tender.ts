import { defineQuery, defineSignal } from '@temporalio/workflow';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/**
 * The tender workflow: one per case, started on TenderRequirementsPublished. It closes bidding at
 * the bid deadline the tender published, unless the contract manager closed it first.
 */
export const tenderWorkflowId = (organisationId: string, caseId: string) =>
  scopedWorkflowId('tender', organisationId, caseId);
export const TENDER_WORKFLOW_TYPE = 'tenderWorkflow';

export interface TenderInput extends WorkflowTrigger {
  readonly caseId: string;
  /** From TenderRequirementsPublished: the instant bidding may close. */
  readonly bidDeadline: string;
}

export type TenderStep = 'bidding_open' | 'bidding_closed';

export interface TenderStatus {
  readonly step: TenderStep;
  readonly bidDeadline: string;
  /** Who closed bidding: this workflow at the deadline, or someone else (the contract manager). */
  readonly closedBy?: 'deadline' | 'other';
}

export interface TenderResult {
  readonly outcome: 'closed_at_deadline' | 'closed_by_other';
}

/** From BiddingClosed: bidding is closed (by whoever), nothing is left to wait for. */
export const biddingClosedSignal = defineSignal('biddingClosed');
export const tenderStatusQuery = defineQuery<TenderStatus>('tenderStatus');
