import type { Command, Event } from '../decider';
import { isBlank } from '../roles';
import type { CaseDeciders, CaseEvolvers, Decision, State } from './case-decision';
import { fail, wrongPhase } from './case-decision';

// Documents as evidence (issue 17 item 6): the content is stored by its SHA-256 outside the log
// (the blob store); the log records the hash, so what a document said can always be proven, and
// `verify` checks the stored bytes against it. A document is never deleted: redaction hides its
// content from every read and keeps the hash.

/**
 * Who may read a document's content: `public` (everyone who sees the case, and the OCDS export),
 * `buyer` (the buyer's contract managers, compliance officers and auditors), `nda` (disclosed under a
 * non-disclosure agreement: compliance officers and auditors only, each read recorded).
 */
export const confidentialities = ['public', 'buyer', 'nda'] as const;
export type Confidentiality = (typeof confidentialities)[number];

/** What a document is evidence in: the case itself, or the answer to a request for documents. */
export type DocumentAttachment =
  { readonly kind: 'case' } | { readonly kind: 'document_request'; readonly requestId: string };

/** What the upload measured of the content (never what the uploader said about it, but for `declaredMediaType`). */
export interface DocumentContent {
  readonly sha256: string;
  readonly size: number;
  /** Sniffed from the bytes. */
  readonly mediaType: string;
  /** What the uploader's client said; kept to show a mismatch, never trusted. */
  readonly declaredMediaType: string;
  readonly fileName: string;
}

export type AttachDocument = Command<
  'AttachDocument',
  DocumentContent & {
    caseId: string;
    documentId: string;
    title: string;
    confidentiality: Confidentiality;
    attachedTo: DocumentAttachment;
  }
>;

export type RedactDocument = Command<'RedactDocument', { caseId: string; documentId: string; reason: string }>;

export type CaseDocumentCommand = AttachDocument | RedactDocument;

export type DocumentAttached = Event<
  'DocumentAttached',
  DocumentContent & {
    caseId: string;
    documentId: string;
    title: string;
    confidentiality: Confidentiality;
    attachedTo: DocumentAttachment;
    /** The media type sniffed is not the one declared (recorded, not refused: the sniffed one is served). */
    mediaTypeMismatch: boolean;
    attachedBy: string;
    attachedAt: string;
  }
>;

export type DocumentRedacted = Event<
  'DocumentRedacted',
  { caseId: string; documentId: string; sha256: string; reason: string; redactedBy: string; redactedAt: string }
>;

export type CaseDocumentEvent = DocumentAttached | DocumentRedacted;

/** A document as the case keeps it, so ids stay unique and nothing is redacted twice. */
export interface CaseDocument {
  readonly documentId: string;
  readonly sha256: string;
  readonly confidentiality: Confidentiality;
  readonly redacted: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function attachDocument(command: AttachDocument, state: State): Decision {
  if (state.status === 'not_opened') return wrongPhase(state, 'attach a document', []);
  const { now, actor } = command.metadata;
  const { documentId, confidentiality, attachedTo, sha256, size, title, fileName, mediaType, declaredMediaType } =
    command.data;
  if (state.documents?.[documentId])
    return fail('document.already_attached', `document ${documentId} is already on file`, { documentId });
  if (!SHA256_HEX.test(sha256) || !Number.isSafeInteger(size) || size < 0)
    return fail('document.content_invalid', 'a document needs the SHA-256 and size of its stored content');
  if (!confidentialities.includes(confidentiality))
    return fail('document.confidentiality_invalid', `confidentiality must be one of ${confidentialities.join(', ')}`);
  if (isBlank(title) || isBlank(fileName))
    return fail('document.title_required', 'a document needs a title and a file name');
  if (attachedTo.kind === 'document_request') {
    if (state.status !== 'in_performance')
      return wrongPhase(state, 'answer a request for documents', ['in_performance']);
    if (!state.contract.documentRequests?.[attachedTo.requestId])
      return fail(
        'document_request.not_found',
        `no request for documents ${attachedTo.requestId} under this contract`,
        {
          requestId: attachedTo.requestId,
        },
      );
  } else if (actor.role === 'supplier') {
    // A contractor's documents answer what the buyer asked for; the case file is the buyer's.
    return fail('document.request_required', 'a supplier attaches documents to a request for documents');
  }
  return [
    {
      type: 'DocumentAttached',
      data: {
        ...command.data,
        mediaTypeMismatch: baseType(mediaType) !== baseType(declaredMediaType),
        attachedBy: actor.id,
        attachedAt: now,
      },
    },
  ];
}

const baseType = (mediaType: string) => mediaType.split(';')[0]!.trim().toLowerCase();

function redactDocument(command: RedactDocument, state: State): Decision {
  if (state.status === 'not_opened') return wrongPhase(state, 'redact a document', []);
  const { now, actor } = command.metadata;
  const { caseId, documentId, reason } = command.data;
  const document = state.documents?.[documentId];
  if (!document) return fail('document.not_found', `no document ${documentId} in this case`, { documentId });
  if (document.redacted) return fail('document.already_redacted', `document ${documentId} is redacted`, { documentId });
  if (isBlank(reason)) return fail('document.reasons_required', 'say why the document is redacted');
  return [
    {
      type: 'DocumentRedacted',
      data: { caseId, documentId, sha256: document.sha256, reason, redactedBy: actor.id, redactedAt: now },
    },
  ];
}

export const caseDocuments: CaseDeciders<'AttachDocument' | 'RedactDocument'> = {
  AttachDocument: attachDocument,
  RedactDocument: redactDocument,
};

const withDocument = (state: State, document: CaseDocument): State =>
  state.status === 'not_opened'
    ? state
    : ({ ...state, documents: { ...state.documents, [document.documentId]: document } } as State);

export const caseDocumentEvolvers: CaseEvolvers<'DocumentAttached' | 'DocumentRedacted'> = {
  DocumentAttached: (state, { data }) =>
    withDocument(state, {
      documentId: data.documentId,
      sha256: data.sha256,
      confidentiality: data.confidentiality,
      redacted: false,
    }),
  DocumentRedacted: (state, { data }) => {
    const document = state.status === 'not_opened' ? undefined : state.documents?.[data.documentId];
    return document ? withDocument(state, { ...document, redacted: true }) : state;
  },
};
