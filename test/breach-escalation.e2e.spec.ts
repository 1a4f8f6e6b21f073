import { breachEscalationWorkflowId } from '@pj/contracts';
import { findingStreamId, procurementCaseStreamId, supplyStandstillStreamId } from '@pj/domain';
import { eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { driveToSignedContract, FACTORIES, SCC, streamTypes, waitForEvent } from './support/journey';

// DanWatch documents abuses at a factory of Dell's; the council confirms the breach; the plan
// Dell submits is agreed but its deadline slips; the ladder is climbed to a supply standstill and
// a termination proposal; a compliance officer decides. Real Temporal timers on the real clock:
// the plan's deadline is an instant a few seconds ahead, and the timetable's ladder offsets are
// zero days (each step follows the slip at once). Whole days are the timetable's unit by design.
describe('breach, escalation and supply standstill to a termination decision, through HTTP', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('climbs the ladder when the plan deadline slips and terminates only on the officer’s decision', async () => {
    const { caseId, tokens, dell, hp } = await driveToSignedContract(engine, http, 'Computers for county schools');
    const [factoryId] = FACTORIES;
    const findingId = `danwatch-${caseId.slice(0, 8)}`;
    const officer = tokens.compliance_officer;

    // A monitor assigned to the factory records the NGO report; one not assigned may not.
    const report = {
      findingId,
      factoryId,
      caseId,
      source: 'ngo_report',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work; legal minimum wage',
      workersAffected: 300,
      description: 'up to 74-hour weeks, forced overtime, wages below the legal minimum',
      evidenceRefs: ['danwatch-2013-report'],
      shareableWithOtherBuyers: true,
    };
    const stranger = engine.tokens('stockholm-county-council', { factories: ['elsewhere'] }).monitor;
    expect((await http.post('/api/findings', stranger, report)).status).toBe(403);
    expectStatus(await http.post('/api/findings', tokens.monitor, report), 201);

    expectStatus(
      await http.post(`/api/findings/${findingId}/breach-confirmation`, officer, {
        reasons: 'conditions breach the code of conduct in the purchase contract',
        contractorId: 'dell',
        remedyTimetable: {
          planDueWithinDays: 30,
          escalationAfterDays: {
            reminder: 0,
            escalated_to_compliance_officer: 0,
            supply_standstill: 0,
            termination_proposed: 0,
          },
        },
      }),
      201,
    );
    // The workflow asks for the plan through its own activity, which no answer here names: polled.
    const awaitingPlan = await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, tokens.auditor);
      return status.status === 200 && status.body.nextDeadlineKind === 'plan_due' ? status.body : undefined;
    });
    expect(awaitingPlan).toMatchObject({ step: 'awaiting_plan', ladderStepsTaken: [] });

    // Long enough to submit and approve on a loaded machine, short enough for the real timer.
    const deadline = inSeconds(15);
    const plan = {
      planId: 'cap-1',
      deadline,
      actions: [
        {
          actionId: 'hours',
          action: 'cap weekly hours at 60 including overtime',
          forAffectedWorkers: false,
          responsibleParty: 'Dell',
          verificationMethod: 'audit monitored by a third party for the council',
          deadline,
          consequenceIfNotDone: 'escalation',
        },
        {
          actionId: 'wages',
          action: 'pay wage arrears to the legal minimum',
          forAffectedWorkers: true,
          responsibleParty: 'Dell',
          verificationMethod: 'payroll review and worker interviews',
          deadline,
          consequenceIfNotDone: 'escalation',
        },
      ],
    };
    // Only the contractor submits its plan; a plan without help for the workers is refused by the
    // decider, with its rule's code, and records nothing.
    expect((await http.post(`/api/findings/${findingId}/corrective-action-plan`, hp, plan)).status).toBe(403);
    const noHelp = await http.post(`/api/findings/${findingId}/corrective-action-plan`, dell, {
      ...plan,
      actions: [plan.actions[0]],
    });
    expect(noHelp).toMatchObject({ status: 422, body: { code: 'corrective_action.no_help_for_affected_workers' } });
    expectStatus(await http.post(`/api/findings/${findingId}/corrective-action-plan`, dell, plan), 201);
    expect(
      (
        await http.post(`/api/findings/${findingId}/corrective-action-plan/approval`, tokens.contract_manager, {
          planId: 'cap-1',
        })
      ).status,
    ).toBe(403);
    expectStatus(
      await http.post(`/api/findings/${findingId}/corrective-action-plan/approval`, officer, { planId: 'cap-1' }),
      201,
    );

    // Nothing is done by the deadline: the ladder is climbed, the standstill imposed, termination proposed
    // (the workflow's timers on the real clock: polled).
    const proposed = await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
      return status.body?.step === 'awaiting_termination_decision' ? status.body : undefined;
    }, 60_000);
    expect(proposed).toMatchObject({
      ladderStepsTaken: ['reminder', 'escalated_to_compliance_officer', 'supply_standstill', 'termination_proposed'],
      standstillProposal: 'awaiting_decision',
      terminationProposed: true,
    });
    expect(await streamTypes(engine, findingStreamId(SCC, findingId))).toEqual(
      expect.arrayContaining([
        'CorrectiveActionPlanAgreed',
        'CorrectiveActionDeadlineMissed',
        'SupplyStandstillProposed',
      ]),
    );
    // The ladder proposes; the officer imposes.
    expect(await streamTypes(engine, supplyStandstillStreamId(SCC, `breach-${findingId}`))).toEqual([]);
    expectStatus(
      await http.post(`/api/findings/${findingId}/standstill-decision`, officer, {
        decision: 'impose',
        factoryIds: [factoryId],
        scope: 'contract',
        reasons: 'the plan was not delivered',
      }),
      201,
    );
    expect(await streamTypes(engine, supplyStandstillStreamId(SCC, `breach-${findingId}`))).toEqual([
      'SupplyStandstillImposed',
    ]);

    // The standstill holds until remediation is verified; a promise is not enough.
    const lift = await http.post(`/api/supply-standstills/breach-${findingId}/lifting`, officer, {
      reasons: 'Dell promises change',
    });
    expect(lift).toMatchObject({ status: 422, body: { code: 'supply_standstill.remediation_not_verified' } });

    // Never automatic: the case is still in performance until a compliance officer decides.
    const caseStream = procurementCaseStreamId(SCC, caseId);
    expect(await streamTypes(engine, caseStream)).not.toContain('ContractTerminated');
    expect(
      (
        await http.post(`/api/findings/${findingId}/termination-decision`, tokens.contract_manager, {
          decision: 'terminate',
          reasons: 'x',
        })
      ).status,
    ).toBe(403);
    expectStatus(
      await http.post(
        `/api/findings/${findingId}/termination-decision`,
        officer,
        { decision: 'terminate', reasons: 'the ladder is exhausted and the plan was not delivered' },
        { 'idempotency-key': 'scc-terminate-dell' },
      ),
      201,
    );
    await waitForEvent(engine, caseStream, 'ContractTerminated');
    const terminated = (await engine.store.readStream(caseStream)).find(
      (event) => event.type === 'ContractTerminated',
    )!;
    expect(terminated.metadata.actor).toEqual({ id: 'dev-compliance-officer', role: 'compliance_officer' });
    expect(terminated.data).toMatchObject({ findingId, decidedByRole: 'compliance_officer' });
    const escalations = (await engine.store.readStream(caseStream)).filter((event) => event.type === 'BreachEscalated');
    expect(escalations.map((event) => (event.data as { step: string }).step)).toEqual([
      'reminder',
      'escalated_to_compliance_officer',
      'supply_standstill',
      'termination_proposed',
    ]);
    const result = await engine.temporalClient.workflow.getHandle(breachEscalationWorkflowId(SCC, findingId)).result();
    expect(result).toMatchObject({ outcome: 'contract_terminated' });

    // One timeline for the case: the finding's and the standstill's events among the case's own,
    // in log order, each with who decided it (the workflow's decisions as `workflow`).
    type Entry = { aggregate: string; sourceId: string; eventType: string; actor: { role: string }; position: string };
    const timeline = await eventually(async () => {
      const page = await http.get(`/api/cases/${caseId}/timeline?limit=100`, tokens.auditor);
      const items = (page.body as { items?: Entry[] }).items ?? [];
      return items.some((entry) => entry.eventType === 'ContractTerminated') ? items : undefined;
    });
    const of = (eventType: string) => timeline.find((entry) => entry.eventType === eventType);
    expect(of('FindingRecorded')).toMatchObject({
      aggregate: 'finding',
      sourceId: findingId,
      actor: { role: 'monitor' },
    });
    expect(of('BreachConfirmed')).toMatchObject({ aggregate: 'finding', actor: { role: 'compliance_officer' } });
    expect(of('CorrectiveActionPlanRequested')).toMatchObject({ aggregate: 'finding', actor: { role: 'workflow' } });
    expect(of('SupplyStandstillImposed')).toMatchObject({
      aggregate: 'supplyStandstill',
      sourceId: `breach-${findingId}`,
    });
    expect(of('BreachEscalated')).toMatchObject({ aggregate: 'procurementCase', actor: { role: 'workflow' } });
    const order = (entry: Entry) => entry.position.split('/').map(BigInt);
    const positions = timeline.map(order);
    expect(
      positions.every(
        ([c, p], i) =>
          i === 0 || c! > positions[i - 1]![0]! || (c === positions[i - 1]![0] && p! > positions[i - 1]![1]!),
      ),
    ).toBe(true);
    expect(timeline.findIndex((entry) => entry.eventType === 'FindingRecorded')).toBeLessThan(
      timeline.findIndex((entry) => entry.eventType === 'ContractTerminated'),
    );
  }, 180_000);

  it('a breach reaches a standstill proposal, the officer imposes it, remediation is verified and the officer confirms its lifting; a standstill the officer imposed directly is lifted with it', async () => {
    const { caseId, tokens, dell } = await driveToSignedContract(engine, http, 'Laptops for county offices');
    const [factoryId] = FACTORIES;
    const findingId = `danwatch-lift-${caseId.slice(0, 8)}`;
    const officer = tokens.compliance_officer;
    expectStatus(
      await http.post('/api/findings', tokens.monitor, {
        findingId,
        factoryId,
        caseId,
        source: 'ngo_report',
        severity: 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 120,
        description: 'forced overtime',
        evidenceRefs: ['danwatch-2013-report'],
        shareableWithOtherBuyers: true,
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/breach-confirmation`, officer, {
        reasons: 'conditions breach the code of conduct',
        contractorId: 'dell',
        remedyTimetable: {
          planDueWithinDays: 30,
          escalationAfterDays: {
            reminder: 0,
            escalated_to_compliance_officer: 0,
            supply_standstill: 0,
            termination_proposed: 0,
          },
        },
      }),
      201,
    );
    // The officer also imposes a standstill of their own, directly, resting on the same finding.
    const direct = `scc-direct-${caseId.slice(0, 8)}`;
    expectStatus(
      await http.post('/api/supply-standstills', officer, {
        standstillId: direct,
        factoryId,
        caseId,
        contractorId: 'dell',
        findingIds: [findingId],
        reasons: 'breaches documented by DanWatch not shown to be rectified',
      }),
      201,
    );
    await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
      return status.body?.standstillIds?.includes(direct) ? true : undefined;
    });

    const deadline = inSeconds(15);
    const action = (actionId: string, forAffectedWorkers: boolean) => ({
      actionId,
      action: forAffectedWorkers ? 'pay overtime arrears' : 'cap weekly hours at 60',
      forAffectedWorkers,
      responsibleParty: 'Dell',
      verificationMethod: 'worker interviews',
      deadline,
      consequenceIfNotDone: 'escalation',
    });
    const plan = { planId: 'cap-1', deadline, actions: [action('hours', false), action('arrears', true)] };
    expectStatus(await http.post(`/api/findings/${findingId}/corrective-action-plan`, dell, plan), 201);
    expectStatus(
      await http.post(`/api/findings/${findingId}/corrective-action-plan/approval`, officer, { planId: 'cap-1' }),
      201,
    );
    // The deadline slips: the ladder proposes a standstill (and, at once, termination).
    await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
      return status.body?.standstillProposal === 'awaiting_decision' ? true : undefined;
    }, 60_000);
    const decision = {
      decision: 'impose',
      factoryIds: [factoryId],
      scope: 'buyer',
      reasons: 'the plan was not delivered on time',
    };
    expect(
      (await http.post(`/api/findings/${findingId}/standstill-decision`, tokens.contract_manager, decision)).status,
    ).toBe(403);
    expect(
      await http.post(`/api/findings/${findingId}/standstill-decision`, officer, { ...decision, factoryIds: [] }),
    ).toMatchObject({ status: 422, body: { code: 'workflow.update_rejected' } });
    expectStatus(await http.post(`/api/findings/${findingId}/standstill-decision`, officer, decision), 201);
    const proposalStream = supplyStandstillStreamId(SCC, `breach-${findingId}`);
    const imposed = (await engine.store.readStream(proposalStream))[0]!;
    expect(imposed.data).toMatchObject({ scope: 'buyer', imposedBy: 'dev-compliance-officer' });
    expect(imposed.metadata.actor).toEqual({ id: 'dev-compliance-officer', role: 'compliance_officer' });

    await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
      return status.body?.step === 'awaiting_termination_decision' ? true : undefined;
    }, 60_000);
    expectStatus(
      await http.post(`/api/findings/${findingId}/termination-decision`, officer, {
        decision: 'keep_contract',
        reasons: 'Dell engages; the standstill does the work',
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/remedies`, dell, {
        remedyId: 'arrears',
        kind: 'back_pay',
        workersCovered: 120,
        amount: 18_000,
        currency: 'USD',
        description: 'overtime arrears paid',
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/remediation-result`, tokens.monitor, {
        result: 'complete',
        assessment: 'hours capped, arrears paid',
        actionsCompleted: ['hours', 'arrears'],
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/remediation-verification`, tokens.monitor, {
        verifiedBy: 'worker-driven monitor',
        method: 'worker interviews',
        verificationRef: 'visit-2013-10',
      }),
      201,
    );
    // Verified: the lifting waits for the officer (the buyer's default).
    await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
      return status.body?.step === 'awaiting_standstill_lifting' ? true : undefined;
    }, 60_000);
    expect(await streamTypes(engine, proposalStream)).toEqual([
      'SupplyStandstillImposed',
      'StandstillRemediationVerified',
    ]);
    expect(
      (await http.post(`/api/findings/${findingId}/standstill-lifting-confirmation`, tokens.monitor, { reasons: 'r' }))
        .status,
    ).toBe(403);
    expectStatus(
      await http.post(`/api/findings/${findingId}/standstill-lifting-confirmation`, officer, {
        reasons: 'remediation verified by worker interviews',
      }),
      201,
    );
    for (const id of [`breach-${findingId}`, direct]) {
      const stream = supplyStandstillStreamId(SCC, id);
      await waitForEvent(engine, stream, 'SupplyStandstillLifted');
      expect(await streamTypes(engine, stream)).toEqual([
        'SupplyStandstillImposed',
        'StandstillRemediationVerified',
        'SupplyStandstillLifted',
      ]);
    }
    const result = await engine.temporalClient.workflow.getHandle(breachEscalationWorkflowId(SCC, findingId)).result();
    expect(result).toMatchObject({ outcome: 'breach_closed' });
  }, 240_000);
});
