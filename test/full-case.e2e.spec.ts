import { contractDueDiligenceWorkflowId } from '@pj/contracts';
import { procurementCaseStreamId } from '@pj/domain';
import { eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { driveToSignedContract, FACTORIES, SCC, streamTypes, waitForEvent } from './support/journey';

// Stockholm County Council buys computers from Dell, from tender to closure, through HTTP only,
// with the worker and the real Temporal dev server: risk screening, the legal standstill and the
// contract's due diligence run as workflows on the real clock.
describe('a whole case through HTTP: tender to closure', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('runs from the tender to a closed contract, the supplier answering through the workflow', async () => {
    const { caseId, tokens, dell, hp } = await driveToSignedContract(engine, http, 'Computers for county hospitals');
    const stream = procurementCaseStreamId(SCC, caseId);
    const cm = tokens.contract_manager;

    // The standstill workflow's own view, read by an auditor.
    const standstill = expectStatus(
      await http.get(`/api/cases/${caseId}/awards/award-1/standstill`, tokens.auditor),
      200,
    );
    expect(standstill.body).toMatchObject({ step: 'ended', awardId: 'award-1', pendingComplaintIds: [] });

    // Due diligence starts with the contract: compliance plans due, then the year's questionnaire (the
    // workflow issues it through its own activity: polled; the reads wait for the contract's position).
    const open = await eventually(async () => {
      const status = await http.get(`/api/cases/${caseId}/contract/due-diligence`, tokens.compliance_officer);
      return status.status === 200 && status.body.step === 'questionnaire_open' ? status.body : undefined;
    });
    expect(open).toMatchObject({ contractYear: 1, questionnaireAnswered: false, questionnaireId: expect.any(String) });

    expectStatus(
      await http.post(`/api/cases/${caseId}/contract/supply-chain-disclosures`, dell, {
        contractYear: 1,
        disclosedSharePercent: 75,
        factories: [{ factoryId: FACTORIES[0], annualPurchases: 400000 }],
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/cases/${caseId}/contract/compliance-plans`, dell, {
        factoryId: FACTORIES[0],
        planRef: 'dell-plan-f-shenzhen-1',
        measures: ['weekly hours capped at 60', 'worker committee elected'],
      }),
      201,
    );
    // Another supplier may not answer for Dell's contract.
    const answers = { answers: [{ questionId: 'q-hours', answer: 'capped at 60 hours including overtime' }] };
    // The questionnaire's id goes into the path as it is: no id holds a slash, so none needs %2F.
    expect(open.questionnaireId).toMatch(/\.year-1$/);
    const path = `/api/cases/${caseId}/contract/questionnaires/${open.questionnaireId}/answers`;
    expect((await http.post(path, hp, answers)).status).toBe(403);

    const answered = expectStatus(await http.post(path, dell, answers, { 'idempotency-key': 'dell-answer-y1' }), 201);
    expect(answered.body).toMatchObject({ update: 'answerQuestionnaire', result: { onTime: true } });
    const retried = expectStatus(await http.post(path, dell, answers, { 'idempotency-key': 'dell-answer-y1' }), 201);
    expect(retried.body.result).toEqual(answered.body.result);
    // The retry wrote no second answer. (The stream itself may grow meanwhile: the workflow goes on
    // to the desk review once answered.)
    const answersRecorded = (await engine.store.readStream(stream)).filter((e) => e.type === 'QuestionnaireAnswered');
    expect(answersRecorded).toHaveLength(1);
    const answer = answersRecorded[0];
    expect(answer.metadata.actor).toEqual({ id: 'dev-supplier', role: 'supplier' });

    expectStatus(
      await http.post(`/api/cases/${caseId}/contract/kpi-progress`, cm, {
        clauseId: 'hours',
        period: '2026-Q2',
        value: 82,
        target: 95,
      }),
      201,
    );

    // After the answer the workflow reviews the file and, the category being high-risk, asks for an audit
    // (its own activities: polled).
    await eventually(async () => {
      const status = await http.get(`/api/cases/${caseId}/contract/due-diligence`, tokens.auditor);
      return status.body?.step === 'monitoring' ? status.body : undefined;
    });
    expect(await streamTypes(engine, stream)).toEqual(
      expect.arrayContaining(['DeskReviewCompleted', 'IndependentAuditRequested']),
    );

    // Acting on a state that has changed since: 409, nothing written.
    const revision = (await engine.store.readStream(stream)).length - 1;
    const stale = await http.post(
      `/api/cases/${caseId}/contract/closure`,
      cm,
      { reasons: 'ended' },
      { 'if-match': String(revision - 1) },
    );
    expect(stale.status).toBe(409);
    expect((await engine.store.readStream(stream)).length - 1).toBe(revision);

    const closed = expectStatus(
      await http.post(
        `/api/cases/${caseId}/contract/closure`,
        cm,
        { reasons: 'contract period ended' },
        { 'if-match': String(revision) },
      ),
      201,
    );
    expect(closed.body).toMatchObject({ events: ['ContractClosed'], revision: revision + 1 });

    // The due-diligence workflow ends with the contract (on its own: polled).
    await eventually(async () => {
      const description = await engine.temporalClient.workflow
        .getHandle(contractDueDiligenceWorkflowId(SCC, caseId))
        .describe();
      return description.status.name === 'COMPLETED' ? true : undefined;
    });
    await waitForEvent(engine, stream, 'ContractClosed');
    expect(await streamTypes(engine, stream)).toEqual(
      expect.arrayContaining([
        'CaseOpened',
        'RiskScreened',
        'PolicyAdopted',
        'TenderRequirementsPublished',
        'BidSubmitted',
        'BiddingClosed',
        'BidEvaluated',
        'AwardDecided',
        'LegalStandstillEnded',
        'ContractSigned',
        'CompliancePlansDue',
        'QuestionnaireIssued',
        'SupplyChainDisclosed',
        'CompliancePlanSubmitted',
        'QuestionnaireAnswered',
        'KpiProgressRecorded',
        'ContractClosed',
      ]),
    );
    // Closed is closed: a rule, with its code.
    const again = await http.post(`/api/cases/${caseId}/contract/closure`, cm, { reasons: 'again' });
    expect(again).toMatchObject({ status: 422, body: { code: 'case.wrong_phase' } });
  }, 180_000);
});
