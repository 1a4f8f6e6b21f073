import { randomUUID } from 'node:crypto';
import { factoryStreamId, findingStreamId } from '@pj/domain';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { driveToSignedContract, FACTORIES, SCC, waitForEvent } from './support/journey';

// A worker-driven monitor assigned to one of Dell's factories does its whole part through its own
// GETs: it finds its factory, files a report, and follows the finding as the council confirms the
// breach, Dell plans and remedies, and the remediation is verified and the breach closed. It never
// uses an id another actor's answer gave: each id it sends comes from one of its own reads (or is
// the report id it chose). Dell sees the findings about its factories and the plan it owes; HP,
// the losing bidder, sees none of them.
describe('a monitor follows its report from filing to a closed breach; a supplier sees what it owes', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('lists only its factories, files a report on one and follows it to the end', async () => {
    const { caseId, tokens, dell, hp } = await driveToSignedContract(engine, http, 'Laptops for schools');
    const [assigned, other] = FACTORIES;
    const monitor = engine.tokens(SCC, { factories: [assigned] }).monitor;
    const officer = tokens.compliance_officer;

    // Its factories: the assigned one only; another factory of the registry is as unknown as none.
    const factories = expectStatus(await http.get('/api/factories', monitor), 200).body.items;
    expect(factories.map((f: { factoryId: string }) => f.factoryId)).toEqual([assigned]);
    const factoryId: string = factories[0].factoryId;
    expect(expectStatus(await http.get(`/api/factories/${factoryId}`, monitor), 200).body.name).toContain('Shenzhen');
    expect((await http.get(`/api/factories/${other}`, monitor)).status).toBe(404);
    expect((await http.get(`/api/factories/${other}`, officer)).status).toBe(200);

    // It files a report on its factory (the report id is its own); one on another factory is refused.
    const reportId = `wdm-report-${randomUUID().slice(0, 8)}`;
    const report = {
      findingId: reportId,
      factoryId,
      source: 'worker_driven_monitor',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work',
      workersAffected: 140,
      description: 'Forced overtime before each shipment; overtime unpaid',
      evidenceRefs: ['worker-interviews-2026-03'],
      shareableWithOtherBuyers: true,
    };
    expect(
      (await http.post('/api/findings', monitor, { ...report, findingId: `${reportId}-x`, factoryId: other })).status,
    ).toBe(403);
    expectStatus(await http.post('/api/findings', monitor, report), 201);

    // It finds its report in its own list (searchable), and nothing about factories not its own.
    const mine = expectStatus(await http.get('/api/findings?q=overtime%20shipment', monitor), 200).body.items;
    expect(mine.map((f: { findingId: string; status: string }) => [f.findingId, f.status])).toEqual([
      [reportId, 'reported'],
    ]);
    const findingId: string = mine[0].findingId;
    const follow = async () => expectStatus(await http.get(`/api/findings/${findingId}`, monitor), 200).body;
    expect(await follow()).toMatchObject({
      factoryId,
      status: 'reported',
      recordedBy: 'dev-monitor',
      evidenceRefs: ['worker-interviews-2026-03'],
      breach: null,
      correctiveActionPlan: null,
    });

    // The council finds it in its own list and confirms the breach against Dell's contract.
    const buyerSees = expectStatus(await http.get('/api/findings?status=reported&severity=high', officer), 200).body
      .items;
    const buyersFindingId: string = buyerSees.find((f: { factoryId: string }) => f.factoryId === factoryId).findingId;
    expectStatus(
      await http.post(`/api/findings/${buyersFindingId}/breach-confirmation`, officer, {
        reasons: 'the monitor’s interviews and the time records agree',
        caseId,
        contractorId: 'dell',
        remedyTimetable: {
          planDueWithinDays: 30,
          escalationAfterDays: {
            reminder: 7,
            escalated_to_compliance_officer: 14,
            supply_standstill: 28,
            termination_proposed: 60,
          },
        },
      }),
      201,
    );
    // The workflow asks Dell for a plan through its own activity: reads wait for that event.
    http.readAfter(
      (await waitForEvent(engine, findingStreamId(SCC, findingId), 'CorrectiveActionPlanRequested')).position,
    );
    const requested = await follow();
    expect(requested).toMatchObject({
      status: 'breach_confirmed',
      contractorId: 'dell',
      breach: { caseId, contractorId: 'dell', confirmedBy: 'dev-compliance-officer' },
      correctiveActionPlan: { status: 'requested', actions: [] },
    });
    expect(requested.nextDeadline).toBe(requested.correctiveActionPlan.dueBy);

    // Dell sees the plan it owes (and the finding about its factory, without evidence or reporter); HP nothing.
    const owed = expectStatus(await http.get('/api/findings?planOwed=true&sort=nextDeadline', dell), 200).body.items;
    expect(owed.map((f: { findingId: string }) => f.findingId)).toEqual([findingId]);
    const dellsFindingId: string = owed[0].findingId;
    expect(expectStatus(await http.get(`/api/findings/${dellsFindingId}`, dell), 200).body).toMatchObject({
      evidenceRefs: null,
      recordedBy: null,
      correctiveActionPlan: { status: 'requested' },
    });
    expect(expectStatus(await http.get('/api/findings', hp), 200).body.items).toEqual([]);
    expect((await http.get(`/api/findings/${findingId}`, hp)).status).toBe(404);

    const deadline = inSeconds(60 * 24 * 3600);
    const action = (actionId: string, forAffectedWorkers: boolean) => ({
      actionId,
      action: forAffectedWorkers ? 'pay overtime arrears' : 'cap weekly hours at 60',
      forAffectedWorkers,
      responsibleParty: 'Dell',
      verificationMethod: 'worker interviews by the monitor',
      deadline,
      consequenceIfNotDone: 'escalation',
    });
    expectStatus(
      await http.post(`/api/findings/${dellsFindingId}/corrective-action-plan`, dell, {
        planId: 'cap-1',
        deadline,
        actions: [action('hours', false), action('arrears', true)],
      }),
      201,
    );
    const submitted = await follow();
    expect(submitted.correctiveActionPlan).toMatchObject({ status: 'submitted', submittedBy: 'dev-supplier' });
    expect(submitted.correctiveActionPlan.actions.map((a: { actionId: string }) => a.actionId)).toEqual([
      'hours',
      'arrears',
    ]);
    // Submitted, it waits for the council: Dell owes nothing until it is agreed.
    expect(expectStatus(await http.get('/api/findings?planOwed=true', dell), 200).body.items).toEqual([]);

    // The council approves the plan it reads in its own detail.
    const planId: string = expectStatus(await http.get(`/api/findings/${buyersFindingId}`, officer), 200).body
      .correctiveActionPlan.planId;
    expectStatus(
      await http.post(`/api/findings/${buyersFindingId}/corrective-action-plan/approval`, officer, { planId }),
      201,
    );
    const agreed = await follow();
    expect(agreed).toMatchObject({
      status: 'corrective_action',
      planStatus: 'agreed',
      correctiveActionPlan: { status: 'agreed', planId: 'cap-1', deadlineMissed: false },
    });
    expect(new Date(agreed.correctiveActionPlan.deadline).toISOString()).toBe(new Date(deadline).toISOString());
    expect(expectStatus(await http.get('/api/findings?planOwed=true', dell), 200).body.items).toHaveLength(1);

    // Dell pays the arrears; the monitor sees the remedy on the finding and in its remedies list.
    expectStatus(
      await http.post(`/api/findings/${dellsFindingId}/remedies`, dell, {
        remedyId: 'arrears',
        kind: 'back_pay',
        workersCovered: 140,
        amount: 21_000,
        currency: 'USD',
        description: 'overtime arrears paid to every worker affected',
      }),
      201,
    );
    expect((await follow()).remedies).toEqual([
      expect.objectContaining({ remedyId: 'arrears', kind: 'back_pay', workersCovered: 140, amount: 21000 }),
    ]);
    const remedies = expectStatus(await http.get('/api/remedies', monitor), 200).body.items;
    expect(remedies.map((r: { findingId: string; remedyId: string }) => [r.findingId, r.remedyId])).toEqual([
      [findingId, 'arrears'],
    ]);
    expect(expectStatus(await http.get('/api/remedies', hp), 200).body.items).toEqual([]);

    // The monitor reports the result of its follow-up visit; the council verifies; the breach closes.
    expectStatus(
      await http.post(`/api/findings/${findingId}/remediation-result`, monitor, {
        result: 'complete',
        assessment: 'hours capped, arrears paid',
        actionsCompleted: ['hours', 'arrears'],
      }),
      201,
    );
    expect((await follow()).remediation).toMatchObject({
      result: 'complete',
      assessment: 'hours capped, arrears paid',
    });
    expectStatus(
      await http.post(`/api/findings/${buyersFindingId}/remediation-verification`, officer, {
        verifiedBy: 'council compliance team',
        method: 'worker interviews',
        verificationRef: 'visit-2026-07',
      }),
      201,
    );
    http.readAfter((await waitForEvent(engine, findingStreamId(SCC, findingId), 'BreachClosed')).position);
    const closed = await follow();
    expect(closed).toMatchObject({
      status: 'breach_closed',
      nextDeadline: null,
      verification: { verifiedBy: 'council compliance team', verificationRef: 'visit-2026-07' },
      closure: { reasons: 'remediation verified' },
      remediesCount: 1,
      workersRemedied: 140,
    });
    expect(expectStatus(await http.get('/api/findings?planOwed=true', dell), 200).body.items).toEqual([]);

    // A factory Dell disclosed under its contract (the disclosure workflow recorded it in the registry
    // at signature): a finding there is Dell's to see before any breach is confirmed; the monitor, not
    // assigned there, does not see it.
    http.readAfter((await waitForEvent(engine, factoryStreamId(other), 'FactoryDisclosedUnderContract')).position);
    const auditId = `audit-${randomUUID().slice(0, 8)}`;
    expectStatus(
      await http.post('/api/findings', tokens.contract_manager, {
        ...report,
        findingId: auditId,
        factoryId: other,
        source: 'social_audit',
        description: 'fire exits locked',
        evidenceRefs: [],
      }),
      201,
    );
    const dellSees = expectStatus(await http.get('/api/findings?sort=-recordedAt', dell), 200).body.items;
    expect(dellSees.map((f: { findingId: string }) => f.findingId)).toEqual([auditId, findingId]);
    expect(expectStatus(await http.get('/api/findings', hp), 200).body.items).toEqual([]);
    expect(
      expectStatus(await http.get('/api/findings', monitor), 200).body.items.map(
        (f: { findingId: string }) => f.findingId,
      ),
    ).toEqual([findingId]);
    expect((await http.get(`/api/findings/${auditId}`, monitor)).status).toBe(404);

    // Every read of a finding's detail is recorded (evidence), by whom: the monitor's and Dell's
    // included; HP's refused read is not.
    const reads = expectStatus(
      await http.get('/api/audit/confidential-reads?kind=finding-evidence&limit=100', tokens.auditor),
      200,
    ).body.items as { readerId: string; readerRole: string; resource: string }[];
    const readers = new Set(reads.filter((r) => r.resource === `/api/findings/${findingId}`).map((r) => r.readerRole));
    expect([...readers].sort()).toEqual(['compliance_officer', 'monitor', 'supplier']);
  }, 240_000);
});
