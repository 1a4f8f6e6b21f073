import { grievanceIntakeWorkflowId } from '@pj/contracts';
import { grievanceStreamId, procurementCaseStreamId } from '@pj/domain';
import { formatPosition } from '@pj/event-store';
import { body, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';

// Read your own writes: a command answers the log position of its last event; a read sent with it
// in Min-Log-Position waits until its read model (or, for a workflow's status, the process manager)
// has passed it, and answers 503 with Retry-After when that does not happen in time.
const SCC = 'stockholm-county-council';
const factoryId = 'f-ryw-1';

describe('read your own writes over HTTP', () => {
  let engine: TestEngine;
  let http: HttpClient;
  let tokens: ReturnType<TestEngine['tokens']>;
  const previousWait = process.env.READ_AFTER_WAIT_MS;

  /** A GET with exactly these headers (the client's own Min-Log-Position left out). */
  const rawGet = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${engine.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens.auditor}`, ...headers } });

  beforeAll(async () => {
    // Short, so that the tests of a read model that cannot catch up answer quickly.
    process.env.READ_AFTER_WAIT_MS = '1500';
    engine = await startTestEngine();
    http = httpClient(engine);
    tokens = engine.tokens(SCC, { factories: [factoryId] });
    expectStatus(
      await http.post('/api/factories', tokens.contract_manager, {
        factoryId,
        name: 'Shenzhen assembly',
        address: 'Longhua, Shenzhen',
        country: 'CN',
        tier: 1,
        products: ['laptops'],
        numberOfWorkers: 4000,
      }),
      201,
    );
  }, 120_000);
  afterAll(async () => {
    if (previousWait === undefined) delete process.env.READ_AFTER_WAIT_MS;
    else process.env.READ_AFTER_WAIT_MS = previousWait;
    await engine?.stop();
  }, 60_000);

  const openCase = (title: string, headers: Record<string, string> = {}) =>
    http.post(
      '/api/cases',
      tokens.contract_manager,
      { title, productCategory: 'furniture', countriesOfProduction: ['SE'] },
      headers,
    );

  it('answers every command with the position of its last event, in the body and the Log-Position header', async () => {
    const opened = expectStatus(await openCase('Desks', { 'idempotency-key': 'ryw-desks' }), 201);
    const [event] = await engine.store.readStream(procurementCaseStreamId(SCC, opened.body.id));
    expect(opened.body.position).toBe(formatPosition(event.position));
    expect(opened.headers.get('log-position')).toBe(opened.body.position);

    // A retry answers the position of the first result, not a new one.
    const retried = expectStatus(await openCase('Desks', { 'idempotency-key': 'ryw-desks' }), 201);
    expect(retried.body).toMatchObject({ replayed: true, position: opened.body.position });
    expect(retried.headers.get('log-position')).toBe(opened.body.position);

    // Each command of a case reads back at once, with no polling.
    for (let i = 0; i < 10; i++) {
      const accepted = expectStatus(await openCase(`Chairs ${i}`), 201);
      const read = await rawGet(`/api/cases/${accepted.body.id}`, { 'min-log-position': accepted.body.position });
      expect(read.status).toBe(200);
      expect(await body(read)).toMatchObject({ caseId: accepted.body.id, title: `Chairs ${i}` });
    }
  });

  it('waits for the read model: 503 with Retry-After while it is stopped, the write once it has caught up', async () => {
    const opened = expectStatus(await openCase('Lamps'), 201);
    const caseId: string = opened.body.id;
    expect((await rawGet(`/api/cases/${caseId}`, { 'min-log-position': opened.body.position })).status).toBe(200);

    await engine.projections.stop();
    let policy: Awaited<ReturnType<HttpClient['post']>>;
    try {
      policy = expectStatus(
        await http.post(`/api/cases/${caseId}/policy`, tokens.contract_manager, {
          policyRef: 'scc-code-of-conduct-2012',
          codeOfConductStandards: ['ILO C1'],
          includesLawOfCountryOfProduction: true,
        }),
        201,
      );
      // Without the header the read model answers what it has: the write is not in it.
      const stale = await rawGet(`/api/cases/${caseId}`);
      expect(stale.status).toBe(200);
      expect((await body(stale)).revision).toBeLessThan(policy.body.revision);

      const started = Date.now();
      const behind = await rawGet(`/api/cases/${caseId}`, { 'min-log-position': policy.body.position });
      expect(behind.status).toBe(503);
      expect(behind.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await body(behind)).toMatchObject({
        type: 'urn:procurement-journey:unavailable:read-model',
        code: 'read_model.behind',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);

      // The timeline waits for its own read model as well.
      const timeline = await rawGet(`/api/cases/${caseId}/timeline`, { 'min-log-position': policy.body.position });
      expect(timeline.status).toBe(503);
    } finally {
      await engine.projections.start();
    }
    // The client sends the policy's position by itself (test/support/http.ts).
    const caughtUp = await http.get(`/api/cases/${caseId}`, tokens.auditor);
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.revision).toBeGreaterThanOrEqual(policy!.body.revision);
  });

  it('refuses a malformed Min-Log-Position with 400 naming the header, on every read', async () => {
    for (const path of ['/api/cases', '/api/escalations', '/api/factories', '/api/grievances/g-none/intake'])
      for (const value of ['yesterday', '12', '-1/3', '1/2/3']) {
        const answer = await rawGet(path, { 'min-log-position': value });
        expect({ path, value, status: answer.status }).toEqual({ path, value, status: 400 });
        expect((await body(answer)).errors).toEqual([
          { field: 'Min-Log-Position', reason: expect.stringContaining('log position') },
        ]);
      }
    // A position beyond the end of the log (no command answered it) or beyond 64 bits: 400 at once.
    for (const value of ['999999999/999999999', '99999999999999999999/1']) {
      const ahead = await rawGet('/api/cases', { 'min-log-position': value });
      expect({ value, status: ahead.status }).toEqual({ value, status: 400 });
      expect((await body(ahead)).errors).toEqual([{ field: 'Min-Log-Position', reason: expect.any(String) }]);
    }
    // One the log has passed answers at once.
    expect((await rawGet('/api/cases', { 'min-log-position': '0/0' })).status).toBe(200);
  });

  it('answers "starting" for a workflow the process manager has not started, and waits for it with the header', async () => {
    await engine.stopWorker();
    let submitted: Awaited<ReturnType<HttpClient['post']>> | undefined;
    try {
      submitted = expectStatus(
        await http.post('/api/grievances', tokens.monitor, {
          grievanceId: 'g-ryw-1',
          factoryId,
          channel: 'independent_monitor',
          anonymous: true,
          allegation: 'overtime unpaid',
          workersConcerned: 12,
          severity: 'medium',
          acknowledgeWithinDays: 7,
        }),
        201,
      );
      const starting = await rawGet('/api/grievances/g-ryw-1/intake');
      expect(starting.status).toBe(200);
      expect(await body(starting)).toEqual({
        status: 'starting',
        workflowId: grievanceIntakeWorkflowId(SCC, 'g-ryw-1'),
      });
      // With the header it waits for the process manager, which is not running: 503.
      const behind = await rawGet('/api/grievances/g-ryw-1/intake', { 'min-log-position': submitted.body.position });
      expect(behind.status).toBe(503);
      expect(behind.headers.get('retry-after')).toBeTruthy();
      // Nothing of that id in the caller's organisation: still 404.
      expect((await rawGet('/api/grievances/g-none/intake')).status).toBe(404);
      expect(
        (
          await fetch(`${engine.baseUrl}/api/grievances/g-ryw-1/intake`, {
            headers: { authorization: `Bearer ${engine.tokens('city-of-madison').auditor}` },
          })
        ).status,
      ).toBe(404);
    } finally {
      await engine.restartWorker();
    }
    const stream = await engine.store.readStream(grievanceStreamId(SCC, 'g-ryw-1'));
    expect(formatPosition(stream[0].position)).toBe(submitted!.body.position);
    const running = await rawGet('/api/grievances/g-ryw-1/intake', { 'min-log-position': submitted!.body.position });
    expect(running.status).toBe(200);
    expect(await body(running)).toMatchObject({ step: expect.any(String) });

    // A workflow update answers the position of what it recorded, and a read waits for it.
    const acknowledged = expectStatus(
      await http.post(
        '/api/grievances/g-ryw-1/acknowledgement',
        tokens.compliance_officer,
        { message: 'We received your report.' },
        { 'idempotency-key': 'ryw-ack' },
      ),
      201,
    );
    const acknowledgement = (await engine.store.readStream(grievanceStreamId(SCC, 'g-ryw-1'))).find(
      (event) => event.type === 'GrievanceAcknowledged',
    )!;
    expect(acknowledged.body.position).toBe(formatPosition(acknowledgement.position));
    expect(acknowledged.headers.get('log-position')).toBe(acknowledged.body.position);
    const grievances = await rawGet('/api/grievances', { 'min-log-position': acknowledged.body.position });
    expect((await body(grievances)).items).toEqual([
      expect.objectContaining({ grievanceId: 'g-ryw-1', status: 'acknowledged' }),
    ]);
    // Its retry answers the same position.
    const retried = await http.post(
      '/api/grievances/g-ryw-1/acknowledgement',
      tokens.compliance_officer,
      { message: 'We received your report.' },
      { 'idempotency-key': 'ryw-ack' },
    );
    expect(retried.body.position).toBe(acknowledged.body.position);
  });

  it('documents the header and the 503 on every read, and Log-Position on commands', async () => {
    const document = await body(await fetch(`${engine.baseUrl}/api/docs-json`));
    const reads = Object.entries(document.paths as Record<string, { get?: any; post?: any }>).filter(
      ([, item]) => item.get,
    );
    expect(reads.length).toBeGreaterThan(5);
    for (const [path, item] of reads) {
      expect({ path, header: item.get.parameters.some((p: any) => p.name === 'Min-Log-Position') }).toEqual({
        path,
        header: true,
      });
      expect({ path, has503: '503' in item.get.responses }).toEqual({ path, has503: true });
    }
    expect(document.paths['/cases'].post.responses['201'].headers['Log-Position']).toBeDefined();
  });
});
