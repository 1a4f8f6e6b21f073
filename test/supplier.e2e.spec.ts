import { findingStreamId, procurementCaseStreamId } from '@pj/domain';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type Answer, type HttpClient } from './support/http';
import { awardToDell, declarations, FACTORIES, SCC, waitForEvent } from './support/journey';

interface Obligation {
  readonly kind: string;
  readonly subjectId: string;
  readonly factoryId: string | null;
  readonly contractYear: number | null;
  readonly dueAt: string | null;
  readonly status: string;
  readonly action: string | null;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

// Dell does its whole part of a case through the API, knowing only its own supplier id and what its
// own GETs show it: it finds the tender, reads the requirements, bids, learns of the award, and finds
// and fulfils what it owes under the contract (disclosure, compliance plan, questionnaire) and the
// corrective action plan a breach asks of it. The buyer's side is played by the buyer's roles; their
// answers give Dell nothing. One HTTP client carries the last command's log position into every
// read, whoever's token sent the command, so Dell's reads see the buyer's writes without polling;
// only what a workflow records on its own is waited for.
describe('a supplier does its whole part of a case through its own GETs', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('finds the tender, bids, learns of the award and fulfils every obligation it finds', async () => {
    const buyer = engine.tokens(SCC, { factories: FACTORIES });
    const cm = buyer.contract_manager;
    const dell = engine.tokens(SCC, { supplierId: 'dell' }).supplier;
    const hp = engine.tokens(SCC, { supplierId: 'hp' }).supplier;
    const title = 'Laptops for county libraries';
    const get = async (path: string, token = dell) => expectStatus(await http.get(path, token), 200).body;
    /** Dell acts where its obligation says: `POST <path>`. */
    const fulfil = async (obligation: Obligation, body: object): Promise<Answer> => {
      const [method, path] = obligation.action!.split(' ');
      expect(method).toBe('POST');
      return expectStatus(await http.post(path, dell, body), 201);
    };

    // The buyer: a case, its factories, policy and tender.
    const buyersCaseId: string = expectStatus(
      await http.post('/api/cases', cm, { title, productCategory: 'electronics', countriesOfProduction: ['CN'] }),
      201,
    ).body.id;
    const stream = procurementCaseStreamId(SCC, buyersCaseId);
    // Nothing is on Dell's board before the tender is published.
    expect((await get('/api/cases')).items).toEqual([]);
    http.readAfter((await waitForEvent(engine, stream, 'RiskScreened')).position);
    for (const factoryId of FACTORIES)
      expectStatus(
        await http.post('/api/factories', cm, {
          factoryId,
          name: `Shenzhen assembly ${factoryId}`,
          address: 'Longhua, Shenzhen',
          country: 'CN',
          tier: 1,
          products: ['laptops'],
          numberOfWorkers: 4000,
        }),
        201,
      );
    expectStatus(
      await http.post(`/api/cases/${buyersCaseId}/policy`, cm, {
        policyRef: 'scc-code-of-conduct-2012',
        codeOfConductStandards: ['ILO C1', 'ILO C29', 'ILO C138', 'ILO C182'],
        includesLawOfCountryOfProduction: true,
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/cases/${buyersCaseId}/tender`, cm, {
        tenderRef: 'SCC-IT-2026-07',
        currency: 'SEK',
        bidDeadline: inSeconds(8),
        disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
        compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
        performanceClauses: [
          {
            clauseId: 'factory-disclosure',
            kind: 'necessary_step',
            description: 'disclose factory names and addresses',
          },
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

    // Dell finds the open tender on its own board and reads what it asks.
    const board = await get('/api/cases?phase=tendering&q=libraries');
    expect(board.items.map((c: { title: string }) => c.title)).toEqual([title]);
    expect(board.phases).toEqual({ tendering: 1 });
    const caseId: string = board.items[0].caseId;
    const requirements = await get(`/api/cases/${caseId}/requirements`);
    expect(requirements).toMatchObject({
      phase: 'tendering',
      policyRef: 'scc-code-of-conduct-2012',
      tender: { disclosure: { sharePercentAtBid: 60 }, compliancePlans: { annualPurchaseThreshold: 25000 } },
      award: null,
      contract: null,
    });
    expect(requirements).not.toHaveProperty('riskLevel');
    expect(Date.parse(requirements.tender.bidDeadline)).toBeGreaterThan(Date.now());

    // It bids, disclosing more than the share the tender asks; HP bids too.
    const bid = (bidId: string, price: number, sharePercent: number) => ({
      bidId,
      price,
      supplyChainDisclosure: {
        disclosedSharePercent: sharePercent,
        factories: [
          { factoryId: FACTORIES[0], annualPurchases: 400000 },
          { factoryId: FACTORIES[1], annualPurchases: 10000 },
        ],
      },
      selfDeclarations: declarations,
      subcontractorIds: [],
    });
    const share = requirements.tender.disclosure.sharePercentAtBid + 10;
    expectStatus(await http.post(`/api/cases/${caseId}/bids`, dell, bid('bid-dell', 900000, share)), 201);
    expectStatus(await http.post(`/api/cases/${buyersCaseId}/bids`, hp, bid('bid-hp', 950000, 65)), 201);
    const ownBids = async () => (await get(`/api/cases/${caseId}/bids`)).items;
    expect((await ownBids()).map((b: { bidId: string; status: string }) => [b.bidId, b.status])).toEqual([
      ['bid-dell', 'submitted'],
    ]);

    // The tender workflow closes bidding once the deadline has passed (the real clock); the buyer
    // evaluates and awards.
    await awardToDell(engine, http, buyersCaseId, cm);

    // Dell learns of the award from its own bid and the award notice; it sees its own scores only.
    const [awarded] = await ownBids();
    expect(awarded).toMatchObject({
      bidId: 'bid-dell',
      status: 'awarded',
      awardId: 'award-1',
      totalScore: expect.any(Number),
    });
    expect((await get(`/api/cases/${caseId}/requirements`)).award).toMatchObject({
      awardId: 'award-1',
      supplierId: 'dell',
      standstillEnded: false,
    });
    expect((await get(`/api/cases/${caseId}/bids`, hp)).items.map((b: { bidId: string }) => b.bidId)).toEqual([
      'bid-hp',
    ]);
    // The bid's own page shows the same; another bidder is told there is no such bid.
    expect(await get(`/api/cases/${caseId}/bids/bid-dell`)).toEqual(awarded);
    expectStatus(await http.get(`/api/cases/${caseId}/bids/bid-dell`, hp), 404);

    // The standstill workflow ends the period on the real clock; the buyer signs.
    http.readAfter((await waitForEvent(engine, stream, 'LegalStandstillEnded')).position);
    expectStatus(await http.post(`/api/cases/${buyersCaseId}/contract`, cm, { contractId: 'scc-dell-libraries' }), 201);
    const contract = (await get(`/api/cases/${caseId}/requirements`)).contract;
    expect(contract).toMatchObject({
      contractId: 'scc-dell-libraries',
      contractYear: 1,
      requiredDisclosureSharePercent: 60,
    });
    expect((await get(`/api/cases/${caseId}/requirements`, hp)).contract).toBeNull();

    // What Dell owes under the contract: the due-diligence workflow asks for the compliance plans and
    // issues the questionnaire through its own activities, which no answer names. The harness waits
    // for them in the log (not in a read model); Dell's read then waits for their position.
    for (const type of ['CompliancePlansDue', 'QuestionnaireIssued'])
      http.readAfter((await waitForEvent(engine, stream, type)).position);
    const owed: Obligation[] = (await get(`/api/obligations?caseId=${caseId}`)).items;
    // Nearest deadline first: the questionnaire (30 days), the compliance plan (the contract year),
    // then the year's disclosure, which has no deadline of its own.
    expect(owed.map((o) => [o.kind, o.status])).toEqual([
      ['questionnaire', 'open'],
      ['compliance_plan', 'open'],
      ['supply_chain_disclosure', 'open'],
    ]);
    const owes = (kind: string) => owed.find((o) => o.kind === kind)!;
    // Only the factory above the threshold needs a plan.
    expect(owes('compliance_plan').factoryId).toBe(FACTORIES[0]);
    // The same deadlines in its questionnaires and the contract's years.
    const [questionnaire] = (await get('/api/questionnaires?status=issued')).items;
    expect(questionnaire).toMatchObject({
      questionnaireId: owes('questionnaire').subjectId,
      caseId,
      deadline: owes('questionnaire').dueAt,
    });
    expect(await get(`/api/questionnaires/${questionnaire.questionnaireId}`)).toEqual(questionnaire);
    expectStatus(await http.get(`/api/questionnaires/${questionnaire.questionnaireId}`, hp), 404);
    const cycles = await get(`/api/cases/${caseId}/contract/cycles`);
    expect(cycles).toMatchObject({
      items: [
        { contractYear: 1, questionnaireId: questionnaire.questionnaireId, nextDeadline: questionnaire.deadline },
      ],
      contract: { compliancePlansRequired: [FACTORIES[0]], compliancePlansDueBy: owes('compliance_plan').dueAt },
    });

    // Dell fulfils each where it says, with what the contract asks this year.
    await fulfil(owes('supply_chain_disclosure'), {
      contractYear: owes('supply_chain_disclosure').contractYear,
      disclosedSharePercent: contract.requiredDisclosureSharePercent + 15,
      factories: [{ factoryId: FACTORIES[0], annualPurchases: 400000 }],
    });
    await fulfil(owes('compliance_plan'), {
      factoryId: owes('compliance_plan').factoryId,
      planRef: 'dell-plan-libraries',
      measures: ['weekly hours capped at 60', 'worker committee elected'],
    });
    // An answer may name the documents it rests on; an empty reference is refused at its field.
    const [, answersPath] = owes('questionnaire').action!.split(' ');
    const refused = await http.post(answersPath, dell, {
      answers: [{ questionId: 'q-hours', answer: 'capped at 60 hours', documentRefs: [''] }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/^answers\.0\.documentRefs/) }),
    ]);
    const answers = [
      {
        questionId: 'q-hours',
        answer: 'capped at 60 hours including overtime',
        documentRefs: ['dell-working-hours-policy-2026'],
      },
    ];
    const answered = await fulfil(owes('questionnaire'), { answers });
    expect(answered.body).toMatchObject({ update: 'answerQuestionnaire', result: { onTime: true } });
    // Each read waits for the last answer's position: nothing is owed any more.
    expect((await get(`/api/obligations?caseId=${caseId}`)).items).toEqual([]);
    expect((await get(`/api/questionnaires?caseId=${caseId}`)).items).toMatchObject([{ status: 'answered', answers }]);
    expect((await get(`/api/cases/${caseId}/contract/cycles`)).items[0]).toMatchObject({
      disclosureMeetsRequirement: true,
      deskReview: null,
    });

    // A monitor's finding at Dell's factory; the compliance officer confirms the breach against Dell.
    const findingId = 'danwatch-libraries';
    expectStatus(
      await http.post('/api/findings', buyer.monitor, {
        findingId,
        factoryId: FACTORIES[0],
        caseId: buyersCaseId,
        source: 'ngo_report',
        severity: 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 120,
        description: 'up to 70-hour weeks in peak season',
        evidenceRefs: ['danwatch-report'],
        shareableWithOtherBuyers: false,
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/breach-confirmation`, buyer.compliance_officer, {
        reasons: 'hours breach the code of conduct in the contract',
        contractorId: 'dell',
        remedyTimetable: {
          planDueWithinDays: 30,
          escalationAfterDays: {
            reminder: 7,
            escalated_to_compliance_officer: 14,
            supply_standstill: 21,
            termination_proposed: 35,
          },
        },
      }),
      201,
    );
    // The breach-escalation workflow asks Dell for a plan through its own activity (waited for in the log).
    http.readAfter(
      (await waitForEvent(engine, findingStreamId(SCC, findingId), 'CorrectiveActionPlanRequested')).position,
    );
    const [plan]: Obligation[] = (await get('/api/obligations?kind=corrective_action_plan')).items;
    expect(plan).toMatchObject({ subjectId: findingId, factoryId: FACTORIES[0], status: 'open' });
    expect(Date.parse(plan.dueAt!)).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    const deadline = inDays(60);
    const action = (actionId: string, text: string, forAffectedWorkers: boolean) => ({
      actionId,
      action: text,
      forAffectedWorkers,
      responsibleParty: 'Dell',
      verificationMethod: 'audit monitored by a third party for the council',
      deadline,
      consequenceIfNotDone: 'escalation',
    });
    await fulfil(plan, {
      planId: 'cap-libraries',
      deadline,
      actions: [
        action('hours', 'cap weekly hours at 60 including overtime', false),
        action('overtime-pay', 'pay unpaid overtime to the workers concerned', true),
      ],
    });
    expect((await get('/api/obligations')).items).toEqual([]);

    // HP, who lost, was never told any of it.
    expect((await get('/api/obligations', hp)).items).toEqual([]);
    expect((await get('/api/questionnaires', hp)).items).toEqual([]);
    expect(await get(`/api/cases/${caseId}/contract/cycles`, hp)).toMatchObject({ items: [], contract: null });
  }, 240_000);
});
