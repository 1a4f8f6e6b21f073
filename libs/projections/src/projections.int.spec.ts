import { randomUUID } from 'node:crypto';
import {
  currentSchemaVersion,
  findingStreamId,
  grievanceStreamId,
  procurementCaseStreamId,
  supplyStandstillStreamId,
} from '@pj/domain';
import { PgliteDriver, SqlEventStore, type LogPosition, type RecordedEvent, type SqlQueryable } from '@pj/event-store';
import {
  caseProjection,
  caseTimelineProjection,
  escalationProjection,
  findingProjection,
  grievanceProjection,
  inboxProjection,
  rebuildProjection,
  registryProjection,
  supplyStandstillProjection,
  ProjectionRunner,
  type Projection,
} from '.';

// Each read model from real events in a real (in-memory PGlite) store, through the real runner.
const ORG_A = 'stockholm-county-council';
const ORG_B = 'city-of-madison';
const projections = [
  caseProjection,
  caseTimelineProjection,
  escalationProjection,
  registryProjection,
  grievanceProjection,
  inboxProjection,
  findingProjection,
  supplyStandstillProjection,
];
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9)).toISOString();

describe('read models', () => {
  let driver: PgliteDriver;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let last: LogPosition;

  const append = async (
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    options: { org?: string; at?: string; role?: string } = {},
  ) => {
    const result = await store.appendToStream(
      streamId,
      [
        {
          type,
          data,
          metadata: {
            eventId: randomUUID(),
            commandId: randomUUID(),
            correlationId: 'conversation-1',
            causationId: 'cause-1',
            actor: { id: `${options.role ?? 'compliance_officer'}-1`, role: options.role ?? 'compliance_officer' },
            organisationId: options.org ?? ORG_A,
            recordedAt: options.at ?? day(0),
            schemaVersion: currentSchemaVersion(type),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    last = result.position;
    return result;
  };
  const settled = () => runner.waitFor(last);
  const rows = <Row = Record<string, unknown>>(sql: string, params: unknown[] = []) => driver.query<Row>(sql, params);

  const openCase = (caseId: string, org = ORG_A) =>
    append(
      procurementCaseStreamId(org, caseId),
      'CaseOpened',
      {
        caseId,
        buyerOrganisationId: org,
        title: `Case ${caseId}`,
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
        openedBy: 'contract_manager-1',
        openedAt: day(0),
      },
      { org, role: 'contract_manager' },
    );
  const registerFactory = (factoryId: string, org = ORG_A) =>
    append(
      `factory-${factoryId}`,
      'FactoryRegistered',
      {
        factoryId,
        name: `Factory ${factoryId}`,
        address: 'Shenzhen',
        country: 'CN',
        tier: 1,
        products: ['laptops'],
        numberOfWorkers: 3000,
        registeredByOrganisationId: org,
        registeredAt: day(0),
      },
      { org, role: 'monitor' },
    );
  const recordFinding = (
    findingId: string,
    factoryId: string,
    options: { org?: string; shared?: boolean; severity?: string } = {},
  ) =>
    append(
      findingStreamId(options.org ?? ORG_A, findingId),
      'FindingRecorded',
      {
        findingId,
        factoryId,
        caseId: 'case-1',
        source: 'worker_driven_monitor',
        severity: options.severity ?? 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 120,
        description: 'Excessive overtime before shipments',
        evidenceRefs: ['report-1'],
        shareableWithOtherBuyers: options.shared ?? false,
        recordedByOrganisationId: options.org ?? ORG_A,
        recordedBy: 'monitor-1',
        recordedAt: day(1),
      },
      { org: options.org, role: 'monitor' },
    );
  const timetable = {
    planDueWithinDays: 14,
    escalationAfterDays: {
      reminder: 0,
      escalated_to_compliance_officer: 7,
      supply_standstill: 21,
      termination_proposed: 42,
    },
  };
  const confirmBreach = (findingId: string, factoryId: string, org = ORG_A) =>
    append(
      findingStreamId(org, findingId),
      'BreachConfirmed',
      {
        findingId,
        reasons: 'confirmed by audit',
        caseId: 'case-1',
        contractorId: 'dell',
        factoryId,
        severity: 'high',
        workersAffected: 120,
        remedyTimetable: timetable,
        confirmedBy: 'compliance_officer-1',
        confirmedAt: day(2),
      },
      { org, at: day(2) },
    );

  beforeEach(async () => {
    driver = await PgliteDriver.open();
    store = await SqlEventStore.open(driver);
    runner = new ProjectionRunner(store, driver, projections);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
  });

  it('keeps the case board and the timeline with who, what, when and why', async () => {
    await openCase('case-1');
    await append(
      procurementCaseStreamId(ORG_A, 'case-1'),
      'RiskScreened',
      {
        caseId: 'case-1',
        riskLevel: 'high',
        reasons: ['US DOL List of Goods: electronics from CN'],
        screenedAt: day(0),
      },
      { role: 'workflow' },
    );
    await settled();
    expect(await rows('SELECT case_id, organisation_id, phase, risk_level, revision FROM rm_cases')).toEqual([
      { case_id: 'case-1', organisation_id: ORG_A, phase: 'policy', risk_level: 'high', revision: 1 },
    ]);
    const timeline = await rows<{ event_type: string; actor_role: string; reasons: string | null }>(
      'SELECT event_type, actor_role, reasons FROM rm_case_timeline ORDER BY revision',
    );
    expect(timeline).toEqual([
      { event_type: 'CaseOpened', actor_role: 'contract_manager', reasons: null },
      { event_type: 'RiskScreened', actor_role: 'workflow', reasons: 'US DOL List of Goods: electronics from CN' },
    ]);
  });

  it('queues open breaches with their next deadline from the remedy timetable, and closes them', async () => {
    await registerFactory('f1');
    for (const id of ['b1', 'b2']) await recordFinding(id, 'f1');
    await confirmBreach('b1', 'f1');
    await confirmBreach('b2', 'f1');
    await append(
      findingStreamId(ORG_A, 'b1'),
      'CorrectiveActionPlanRequested',
      { findingId: 'b1', dueBy: day(30), requestedBy: 'wf', requestedAt: day(2) },
      { role: 'workflow' },
    );
    await append(
      findingStreamId(ORG_A, 'b2'),
      'CorrectiveActionPlanRequested',
      { findingId: 'b2', dueBy: day(16), requestedBy: 'wf', requestedAt: day(2) },
      { role: 'workflow' },
    );
    await settled();
    const queue = () =>
      rows<{
        finding_id: string;
        status: string;
        next_deadline: Date | null;
        next_deadline_kind: string | null;
        ladder_steps: string[];
      }>(
        'SELECT finding_id, status, next_deadline, next_deadline_kind, ladder_steps FROM rm_escalations WHERE open ORDER BY next_deadline NULLS LAST',
      );
    expect((await queue()).map((r) => [r.finding_id, r.next_deadline?.toISOString(), r.next_deadline_kind])).toEqual([
      ['b2', day(16), 'plan_due'],
      ['b1', day(30), 'plan_due'],
    ]);

    // b2's plan is overdue: the ladder starts, each rung at its offset from the slip.
    await append(
      findingStreamId(ORG_A, 'b2'),
      'CorrectiveActionPlanOverdue',
      { findingId: 'b2', dueBy: day(16), recordedAt: day(16) },
      { role: 'workflow' },
    );
    await append(
      procurementCaseStreamId(ORG_A, 'case-1'),
      'BreachEscalated',
      { caseId: 'case-1', findingId: 'b2', step: 'reminder', note: 'slipped', escalatedBy: 'wf', escalatedAt: day(16) },
      { role: 'workflow' },
    );
    await settled();
    let b2 = (await queue()).find((r) => r.finding_id === 'b2')!;
    expect(b2).toMatchObject({
      status: 'plan_overdue',
      next_deadline_kind: 'escalated_to_compliance_officer',
      ladder_steps: ['reminder'],
    });
    expect(b2.next_deadline?.toISOString()).toBe(day(23));

    for (const step of ['escalated_to_compliance_officer', 'supply_standstill', 'termination_proposed'])
      await append(
        procurementCaseStreamId(ORG_A, 'case-1'),
        'BreachEscalated',
        { caseId: 'case-1', findingId: 'b2', step, note: 'slipped', escalatedBy: 'wf', escalatedAt: day(60) },
        { role: 'workflow' },
      );
    await settled();
    // The ladder proposed a standstill: the officer is asked to decide, and the decision answers it.
    await append(
      findingStreamId(ORG_A, 'b2'),
      'SupplyStandstillProposed',
      {
        findingId: 'b2',
        factoryIds: ['f1'],
        reasons: 'ladder',
        caseId: 'case-1',
        contractorId: 'dell',
        proposedBy: 'wf',
        proposedAt: day(60),
      },
      { role: 'workflow' },
    );
    await settled();
    const standstillDecision = () =>
      rows<{ resolved_by_event: string | null }>(
        "SELECT resolved_by_event FROM rm_inbox WHERE kind = 'supply_standstill_decision' AND subject_id = 'b2'",
      );
    expect(await standstillDecision()).toEqual([{ resolved_by_event: null }]);
    await append(
      supplyStandstillStreamId(ORG_A, 'breach-b2'),
      'SupplyStandstillImposed',
      {
        standstillId: 'breach-b2',
        factoryId: 'f1',
        caseId: 'case-1',
        contractorId: 'dell',
        findingIds: ['b2'],
        reasons: 'no plan',
        scope: 'buyer',
        proposedBy: 'wf',
        buyerOrganisationId: ORG_A,
        imposedBy: 'co-1',
        imposedAt: day(61),
      },
      { role: 'compliance_officer' },
    );
    await settled();
    expect(await standstillDecision()).toEqual([{ resolved_by_event: 'SupplyStandstillImposed' }]);
    b2 = (await queue()).find((r) => r.finding_id === 'b2')!;
    expect(b2).toMatchObject({ status: 'awaiting_termination_decision', next_deadline: null });
    const inbox = await rows<{ kind: string; subject_id: string }>(
      'SELECT kind, subject_id FROM rm_inbox WHERE resolved_at IS NULL ORDER BY kind',
    );
    expect(inbox).toEqual(
      expect.arrayContaining([
        { kind: 'breach_escalated', subject_id: 'b2' },
        { kind: 'termination_decision', subject_id: 'b2' },
      ]),
    );

    await append(procurementCaseStreamId(ORG_A, 'case-1'), 'ContractTerminated', {
      caseId: 'case-1',
      contractId: 'c1',
      reasons: 'ladder exhausted',
      findingId: 'b2',
      decidedBy: 'co-1',
      decidedByRole: 'compliance_officer',
      terminatedAt: day(61),
    });
    await append(findingStreamId(ORG_A, 'b1'), 'BreachClosed', {
      findingId: 'b1',
      reasons: 'remediated',
      closedBy: 'wf',
      closedAt: day(62),
    });
    await settled();
    expect(await queue()).toEqual([]);
    expect(await rows("SELECT kind FROM rm_inbox WHERE resolved_at IS NULL AND subject_id = 'b2'")).toEqual([]);
  });

  it('keeps the registry with findings (and whether they are shared) and standstills', async () => {
    await registerFactory('f1');
    await append('factory-f1', 'FactoryDisclosedUnderContract', {
      factoryId: 'f1',
      buyerOrganisationId: ORG_A,
      caseId: 'case-1',
      contractId: 'c1',
      supplierId: 'dell',
      contractYear: 1,
      annualPurchases: 40000,
      disclosedAt: day(1),
    });
    await recordFinding('private', 'f1', { shared: false, severity: 'medium' });
    await recordFinding('shared', 'f1', { org: ORG_B, shared: true });
    await confirmBreach('private', 'f1');
    await append(supplyStandstillStreamId(ORG_A, 's1'), 'SupplyStandstillImposed', {
      standstillId: 's1',
      factoryId: 'f1',
      caseId: 'case-1',
      contractorId: 'dell',
      findingIds: ['private'],
      reasons: 'ladder',
      buyerOrganisationId: ORG_A,
      imposedBy: 'wf',
      imposedAt: day(40),
    });
    await append(supplyStandstillStreamId(ORG_A, 's1'), 'SupplyStandstillLifted', {
      standstillId: 's1',
      factoryId: 'f1',
      reasons: 'verified',
      liftedBy: 'co-1',
      liftedAt: day(80),
    });
    await settled();
    expect(await rows('SELECT factory_id, event_count FROM rm_factories')).toEqual([
      { factory_id: 'f1', event_count: 2 },
    ]);
    expect(
      await rows('SELECT finding_id, organisation_id, shareable, status FROM rm_findings ORDER BY finding_id'),
    ).toEqual([
      { finding_id: 'private', organisation_id: ORG_A, shareable: false, status: 'breach_confirmed' },
      { finding_id: 'shared', organisation_id: ORG_B, shareable: true, status: 'reported' },
    ]);
    expect(await rows('SELECT standstill_id, organisation_id, status FROM rm_standstills')).toEqual([
      { standstill_id: 's1', organisation_id: ORG_A, status: 'lifted' },
    ]);
    expect(await rows('SELECT organisation_id, contract_year FROM rm_factory_buyers')).toEqual([
      { organisation_id: ORG_A, contract_year: 1 },
    ]);
  });

  it('follows grievances and puts escalated ones in the inbox until they are handled', async () => {
    await append(
      grievanceStreamId(ORG_A, 'g1'),
      'GrievanceSubmitted',
      {
        grievanceId: 'g1',
        factoryId: 'f1',
        caseId: 'case-1',
        channel: 'hotline',
        anonymous: true,
        allegation: 'Wages withheld',
        workersConcerned: 40,
        severity: 'critical',
        acknowledgeBy: day(7),
        submittedAt: day(0),
      },
      { role: 'monitor' },
    );
    await append(grievanceStreamId(ORG_A, 'g1'), 'GrievanceEscalated', {
      grievanceId: 'g1',
      reason: 'severe',
      severity: 'critical',
      escalatedBy: 'wf',
      escalatedAt: day(0),
    });
    await append(grievanceStreamId(ORG_A, 'g1'), 'RetaliationProtectionRecorded', {
      grievanceId: 'g1',
      measures: ['no dismissal'],
      protectedParties: 'all',
      recordedBy: 'co',
      recordedAt: day(1),
    });
    await settled();
    expect(await rows('SELECT status, escalation_reason, retaliation_protected FROM rm_grievances')).toEqual([
      { status: 'escalated', escalation_reason: 'severe', retaliation_protected: true },
    ]);
    expect(await rows('SELECT kind, case_id FROM rm_inbox WHERE resolved_at IS NULL')).toEqual([
      { kind: 'grievance_escalated', case_id: 'case-1' },
    ]);
    await append(grievanceStreamId(ORG_A, 'g1'), 'GrievanceClosed', {
      grievanceId: 'g1',
      resolution: 'back pay',
      complainantInformed: true,
      closedAt: day(9),
    });
    await settled();
    expect(await rows('SELECT status FROM rm_grievances')).toEqual([{ status: 'closed' }]);
    expect(await rows('SELECT kind FROM rm_inbox WHERE resolved_at IS NULL')).toEqual([]);
  });

  it('asks the compliance officer to approve a submitted plan and to act on supplier silence', async () => {
    await recordFinding('b1', 'f1', { severity: 'low' });
    await confirmBreach('b1', 'f1');
    await append(
      findingStreamId(ORG_A, 'b1'),
      'CorrectiveActionPlanSubmitted',
      { findingId: 'b1', planId: 'p1', deadline: day(50), actions: [{}], submittedBy: 'dell', submittedAt: day(5) },
      { role: 'supplier' },
    );
    await append(
      procurementCaseStreamId(ORG_A, 'case-1'),
      'SupplierSilenceEscalated',
      {
        caseId: 'case-1',
        questionnaireId: 'q1',
        contractYear: 1,
        supplierId: 'dell',
        deadline: day(30),
        remindersSent: 2,
        escalatedAt: day(31),
      },
      { role: 'workflow' },
    );
    await settled();
    const open = () =>
      rows<{ kind: string; case_id: string }>(
        'SELECT kind, case_id FROM rm_inbox WHERE resolved_at IS NULL ORDER BY kind',
      );
    expect(await open()).toEqual([
      { kind: 'corrective_action_plan_approval', case_id: 'case-1' },
      { kind: 'supplier_silence', case_id: 'case-1' },
    ]);
    await append(findingStreamId(ORG_A, 'b1'), 'CorrectiveActionPlanAgreed', {
      findingId: 'b1',
      planId: 'p1',
      deadline: day(50),
      actions: [],
      agreedAt: day(6),
    });
    await append(
      procurementCaseStreamId(ORG_A, 'case-1'),
      'QuestionnaireAnswered',
      {
        caseId: 'case-1',
        questionnaireId: 'q1',
        contractYear: 1,
        answers: {},
        answeredBy: 'dell',
        onTime: false,
        answeredAt: day(32),
      },
      { role: 'supplier' },
    );
    await settled();
    expect(await open()).toEqual([]);
  });

  describe('exactly once', () => {
    const updates = 150;
    const writeFactoryHistory = async () => {
      await registerFactory('f1');
      for (let i = 0; i < updates; i += 1)
        await append('factory-f1', 'FactoryProfileUpdated', {
          factoryId: 'f1',
          changes: { numberOfWorkers: 1000 + i },
          updatedAt: day(1),
        });
    };
    const counter = async () =>
      (
        await rows<{ event_count: number; number_of_workers: number }>(
          'SELECT event_count, number_of_workers FROM rm_factories',
        )
      )[0];

    it('counts every event once when the runner is stopped mid-stream and started again', async () => {
      await runner.stop();
      await writeFactoryHistory();
      const seen: number[] = [];
      for (const stopAfter of [30, 60, 30]) {
        let applied = 0;
        let stopping: Promise<void> | undefined;
        const interrupted: Projection = {
          ...registryProjection,
          async apply(tx: SqlQueryable, event: RecordedEvent) {
            await registryProjection.apply(tx, event);
            // Stop from inside: the runner finishes this event (its commit) and delivers no more.
            if ((applied += 1) === stopAfter) stopping = runner.stop();
          },
        };
        runner = new ProjectionRunner(store, driver, [interrupted]);
        await runner.start();
        while (!stopping) await new Promise((resolve) => setTimeout(resolve, 5));
        await stopping;
        seen.push((await counter()).event_count);
      }
      // Each round resumed from its checkpoint and stopped mid-stream.
      expect(seen).toEqual([30, 90, 120]);
      runner = new ProjectionRunner(store, driver, projections);
      await runner.start();
      await settled();
      expect(await counter()).toEqual({ event_count: updates + 1, number_of_workers: 1000 + updates - 1 });
    });

    it('rolls back an update whose checkpoint could not commit, and applies it once on retry', async () => {
      await runner.stop();
      let failures = 0;
      let crashed = false;
      const crashing: Projection = {
        ...registryProjection,
        async apply(tx: SqlQueryable, event: RecordedEvent) {
          await registryProjection.apply(tx, event);
          // A crash after the read-model write, before the commit: the transaction must take both back.
          if (event.revision === 50 && !crashed) {
            crashed = true;
            failures += 1;
            throw new Error('crash before commit');
          }
        },
      };
      runner = new ProjectionRunner(store, driver, [crashing]);
      await runner.start();
      await writeFactoryHistory();
      await runner.waitFor(last, 20_000);
      expect(failures).toBe(1);
      expect(await counter()).toEqual({ event_count: updates + 1, number_of_workers: 1000 + updates - 1 });
    });

    it('applies every event once with two runners on the same database (two API processes)', async () => {
      const second = new ProjectionRunner(store, driver, projections);
      await second.start();
      try {
        await writeFactoryHistory();
        await settled();
        await second.waitFor(last);
        expect((await counter()).event_count).toBe(updates + 1);
      } finally {
        await second.stop();
      }
    });
  });

  // Ids are each organisation's own: two buyers' equal ids are two rows everywhere, each updated by its own events.
  it('keeps two organisations’ equal case, finding, grievance and standstill ids apart', async () => {
    await registerFactory('f1');
    for (const org of [ORG_A, ORG_B]) {
      await openCase('same', org);
      await recordFinding('same', 'f1', { org });
      await confirmBreach('same', 'f1', org);
      await append(
        grievanceStreamId(org, 'same'),
        'GrievanceSubmitted',
        {
          grievanceId: 'same',
          factoryId: 'f1',
          channel: 'hotline',
          anonymous: true,
          allegation: 'Threats',
          workersConcerned: 3,
          severity: 'high',
          acknowledgeBy: day(7),
          submittedAt: day(0),
        },
        { org, role: 'monitor' },
      );
      await append(
        supplyStandstillStreamId(org, 'same'),
        'SupplyStandstillImposed',
        {
          standstillId: 'same',
          factoryId: 'f1',
          caseId: 'same',
          contractorId: 'dell',
          findingIds: ['same'],
          reasons: 'ladder',
          buyerOrganisationId: org,
          imposedBy: 'co-1',
          imposedAt: day(3),
        },
        { org },
      );
    }
    // Only B's events move on: A's rows stay as they were.
    await append(
      findingStreamId(ORG_B, 'same'),
      'BreachClosed',
      { findingId: 'same', reasons: 'remediated', closedBy: 'compliance_officer-1', closedAt: day(9) },
      { org: ORG_B },
    );
    await append(
      grievanceStreamId(ORG_B, 'same'),
      'GrievanceEscalated',
      { grievanceId: 'same', reason: 'severe', severity: 'high', escalatedBy: 'wf', escalatedAt: day(1) },
      { org: ORG_B, role: 'workflow' },
    );
    await append(
      supplyStandstillStreamId(ORG_B, 'same'),
      'SupplyStandstillLifted',
      { standstillId: 'same', factoryId: 'f1', reasons: 'verified', liftedBy: 'co-1', liftedAt: day(10) },
      { org: ORG_B },
    );
    await settled();
    const byOrg = (sql: string) => rows(`${sql} ORDER BY 1, 2`);
    expect(await byOrg('SELECT organisation_id, case_id FROM rm_cases')).toEqual([
      { organisation_id: ORG_B, case_id: 'same' },
      { organisation_id: ORG_A, case_id: 'same' },
    ]);
    expect(
      await byOrg('SELECT organisation_id, case_id, count(*)::int AS n FROM rm_case_timeline GROUP BY 1, 2'),
    ).toEqual([
      // The findings name case-1, the standstill "same": each on its own organisation's case.
      { organisation_id: ORG_B, case_id: 'case-1', n: 3 },
      { organisation_id: ORG_B, case_id: 'same', n: 3 },
      { organisation_id: ORG_A, case_id: 'case-1', n: 2 },
      { organisation_id: ORG_A, case_id: 'same', n: 2 },
    ]);
    expect(await byOrg('SELECT organisation_id, finding_id, closure_reasons FROM rm_findings')).toEqual([
      { organisation_id: ORG_B, finding_id: 'same', closure_reasons: 'remediated' },
      { organisation_id: ORG_A, finding_id: 'same', closure_reasons: null },
    ]);
    expect(await byOrg('SELECT organisation_id, finding_id, status, open FROM rm_escalations')).toEqual([
      { organisation_id: ORG_B, finding_id: 'same', status: 'closed', open: false },
      { organisation_id: ORG_A, finding_id: 'same', status: 'awaiting_plan', open: true },
    ]);
    expect(await byOrg('SELECT organisation_id, grievance_id, status FROM rm_grievances')).toEqual([
      { organisation_id: ORG_B, grievance_id: 'same', status: 'escalated' },
      { organisation_id: ORG_A, grievance_id: 'same', status: 'submitted' },
    ]);
    expect(await byOrg('SELECT organisation_id, standstill_id, status FROM rm_standstills')).toEqual([
      { organisation_id: ORG_B, standstill_id: 'same', status: 'lifted' },
      { organisation_id: ORG_A, standstill_id: 'same', status: 'in_force' },
    ]);
    expect(
      await byOrg(
        "SELECT organisation_id, item_id, resolved_at IS NULL AS open FROM rm_inbox WHERE subject_id = 'same'",
      ),
    ).toEqual([
      { organisation_id: ORG_B, item_id: 'grievance_escalated:same', open: true },
      { organisation_id: ORG_B, item_id: 'severe_finding:same', open: false },
      { organisation_id: ORG_A, item_id: 'severe_finding:same', open: false },
    ]);
  });

  it('rebuilds every read model from zero to the same rows, in process and from outside (the CLI)', async () => {
    await openCase('case-1');
    await openCase('case-2', ORG_B);
    await registerFactory('f1');
    await recordFinding('b1', 'f1', { shared: true });
    await confirmBreach('b1', 'f1');
    await append(
      findingStreamId(ORG_A, 'b1'),
      'CorrectiveActionPlanRequested',
      { findingId: 'b1', dueBy: day(16), requestedBy: 'wf', requestedAt: day(2) },
      { role: 'workflow' },
    );
    await append(grievanceStreamId(ORG_A, 'g1'), 'GrievanceSubmitted', {
      grievanceId: 'g1',
      factoryId: 'f1',
      channel: 'hotline',
      anonymous: false,
      complainant: { name: 'A', contact: 'x' },
      allegation: 'Threats',
      workersConcerned: 3,
      severity: 'high',
      acknowledgeBy: day(7),
      receivedBy: 'm',
      submittedAt: day(0),
    });
    await append(grievanceStreamId(ORG_A, 'g1'), 'GrievanceEscalated', {
      grievanceId: 'g1',
      reason: 'severe',
      severity: 'high',
      escalatedBy: 'wf',
      escalatedAt: day(0),
    });
    await settled();
    const tables = projections.flatMap((p) => p.tables);
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(tables.map(async (t) => [t, await rows(`SELECT * FROM ${t} ORDER BY 1, 2`)] as const)),
      );
    const before = await snapshot();
    expect(before.rm_cases).toHaveLength(2);

    const counts = await runner.rebuildAll();
    expect(counts).toEqual(Object.fromEntries(projections.map((p) => [p.name, 8])));
    expect(await snapshot()).toEqual(before);

    await runner.stop();
    for (const projection of projections) await rebuildProjection(store, driver, projection);
    expect(await snapshot()).toEqual(before);
  });
});
