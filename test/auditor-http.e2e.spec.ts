import { procurementCaseStreamId } from '@pj/domain';
import { SqlEventStore } from '@pj/event-store';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { SCC, waitForEvent } from './support/journey';

interface ServerSentEvent {
  readonly event: string;
  readonly data: any;
}

/** Reads a Server-Sent Events stream until an event named in `until` arrives (or the stream ends). */
async function readEvents(url: string, token: string, until: readonly string[]): Promise<ServerSentEvent[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ServerSentEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .filter((line) => line.startsWith(`${name}:`))
          .map((line) => line.slice(name.length + 1).trim())
          .join('\n');
      if (!field('data')) continue;
      events.push({ event: field('event') || 'message', data: JSON.parse(field('data')) });
      if (until.includes(events.at(-1)!.event)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

// An auditor replays, diffs, follows causation, verifies and exports over HTTP, with no database
// credentials; long work runs as a job followed over Server-Sent Events and downloaded. A row
// tampered with behind the store's back shows up in the verification job's result.
describe('auditors over HTTP', () => {
  let engine: TestEngine;
  let http: HttpClient;
  let tokens: ReturnType<TestEngine['tokens']>;
  let caseId: string;
  let streamId: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
    tokens = engine.tokens(SCC);
    caseId = expectStatus(
      await http.post('/api/cases', tokens.contract_manager, {
        title: 'Laptops',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      201,
    ).body.id;
    streamId = procurementCaseStreamId(SCC, caseId);
    await waitForEvent(engine, streamId, 'RiskScreened');
    expectStatus(
      await http.post(`/api/cases/${caseId}/policy`, tokens.contract_manager, {
        policyRef: 'scc-code-of-conduct-2012',
        codeOfConductStandards: ['ILO C1', 'ILO C29'],
        includesLawOfCountryOfProduction: true,
      }),
      201,
    );
    await waitForEvent(engine, streamId, 'PolicyAdopted');
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('replays a case at a revision and at an instant, and diffs two moments', async () => {
    const history = await engine.store.readStream(streamId);
    const atOpening = expectStatus(await http.get(`/api/audit/cases/${caseId}/state?revision=0`, tokens.auditor), 200);
    expect(atOpening.body).toMatchObject({ streamId, aggregate: 'procurementCase', revision: 0 });
    const now = expectStatus(await http.get(`/api/audit/cases/${caseId}/state`, tokens.auditor), 200);
    expect(now.body.revision).toBe(history.at(-1)!.revision);
    expect(now.body.state).not.toEqual(atOpening.body.state);
    // At the instant of the opening: the opening and nothing recorded later.
    const openedAt = history[0].metadata.recordedAt;
    const atInstant = await http.get(
      `/api/audit/cases/${caseId}/state?at=${encodeURIComponent(openedAt)}`,
      tokens.auditor,
    );
    expect(atInstant.body.state).toEqual(atOpening.body.state);
    const before = await http.get(`/api/audit/cases/${caseId}/state?at=2000-01-01T00:00:00Z`, tokens.auditor);
    expect(before.body.revision).toBe(-1);

    const diff = expectStatus(await http.get(`/api/audit/cases/${caseId}/diff?fromRevision=0`, tokens.auditor), 200);
    expect(diff.body.from.revision).toBe(0);
    expect(diff.body.to.revision).toBe(history.at(-1)!.revision);
    expect(diff.body.changes.length).toBeGreaterThan(0);
    const none = expectStatus(
      await http.get(
        `/api/audit/cases/${caseId}/diff?fromRevision=1&toAt=${encodeURIComponent(history[1].metadata.recordedAt)}`,
        tokens.auditor,
      ),
      200,
    );
    expect(none.body.changes).toEqual([]);
    expect((await http.get(`/api/audit/cases/${caseId}/diff`, tokens.auditor)).body.errors[0].field).toBe(
      'fromRevision',
    );
  });

  it('follows an event’s causation back to the request that started it', async () => {
    const history = await engine.store.readStream(streamId);
    const screened = history.find((event) => event.type === 'RiskScreened')!;
    const chain = expectStatus(
      await http.get(`/api/audit/events/${screened.metadata.eventId}/causation`, tokens.auditor),
      200,
    ).body;
    expect(chain.map((step: { provenance: { type: string } }) => step.provenance.type)).toEqual([
      'RiskScreened',
      'CaseOpened',
    ]);
    expect(chain[0].provenance.actorKind).toBe('workflow');
    expect(chain[1].provenance.actor.role).toBe('contract_manager');
    // Another buyer's auditor: no such event.
    expectStatus(
      await http.get(
        `/api/audit/events/${screened.metadata.eventId}/causation`,
        engine.tokens('city-of-madison').auditor,
      ),
      404,
    );
  });

  it('exports a case as JSON Lines and as OCDS packages, as attachments', async () => {
    const history = await engine.store.readStream(streamId);
    const jsonl = await fetch(`${engine.baseUrl}/api/audit/cases/${caseId}/export?format=jsonl`, {
      headers: { authorization: `Bearer ${tokens.auditor}` },
    });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(jsonl.headers.get('content-disposition')).toBe(`attachment; filename="case-${caseId}.jsonl"`);
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.type)).toEqual(history.map((event) => event.type));
    expect(lines[0].metadata.hash).toBe(history[0].metadata.hash);

    const releases = await http.get(
      `/api/audit/cases/${caseId}/export?format=ocds-release-package&ocidPrefix=ocds-abc123`,
      tokens.auditor,
    );
    expect(releases.status).toBe(200);
    expect(releases.body.releases[0]).toMatchObject({ ocid: `ocds-abc123-${caseId}`, tag: ['planning'] });
    expect((await http.get(`/api/audit/cases/${caseId}/export?format=csv`, tokens.auditor)).status).toBe(400);
  });

  it('exports the organisation as a job: 202 with Location, progress over SSE, the result streamed', async () => {
    const started = await fetch(`${engine.baseUrl}/api/audit/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.auditor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'ocds-record-package' }),
    });
    expect(started.status).toBe(202);
    const location = started.headers.get('location')!;
    const job = (await started.json()) as { jobId: string; eventsUrl: string };
    expect(location).toBe(`/api/audit/jobs/${job.jobId}`);
    const events = await readEvents(`${engine.baseUrl}${job.eventsUrl}`, tokens.auditor, ['succeeded', 'failed']);
    expect(events.at(-1)).toMatchObject({ event: 'succeeded', data: { jobId: job.jobId, status: 'succeeded' } });
    const done = expectStatus(await http.get(location, tokens.auditor), 200).body;
    expect(done).toMatchObject({ status: 'succeeded', percent: 100, resultUrl: `${location}/result` });

    const result = await fetch(`${engine.baseUrl}${done.resultUrl}`, {
      headers: { authorization: `Bearer ${tokens.auditor}` },
    });
    expect(result.headers.get('content-disposition')).toMatch(
      /^attachment; filename="organisation-stockholm-county-council\.record\.json"$/,
    );
    const records = ((await result.json()) as { records: { ocid: string }[] }).records;
    expect(records.map((record: { ocid: string }) => record.ocid)).toContain(`ocds-pj0000-${caseId}`);
    // Another buyer knows nothing of the job.
    const madison = engine.tokens('city-of-madison').auditor;
    for (const path of [location, `${location}/result`, `${location}/events`])
      expect((await http.get(path, madison)).status).toBe(404);
  });

  it('records who read confidential material, and when; a refused read is not recorded', async () => {
    const since = new Date().toISOString();
    expectStatus(await http.get('/api/grievances', tokens.compliance_officer), 200);
    expectStatus(await http.get(`/api/audit/cases/${caseId}/state?revision=1`, tokens.auditor), 200);
    expectStatus(await http.get(`/api/audit/cases/${crypto.randomUUID()}/state`, tokens.auditor), 404);
    const reads = expectStatus(await http.get('/api/audit/confidential-reads', tokens.auditor), 200).body.items.filter(
      (read: { readAt: string }) => read.readAt >= since,
    );
    expect(
      reads.map(({ readerRole, kind, resource }: Record<string, string>) => ({ readerRole, kind, resource })),
    ).toEqual([
      { readerRole: 'auditor', kind: 'case-history', resource: `/api/audit/cases/${caseId}/state?revision=1` },
      { readerRole: 'compliance_officer', kind: 'grievance', resource: '/api/grievances' },
    ]);
    const grievanceReads = expectStatus(
      await http.get('/api/audit/confidential-reads?kind=grievance', tokens.auditor),
      200,
    );
    expect(grievanceReads.body.items.every((read: { kind: string }) => read.kind === 'grievance')).toBe(true);
    // The record is the organisation's: another buyer's auditor sees none of it.
    const theirs = expectStatus(
      await http.get('/api/audit/confidential-reads', engine.tokens('city-of-madison').auditor),
      200,
    );
    expect(theirs.body.items).toEqual([]);
    // Nobody rewrites it, not even the API's own database user.
    const sql = (engine.store as SqlEventStore).driver;
    await expect(sql.query('DELETE FROM pj_confidential_reads')).rejects.toThrow(/append-only/);
  });

  it('verifies a case at once and the organisation as a job; a tampered row shows up in the job’s result', async () => {
    expect(expectStatus(await http.get(`/api/audit/cases/${caseId}/verification`, tokens.auditor), 200).body.ok).toBe(
      true,
    );
    // Tampering as someone with database access would: raw SQL on pj_events, behind the store's back.
    const sql = (engine.store as SqlEventStore).driver;
    await sql.query(
      `UPDATE pj_events SET data = '{"riskLevel":"low","reasons":[]}' WHERE stream_id = $1 AND stream_revision = 1`,
      [streamId],
    );

    const caseCheck = expectStatus(await http.get(`/api/audit/cases/${caseId}/verification`, tokens.auditor), 200).body;
    expect(caseCheck.ok).toBe(false);
    expect(
      caseCheck.issues.map(({ kind, revision }: { kind: string; revision: number }) => ({ kind, revision })),
    ).toEqual([{ kind: 'changed', revision: 1 }]);

    const started = expectStatus(await http.post('/api/audit/verifications', tokens.auditor, {}), 202).body;
    const events = await readEvents(`${engine.baseUrl}${started.eventsUrl}`, tokens.auditor, ['succeeded', 'failed']);
    expect(events.at(-1)!.event).toBe('succeeded');
    const job = expectStatus(await http.get(`/api/audit/jobs/${started.jobId}`, tokens.auditor), 200).body;
    expect(job.summary).toMatchObject({ ok: false, issues: 1 });
    const report = expectStatus(await http.get(job.resultUrl, tokens.auditor), 200).body;
    expect(report.issues).toEqual([expect.objectContaining({ kind: 'changed', streamId, revision: 1 })]);

    // Another buyer's whole-store verification sees nothing of it.
    const madison = engine.tokens('city-of-madison').auditor;
    const theirs = expectStatus(await http.post('/api/audit/verifications', madison, {}), 202).body;
    await readEvents(`${engine.baseUrl}${theirs.eventsUrl}`, madison, ['succeeded', 'failed']);
    const theirReport = expectStatus(await http.get(`/api/audit/jobs/${theirs.jobId}/result`, madison), 200).body;
    expect(theirReport).toMatchObject({ ok: true, issues: [], eventsChecked: 0 });
  });

  it('lets auditors read but never write, and nobody else read the audit endpoints', async () => {
    expectStatus(
      await http.post('/api/cases', tokens.auditor, {
        title: 't',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      403,
    );
    const others = engine.tokens(SCC, { supplierId: 'dell', factories: ['f-1'] });
    for (const role of ['contract_manager', 'compliance_officer', 'supplier', 'monitor'] as const) {
      expect((await http.get(`/api/audit/cases/${caseId}/state`, others[role])).status).toBe(403);
      expect((await http.post('/api/audit/verifications', others[role], {})).status).toBe(403);
    }
  });
});
