import { riskScreeningWorkflowId } from '@pj/contracts';
import { createLogger } from '@pj/config';
import { procurementCaseStreamId } from '@pj/domain';
import { body, startTestEngine, type TestEngine } from './support/engine';
import { waitForEvent } from './support/journey';

// One request's correlation id, followed from its log line through the command's events, the
// workflow their process manager started (its memo) and that workflow's activity log line. And the
// request line names the route, status, caller's organisation and role, never the token.
const SCC = 'stockholm-county-council';
const lines: string[] = [];
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('a request followed by its correlation id', () => {
  let engine: TestEngine;
  let token: string;

  beforeAll(async () => {
    const logger = createLogger(
      { LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      { write: (line: string) => lines.push(line) },
    );
    engine = await startTestEngine({}, { logger });
    token = engine.tokens(SCC).contract_manager;
  }, 240_000);
  afterAll(async () => engine?.stop(), 60_000);

  const openCase = (headers: Record<string, string>) =>
    fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ title: 'Followed', productCategory: 'electronics', countriesOfProduction: ['CN'] }),
    });

  it('runs from the request line through the events and the workflow to its activity', async () => {
    const requestId = `req-${Date.now()}`;
    const response = await openCase({ 'x-request-id': requestId });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const { id: caseId } = await body(response);

    const requestLine = logged().find((line) => line.msg === 'request' && line.correlationId === requestId);
    expect(requestLine).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/api/cases',
      status: 201,
      organisationId: SCC,
      role: 'contract_manager',
    });
    expect(typeof requestLine!.durationMs).toBe('number');
    expect(lines.join('')).not.toContain(token);
    expect(lines.join('').toLowerCase()).not.toContain('authorization');
    expect(lines.join('')).not.toContain('Followed');

    const screened = await waitForEvent(engine, procurementCaseStreamId(SCC, caseId), 'RiskScreened');
    const [opened] = await engine.store.readStream(procurementCaseStreamId(SCC, caseId));
    expect(opened.metadata.correlationId).toBe(requestId);
    expect(screened.metadata.correlationId).toBe(requestId);

    const workflow = await engine.temporalClient.workflow.getHandle(riskScreeningWorkflowId(SCC, caseId)).describe();
    expect(workflow.memo).toEqual({ correlationId: requestId });

    const activityLine = logged().find((line) => line.msg === 'decision recorded' && line.correlationId === requestId);
    expect(activityLine).toMatchObject({
      command: 'RecordRiskScreening',
      workflowId: riskScreeningWorkflowId(SCC, caseId),
      events: ['RiskScreened'],
    });
  });

  it('takes the trace id of a traceparent, else makes one, and never a worker’s own at the workers’ door', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traced = await openCase({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(traced.headers.get('x-request-id')).toBe(traceId);

    const bare = await openCase({ 'x-request-id': 'not/a valid id' });
    expect(bare.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const door = await fetch(`${engine.baseUrl}/api/public/grievances/status`, {
      headers: { 'x-request-id': 'proxy-chosen-id', 'grievance-receipt': 'AAAA-AAAA-AAAA-AAAA-AAAA' },
    });
    expect(door.status).toBe(404);
    const fresh = door.headers.get('x-request-id');
    expect(fresh).not.toBe('proxy-chosen-id');
    const doorLine = logged().find((line) => line.msg !== undefined && line.correlationId === fresh);
    expect(doorLine).toMatchObject({ route: '/api/public/grievances/status', status: 404 });
    expect(doorLine).not.toHaveProperty('organisationId');
  });
});
