import { procurementCaseStreamId } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import { eventually, type TestEngine } from './engine';
import { expectStatus, inSeconds, type HttpClient } from './http';

/**
 * Stockholm County Council buys computers; Dell (with Atea as subcontractor) and a second bidder
 * bid. Everything goes through HTTP; the periods are short so the real Temporal timers fire
 * within the test: the bid deadline a few seconds ahead (the tender workflow closes bidding then),
 * the legal standstill in seconds.
 */
export const SCC = 'stockholm-county-council';
export const FACTORIES = ['f-shenzhen-1', 'f-shenzhen-2'];

export interface SignedCase {
  readonly caseId: string;
  readonly contractId: string;
  readonly tokens: ReturnType<TestEngine['tokens']>;
  readonly dell: string;
  readonly hp: string;
}

/** A bidder's self-declarations (ESPD part III) with nothing to declare against it. */
export const declarations = {
  noConvictionForChildLabourOrTrafficking: true,
  noGraveProfessionalMisconduct: true,
  compliesWithLabourLaw: true,
  noEarlierContractTerminatedEarly: true,
  acceptsCodeOfConduct: true,
};

/** A bid on the computers tender: 70% of its supply chain disclosed, both factories, Atea subcontracted. */
export const tenderBid = (bidId: string, price: number) => ({
  bidId,
  price,
  supplyChainDisclosure: {
    disclosedSharePercent: 70,
    factories: [
      { factoryId: FACTORIES[0], annualPurchases: 400000 },
      { factoryId: FACTORIES[1], annualPurchases: 10000 },
    ],
  },
  selfDeclarations: declarations,
  subcontractorIds: ['atea'],
});

export async function streamTypes(engine: TestEngine, streamId: string): Promise<string[]> {
  return (await engine.store.readStream(streamId)).map((event) => event.type);
}

/**
 * Waits until `type` is in the stream and returns that event (its position is what a read waits
 * for). Polls the log, not a read model: it waits for a workflow to act on its own (an activity, a
 * timer), which no command answer can name.
 */
export async function waitForEvent(
  engine: TestEngine,
  streamId: string,
  type: string,
  timeoutMs = 60_000,
): Promise<RecordedEvent> {
  return eventually(
    async () => (await engine.store.readStream(streamId)).find((event) => event.type === type),
    timeoutMs,
  );
}

/**
 * Opens, tenders, takes two bids, evaluates, awards and signs, answering every step with 201. The
 * winner is Dell's supplier id unless `supplierId` names another (a browser spec's signed-in supplier).
 */
export async function driveToSignedContract(
  engine: TestEngine,
  http: HttpClient,
  title: string,
  { supplierId = 'dell' }: { supplierId?: string } = {},
): Promise<SignedCase> {
  const tokens = engine.tokens(SCC, { factories: FACTORIES });
  const dell = engine.tokens(SCC, { supplierId }).supplier;
  const hp = engine.tokens(SCC, { supplierId: 'hp' }).supplier;
  const cm = tokens.contract_manager;

  const opened = expectStatus(
    await http.post('/api/cases', cm, { title, productCategory: 'electronics', countriesOfProduction: ['CN'] }),
    201,
  );
  const caseId: string = opened.body.id;
  // Risk screening is the workflow's own doing; later reads wait for it too.
  http.readAfter((await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'RiskScreened')).position);

  for (const factoryId of FACTORIES)
    await http.post('/api/factories', cm, {
      factoryId,
      name: `Shenzhen assembly ${factoryId}`,
      address: 'Longhua, Shenzhen',
      country: 'CN',
      tier: 1,
      products: ['laptops'],
      numberOfWorkers: 4000,
    });

  expectStatus(
    await http.post(`/api/cases/${caseId}/policy`, cm, {
      policyRef: 'scc-code-of-conduct-2012',
      codeOfConductStandards: ['ILO C1', 'ILO C29', 'ILO C138', 'ILO C182'],
      includesLawOfCountryOfProduction: true,
    }),
    201,
  );
  const bidDeadline = inSeconds(4);
  expectStatus(
    await http.post(`/api/cases/${caseId}/tender`, cm, {
      tenderRef: 'SCC-IT-2026-01',
      currency: 'SEK',
      bidDeadline,
      disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
      compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
      performanceClauses: [
        { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
        { clauseId: 'hours', kind: 'kpi', description: 'share of workers within legal working hours' },
      ],
      awardCriteria: [
        { criterionId: 'price', kind: 'price', description: 'price', weight: 60 },
        { criterionId: 'social', kind: 'social', description: 'supply-chain transparency', weight: 40 },
      ],
      legalStandstill: { electronicNoticeDays: 3, otherNoticeDays: 5, periodUnit: 'seconds' },
      dueDiligence: {
        questionnaireResponseDays: 30,
        questionnaireReminderDays: [14, 25],
        independentAuditMethod: 'on_site',
      },
    }),
    201,
  );

  expectStatus(await http.post(`/api/cases/${caseId}/bids`, dell, tenderBid('bid-dell', 900000)), 201);
  expectStatus(await http.post(`/api/cases/${caseId}/bids`, hp, tenderBid('bid-hp', 950000)), 201);

  await awardToDell(engine, http, caseId, cm);
  // The award-standstill workflow records the end of the period on the real clock.
  http.readAfter((await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'LegalStandstillEnded')).position);
  const contractId = `scc-dell-${caseId.slice(0, 8)}`;
  expectStatus(await http.post(`/api/cases/${caseId}/contract`, cm, { contractId }), 201);
  return { caseId, contractId, tokens, dell, hp };
}

/**
 * Once the tender workflow has closed bidding at the deadline (the real clock), the contract
 * manager scores Dell's and HP's bids and awards the contract to Dell.
 */
export async function awardToDell(engine: TestEngine, http: HttpClient, caseId: string, cm: string): Promise<void> {
  http.readAfter((await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'BiddingClosed', 30_000)).position);
  for (const [bidId, price] of [
    ['bid-dell', 85],
    ['bid-hp', 70],
  ] as const)
    expectStatus(
      await http.post(`/api/cases/${caseId}/bids/${bidId}/evaluation`, cm, {
        scores: [
          { criterionId: 'price', score: price },
          { criterionId: 'social', score: 80 },
        ],
      }),
      201,
    );
  expectStatus(
    await http.post(`/api/cases/${caseId}/award`, cm, {
      bidId: 'bid-dell',
      noticeMeans: 'electronic',
      reasons: 'most economically advantageous tender',
    }),
    201,
  );
}
