import { factoryStreamId, procurementCaseStreamId } from '@pj/domain';
import { createScratchDatabase, type ScratchDatabase } from '../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../libs/event-store/src/testing/test-database';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { declarations, SCC, streamTypes, waitForEvent } from './support/journey';

// An Idempotency-Key belongs to one caller of one organisation and to one request (method, path,
// body). A retry of that request answers its first result; anything else with the key is refused
// (422 idempotency.key_reused), never answered with another request's result. On both SQL stores.
// And: concurrent commands without If-Match are retried until the decider refuses, not sent 409.
const stores: [string, () => Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }>][] = [
  ['PGlite', async () => ({ env: {}, drop: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const scratch: ScratchDatabase = await createScratchDatabase(testDatabaseUrl(), 'pj_idem');
      return { env: { EVENT_STORE: 'postgres', DATABASE_URL: scratch.url }, drop: () => scratch.drop() };
    },
  ],
];

const bid = (bidId: string, price = 900000, supplierId?: string) => ({
  bidId,
  ...(supplierId ? { supplierId } : {}),
  price,
  supplyChainDisclosure: { disclosedSharePercent: 70, factories: [{ factoryId: 'f-1', annualPurchases: 40000 }] },
  selfDeclarations: declarations,
  subcontractorIds: [],
});
const tender = (tenderRef: string) => ({
  tenderRef,
  currency: 'SEK',
  bidDeadline: inSeconds(3600),
  disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
  compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
  performanceClauses: [{ clauseId: 'disclosure', kind: 'necessary_step', description: 'disclose factories' }],
  awardCriteria: [{ criterionId: 'price', kind: 'price', description: 'price', weight: 100 }],
  legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15 },
  dueDiligence: { questionnaireResponseDays: 30, questionnaireReminderDays: [14], independentAuditMethod: 'on_site' },
});
const policy = {
  policyRef: 'scc-code-of-conduct-2012',
  codeOfConductStandards: ['ILO C29'],
  includesLawOfCountryOfProduction: true,
};

describe.each(stores)('idempotency keys and concurrent commands on %s', (_name, prepare) => {
  let engine: TestEngine;
  let http: HttpClient;
  let drop: () => Promise<void>;
  let cm: string;

  beforeAll(async () => {
    const store = await prepare();
    drop = store.drop;
    engine = await startTestEngine(store.env);
    http = httpClient(engine);
    cm = engine.tokens(SCC).contract_manager;
  }, 180_000);
  afterAll(async () => {
    await engine?.stop();
    await drop?.();
  }, 60_000);

  /** A case open for bids (risk screened, policy adopted, tender published). */
  async function tenderingCase(title: string): Promise<string> {
    const caseId: string = expectStatus(
      await http.post('/api/cases', cm, { title, productCategory: 'electronics', countriesOfProduction: ['CN'] }),
      201,
    ).body.id;
    await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'RiskScreened');
    expectStatus(await http.post(`/api/cases/${caseId}/policy`, cm, policy), 201);
    expectStatus(await http.post(`/api/cases/${caseId}/tender`, cm, tender(`T-${title}`)), 201);
    return caseId;
  }

  it('refuses a key reused on another endpoint, and records the second command once it has its own key', async () => {
    const caseId: string = expectStatus(
      await http.post('/api/cases', cm, {
        title: 'Two endpoints',
        productCategory: 'furniture',
        countriesOfProduction: ['SE'],
      }),
      201,
    ).body.id;
    await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'RiskScreened');
    expectStatus(await http.post(`/api/cases/${caseId}/policy`, cm, policy, { 'idempotency-key': 'scc-step-1' }), 201);

    const reused = await http.post(`/api/cases/${caseId}/tender`, cm, tender('T-1'), {
      'idempotency-key': 'scc-step-1',
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency.key_reused');
    expect(await streamTypes(engine, procurementCaseStreamId(SCC, caseId))).not.toContain(
      'TenderRequirementsPublished',
    );

    expectStatus(
      await http.post(`/api/cases/${caseId}/tender`, cm, tender('T-1'), { 'idempotency-key': 'scc-step-2' }),
      201,
    );
    expect(await streamTypes(engine, procurementCaseStreamId(SCC, caseId))).toContain('TenderRequirementsPublished');

    // On another aggregate the key's event ids are already taken: the same refusal, nothing written.
    const factoryId = `f-${caseId}`;
    const factory = { factoryId, name: 'Assembly', address: 'Shenzhen', country: 'CN', tier: 1, products: ['laptops'] };
    const elsewhere = await http.post(
      '/api/factories',
      cm,
      { ...factory, numberOfWorkers: 10 },
      {
        'idempotency-key': 'scc-step-1',
      },
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('idempotency.key_reused');
    expect(await engine.store.readStream(factoryStreamId(factoryId))).toEqual([]);
  });

  it('keeps two suppliers’ bids with the same key apart', async () => {
    const caseId = await tenderingCase('Two suppliers');
    const dell = engine.tokens(SCC, { supplierId: 'dell' }).supplier;
    const hp = engine.tokens(SCC, { supplierId: 'hp' }).supplier;

    const dellBid = expectStatus(
      await http.post(`/api/cases/${caseId}/bids`, dell, bid('bid-dell'), { 'idempotency-key': 'our-bid' }),
      201,
    );
    const hpBid = expectStatus(
      await http.post(`/api/cases/${caseId}/bids`, hp, bid('bid-hp'), { 'idempotency-key': 'our-bid' }),
      201,
    );
    expect(dellBid.body.replayed).toBe(false);
    expect(hpBid.body).toMatchObject({ replayed: false, events: ['BidSubmitted'] });
    const bids = (await engine.store.readStream(procurementCaseStreamId(SCC, caseId)))
      .filter((event) => event.type === 'BidSubmitted')
      .map((event) => (event.data as { supplierId: string }).supplierId);
    expect(bids).toEqual(['dell', 'hp']);
  });

  it('refuses the same key with another body, and replays the same request with its first revision', async () => {
    const caseId = await tenderingCase('Same key, other body');
    const dell = engine.tokens(SCC, { supplierId: 'dell' }).supplier;
    const first = expectStatus(
      await http.post(`/api/cases/${caseId}/bids`, dell, bid('bid-dell', 900000), { 'idempotency-key': 'dell-bid' }),
      201,
    );

    const changed = await http.post(`/api/cases/${caseId}/bids`, dell, bid('bid-dell', 800000), {
      'idempotency-key': 'dell-bid',
    });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency.key_reused');
    // The body's commandId is the same key by another name.
    const viaBody = await http.post(`/api/cases/${caseId}/bids`, dell, {
      ...bid('bid-dell-2', 700000),
      commandId: 'dell-bid',
    });
    expect(viaBody.status).toBe(422);
    expect(viaBody.body.code).toBe('idempotency.key_reused');

    // The stream moves on; a retry still answers the revision of its own first result.
    expectStatus(await http.post(`/api/cases/${caseId}/bids`, cm, bid('bid-hp', 950000, 'hp')), 201);
    // A contract manager records a bid for a named bidder; without one, nothing is recorded.
    const unnamed = await http.post(`/api/cases/${caseId}/bids`, cm, bid('bid-unnamed', 940000));
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([
      { field: 'supplierId', reason: 'is required when a contract manager records a bid' },
    ]);
    const retried = expectStatus(
      await http.post(`/api/cases/${caseId}/bids`, dell, { ...bid('bid-dell', 900000), commandId: 'dell-bid' }),
      201,
    );
    expect(retried.body).toEqual({ ...first.body, replayed: true });
    const prices = (await engine.store.readStream(procurementCaseStreamId(SCC, caseId)))
      .filter((event) => event.type === 'BidSubmitted')
      .map((event) => (event.data as { price: number }).price);
    expect(prices).toEqual([900000, 950000]);
  });

  it('records 50 concurrent bids without If-Match, and still answers a stale If-Match with 409', async () => {
    const caseId = await tenderingCase('Fifty bidders');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        http.post(`/api/cases/${caseId}/bids`, cm, bid(`bid-${n}`, 100000 + n, `supplier-${n}`)),
      ),
    );
    expect(answers.filter((answer) => answer.status !== 201).map((answer) => answer.body)).toEqual([]);
    const history = await engine.store.readStream(procurementCaseStreamId(SCC, caseId));
    expect(history.filter((event) => event.type === 'BidSubmitted')).toHaveLength(50);

    const stale = await http.post(`/api/cases/${caseId}/bids`, cm, bid('bid-late', 1, 'late'), {
      'if-match': String(history.length - 2),
    });
    expect(stale.status).toBe(409);
  }, 120_000);
});
