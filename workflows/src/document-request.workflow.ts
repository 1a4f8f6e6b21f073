import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  decidedEvent,
  documentRequestStatusQuery,
  documentsDisclosedSignal,
  type DocumentRequestInput,
  type DocumentRequestResult,
  type DocumentRequestStatus,
} from '@pj/contracts';
import { openContractClauseBreach } from './contract-clause-breach';
import { decisionRecorder, msUntil } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

/**
 * A request for documents, started by the process manager on DocumentsRequested: it sleeps until the
 * deadline the domain recorded. Documents disclosed in time (the documentsDisclosed signal, or the
 * case refusing the silence because they are) end it. Silence is recorded on the case
 * (RecordDocumentRequestUnanswered) and feeds the ladder: a contract-clause finding confirmed
 * against the contractor, whose breach-escalation workflow takes it from there.
 */
export async function documentRequestWorkflow(input: DocumentRequestInput): Promise<DocumentRequestResult> {
  const { caseId, requestId, deadline } = input;
  const workflowId = workflowInfo().workflowId;
  const recorder = decisionRecorder(input);
  let status: DocumentRequestStatus = { step: 'awaiting_documents', deadline };
  let disclosed = false;
  setHandler(documentsDisclosedSignal, () => {
    disclosed = true;
  });
  setHandler(documentRequestStatusQuery, () => status);

  const answered = (): DocumentRequestResult => {
    status = { step: 'disclosed', deadline };
    return { outcome: 'disclosed' };
  };

  // The timer may wake a little early on a real clock: wait again until the deadline has passed.
  while (!disclosed && msUntil(deadline) > 0) await condition(() => disclosed, msUntil(deadline));
  if (disclosed) return answered();

  let unanswered;
  try {
    const decision = await recorder.record(
      {
        aggregate: 'procurementCase',
        aggregateId: caseId,
        type: 'RecordDocumentRequestUnanswered',
        data: { caseId, requestId },
      },
      { commandId: `${workflowId}/unanswered` },
    );
    unanswered = decidedEvent(decision, 'DocumentRequestUnanswered');
  } catch (error) {
    // Disclosed just before the deadline, and the news has not come yet.
    const code = domainRefusal(error)?.code;
    if (code === 'document_request.already_answered') return answered();
    // The contract ended (closed or terminated) before the deadline: nothing is owed any more.
    if (code === 'case.wrong_phase') {
      status = { step: 'contract_ended', deadline };
      return { outcome: 'contract_ended' };
    }
    throw error;
  }
  const findingId = `${caseId}.${requestId}.unanswered`;
  await openContractClauseBreach(recorder, {
    organisationId: input.organisationId,
    caseId,
    findingId,
    contractorId: unanswered!.data.supplierId,
    standardBreached: `documents requested under the contract by ${deadline} (necessary step)`,
    description: `request ${requestId} for documents unanswered at its deadline, ${deadline}`,
    reasons: `the contractor did not disclose the documents requested (${requestId}) by ${deadline}`,
    commandIdPrefix: `${workflowId}/breach`,
  });
  status = { step: 'unanswered', deadline, findingId };
  return { outcome: 'unanswered', findingId };
}
