import { randomUUID } from 'node:crypto';
import { documentRequestWorkflowId } from '@pj/contracts';
import { findingStreamId } from '@pj/domain';
import { eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { seedSignedContract } from './support/seed-journey';

// Requests for documents over HTTP, with the worker and Temporal (issue 12 item 8): the buyer asks
// the contractor of a signed contract for documents by a deadline; documents disclosed under a
// non-disclosure agreement are read by compliance officers and auditors only, and each read is
// recorded; silence at the deadline feeds the breach ladder.
describe('requests for documents', () => {
  let engine: TestEngine;
  let http: HttpClient;
  const ORG = 'stockholm-county-council';
  const caseId = randomUUID();
  let buyer: ReturnType<TestEngine['tokens']>;
  let contractor: string;
  let otherSupplier: string;
  const path = `/api/cases/${caseId}/contract/document-requests`;
  const request = (requestId: string, deadline: string) => ({
    requestId,
    documents: [
      { kind: 'audit_report', description: 'latest social audit of factory-big' },
      { kind: 'supplier_list', description: 'tier-2 suppliers of factory-big' },
    ],
    deadline,
  });

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
    buyer = engine.tokens(ORG);
    contractor = engine.tokens(ORG, { supplierId: 'supplier-bid-a' }).supplier;
    otherSupplier = engine.tokens(ORG, { supplierId: 'supplier-bid-b' }).supplier;
    await seedSignedContract(engine.store, caseId, ORG);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('documents disclosed under NDA: the list withholds them, only officers and auditors read them, each read recorded', async () => {
    const deadline = inSeconds(3600);
    expectStatus(await http.post(path, buyer.compliance_officer, request('docs-nda', deadline)), 201);
    // The contractor finds it among what it owes, with the path to send the documents.
    const owed = expectStatus(await http.get('/api/obligations?kind=document_request', contractor), 200).body.items;
    expect(owed).toEqual([
      expect.objectContaining({
        kind: 'document_request',
        subjectId: 'docs-nda',
        dueAt: deadline,
        status: 'open',
        action: `POST ${path}/docs-nda/disclosure`,
      }),
    ]);
    // Bad input is a 400 naming the field; the contractor cannot ask, an auditor never writes.
    const bad = expectStatus(
      await http.post(path, buyer.compliance_officer, { ...request('docs-bad', 'next week') }),
      400,
    );
    expect(JSON.stringify(bad.body)).toContain('deadline');
    expectStatus(await http.post(path, contractor, request('docs-x', inSeconds(3600))), 403);
    expectStatus(await http.post(path, buyer.auditor, request('docs-x', inSeconds(3600))), 403);

    const disclosure = {
      documents: [
        { documentRef: 'audit-2026-01', kind: 'audit_report', title: 'Social audit of factory-big, January 2026' },
      ],
      underNonDisclosureAgreement: true,
    };
    // Another supplier is not the contractor of this contract: 403, and nothing recorded.
    const stranger = expectStatus(await http.post(`${path}/docs-nda/disclosure`, otherSupplier, disclosure), 403);
    expect(stranger.body.code).toBe('access.party_not_allowed');
    expectStatus(await http.post(`${path}/docs-nda/disclosure`, contractor, disclosure), 201);

    const listed = expectStatus(await http.get(path, buyer.contract_manager), 200).body;
    expect(listed.items).toEqual([
      expect.objectContaining({
        requestId: 'docs-nda',
        status: 'disclosed',
        confidential: true,
        onTime: true,
        documents: null,
        supplierId: 'supplier-bid-a',
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('audit-2026-01');
    // Nor does the case's timeline show them: the event is there, its documents withheld.
    const timeline = expectStatus(await http.get(`/api/cases/${caseId}/timeline`, buyer.contract_manager), 200).body;
    expect(JSON.stringify(timeline)).toContain('RequestedDocumentsDisclosed');
    expect(JSON.stringify(timeline)).not.toContain('audit-2026-01');
    const detail = expectStatus(await http.get(`${path}/docs-nda`, buyer.contract_manager), 200).body;
    expect(detail).toMatchObject({ requestId: 'docs-nda', confidential: true, documents: null });
    // The contractor finds what is asked of it.
    expect(expectStatus(await http.get(path, contractor), 200).body.items).toHaveLength(1);
    expect(expectStatus(await http.get(path, otherSupplier), 200).body.items).toHaveLength(0);

    const documents = `${path}/docs-nda/confidential-documents`;
    expectStatus(await http.get(documents, buyer.contract_manager), 403);
    expectStatus(await http.get(documents, contractor), 403);
    const read = expectStatus(await http.get(documents, buyer.compliance_officer), 200).body;
    expect(read).toMatchObject({
      requestId: 'docs-nda',
      documents: disclosure.documents,
      disclosedBy: expect.any(String),
    });
    expectStatus(await http.get(documents, buyer.auditor), 200);
    const reads = expectStatus(await http.get('/api/audit/confidential-reads?kind=nda-documents', buyer.auditor), 200)
      .body.items as { resource: string; readerRole: string }[];
    expect(
      reads
        .filter((r) => r.resource === documents)
        .map((r) => r.readerRole)
        .sort(),
    ).toEqual(['auditor', 'compliance_officer']);
  });

  it('documents disclosed without NDA are shown to the buyer, and the confidential endpoint has none', async () => {
    expectStatus(await http.post(path, buyer.contract_manager, request('docs-open', inSeconds(3600))), 201);
    const documents = [{ documentRef: 'suppliers-2026', kind: 'supplier_list', title: 'Tier-2 suppliers' }];
    expectStatus(
      await http.post(`${path}/docs-open/disclosure`, contractor, { documents, underNonDisclosureAgreement: false }),
      201,
    );
    expect(expectStatus(await http.get(`${path}/docs-open`, buyer.contract_manager), 200).body).toMatchObject({
      confidential: false,
      documents,
    });
    expectStatus(await http.get(`${path}/docs-open/confidential-documents`, buyer.compliance_officer), 404);
  });

  it('silence at the deadline is recorded and opens a breach the ladder takes up', async () => {
    expectStatus(await http.post(path, buyer.compliance_officer, request('docs-silent', inSeconds(3))), 201);
    const findingId = `${caseId}.docs-silent.unanswered`;
    const breach = await eventually(async () => {
      const events = await engine.store.readStream(findingStreamId(ORG, findingId));
      return events.some((event) => event.type === 'BreachConfirmed') ? events : undefined;
    }, 60_000);
    expect(breach.map((event) => event.type)).toEqual(['FindingRecorded', 'BreachConfirmed']);
    expect(breach[1].metadata.actor).toEqual({
      id: documentRequestWorkflowId(ORG, caseId, 'docs-silent'),
      role: 'workflow',
    });
    http.readAfter(breach[1].position);
    expect(expectStatus(await http.get(`${path}/docs-silent`, buyer.contract_manager), 200).body).toMatchObject({
      status: 'unanswered',
      unansweredAt: expect.any(String),
    });
    // The breach-escalation workflow runs for it, as for any confirmed breach.
    const escalation = await eventually(async () => {
      const answer = await http.get(`/api/findings/${findingId}/escalation`, buyer.compliance_officer);
      return answer.status === 200 ? answer.body : undefined;
    }, 60_000);
    expect(escalation).toBeDefined();
  });
});
