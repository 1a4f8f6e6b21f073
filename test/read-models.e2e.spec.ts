import { randomUUID } from 'node:crypto';
import { riskScreeningWorkflowId } from '@pj/contracts';
import {
  currentSchemaVersion,
  factoryStreamId,
  findingStreamId,
  grievanceStreamId,
  procurementCaseStreamId,
  supplyStandstillStreamId,
} from '@pj/domain';
import { formatPosition, type LogPosition } from '@pj/event-store';
import { body, startTestEngine, type TestEngine } from './support/engine';
import { waitForEvent } from './support/journey';

// The query endpoints and live updates on the real engine: HTTP, store, projections, Temporal.
const ORG_A = 'stockholm-county-council';
const ORG_B = 'city-of-madison';
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9)).toISOString();

interface SseEvent {
  id: string;
  event: string;
  data: { type: string; revision: number };
}

/** Reads Server-Sent Events until `count` arrived (or the timeout), then closes the connection. */
async function readSse(url: string, token: string, count: number, lastEventId?: string): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('data')) events.push({ id: field('id')!, event: field('event')!, data: JSON.parse(field('data')!) });
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('read-model endpoints and live case updates', () => {
  let engine: TestEngine;
  let a: ReturnType<TestEngine['tokens']>;
  let b: ReturnType<TestEngine['tokens']>;
  let caseId: string;

  /** The last event this test wrote: every read waits for its read model to pass it (Min-Log-Position). */
  let written: LogPosition | undefined;
  const get = (path: string, token: string) =>
    fetch(`${engine.baseUrl}${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        ...(written ? { 'min-log-position': formatPosition(written) } : {}),
      },
    });
  const append = async (streamId: string, type: string, data: object, org = ORG_A, role = 'compliance_officer') => {
    const appended = await engine.store.appendToStream(
      streamId,
      [
        {
          type,
          data,
          metadata: {
            eventId: randomUUID(),
            commandId: randomUUID(),
            correlationId: randomUUID(),
            causationId: randomUUID(),
            actor: { id: `${role}-1`, role },
            organisationId: org,
            recordedAt: day(1),
            schemaVersion: currentSchemaVersion(type),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    written = appended.position;
    return appended;
  };

  beforeAll(async () => {
    engine = await startTestEngine();
    a = engine.tokens(ORG_A);
    b = engine.tokens(ORG_B);
    const opened = await fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.contract_manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Laptops for schools',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
    });
    expect(opened.status).toBe(201);
    caseId = (await body(opened)).id;
    // The risk-screening workflow records its screening on its own: the test waits for it in the log.
    written = (await waitForEvent(engine, procurementCaseStreamId(ORG_A, caseId), 'RiskScreened')).position;

    // Monitoring and remedy data, written as the command path would write it.
    await append(factoryStreamId('f1'), 'FactoryRegistered', {
      factoryId: 'f1',
      name: 'Shenzhen Precision No. 1',
      address: 'Shenzhen',
      country: 'CN',
      tier: 1,
      products: ['laptops'],
      numberOfWorkers: 3000,
      registeredByOrganisationId: ORG_A,
      registeredAt: day(0),
    });
    const finding = (findingId: string, org: string, shared: boolean) =>
      append(
        findingStreamId(org, findingId),
        'FindingRecorded',
        {
          findingId,
          factoryId: 'f1',
          caseId,
          source: 'worker_driven_monitor',
          severity: 'high',
          standardBreached: 'ILO C1',
          workersAffected: 50,
          description: 'Overtime',
          evidenceRefs: [],
          shareableWithOtherBuyers: shared,
          recordedByOrganisationId: org,
          recordedBy: 'monitor-1',
          recordedAt: day(1),
        },
        org,
        'monitor',
      );
    await finding('a-private', ORG_A, false);
    await finding('a-shared', ORG_A, true);
    await finding('b-private', ORG_B, false);
    await append(findingStreamId(ORG_A, 'a-private'), 'BreachConfirmed', {
      findingId: 'a-private',
      reasons: 'confirmed',
      caseId,
      contractorId: 'dell',
      factoryId: 'f1',
      severity: 'high',
      workersAffected: 50,
      remedyTimetable: {
        planDueWithinDays: 14,
        escalationAfterDays: {
          reminder: 0,
          escalated_to_compliance_officer: 7,
          supply_standstill: 21,
          termination_proposed: 42,
        },
      },
      confirmedBy: 'co-1',
      confirmedAt: day(2),
    });
    await append(supplyStandstillStreamId(ORG_A, 's1'), 'SupplyStandstillImposed', {
      standstillId: 's1',
      factoryId: 'f1',
      caseId,
      contractorId: 'dell',
      findingIds: ['a-private'],
      reasons: 'ladder',
      buyerOrganisationId: ORG_A,
      imposedBy: 'co-1',
      imposedAt: day(3),
    });
    await append(grievanceStreamId(ORG_A, 'g1'), 'GrievanceSubmitted', {
      grievanceId: 'g1',
      factoryId: 'f1',
      caseId,
      channel: 'hotline',
      anonymous: false,
      complainant: { name: 'Li Wei', contact: '+86 000' },
      allegation: 'Wages withheld',
      workersConcerned: 40,
      severity: 'critical',
      acknowledgeBy: day(8),
      submittedAt: day(1),
    });
  }, 180_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('serves the case board by phase and the timeline with who, what, when and why', async () => {
    const board = await body(await get('/api/cases?phase=policy&limit=10', a.contract_manager));
    expect(board.items).toEqual([expect.objectContaining({ caseId, phase: 'policy', riskLevel: 'high' })]);
    expect(board.phases).toEqual({ policy: 1 });
    expect(board.page).toEqual({ limit: 10, nextCursor: null });
    expect((await body(await get('/api/cases?phase=awarded', a.auditor))).items).toEqual([]);
    expect((await get('/api/cases?phase=nonsense', a.auditor)).status).toBe(400);
    expect((await get('/api/cases?limit=0', a.auditor)).status).toBe(400);

    const timeline = await body(await get(`/api/cases/${caseId}/timeline`, a.auditor));
    // One timeline per case: its own events, then its findings', standstill's and grievance's, in log
    // order (organisation B's finding naming the same case id is not among them; no complainant).
    type Entry = { aggregate: string; sourceId: string; eventType: string; actor: { role: string }; data: object };
    expect(
      timeline.items.map((e: Entry) => ({
        aggregate: e.aggregate,
        sourceId: e.sourceId,
        eventType: e.eventType,
        role: e.actor.role,
      })),
    ).toEqual([
      { aggregate: 'procurementCase', sourceId: caseId, eventType: 'CaseOpened', role: 'contract_manager' },
      { aggregate: 'procurementCase', sourceId: caseId, eventType: 'RiskScreened', role: 'workflow' },
      { aggregate: 'finding', sourceId: 'a-private', eventType: 'FindingRecorded', role: 'monitor' },
      { aggregate: 'finding', sourceId: 'a-shared', eventType: 'FindingRecorded', role: 'monitor' },
      { aggregate: 'finding', sourceId: 'a-private', eventType: 'BreachConfirmed', role: 'compliance_officer' },
      {
        aggregate: 'supplyStandstill',
        sourceId: 's1',
        eventType: 'SupplyStandstillImposed',
        role: 'compliance_officer',
      },
      { aggregate: 'grievance', sourceId: 'g1', eventType: 'GrievanceSubmitted', role: 'compliance_officer' },
    ]);
    expect(timeline.items.at(-1).data).not.toHaveProperty('complainant');
    // Findings' evidence and grievances' testimony among it: the read is recorded as a case history's.
    const reads = await body(await get('/api/audit/confidential-reads?kind=case-history', a.auditor));
    expect(reads.items.map((r: { resource: string }) => r.resource)).toContain(`/api/cases/${caseId}/timeline`);
    expect(timeline.items[1]).toMatchObject({
      actor: { id: riskScreeningWorkflowId(ORG_A, caseId), role: 'workflow' },
      causationId: timeline.items[0].eventId,
      causationType: 'CaseOpened',
    });
  });

  it('serves the escalation queue, the registry with shared findings, grievances and the inbox', async () => {
    const queue = await body(await get('/api/escalations', a.compliance_officer));
    expect(queue.items).toEqual([
      expect.objectContaining({ findingId: 'a-private', status: 'awaiting_plan', open: true }),
    ]);

    const registry = await body(await get('/api/factories?country=CN', a.contract_manager));
    expect(registry.items).toEqual([
      expect.objectContaining({ factoryId: 'f1', visibleFindings: 2, standstillsInForce: 1 }),
    ]);
    const factory = await body(await get('/api/factories/f1', a.auditor));
    expect(factory.findings.map((f: { findingId: string }) => f.findingId).sort()).toEqual(['a-private', 'a-shared']);
    expect(factory.standstills).toEqual([expect.objectContaining({ standstillId: 's1', status: 'in_force' })]);
    expect((await get('/api/factories/nope', a.auditor)).status).toBe(404);

    const grievances = await body(await get('/api/grievances', a.compliance_officer));
    expect(grievances.items).toEqual([
      expect.objectContaining({ grievanceId: 'g1', severity: 'critical', anonymous: false }),
    ]);
    expect(JSON.stringify(grievances)).not.toContain('Li Wei');
    // Its own page shows the same grievance (the intake workflow may escalate it in between, so its
    // status may have moved on), and the read is recorded as one of confidential material.
    const { status: _status, escalationReason: _reason, ...listed } = grievances.items[0];
    const detail = await body(await get('/api/grievances/g1', a.compliance_officer));
    expect(detail).toMatchObject(listed);
    expect(JSON.stringify(detail)).not.toContain('Li Wei');
    expect((await get('/api/grievances/g1', b.compliance_officer)).status).toBe(404);
    const reads = await body(await get('/api/audit/confidential-reads?kind=grievance', a.auditor));
    expect(reads.items.map((r: { resource: string }) => r.resource)).toContain('/api/grievances/g1');

    // The confirmed finding left the inbox; the grievance-intake workflow may have escalated g1 into it.
    const inbox = await body(await get('/api/inbox', a.compliance_officer));
    const items = inbox.items.map((i: { kind: string; subjectId: string }) => `${i.kind}:${i.subjectId}`);
    expect(items).toContain('severe_finding:a-shared');
    expect(items).not.toContain('severe_finding:a-private');
    expect(items).not.toContain('severe_finding:b-private');
    expect((await get('/api/inbox', a.contract_manager)).status).toBe(403);
    expect((await get('/api/inbox', a.auditor)).status).toBe(200);
    expect((await get('/api/escalations', a.supplier)).status).toBe(403);
    expect((await fetch(`${engine.baseUrl}/api/escalations`)).status).toBe(401);
  });

  it('never shows another organisation’s data, whatever ids it tries', async () => {
    expect((await body(await get('/api/cases', b.auditor))).items).toEqual([]);
    expect((await get(`/api/cases/${caseId}/timeline`, b.auditor)).status).toBe(404);
    expect((await get(`/api/cases/${caseId}/events`, b.auditor)).status).toBe(404);
    expect((await body(await get('/api/escalations?includeClosed=true', b.compliance_officer))).items).toEqual([]);
    expect((await body(await get('/api/grievances', b.compliance_officer))).items).toEqual([]);
    // B's own severe finding is in B's inbox; nothing of A's is.
    expect(
      (await body(await get('/api/inbox', b.compliance_officer))).items.map((i: { subjectId: string }) => i.subjectId),
    ).toEqual(['b-private']);
    // The registry is shared; A's unshared finding and A's standstill are not.
    const factory = await body(await get('/api/factories/f1', b.contract_manager));
    expect(factory.findings.map((f: { findingId: string }) => f.findingId).sort()).toEqual(['a-shared', 'b-private']);
    expect(factory.standstills).toEqual([]);
    expect(factory.contracts).toEqual([]);
  });

  it('streams a case’s events live from the store and resumes after Last-Event-ID', async () => {
    const url = `${engine.baseUrl}/api/cases/${caseId}/events`;
    const history = await readSse(url, a.auditor, 2);
    expect(history.map((e) => e.event)).toEqual(['CaseOpened', 'RiskScreened']);

    const live = readSse(url, a.auditor, 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const appended = await append(
      procurementCaseStreamId(ORG_A, caseId),
      'PolicyAdopted',
      {
        caseId,
        policyRef: 'sll-2026',
        codeOfConductStandards: ['ILO core labour standards'],
        includesLawOfCountryOfProduction: true,
        adoptedBy: 'cm-1',
        adoptedAt: day(2),
      },
      ORG_A,
      'contract_manager',
    );
    const received = await live;
    expect(received[2]).toMatchObject({ event: 'PolicyAdopted', id: formatPosition(appended.position) });

    const resumed = await readSse(url, a.auditor, 1, history[1].id);
    expect(resumed.map((e) => e.event)).toEqual(['PolicyAdopted']);
    const bad = await fetch(url, { headers: { authorization: `Bearer ${a.auditor}`, 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
  });

  it('reports each projection’s lag and rebuilds every read model from zero to the same rows', async () => {
    const health = await body(await fetch(`${engine.baseUrl}/api/health`));
    expect(health).toMatchObject({ eventStore: 'up', temporal: 'up' });
    expect(health.projections.map((p: { name: string }) => p.name)).toEqual(
      engine.projections.projections.map((p) => p.name),
    );
    const before = await body(await get('/api/factories/f1', a.auditor));
    const board = await body(await get('/api/cases', a.auditor));
    await engine.projections.rebuildAll();
    expect(await body(await get('/api/factories/f1', a.auditor))).toEqual(before);
    expect(await body(await get('/api/cases', a.auditor))).toEqual(board);
  });
});
