import { defineQuery, defineSignal } from '@temporalio/workflow';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/** A request for documents: one workflow per request, started on DocumentsRequested. */
export const documentRequestWorkflowId = (organisationId: string, caseId: string, requestId: string) =>
  scopedWorkflowId('document-request', organisationId, `${caseId}:${requestId}`);
export const DOCUMENT_REQUEST_WORKFLOW_TYPE = 'documentRequestWorkflow';

export interface DocumentRequestInput extends WorkflowTrigger {
  readonly caseId: string;
  readonly requestId: string;
  /** From DocumentsRequested: the instant silence becomes a breach. */
  readonly deadline: string;
}

export type DocumentRequestStep = 'awaiting_documents' | 'disclosed' | 'unanswered' | 'contract_ended';

export interface DocumentRequestStatus {
  readonly step: DocumentRequestStep;
  readonly deadline: string;
  /** The contract-clause finding the silence opened, once it did. */
  readonly findingId?: string;
}

export interface DocumentRequestResult {
  readonly outcome: 'disclosed' | 'unanswered' | 'contract_ended';
  readonly findingId?: string;
}

/** From RequestedDocumentsDisclosed: nothing is left to wait for. */
export const documentsDisclosedSignal = defineSignal('documentsDisclosed');
export const documentRequestStatusQuery = defineQuery<DocumentRequestStatus>('documentRequestStatus');
