import { contractDisclosureWorkflowId, tenderWorkflowId } from '@pj/contracts';
import { factoryStreamId, procurementCaseStreamId } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import { eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { driveToSignedContract, FACTORIES, SCC } from './support/journey';

// The two workflows docs/domain.md promises, on the real clock with the worker and Temporal: the
// tender closes bidding by itself at its deadline, and each disclosure reaches the shared registry.
describe('the tender closes bidding at its deadline; disclosures reach the factory registry', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  /** The event of `type` in the stream that `matches`, once a workflow has recorded it (polled). */
  const recorded = (streamId: string, type: string, matches: (event: RecordedEvent) => boolean = () => true) =>
    eventually(async () =>
      (await engine.store.readStream(streamId)).find((event) => event.type === type && matches(event)),
    );

  it('bidding closes by itself, and the buyer sees its contract on each disclosed factory', async () => {
    // The tender's bid deadline is a few seconds ahead; nobody closes bidding over HTTP.
    const { caseId, contractId, tokens, dell } = await driveToSignedContract(engine, http, 'Laptops for schools');
    const cm = tokens.contract_manager;
    const caseStream = procurementCaseStreamId(SCC, caseId);
    const events = await engine.store.readStream(caseStream);
    const published = events.find((event) => event.type === 'TenderRequirementsPublished')!;
    const closed = events.find((event) => event.type === 'BiddingClosed')!;
    expect(closed.metadata.actor).toEqual({ id: tenderWorkflowId(SCC, caseId), role: 'workflow' });
    const { bidDeadline } = published.data as { bidDeadline: string };
    const { closedAt, bidCount } = closed.data as { closedAt: string; bidCount: number };
    expect(Date.parse(closedAt)).toBeGreaterThanOrEqual(Date.parse(bidDeadline));
    expect(bidCount).toBe(2);
    // Closing again by hand is refused: bidding is closed.
    expect(await http.post(`/api/cases/${caseId}/bidding-closure`, cm, {})).toMatchObject({
      status: 422,
      body: { code: 'case.wrong_phase' },
    });

    // The signed contract's factories (the awarded bid's) are recorded in the registry by the
    // disclosure workflow: the read waits for the registry event's position.
    const signed = events.find((event) => event.type === 'ContractSigned')!;
    for (const factoryId of FACTORIES) {
      const disclosed = await recorded(factoryStreamId(factoryId), 'FactoryDisclosedUnderContract');
      expect(disclosed.metadata.actor).toEqual({
        id: contractDisclosureWorkflowId(SCC, caseId, 1, signed.metadata.eventId),
        role: 'workflow',
      });
      http.readAfter(disclosed.position);
    }
    const shenzhen = expectStatus(await http.get(`/api/factories/${FACTORIES[0]}`, cm), 200);
    expect(shenzhen.body.contracts).toEqual([
      { caseId, contractId, supplierId: 'dell', contractYear: 1, annualPurchases: 400000 },
    ]);
    expect(shenzhen.body.otherBuyers).toBe(0);

    // A factory Dell discloses later in the year joins the contract too.
    const added = 'f-dongguan-1';
    expectStatus(
      await http.post('/api/factories', cm, {
        factoryId: added,
        name: 'Dongguan assembly',
        address: 'Chang’an, Dongguan',
        country: 'CN',
        tier: 1,
        products: ['laptops'],
        numberOfWorkers: 1500,
      }),
      201,
    );
    expect(expectStatus(await http.get(`/api/factories/${added}`, cm), 200).body.contracts).toEqual([]);
    expectStatus(
      await http.post(`/api/cases/${caseId}/contract/supply-chain-disclosures`, dell, {
        contractYear: 1,
        disclosedSharePercent: 85,
        factories: [
          { factoryId: FACTORIES[0], annualPurchases: 400000 },
          { factoryId: added, annualPurchases: 120000 },
        ],
      }),
      201,
    );
    http.readAfter((await recorded(factoryStreamId(added), 'FactoryDisclosedUnderContract')).position);
    expect(expectStatus(await http.get(`/api/factories/${added}`, cm), 200).body.contracts).toEqual([
      { caseId, contractId, supplierId: 'dell', contractYear: 1, annualPurchases: 120000 },
    ]);
    // Disclosed again this year: recorded once, by the first disclosure.
    const shenzhenEvents = (await engine.store.readStream(factoryStreamId(FACTORIES[0]))).filter(
      (event) => event.type === 'FactoryDisclosedUnderContract',
    );
    expect(shenzhenEvents).toHaveLength(1);
    // Another buyer sees that someone else sources there, not whom.
    const other = engine.tokens('region-skane').contract_manager;
    const seen = expectStatus(await http.get(`/api/factories/${added}`, other), 200);
    expect(seen.body).toMatchObject({ contracts: [], otherBuyers: 1 });
  }, 180_000);
});
