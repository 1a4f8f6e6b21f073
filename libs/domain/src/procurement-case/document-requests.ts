import { isBefore, isValidInstant } from '../calendar';
import type { Command, Event } from '../decider';
import { isBlank } from '../roles';
import type { CaseDeciders, CaseEvolvers, Decision, InPerformance, State } from './case-decision';
import { fail, onContract, wrongPhase } from './case-decision';

// Requests for documents during the contract (issue 12 item 8): the buyer asks the contractor for
// documents (audit reports, supplier lists) by a deadline; the contractor discloses them, under a
// non-disclosure agreement or not; silence at the deadline is recorded (and the document-request
// workflow takes it to the breach ladder).

export const documentKinds = ['audit_report', 'supplier_list', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface RequestedDocument {
  readonly kind: DocumentKind;
  readonly description: string;
}

export interface DisclosedDocument {
  readonly documentRef: string;
  readonly kind: DocumentKind;
  readonly title: string;
}

export type RequestDocuments = Command<
  'RequestDocuments',
  { caseId: string; requestId: string; documents: readonly RequestedDocument[]; deadline: string }
>;

export type DiscloseRequestedDocuments = Command<
  'DiscloseRequestedDocuments',
  {
    caseId: string;
    requestId: string;
    documents: readonly DisclosedDocument[];
    /** Disclosed under a non-disclosure agreement: only compliance officers and auditors may read them. */
    underNonDisclosureAgreement: boolean;
  }
>;

/** The document-request workflow records that the deadline passed with nothing disclosed. */
export type RecordDocumentRequestUnanswered = Command<
  'RecordDocumentRequestUnanswered',
  { caseId: string; requestId: string }
>;

export type DocumentRequestCommand = RequestDocuments | DiscloseRequestedDocuments | RecordDocumentRequestUnanswered;

export type DocumentsRequested = Event<
  'DocumentsRequested',
  {
    caseId: string;
    requestId: string;
    contractId: string;
    supplierId: string;
    documents: readonly RequestedDocument[];
    deadline: string;
    requestedBy: string;
    requestedAt: string;
  }
>;

export type RequestedDocumentsDisclosed = Event<
  'RequestedDocumentsDisclosed',
  {
    caseId: string;
    requestId: string;
    documents: readonly DisclosedDocument[];
    confidential: boolean;
    onTime: boolean;
    disclosedBy: string;
    disclosedAt: string;
  }
>;

export type DocumentRequestUnanswered = Event<
  'DocumentRequestUnanswered',
  { caseId: string; requestId: string; supplierId: string; deadline: string; recordedAt: string }
>;

export type DocumentRequestEvent = DocumentsRequested | RequestedDocumentsDisclosed | DocumentRequestUnanswered;

/** A request as the contract keeps it, so nothing is answered or recorded silent twice. */
export interface DocumentRequest {
  readonly requestId: string;
  readonly deadline: string;
  readonly disclosed: boolean;
  readonly silenceRecorded: boolean;
}

function openRequest(state: InPerformance, requestId: string): DocumentRequest | ReturnType<typeof fail> {
  return (
    state.contract.documentRequests?.[requestId] ??
    fail('document_request.not_found', `no request for documents ${requestId} under this contract`, { requestId })
  );
}

function requestDocuments(command: RequestDocuments, state: State): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'request documents', ['in_performance']);
  const { now, actor } = command.metadata;
  const { caseId, requestId, documents, deadline } = command.data;
  if (state.contract.documentRequests?.[requestId])
    return fail('document_request.already_requested', `request ${requestId} is already on file`, { requestId });
  if (documents.length === 0 || documents.some((document) => isBlank(document.description)))
    return fail('document_request.documents_required', 'name and describe at least one document');
  if (!isValidInstant(deadline) || !isBefore(now, deadline))
    return fail('document_request.deadline_in_past', 'the deadline must lie after the request', { deadline });
  const { contractId, supplierId } = state.contract;
  return [
    {
      type: 'DocumentsRequested',
      data: { caseId, requestId, contractId, supplierId, documents, deadline, requestedBy: actor.id, requestedAt: now },
    },
  ];
}

function discloseRequestedDocuments(command: DiscloseRequestedDocuments, state: State): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'disclose documents', ['in_performance']);
  const { now, actor } = command.metadata;
  const { caseId, requestId, documents, underNonDisclosureAgreement } = command.data;
  const request = openRequest(state, requestId);
  if (!('requestId' in request)) return request;
  if (request.disclosed)
    return fail('document_request.already_answered', `the documents of ${requestId} are disclosed`, { requestId });
  if (documents.length === 0 || documents.some((d) => isBlank(d.documentRef) || isBlank(d.title)))
    return fail('document_request.documents_required', 'each document disclosed needs a reference and a title');
  return [
    {
      type: 'RequestedDocumentsDisclosed',
      data: {
        caseId,
        requestId,
        documents,
        confidential: underNonDisclosureAgreement,
        // A late disclosure is recorded, not refused: the buyer wants the documents either way.
        onTime: !isBefore(request.deadline, now),
        disclosedBy: actor.id,
        disclosedAt: now,
      },
    },
  ];
}

function recordDocumentRequestUnanswered(command: RecordDocumentRequestUnanswered, state: State): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'record silence', ['in_performance']);
  const { now } = command.metadata;
  const { caseId, requestId } = command.data;
  const request = openRequest(state, requestId);
  if (!('requestId' in request)) return request;
  if (request.disclosed)
    return fail('document_request.already_answered', `the documents of ${requestId} are disclosed`, { requestId });
  if (request.silenceRecorded)
    return fail('document_request.silence_already_recorded', `the silence on ${requestId} is recorded`);
  if (isBefore(now, request.deadline))
    return fail('document_request.deadline_not_passed', `the contractor has until ${request.deadline}`, {
      deadline: request.deadline,
    });
  return [
    {
      type: 'DocumentRequestUnanswered',
      data: { caseId, requestId, supplierId: state.contract.supplierId, deadline: request.deadline, recordedAt: now },
    },
  ];
}

export const documentRequests: CaseDeciders<
  'RequestDocuments' | 'DiscloseRequestedDocuments' | 'RecordDocumentRequestUnanswered'
> = {
  RequestDocuments: requestDocuments,
  DiscloseRequestedDocuments: discloseRequestedDocuments,
  RecordDocumentRequestUnanswered: recordDocumentRequestUnanswered,
};

const onRequest = (state: State, requestId: string, change: (request: DocumentRequest) => Partial<DocumentRequest>) =>
  onContract(state, (contract) => {
    const request = contract.documentRequests?.[requestId];
    return request
      ? { documentRequests: { ...contract.documentRequests, [requestId]: { ...request, ...change(request) } } }
      : {};
  });

export const documentRequestEvolvers: CaseEvolvers<
  'DocumentsRequested' | 'RequestedDocumentsDisclosed' | 'DocumentRequestUnanswered'
> = {
  DocumentsRequested: (state, event) =>
    onContract(state, (contract) => ({
      documentRequests: {
        ...contract.documentRequests,
        [event.data.requestId]: {
          requestId: event.data.requestId,
          deadline: event.data.deadline,
          disclosed: false,
          silenceRecorded: false,
        },
      },
    })),
  RequestedDocumentsDisclosed: (state, event) => onRequest(state, event.data.requestId, () => ({ disclosed: true })),
  DocumentRequestUnanswered: (state, event) =>
    onRequest(state, event.data.requestId, () => ({ silenceRecorded: true })),
};

/**
 * What readers of a case's history outside the NDA (its timeline, its live feed) see of an event:
 * documents disclosed under a non-disclosure agreement are withheld; the event log keeps them.
 */
export function withoutConfidentialDocuments(type: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  if (type === 'DocumentAttached') {
    // An NDA document's title and file name are as confidential as its content; its hash is not.
    const attached = data as { confidentiality?: string };
    if (attached.confidentiality !== 'nda') return data;
    const { title: _title, fileName: _fileName, ...rest } = data as Record<string, unknown>;
    return { ...rest, documentsWithheld: true };
  }
  if (type !== 'RequestedDocumentsDisclosed') return data;
  const disclosed = data as RequestedDocumentsDisclosed['data'];
  if (!disclosed.confidential) return data;
  const { documents: _withheld, ...rest } = disclosed;
  return { ...rest, documentsWithheld: true };
}
