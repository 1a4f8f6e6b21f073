import { cooperativeContractStreamId, procurementCaseStreamId } from '@pj/domain';
import { body, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { driveToSignedContract, FACTORIES, SCC, waitForEvent, type SignedCase } from './support/journey';

// Issue 17, done when: a cooperative contract through two joining agencies, orders that cross the
// compliance-plan threshold for one factory, a year end with its rebate, and one amendment refused as
// substantial. Stockholm County Council leads; two other agencies join. The contract year is a
// rehearsal's 45 seconds, so the real Temporal timer ends it within the test.
jest.setTimeout(240_000);

const sek = (amountMinor: number) => ({ amountMinor, currency: 'SEK' });
const AGENCIES = ['uppsala-region', 'gotland-region'];

describe('a cooperative contract joined by two agencies', () => {
  let engine: TestEngine;
  let http: HttpClient;
  let signed: SignedCase;
  let base: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
    signed = await driveToSignedContract(engine, http, 'Uniforms for the region');
    base = `/api/cooperative-contracts/${SCC}/${signed.caseId}`;
  });
  afterAll(() => engine?.stop());

  it('joins, orders, crosses the threshold, pays the rebate into the fund and refuses a substantial amendment', async () => {
    const lead = signed.tokens;
    const [uppsala, gotland] = AGENCIES.map((agency) => engine.tokens(agency));
    const outsider = engine.tokens('malmo-city');
    const caseStream = procurementCaseStreamId(SCC, signed.caseId);
    const contract = (await waitForEvent(engine, caseStream, 'ContractSigned')).data as { signedAt: string };

    // The lead opens its signed contract to agencies: threshold 25 000 SEK, rebate 1% / 2%.
    const terms = {
      contractId: signed.contractId,
      supplierId: 'dell',
      signedAt: contract.signedAt,
      currency: 'SEK',
      compliancePlanThreshold: sek(2_500_000),
      rebateTiers: [
        { fromMinor: 1_000_000, rateBasisPoints: 100 },
        { fromMinor: 5_000_000, rateBasisPoints: 200 },
      ],
      rehearsalYearSeconds: 45,
    };
    // A float is refused with the field named; nothing is recorded.
    const float = await http.post(`/api/cases/${signed.caseId}/cooperative-contract`, lead.contract_manager, {
      ...terms,
      compliancePlanThreshold: sek(25_000.5),
    });
    expect(float.status).toBe(400);
    expect(JSON.stringify(float.body)).toMatch(/amountMinor/);
    expectStatus(
      await http.post(`/api/cases/${signed.caseId}/cooperative-contract`, lead.contract_manager, terms),
      201,
    );

    // Two agencies ask; the lead admits both. An agency may not decide, nor order before admission.
    for (const [index, agency] of [uppsala, gotland].entries())
      expectStatus(
        await http.post(`${base}/join-requests`, agency.contract_manager, { agencyName: AGENCIES[index] }),
        201,
      );
    expect(
      (await http.post(`${base}/orders`, uppsala.contract_manager, { orderId: 'early', amount: sek(100) })).status,
    ).toBe(404);
    expect(
      (
        await http.post(`${base}/join-requests/${AGENCIES[1]}/decision`, uppsala.contract_manager, {
          decision: 'accept',
        })
      ).status,
    ).toBe(404);
    for (const agency of AGENCIES)
      expectStatus(
        await http.post(`${base}/join-requests/${agency}/decision`, lead.contract_manager, { decision: 'accept' }),
        201,
      );

    // Orders from both agencies bring factory 1 to the threshold: its compliance plan is due at once.
    expectStatus(
      await http.post(`${base}/orders`, uppsala.contract_manager, {
        orderId: 'po-1',
        factoryId: FACTORIES[0],
        amount: sek(1_500_000),
      }),
      201,
    );
    expect(
      (await http.post(`${base}/orders`, gotland.contract_manager, { orderId: 'po-x', amount: sek(1_000_000.5) }))
        .status,
    ).toBe(400);
    expect(
      (
        await http.post(`${base}/orders`, gotland.contract_manager, {
          orderId: 'po-x',
          amount: { amountMinor: 100, currency: 'EUR' },
        })
      ).body.code,
    ).toBe('order.currency_mismatch');
    const crossing = expectStatus(
      await http.post(`${base}/orders`, gotland.contract_manager, {
        orderId: 'po-1',
        factoryId: FACTORIES[0],
        amount: sek(1_000_000),
      }),
      201,
    );
    expect(crossing.body.events).toEqual(['OrderPlaced', 'FactoryVolumeThresholdCrossed']);
    const planDue = await waitForEvent(engine, caseStream, 'CompliancePlanDueOnVolume');
    expect(planDue.data).toMatchObject({
      factoryId: FACTORIES[0],
      annualVolume: sek(2_500_000),
      threshold: sek(2_500_000),
    });

    // Each agency sees its own orders; the lead sees every order; an outsider sees nothing.
    const seenBy = async (token: string) => body(await fetchAs(token));
    const fetchAs = (token: string) =>
      fetch(`${engine.baseUrl}${base}`, { headers: { authorization: `Bearer ${token}` } });
    expect(
      (await seenBy(uppsala.contract_manager)).orders.map(
        (o: { agencyOrganisationId: string }) => o.agencyOrganisationId,
      ),
    ).toEqual([AGENCIES[0]]);
    expect((await seenBy(gotland.contract_manager)).agencies).toEqual([
      { organisationId: AGENCIES[1], status: 'admitted' },
    ]);
    expect((await seenBy(lead.auditor)).orders).toHaveLength(2);
    expect((await fetchAs(outsider.contract_manager)).status).toBe(404);
    expect(
      (await http.post(`${base}/orders`, outsider.contract_manager, { orderId: 'x', amount: sek(1) })).status,
    ).toBe(404);

    // An amendment of 10% of the initial value (900 000 SEK) is not below 10%: substantial, refused.
    const amendment = await http.post(`/api/cases/${signed.caseId}/amendments`, lead.contract_manager, {
      amendmentId: 'am-1',
      legalBasis: 'de_minimis',
      rationale: 'more laptops for the new ward',
      procurementNature: 'supplies',
      changes: { value: sek(9_000_000) },
      altersOverallNature: false,
      euThreshold: sek(250_000_000),
    });
    expect(amendment.status).toBe(422);
    expect(amendment.body).toMatchObject({ code: 'amendment.substantial', details: { limit: sek(9_000_000) } });
    expect((await engine.store.readStream(caseStream)).some((event) => event.type === 'ContractAmended')).toBe(false);

    // The rehearsal year ends: the workflow declares the rebate into the monitoring fund.
    const streamId = cooperativeContractStreamId(SCC, signed.caseId);
    const rebate = await waitForEvent(engine, streamId, 'RebateDue', 90_000);
    expect(rebate.data).toMatchObject({
      contractYear: 1,
      annualVolume: sek(2_500_000),
      rateBasisPoints: 100,
      amount: sek(25_000),
      fundBalance: sek(25_000),
    });
    http.readAfter(rebate.position);
    expect(
      (
        await http.post(`${base}/monitoring-payments`, lead.compliance_officer, {
          paymentId: 'monitor-1',
          amount: sek(30_000),
          payee: 'electronics-watch',
          purpose: 'worker-driven monitoring, year 1',
        })
      ).body.code,
    ).toBe('monitoring_fund.insufficient');
    expectStatus(
      await http.post(`${base}/monitoring-payments`, lead.compliance_officer, {
        paymentId: 'monitor-1',
        amount: sek(20_000),
        payee: 'electronics-watch',
        purpose: 'worker-driven monitoring, year 1',
      }),
      201,
    );
    expect((await seenBy(lead.contract_manager)).fundBalance).toEqual(sek(5_000));
  });
});
