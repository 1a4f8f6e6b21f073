import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadAuditKeys, verifyStream } from '@pj/audit';
import { procurementCaseStreamId } from '@pj/domain';
import { ROLES, type Role } from '../apps/api/src/auth/roles';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { seedSignedContract } from './support/seed-journey';

// Documents as evidence over HTTP (issue 17 item 6): multipart uploads streamed into the blob store,
// the media type sniffed from the bytes, downloads by confidentiality and role, NDA reads recorded,
// redaction that keeps the hash, a 50 MB file that never sits in memory, and `verify` naming a
// tampered blob.
describe('documents as evidence', () => {
  let engine: TestEngine;
  let http: HttpClient;
  const ORG = 'stockholm-county-council';
  const caseId = randomUUID();
  let tokens: Record<Role, string>;
  const MAX_BYTES = 60 * 1024 * 1024;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  const upload = async (
    path: string,
    token: string,
    fields: Record<string, string>,
    content: Buffer,
    declared = 'application/pdf',
  ) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([content], { type: declared }), 'audit-2026-01.pdf');
    const response = await fetch(`${engine.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: form,
    });
    const answer = { status: response.status, headers: response.headers, body: (await response.json()) as any };
    if (answer.body?.position) http.readAfter(answer.body.position);
    return answer;
  };
  const download = (documentId: string, token: string) =>
    fetch(`${engine.baseUrl}/api/cases/${caseId}/documents/${documentId}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    engine = await startTestEngine({ DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
    http = httpClient(engine);
    tokens = engine.tokens(ORG, { supplierId: 'supplier-bid-a', factories: ['factory-big'] });
    await seedSignedContract(engine.store, caseId, ORG);
  }, 300_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('records hash, size, sniffed media type and file name; each role reads what its confidentiality allows', async () => {
    const ids: Record<string, string> = {};
    for (const confidentiality of ['public', 'buyer', 'nda']) {
      const answer = expectStatus(
        await upload(
          `/api/cases/${caseId}/documents`,
          tokens.contract_manager,
          { confidentiality, title: `Audit (${confidentiality})`, documentId: `doc-${confidentiality}` },
          pdf,
          // Declared wrongly: recorded as a mismatch, never trusted.
          'image/png',
        ),
        201,
      );
      expect(answer.body).toMatchObject({
        documentId: `doc-${confidentiality}`,
        sha256: sha256(pdf),
        size: pdf.length,
        mediaType: 'application/pdf',
        events: ['DocumentAttached'],
      });
      ids[confidentiality] = answer.body.documentId;
    }
    const [attached] = (await engine.store.readStream(procurementCaseStreamId(ORG, caseId))).slice(-1);
    expect(attached.data).toMatchObject({
      sha256: sha256(pdf),
      size: pdf.length,
      mediaType: 'application/pdf',
      declaredMediaType: 'image/png',
      mediaTypeMismatch: true,
      fileName: 'audit-2026-01.pdf',
      confidentiality: 'nda',
    });

    const readers: Record<string, readonly Role[]> = {
      public: ['contract_manager', 'compliance_officer', 'auditor', 'supplier'],
      buyer: ['contract_manager', 'compliance_officer', 'auditor'],
      nda: ['compliance_officer', 'auditor'],
    };
    for (const confidentiality of Object.keys(readers))
      for (const role of ROLES) {
        const response = await download(ids[confidentiality]!, tokens[role]);
        const allowed = readers[confidentiality]!.includes(role);
        // Monitors are refused by the route; the others by the document's confidentiality.
        const expected = allowed ? 200 : 403;
        expect({ confidentiality, role, status: response.status }).toEqual({ confidentiality, role, status: expected });
        if (allowed) {
          expect(response.headers.get('content-type')).toBe('application/pdf');
          expect(response.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
          expect(response.headers.get('content-disposition')).toContain('attachment; filename="audit-2026-01.pdf"');
          expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
        } else if (role !== 'monitor') {
          expect(await response.json()).toMatchObject({
            code: 'document.confidential',
            allowedRoles: readers[confidentiality],
          });
        } else await response.body?.cancel();
        // The list shows exactly what the role may read.
        if (role !== 'monitor') {
          const listed = expectStatus(await http.get(`/api/cases/${caseId}/documents`, tokens[role]), 200).body.items;
          expect(listed.some((item: { documentId: string }) => item.documentId === ids[confidentiality])).toBe(allowed);
        }
      }
    // Each NDA read is recorded, and only those.
    const reads = expectStatus(await http.get('/api/audit/confidential-reads?kind=nda-documents', tokens.auditor), 200)
      .body.items;
    expect(
      reads
        .filter((read: { resource: string }) => read.resource.includes('doc-nda'))
        .map((r: any) => r.readerRole)
        .sort(),
    ).toEqual(['auditor', 'compliance_officer']);
    expect(reads.some((read: { resource: string }) => read.resource.includes('doc-buyer'))).toBe(false);
  });

  it('the contractor answers a request for documents; a supplier cannot file on the case itself', async () => {
    expectStatus(
      await http.post(`/api/cases/${caseId}/contract/document-requests`, tokens.compliance_officer, {
        requestId: 'docs-1',
        documents: [{ kind: 'audit_report', description: 'latest social audit' }],
        deadline: new Date(Date.now() + 3600_000).toISOString(),
      }),
      201,
    );
    const answer = expectStatus(
      await upload(
        `/api/cases/${caseId}/contract/document-requests/docs-1/documents`,
        tokens.supplier,
        { confidentiality: 'nda', documentId: 'doc-answer' },
        Buffer.from('factory,tier\nfactory-big,1\n'),
        'text/csv',
      ),
      201,
    );
    expect(answer.body.mediaType).toBe('text/plain');
    const listed = expectStatus(await http.get(`/api/cases/${caseId}/documents`, tokens.compliance_officer), 200).body
      .items;
    expect(listed.find((item: { documentId: string }) => item.documentId === 'doc-answer')).toMatchObject({
      requestId: 'docs-1',
      confidentiality: 'nda',
    });
    expectStatus(
      await upload(
        `/api/cases/${caseId}/contract/document-requests/docs-none/documents`,
        tokens.supplier,
        { confidentiality: 'public' },
        pdf,
      ),
      422,
    );
    // A bad field is a 400 naming it, and nothing is recorded.
    const bad = expectStatus(
      await upload(`/api/cases/${caseId}/documents`, tokens.contract_manager, { confidentiality: 'secret' }, pdf),
      400,
    );
    expect(JSON.stringify(bad.body)).toContain('confidentiality');
  });

  it('refuses an upload over the limit with 413 and a clear problem, storing nothing', async () => {
    const form = new FormData();
    form.append('confidentiality', 'buyer');
    form.append('file', new Blob([Buffer.alloc(MAX_BYTES + 1)]), 'too-big.bin');
    const response = await fetch(`${engine.baseUrl}/api/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.contract_manager}` },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'document.too_large', maxBytes: MAX_BYTES });
  });

  it('streams a 50 MB file in and out without holding it in memory', async () => {
    const size = 50 * 1024 * 1024;
    const piece = randomBytes(64 * 1024);
    const boundary = `----pj${randomUUID()}`;
    const expected = createHash('sha256');
    async function* body() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="confidentiality"\r\n\r\nbuyer\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="documentId"\r\n\r\ndoc-large\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="large.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      );
      for (let sent = 0; sent < size; sent += piece.length) {
        expected.update(piece);
        yield piece;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const response = await fetch(`${engine.baseUrl}/api/cases/${caseId}/documents`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.contract_manager}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body: ReadableStream.from(body()),
        duplex: 'half',
      } as RequestInit);
      const answer = (await response.json()) as any;
      expect(response.status).toBe(201);
      expect(answer).toMatchObject({ size, sha256: expected.digest('hex') });
      http.readAfter(answer.position);
      const downloaded = await fetch(`${engine.baseUrl}/api/cases/${caseId}/documents/doc-large/content`, {
        headers: { authorization: `Bearer ${tokens.contract_manager}`, 'min-log-position': answer.position },
      });
      expect(downloaded.status).toBe(200);
      expect(downloaded.headers.get('content-length')).toBe(String(size));
      const hash = createHash('sha256');
      for await (const chunk of downloaded.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
      expect(hash.digest('hex')).toBe(answer.sha256);
    } finally {
      clearInterval(sampler);
    }
    // Client and engine share this process: both together stay well under the file's 50 MB.
    expect((peak - baseline) / (1024 * 1024)).toBeLessThan(30);
  }, 120_000);

  it('redaction hides the content (410) and keeps the hash; verify names a tampered blob', async () => {
    expectStatus(
      await http.post(`/api/cases/${caseId}/documents/doc-buyer/redaction`, tokens.compliance_officer, {
        reason: 'names a worker who filed a grievance',
      }),
      201,
    );
    // The list waits for the redaction (the client's Min-Log-Position); the content is then gone.
    const listed = expectStatus(await http.get(`/api/cases/${caseId}/documents`, tokens.auditor), 200).body.items;
    const gone = await download('doc-buyer', tokens.auditor);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ code: 'document.redacted', documentId: 'doc-buyer' });
    expect(listed.find((item: { documentId: string }) => item.documentId === 'doc-buyer')).toMatchObject({
      sha256: sha256(pdf),
      redactionReason: 'names a worker who filed a grievance',
    });

    const stream = procurementCaseStreamId(ORG, caseId);
    const keys = loadAuditKeys({});
    expect((await verifyStream(engine.store, stream, { keys, blobs: engine.blobs })).ok).toBe(true);
    // Someone with access to the disk changes the stored audit report.
    writeFileSync(engine.blobs.locate(sha256(pdf)), Buffer.from('%PDF-1.7\nnothing to see here\n'));
    const verification = await verifyStream(engine.store, stream, { keys, blobs: engine.blobs });
    expect(verification.ok).toBe(false);
    const tampered = verification.issues.filter((issue) => issue.kind === 'document-tampered');
    expect(tampered.map((issue) => issue.detail)).toEqual(
      ['doc-public', 'doc-buyer', 'doc-nda'].map((id) =>
        expect.stringContaining(`document ${id}: the blob ${engine.blobs.locate(sha256(pdf))}`),
      ),
    );
  });
});
