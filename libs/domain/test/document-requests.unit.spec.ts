import { procurementCase, withoutConfidentialDocuments } from '../src';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, runOn, signed } from './fixtures';

// Requests for documents (issue 12 item 8). The contract was signed on 25 February 2026 (day 51);
// on 2 March 2026 the buyer asks the contractor for its latest audit report and its supplier list by
// 16 March 2026.
const spec = DeciderSpecification(procurementCase);
const requestedAt = '2026-03-02T09:00:00.000Z';
const deadline = '2026-03-16T17:00:00.000Z';

const request = (overrides: Record<string, unknown> = {}, now = requestedAt) =>
  caseCommand(
    'RequestDocuments',
    {
      caseId,
      requestId: 'docs-2026-03',
      documents: [
        { kind: 'audit_report', description: 'the latest social audit of factory-big' },
        { kind: 'supplier_list', description: 'tier-2 suppliers of factory-big' },
      ],
      deadline,
      ...overrides,
    },
    { now, role: 'compliance_officer', actorId: 'officer-anna' },
  );
const disclose = (now: string, underNonDisclosureAgreement = true) =>
  caseCommand(
    'DiscloseRequestedDocuments',
    {
      caseId,
      requestId: 'docs-2026-03',
      documents: [{ documentRef: 'sha256:9f2c…', kind: 'audit_report', title: 'Audit of factory-big, January 2026' }],
      underNonDisclosureAgreement,
    },
    { now, role: 'supplier', actorId: 'supplier-user-1' },
  );
const silence = (now: string) =>
  caseCommand(
    'RecordDocumentRequestUnanswered',
    { caseId, requestId: 'docs-2026-03' },
    { now, role: 'workflow', actorId: 'document-request:buyer-1/case-1:docs-2026-03' },
  );

describe('requests for documents', () => {
  it('the buyer asks the contractor of the signed contract for documents by a deadline', () =>
    spec
      .given(signed())
      .when(request())
      .then([
        {
          type: 'DocumentsRequested',
          data: {
            caseId,
            requestId: 'docs-2026-03',
            contractId: 'contract-1',
            supplierId: 'supplier-bid-a',
            documents: [
              { kind: 'audit_report', description: 'the latest social audit of factory-big' },
              { kind: 'supplier_list', description: 'tier-2 suppliers of factory-big' },
            ],
            deadline,
            requestedBy: 'officer-anna',
            requestedAt,
          },
        },
      ]));

  it('only under a signed contract', () =>
    spec.given(runOn(signed(), []).slice(0, -1)).when(request()).thenFails('case.wrong_phase'));

  it('needs a deadline after the request', () =>
    spec
      .given(signed())
      .when(request({ deadline: '2026-03-01T09:00:00.000Z' }))
      .thenFails('document_request.deadline_in_past'));

  it('needs at least one document, described', () =>
    spec
      .given(signed())
      .when(request({ documents: [] }))
      .thenFails('document_request.documents_required'));

  it('a request id is used once', () =>
    spec
      .given(runOn(signed(), [request()]))
      .when(request())
      .thenFails('document_request.already_requested'));

  it('documents disclosed under a non-disclosure agreement are marked confidential, on time', () =>
    spec
      .given(runOn(signed(), [request()]))
      .when(disclose('2026-03-10T11:00:00.000Z'))
      .then([
        {
          type: 'RequestedDocumentsDisclosed',
          data: {
            caseId,
            requestId: 'docs-2026-03',
            documents: [
              { documentRef: 'sha256:9f2c…', kind: 'audit_report', title: 'Audit of factory-big, January 2026' },
            ],
            confidential: true,
            onTime: true,
            disclosedBy: 'supplier-user-1',
            disclosedAt: '2026-03-10T11:00:00.000Z',
          },
        },
      ]));

  it('silence is recorded once the deadline passed, not before', () => {
    spec
      .given(runOn(signed(), [request()]))
      .when(silence('2026-03-16T16:59:59.000Z'))
      .thenFails('document_request.deadline_not_passed');
    spec
      .given(runOn(signed(), [request()]))
      .when(silence(deadline))
      .then([
        {
          type: 'DocumentRequestUnanswered',
          data: { caseId, requestId: 'docs-2026-03', supplierId: 'supplier-bid-a', deadline, recordedAt: deadline },
        },
      ]);
  });

  it('answered documents leave nothing to be silent about', () =>
    spec
      .given(runOn(signed(), [request(), disclose('2026-03-10T11:00:00.000Z')]))
      .when(silence('2026-03-17T09:00:00.000Z'))
      .thenFails('document_request.already_answered'));

  it('a late disclosure after the silence is still recorded, as late', () =>
    spec
      .given(runOn(signed(), [request(), silence('2026-03-17T09:00:00.000Z')]))
      .when(disclose('2026-03-20T09:00:00.000Z', false))
      .thenEmits((events) => expect(events[0]).toMatchObject({ data: { onTime: false, confidential: false } })));

  it('documents are disclosed once', () =>
    spec
      .given(runOn(signed(), [request(), disclose('2026-03-10T11:00:00.000Z')]))
      .when(disclose('2026-03-11T11:00:00.000Z'))
      .thenFails('document_request.already_answered'));

  it('an unknown request cannot be answered', () =>
    spec.given(signed()).when(disclose('2026-03-10T11:00:00.000Z')).thenFails('document_request.not_found'));
});

describe('what readers outside the NDA see of a disclosure', () => {
  const disclosed = (confidential: boolean) => ({
    caseId,
    requestId: 'docs-2026-03',
    documents: [{ documentRef: 'audit-2026-01', kind: 'audit_report' as const, title: 'Audit' }],
    confidential,
    onTime: true,
    disclosedBy: 'supplier-user-1',
    disclosedAt: '2026-03-10T11:00:00.000Z',
  });

  it('documents under a non-disclosure agreement are withheld', () =>
    expect(withoutConfidentialDocuments('RequestedDocumentsDisclosed', disclosed(true))).toEqual({
      caseId,
      requestId: 'docs-2026-03',
      confidential: true,
      onTime: true,
      disclosedBy: 'supplier-user-1',
      disclosedAt: '2026-03-10T11:00:00.000Z',
      documentsWithheld: true,
    }));

  it('other documents, and other events, are shown as they are', () => {
    expect(withoutConfidentialDocuments('RequestedDocumentsDisclosed', disclosed(false))).toEqual(disclosed(false));
    expect(withoutConfidentialDocuments('DocumentsRequested', { confidential: true, documents: [1] })).toEqual({
      confidential: true,
      documents: [1],
    });
  });
});
