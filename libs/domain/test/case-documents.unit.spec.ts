import { procurementCase, withoutConfidentialDocuments } from '../src';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, open, runOn, signed } from './fixtures';

// Documents as evidence (issue 17 item 6). On 3 March 2026 the contract manager files the buyer's
// own audit summary on the case; the contractor answers the request for documents of 2 March with
// its audit report under a non-disclosure agreement; on 20 March an officer redacts a document that
// named a worker.
const spec = DeciderSpecification(procurementCase);
const hash = 'a3f5'.repeat(16);
const attachedAt = '2026-03-03T10:00:00.000Z';

const attach = (overrides: Record<string, unknown> = {}, as: { role?: any; actorId?: string } = {}) =>
  caseCommand(
    'AttachDocument',
    {
      caseId,
      documentId: 'doc-1',
      title: 'Audit summary, factory-big',
      fileName: 'audit-summary.pdf',
      sha256: hash,
      size: 48_213,
      mediaType: 'application/pdf',
      declaredMediaType: 'application/pdf',
      confidentiality: 'buyer',
      attachedTo: { kind: 'case' },
      ...overrides,
    },
    { now: attachedAt, role: as.role ?? 'contract_manager', actorId: as.actorId ?? 'manager-eva' },
  );
const requestDocuments = () =>
  caseCommand(
    'RequestDocuments',
    {
      caseId,
      requestId: 'docs-2026-03',
      documents: [{ kind: 'audit_report', description: 'the latest social audit' }],
      deadline: '2026-03-16T17:00:00.000Z',
    },
    { now: '2026-03-02T09:00:00.000Z', role: 'compliance_officer' },
  );
const redact = (reason = 'names a worker who filed a grievance') =>
  caseCommand(
    'RedactDocument',
    { caseId, documentId: 'doc-1', reason },
    { now: '2026-03-20T08:00:00.000Z', role: 'compliance_officer', actorId: 'officer-anna' },
  );

describe('documents as evidence', () => {
  it('a case document records its hash, size, sniffed media type, file name and confidentiality', () =>
    spec
      .given(runOn([], [open()]))
      .when(attach({ declaredMediaType: 'image/png' }))
      .then([
        {
          type: 'DocumentAttached',
          data: {
            caseId,
            documentId: 'doc-1',
            title: 'Audit summary, factory-big',
            fileName: 'audit-summary.pdf',
            sha256: hash,
            size: 48_213,
            mediaType: 'application/pdf',
            declaredMediaType: 'image/png',
            confidentiality: 'buyer',
            attachedTo: { kind: 'case' },
            // The declared type is not trusted: the mismatch is recorded, the sniffed type served.
            mediaTypeMismatch: true,
            attachedBy: 'manager-eva',
            attachedAt,
          },
        },
      ]));

  it('the contractor answers a request for documents with a document under NDA', () =>
    spec
      .given(runOn(signed(), [requestDocuments()]))
      .when(
        attach(
          { confidentiality: 'nda', attachedTo: { kind: 'document_request', requestId: 'docs-2026-03' } },
          { role: 'supplier', actorId: 'supplier-user-1' },
        ),
      )
      .then([
        expect.objectContaining({
          type: 'DocumentAttached',
          data: expect.objectContaining({
            confidentiality: 'nda',
            attachedTo: { kind: 'document_request', requestId: 'docs-2026-03' },
            mediaTypeMismatch: false,
          }),
        }),
      ]));

  it('a supplier files documents only as an answer to a request', () =>
    spec
      .given(runOn(signed(), [requestDocuments()]))
      .when(attach({}, { role: 'supplier' }))
      .thenFails('document.request_required'));

  it('an answer needs a request on file', () =>
    spec
      .given(signed())
      .when(attach({ attachedTo: { kind: 'document_request', requestId: 'docs-none' } }, { role: 'supplier' }))
      .thenFails('document_request.not_found'));

  it('refuses an id already on file, a malformed hash, an unknown confidentiality and a blank title', () => {
    spec
      .given(runOn([], [open(), attach()]))
      .when(attach())
      .thenFails('document.already_attached');
    spec
      .given(runOn([], [open()]))
      .when(attach({ sha256: 'not-a-hash' }))
      .thenFails('document.content_invalid');
    spec
      .given(runOn([], [open()]))
      .when(attach({ confidentiality: 'secret' }))
      .thenFails('document.confidentiality_invalid');
    spec
      .given(runOn([], [open()]))
      .when(attach({ title: ' ' }))
      .thenFails('document.title_required');
  });

  it('auditors attach nothing', () =>
    spec
      .given(runOn([], [open()]))
      .when(attach({}, { role: 'auditor' }))
      .thenFails('actor.read_only'));

  it('redaction keeps the hash and says why; a document is redacted once', () => {
    spec
      .given(runOn([], [open(), attach()]))
      .when(redact())
      .then([
        {
          type: 'DocumentRedacted',
          data: {
            caseId,
            documentId: 'doc-1',
            sha256: hash,
            reason: 'names a worker who filed a grievance',
            redactedBy: 'officer-anna',
            redactedAt: '2026-03-20T08:00:00.000Z',
          },
        },
      ]);
    spec
      .given(runOn([], [open(), attach(), redact()]))
      .when(redact())
      .thenFails('document.already_redacted');
    spec
      .given(runOn([], [open(), attach()]))
      .when(redact(' '))
      .thenFails('document.reasons_required');
    spec
      .given(runOn([], [open()]))
      .when(redact())
      .thenFails('document.not_found');
  });

  it('the timeline withholds an NDA document’s title and file name, and keeps its hash', () => {
    const [nda] = runOn([], [open(), attach({ confidentiality: 'nda' })]).slice(-1);
    expect(withoutConfidentialDocuments(nda.type, nda.data)).toEqual(
      expect.objectContaining({ sha256: hash, documentsWithheld: true }),
    );
    expect(JSON.stringify(withoutConfidentialDocuments(nda.type, nda.data))).not.toContain('audit-summary');
    const [buyerOnly] = runOn([], [open(), attach()]).slice(-1);
    expect(withoutConfidentialDocuments(buyerOnly.type, buyerOnly.data)).toBe(buyerOnly.data);
  });
});
