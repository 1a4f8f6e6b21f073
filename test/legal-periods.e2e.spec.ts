import { procurementCaseStreamId } from '@pj/domain';
import { startTestEngine, eventually, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { declarations, FACTORIES, SCC, waitForEvent } from './support/journey';

/**
 * The legal standstill in the buyer's calendar, over HTTP with the worker and Temporal: Stockholm
 * County Council sends its award decision electronically on 22 December, just before Christmas.
 * Ten days from the 23rd end on New Year's Day, a Swedish public holiday, so the period ends with
 * the next working day (Regulation 1182/71 Art. 3(4)). The API's clock is the engine's injectable
 * clock: the test sets the day the contract manager acts on; Temporal keeps real time.
 */
describe('legal standstill over a Swedish holiday (Directive 2007/66 Art. 2a(2), Regulation 1182/71)', () => {
  let engine: TestEngine;
  let http: HttpClient;
  /** The API's clock: real time until the test sets it to an instant. */
  let setTo: number | undefined;
  const setClock = (instant: string) => {
    setTo = Date.parse(instant);
  };

  // The next 22 December still ahead (2026 when written), and the first working day after 1 January.
  const today = new Date();
  const year =
    today.getUTCMonth() === 11 && today.getUTCDate() >= 20 ? today.getUTCFullYear() + 1 : today.getUTCFullYear();
  const sentAt = `${year}-12-22T16:00:00+01:00`;
  // 2 January is no Swedish holiday; the first of 2, 3 and 4 January that is no Saturday or Sunday.
  const lastDay = [2, 3, 4]
    .map((day) => `${year + 1}-01-0${day}`)
    .find((date) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()))!;

  beforeAll(async () => {
    engine = await startTestEngine(
      {
        BUYER_CALENDARS: JSON.stringify({
          [SCC]: { timeZone: 'Europe/Stockholm', holidays: { country: 'SE', types: ['public', 'bank'] } },
        }),
      },
      { clock: () => new Date(setTo ?? Date.now()) },
    );
    http = httpClient(engine);
  });
  afterAll(async () => engine?.stop());

  it('refuses signature until the end of the next working day after New Year, and the status shows that end in Stockholm time', async () => {
    const tokens = engine.tokens(SCC, { factories: FACTORIES });
    const cm = tokens.contract_manager;
    const opened = expectStatus(
      await http.post('/api/cases', cm, {
        title: 'Laptops for county schools',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      201,
    );
    const caseId: string = opened.body.id;
    const stream = procurementCaseStreamId(SCC, caseId);
    http.readAfter((await waitForEvent(engine, stream, 'RiskScreened')).position);
    expectStatus(
      await http.post(`/api/cases/${caseId}/policy`, cm, {
        policyRef: 'scc-code-of-conduct-2012',
        codeOfConductStandards: ['ILO C1', 'ILO C29', 'ILO C138', 'ILO C182'],
        includesLawOfCountryOfProduction: true,
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/cases/${caseId}/tender`, cm, {
        tenderRef: 'SCC-IT-2026-02',
        currency: 'SEK',
        bidDeadline: inSeconds(4),
        disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
        compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
        performanceClauses: [
          { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factories' },
        ],
        awardCriteria: [
          { criterionId: 'price', kind: 'price', description: 'price', weight: 60 },
          { criterionId: 'social', kind: 'social', description: 'supply-chain transparency', weight: 40 },
        ],
        // The Remedies Directive's own periods, in calendar days.
        legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15 },
        dueDiligence: {
          questionnaireResponseDays: 30,
          questionnaireReminderDays: [14, 25],
          independentAuditMethod: 'on_site',
        },
      }),
      201,
    );
    for (const [supplierId, price] of [
      ['dell', 900000],
      ['hp', 950000],
    ] as const)
      expectStatus(
        await http.post(`/api/cases/${caseId}/bids`, engine.tokens(SCC, { supplierId }).supplier, {
          bidId: `bid-${supplierId}`,
          price,
          supplyChainDisclosure: {
            disclosedSharePercent: 70,
            factories: [{ factoryId: FACTORIES[0], annualPurchases: 400000 }],
          },
          selfDeclarations: declarations,
          subcontractorIds: [],
        }),
        201,
      );

    // The tender workflow closes bidding on the real clock. The award decision was e-mailed on
    // 22 December; the contract manager records it on Monday the 28th, backdated to when it was sent.
    http.readAfter((await waitForEvent(engine, stream, 'BiddingClosed', 30_000)).position);
    setClock(`${year}-12-28T09:30:00+01:00`);
    for (const [bidId, score] of [
      ['bid-dell', 85],
      ['bid-hp', 70],
    ] as const)
      expectStatus(
        await http.post(`/api/cases/${caseId}/bids/${bidId}/evaluation`, cm, {
          scores: [
            { criterionId: 'price', score },
            { criterionId: 'social', score: 80 },
          ],
        }),
        201,
      );
    // Not in the future, whatever the clock of the caller: refused, nothing recorded.
    const award = { bidId: 'bid-dell', noticeMeans: 'electronic', reasons: 'most economically advantageous tender' };
    expect(
      expectStatus(
        await http.post(`/api/cases/${caseId}/award`, cm, { ...award, occurredAt: `${year}-12-28T10:00:00+01:00` }),
        422,
      ).body,
    ).toMatchObject({ code: 'effective_date.in_future' });
    expectStatus(await http.post(`/api/cases/${caseId}/award`, cm, { ...award, occurredAt: sentAt }), 201);
    const decided = await waitForEvent(engine, stream, 'AwardDecided');
    const endsAtLocal = `${lastDay}T23:59:59.999+01:00`;
    const endsAt = new Date(Date.parse(endsAtLocal)).toISOString();
    expect(decided.data).toMatchObject({
      noticeMeans: 'electronic',
      occurredAt: new Date(Date.parse(sentAt)).toISOString(),
      notifiedAt: new Date(Date.parse(`${year}-12-28T09:30:00+01:00`)).toISOString(),
      backdating: { recordedBy: expect.any(String), backBy: 'P5DT17H30M' },
      standstillEndsAt: endsAt,
      standstillPeriod: { timeZone: 'Europe/Stockholm', firstDay: `${year}-12-23`, lastDay, endsAtLocal },
    });

    // The status endpoint: the award-standstill workflow, started by the process manager, sleeps until that end.
    const status = await eventually(async () => {
      const answer = await http.get(`/api/cases/${caseId}/awards/award-1/standstill`, cm);
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(status).toMatchObject({
      step: 'standstill',
      awardId: 'award-1',
      standstillEndsAt: endsAt,
      standstillEndsAtLocal: endsAtLocal,
      timeZone: 'Europe/Stockholm',
      nextDeadline: endsAt,
    });

    // The timeline shows when the decision was sent, and that it was recorded later.
    const timeline = expectStatus(await http.get(`/api/cases/${caseId}/timeline`, cm), 200).body;
    expect(timeline.items.find((entry: { eventType: string }) => entry.eventType === 'AwardDecided')).toMatchObject({
      recordedAt: new Date(Date.parse(`${year}-12-28T09:30:00+01:00`)).toISOString(),
      occurredAt: new Date(Date.parse(sentAt)).toISOString(),
      backdating: { backBy: 'P5DT17H30M' },
    });

    // New Year's Day itself, and the last minute of the moved last day: refused, nothing recorded.
    for (const at of [`${year + 1}-01-01T12:00:00+01:00`, `${lastDay}T23:59:00+01:00`]) {
      setClock(at);
      const refused = expectStatus(
        await http.post(`/api/cases/${caseId}/contract`, cm, { contractId: `scc-dell-${caseId.slice(0, 8)}` }),
        422,
      );
      expect(refused.body).toMatchObject({
        code: 'standstill.not_ended',
        details: { standstillEndsAt: endsAt, standstillEndsAtLocal: endsAtLocal },
      });
    }
    expect((await engine.store.readStream(stream)).map((event) => event.type)).not.toContain('ContractSigned');

    // Midnight in Stockholm after the last day: signed.
    const nextDay = new Date(Date.parse(endsAt) + 1).toISOString();
    setClock(nextDay);
    const signed = expectStatus(
      await http.post(`/api/cases/${caseId}/contract`, cm, { contractId: `scc-dell-${caseId.slice(0, 8)}` }),
      201,
    );
    expect(signed.body).toMatchObject({ id: caseId });
    const contract = (await engine.store.readStream(stream)).find((event) => event.type === 'ContractSigned');
    expect(contract?.data).toMatchObject({ signedAt: nextDay });
  });
});
