import { riskScreeningWorkflowId } from '@pj/contracts';
import { procurementCaseStreamId } from '@pj/domain';
import { formatPosition, type LogPosition } from '@pj/event-store';
import { body, startTestEngine, type TestEngine } from './support/engine';
import { waitForEvent } from './support/journey';

// The whole chain, real parts only: HTTP command → event → process manager starts a workflow on the
// Temporal dev server → its activity appends an event through the same command path → the API shows it.
const SCC = 'stockholm-county-council';

describe('thin path: opening a case starts its risk screening', () => {
  let engine: TestEngine;
  let token: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    token = engine.tokens('stockholm-county-council').contract_manager;
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  const openCase = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const getCase = (caseId: string, bearer = token, after?: LogPosition) =>
    fetch(`${engine.baseUrl}/api/cases/${caseId}`, {
      headers: { authorization: `Bearer ${bearer}`, ...(after ? { 'min-log-position': formatPosition(after) } : {}) },
    });
  /**
   * The case once its risk screening shows: the workflow records it on its own (the test waits for
   * it in the log), then the read waits for the case's read model to pass it.
   */
  const screenedCase = async (caseId: string) => {
    const screening = await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'RiskScreened');
    const answer = await getCase(caseId, token, screening.position);
    expect(answer.status).toBe(200);
    return body(answer);
  };

  const dellComputers = {
    title: 'Computers for Stockholm County Council',
    productCategory: 'electronics',
    countriesOfProduction: ['CN'],
  };

  it('records the screening through the workflow and shows it on the case', async () => {
    const response = await openCase(dellComputers, { 'idempotency-key': 'scc-computers-2026' });
    expect(response.status).toBe(201);
    const accepted = await body(response);
    expect(accepted).toMatchObject({ revision: 0, events: ['CaseOpened'], replayed: false });

    const screened = await screenedCase(accepted.id);
    expect(screened).toMatchObject({ caseId: accepted.id, riskLevel: 'high', revision: 1 });

    const [opened, riskScreened] = await engine.store.readStream(
      procurementCaseStreamId('stockholm-county-council', accepted.id),
    );
    expect(riskScreened.type).toBe('RiskScreened');
    expect((riskScreened.data as { reasons: string[] }).reasons).toContain('US DOL List of Goods: electronics from CN');
    // Who caused it: the workflow, because of the CaseOpened event, in the same conversation.
    expect(riskScreened.metadata.actor).toEqual({
      id: riskScreeningWorkflowId('stockholm-county-council', accepted.id),
      role: 'workflow',
    });
    expect(riskScreened.metadata.causationId).toBe(opened.metadata.eventId);
    expect(riskScreened.metadata.correlationId).toBe(opened.metadata.correlationId);
    expect(riskScreened.metadata.organisationId).toBe('stockholm-county-council');
  });

  it('answers a retried command with its first result and writes nothing new', async () => {
    const first = await body(await openCase(dellComputers, { 'idempotency-key': 'retry-key' }));
    const retry = await openCase(dellComputers, { 'idempotency-key': 'retry-key' });
    expect(retry.status).toBe(201);
    expect(await body(retry)).toMatchObject({ id: first.id, revision: 0, replayed: true });
    expect((await screenedCase(first.id)).riskLevel).toBeDefined();
    expect(await engine.store.readStream(procurementCaseStreamId('stockholm-county-council', first.id))).toHaveLength(
      2,
    );
  });

  it('starts no workflow twice when the worker and process manager restart', async () => {
    const accepted = await body(await openCase({ ...dellComputers, productCategory: 'furniture' }));
    expect((await screenedCase(accepted.id)).riskLevel).toBeDefined();
    await engine.restartWorker();
    // The restarted process manager re-reads from its checkpoint; a new case proves it is live again.
    const next = await body(await openCase({ ...dellComputers, title: 'After the restart' }));
    expect((await screenedCase(next.id)).riskLevel).toBeDefined();

    expect(
      await engine.store.readStream(procurementCaseStreamId('stockholm-county-council', accepted.id)),
    ).toHaveLength(2);
    const runs = [];
    for await (const run of engine.temporalClient.workflow.list({
      query: `WorkflowId = '${riskScreeningWorkflowId('stockholm-county-council', accepted.id)}'`,
    }))
      runs.push(run);
    expect(runs).toHaveLength(1);
  });

  it('rejects bad input with the field and the reason, and changes nothing', async () => {
    const response = await openCase({
      title: 'x',
      productCategory: 'electronics',
      countriesOfProduction: ['china'],
      extra: 1,
    });
    expect(response.status).toBe(400);
    const problem = await body(response);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'extra', reason: 'property extra should not exist' },
        expect.objectContaining({ field: 'title' }),
        expect.objectContaining({ field: 'countriesOfProduction' }),
      ]),
    );
  });

  it('refuses a role that may not act, and hides other buyers’ cases', async () => {
    const tokens = engine.tokens('stockholm-county-council');
    const asAuditor = await fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.auditor}`, 'content-type': 'application/json' },
      body: JSON.stringify(dellComputers),
    });
    expect(asAuditor.status).toBe(403);

    const accepted = await body(await openCase(dellComputers));
    expect((await getCase(accepted.id, tokens.auditor)).status).toBe(200);
    expect((await getCase(accepted.id, engine.tokens('city-of-madison').contract_manager)).status).toBe(404);
    expect((await fetch(`${engine.baseUrl}/api/cases/${accepted.id}`)).status).toBe(401);
  });

  it('serves the API under /api only: /cases outside it reaches no controller', async () => {
    const listed = await fetch(`${engine.baseUrl}/api/cases`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    expect(Array.isArray((await body(listed)).items)).toBe(true);

    const outside = (method: string) =>
      fetch(`${engine.baseUrl}/cases`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ ...dellComputers, title: 'Outside /api' }) } : {}),
      });
    // A GET outside /api is the web app's (its page, or a line saying to build it): never JSON.
    const notTheApi = async (answer: Response) =>
      expect([answer.status, answer.headers.get('content-type') ?? '']).toEqual([
        expect.any(Number),
        expect.not.stringContaining('application/json'),
      ]);
    await notTheApi(await outside('GET'));
    await notTheApi(await fetch(`${engine.baseUrl}/health`));
    expect((await outside('POST')).status).toBe(404);
    // The refused POST opened nothing.
    const titles = (
      await body(
        await fetch(`${engine.baseUrl}/api/cases?limit=100`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      )
    ).items.map((item: { title: string }) => item.title);
    expect(titles).not.toContain('Outside /api');
  });
});
