import { procurementCaseStreamId } from '@pj/domain';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { declarations, SCC, waitForEvent } from './support/journey';

// Abnormally low tenders over HTTP, with the worker and Temporal (issue 12 item 4, Art. 69).
// Stockholm County Council's own threshold is 5% below the mean of the other bids
// (ABNORMALLY_LOW_PRICE_PERCENT): its tender publishes it, and when the tender workflow closes
// bidding at the deadline, Dell's 900 000 against HP's 950 000 (threshold 902 500) is flagged.
describe('abnormally low bids flagged as bidding closes, by the buyer’s threshold', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine({ ABNORMALLY_LOW_PRICE_PERCENT: `${SCC}=5` });
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('flags the bid with the computation; it is awarded only once its explanation is accepted', async () => {
    const tokens = engine.tokens(SCC);
    const cm = tokens.contract_manager;
    const dell = engine.tokens(SCC, { supplierId: 'dell' }).supplier;
    const hp = engine.tokens(SCC, { supplierId: 'hp' }).supplier;
    const caseId: string = expectStatus(
      await http.post('/api/cases', cm, {
        title: 'Laptops',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      201,
    ).body.id;
    const stream = procurementCaseStreamId(SCC, caseId);
    http.readAfter((await waitForEvent(engine, stream, 'RiskScreened')).position);
    expectStatus(
      await http.post(`/api/cases/${caseId}/policy`, cm, {
        policyRef: 'scc-code-of-conduct-2012',
        codeOfConductStandards: ['ILO C1'],
        includesLawOfCountryOfProduction: true,
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/cases/${caseId}/tender`, cm, {
        tenderRef: 'SCC-IT-2026-07',
        currency: 'SEK',
        bidDeadline: inSeconds(3),
        disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
        compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
        performanceClauses: [],
        awardCriteria: [{ criterionId: 'price', kind: 'price', description: 'price', weight: 100 }],
        legalStandstill: { electronicNoticeDays: 3, otherNoticeDays: 5, periodUnit: 'seconds' },
        dueDiligence: {
          questionnaireResponseDays: 30,
          questionnaireReminderDays: [14],
          independentAuditMethod: 'on_site',
        },
      }),
      201,
    );
    const published = (await engine.store.readStream(stream)).find((e) => e.type === 'TenderRequirementsPublished')!;
    expect(published.data).toMatchObject({ abnormallyLowPrice: { percentBelowMeanOfOthers: 5 } });

    const bid = (bidId: string, price: number) => ({
      bidId,
      price,
      supplyChainDisclosure: { disclosedSharePercent: 70, factories: [] },
      selfDeclarations: declarations,
      subcontractorIds: [],
    });
    expectStatus(await http.post(`/api/cases/${caseId}/bids`, dell, bid('bid-dell', 900000)), 201);
    expectStatus(await http.post(`/api/cases/${caseId}/bids`, hp, bid('bid-hp', 950000)), 201);
    http.readAfter((await waitForEvent(engine, stream, 'BidFlaggedAbnormallyLow', 30_000)).position);

    const bids = expectStatus(await http.get(`/api/cases/${caseId}/bids`, cm), 200).body.items;
    const byId = Object.fromEntries(bids.map((b: { bidId: string }) => [b.bidId, b]));
    expect(byId['bid-dell']).toMatchObject({
      lowPriceReview: 'flagged',
      abnormallyLowReasons: 'price 900000 is below 902500, the mean of the other bids (950000) less 5%',
    });
    expect(byId['bid-hp'].lowPriceReview).toBeNull();

    for (const [bidId, score] of [
      ['bid-dell', 90],
      ['bid-hp', 70],
    ] as const)
      expectStatus(
        await http.post(`/api/cases/${caseId}/bids/${bidId}/evaluation`, cm, {
          scores: [{ criterionId: 'price', score }],
        }),
        201,
      );
    const award = { bidId: 'bid-dell', noticeMeans: 'electronic', reasons: 'most economically advantageous tender' };
    const refused = expectStatus(await http.post(`/api/cases/${caseId}/award`, cm, award), 422);
    expect(refused.body.code).toBe('award.abnormally_low_unexplained');
    expectStatus(
      await http.post(`/api/cases/${caseId}/bids/bid-dell/low-bid-explanation-request`, cm, {
        questions: ['How does the price cover the legal minimum wage and overtime premiums?'],
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/cases/${caseId}/bids/bid-dell/low-bid-explanation-assessment`, cm, {
        explanationRef: 'dell-explanation-1',
        priceLowBecauseLabourOrSocialLawNotRespected: false,
        decision: 'accept',
        reasons: 'volume discounts from the manufacturer, documented',
      }),
      201,
    );
    expectStatus(await http.post(`/api/cases/${caseId}/award`, cm, award), 201);
  });
});
