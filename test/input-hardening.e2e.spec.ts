import { randomUUID } from 'node:crypto';
import { grievanceStreamId } from '@pj/domain';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type Answer, type HttpClient } from './support/http';

// Input that once got through and broke something later: a NUL that stopped a read model for every
// tenant, JSON nested 10,000 deep (500), an id with a newline that could not be read back, and an
// anonymous grievance that recorded who took it in. Each is refused (400, field and reason) or
// recorded without the identity, on the whole engine.
describe('input the engine refuses, and anonymity it keeps', () => {
  let engine: TestEngine;
  let http: HttpClient;
  let tokens: ReturnType<TestEngine['tokens']>;
  const factoryId = `f-input-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
    tokens = engine.tokens('stockholm-county-council', { factories: [factoryId] });
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  const raw = async (path: string, text: string, token = tokens.contract_manager): Promise<Answer> => {
    const response = await fetch(`${engine.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: text,
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  const grievance = (overrides: Record<string, unknown> = {}) => ({
    grievanceId: `g-${randomUUID()}`,
    factoryId,
    channel: 'independent_monitor',
    anonymous: true,
    allegation: 'overtime unpaid\non line 4',
    workersConcerned: 12,
    severity: 'medium',
    acknowledgeWithinDays: 7,
    ...overrides,
  });

  it('refuses a NUL or another control character in any text field with 400 naming the field', async () => {
    const key = `nul-${randomUUID()}`;
    const refused = await http.post(
      '/api/cases',
      tokens.contract_manager,
      { title: 'Laptops\u0000 for schools', productCategory: 'electronics', countriesOfProduction: ['CN'] },
      { 'idempotency-key': key },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'title', reason: expect.stringContaining('control characters') }]);
    // Nothing was written: the same key with clean text opens a fresh case.
    const opened = expectStatus(
      await http.post(
        '/api/cases',
        tokens.contract_manager,
        { title: 'Laptops for schools', productCategory: 'electronics', countriesOfProduction: ['CN'] },
        { 'idempotency-key': key },
      ),
      201,
    );
    expect(opened.body).toMatchObject({ replayed: false });

    // Nested fields are named by their path; a bell in a name is as wrong as a NUL.
    const nested = await http.post(
      '/api/grievances',
      tokens.monitor,
      grievance({ anonymous: false, complainant: { name: 'Li\u0007 Wei', contact: 'via the union' } }),
    );
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toEqual([expect.objectContaining({ field: 'complainant.name' })]);
  });

  it('answers 400 with the reason to a body nested 10,000 levels deep, on any route', async () => {
    for (const path of ['/api/cases', '/api/factories', `/api/cases/${randomUUID()}/policy`]) {
      const deep = await raw(path, `{"title":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
      expect(deep.status).toBe(400);
      expect(deep.body.detail).toMatch(/nested deeper than 32 levels/);
    }
  });

  it('refuses an id that could not be read back, in a body and in a path, and reads back a good one', async () => {
    const factory = {
      name: 'Shenzhen Electronics Assembly No. 1',
      address: 'Longhua, Shenzhen',
      country: 'CN',
      tier: 1,
      products: ['laptops'],
      numberOfWorkers: 4000,
    };
    for (const badId of ['f-1\nsecond-line', 'f 1', 'f/1', '', 'x'.repeat(201)]) {
      const refused = await http.post('/api/factories', tokens.contract_manager, { ...factory, factoryId: badId });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'factoryId' })]));
    }
    const inPath = await http.post(`/api/factories/f-1%0Asecond/profile-updates`, tokens.contract_manager, {
      changes: { numberOfWorkers: 1 },
    });
    expect(inPath.status).toBe(400);
    expect(inPath.body.errors).toEqual([expect.objectContaining({ field: 'factoryId' })]);

    expectStatus(await http.post('/api/factories', tokens.contract_manager, { ...factory, factoryId }), 201);
    const read = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const answer = await http.get(`/api/factories/${encodeURIComponent(factoryId)}`, tokens.monitor);
        if (answer.status === 200) return answer;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the factory never appeared');
    })();
    expect(read.body).toMatchObject({ factoryId });
  });

  it('records an anonymous grievance with nothing of the person who took it in', async () => {
    const anonymous = grievance();
    expectStatus(await http.post('/api/grievances', tokens.monitor, anonymous), 201);
    const [submitted] = await engine.store.readStream(
      grievanceStreamId('stockholm-county-council', anonymous.grievanceId as string),
    );
    expect(submitted.type).toBe('GrievanceSubmitted');
    expect(submitted.metadata.actor).toEqual({ id: 'anonymous', role: 'monitor' });
    // The monitor's token says sub "dev-monitor": it is nowhere in what was stored.
    expect(JSON.stringify({ data: submitted.data, metadata: submitted.metadata })).not.toContain('dev-monitor');
    expect(submitted.data).not.toHaveProperty('complainant');
    expect(submitted.data).not.toHaveProperty('receivedBy');

    // A named grievance keeps who took it in, as any other command does.
    const named = grievance({ anonymous: false, complainant: { name: 'Li Wei', contact: 'via the union' } });
    expectStatus(await http.post('/api/grievances', tokens.monitor, named), 201);
    const [namedEvent] = await engine.store.readStream(
      grievanceStreamId('stockholm-county-council', named.grievanceId as string),
    );
    expect(namedEvent.metadata.actor).toEqual({ id: 'dev-monitor', role: 'monitor' });
    expect(namedEvent.data).toMatchObject({ receivedBy: 'dev-monitor' });
  });

  // Found by the API fuzzer: a profile update without `changes` crashed the decider (500), and a
  // worker count of 1e259 passed every check and then stopped the registry's read model (integer).
  it('refuses counts of people beyond any factory, and a profile update without changes, with 400', async () => {
    const registered = (numberOfWorkers: number) =>
      http.post('/api/factories', tokens.contract_manager, {
        factoryId: `f-count-${randomUUID().slice(0, 8)}`,
        name: 'Counted',
        address: 'Dhaka',
        country: 'BD',
        tier: 1,
        products: ['shirts'],
        numberOfWorkers,
      });
    const huge = await registered(1.3364159670387551e259);
    expect(huge.status).toBe(400);
    expect(huge.body.errors).toEqual([expect.objectContaining({ field: 'numberOfWorkers' })]);
    expectStatus(await registered(4000), 201);
    const update = (body: object) =>
      http.post(`/api/factories/${factoryId}/profile-updates`, tokens.contract_manager, body);
    const missing = await update({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'changes' })]));
    expect((await update({ changes: { numberOfWorkers: 1e12 } })).status).toBe(400);
    const concerned = await http.post('/api/grievances', tokens.monitor, grievance({ workersConcerned: 1e12 }));
    expect(concerned.status).toBe(400);
    expect(concerned.body.errors).toEqual([expect.objectContaining({ field: 'workersConcerned' })]);
  });
});
