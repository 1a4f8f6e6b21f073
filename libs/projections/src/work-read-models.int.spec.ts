import {
  findingStreamId,
  procurementCaseStreamId,
  purchasingPracticeReviewStreamId,
  supplyStandstillStreamId,
  type EventOfType,
  type EventType,
  type SelfDeclarations,
} from '@pj/domain';
import { SqlEventStore, START_OF_LOG, type LogPosition, type SqlDriver } from '@pj/event-store';
import {
  bidProjection,
  complaintProjection,
  dueDiligenceProjection,
  findingProjection,
  purchasingPracticeReviewProjection,
  rebuildProjection,
  supplyStandstillProjection,
  ProjectionRunner,
} from '.';
import { appendTyped, readModelBackends } from './testing/read-model-backends';

// The read models of findings, remedies, standstills, purchasing-practice reviews, bids,
// complaints and due diligence, from events in a real store through the real runner, on both
// SQL stores. Scenarios: Stockholm County Council buying laptops from Dell (2013: excessive
// overtime at a Chinese factory, a supply standstill until verified remediation), and a cleaning
// contract tendered with the OSCE's anti-trafficking safeguards.
const STOCKHOLM = 'stockholm-county-council';
const MADISON = 'city-of-madison';
const projections = [
  findingProjection,
  supplyStandstillProjection,
  purchasingPracticeReviewProjection,
  bidProjection,
  complaintProjection,
  dueDiligenceProjection,
];
const tables = projections.flatMap((projection) => projection.tables);
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9)).toISOString();
const declarations: SelfDeclarations = {
  noConvictionForChildLabourOrTrafficking: true,
  noGraveProfessionalMisconduct: true,
  compliesWithLabourLaw: true,
  noEarlierContractTerminatedEarly: true,
  acceptsCodeOfConduct: true,
};
const timetable = {
  planDueWithinDays: 14,
  escalationAfterDays: {
    reminder: 0,
    escalated_to_compliance_officer: 7,
    supply_standstill: 21,
    termination_proposed: 42,
  },
};

const backends = readModelBackends('read_models');

describe.each(backends)('work read models on %s', (_name, open) => {
  let driver: SqlDriver;
  let drop: () => Promise<void>;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let last: LogPosition;

  /** Records one event as the domain types it: a wrong field does not compile. */
  const append = async <T extends EventType>(
    streamId: string,
    type: T,
    data: EventOfType<T>['data'],
    options: { org?: string; role?: string; actor?: string } = {},
  ) => {
    last = await appendTyped(store, streamId, type, data, {
      ...options,
      org: options.org ?? STOCKHOLM,
      recordedAt: day(0),
    });
  };
  const settled = () => runner.waitFor(last, 20_000);
  const rows = <Row = Record<string, unknown>>(sql: string, params: unknown[] = []) => driver.query<Row>(sql, params);
  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await rows(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)] as const)),
    );

  // --- Stockholm County Council and Dell: a finding at a factory, its breach and its remedy ---
  const finding = (org: string, findingId: string) => findingStreamId(org, findingId);
  const recordFinding = (findingId: string, org = STOCKHOLM) =>
    append(
      finding(org, findingId),
      'FindingRecorded',
      {
        findingId,
        factoryId: 'shenzhen-laptops-1',
        caseId: 'laptops-2026',
        source: 'ngo_report',
        severity: 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 420,
        description: 'Excessive overtime before shipments; overtime wages unpaid',
        evidenceRefs: ['danwatch-report-2013'],
        shareableWithOtherBuyers: false,
        recordedByOrganisationId: org,
        recordedBy: 'monitor-1',
        recordedAt: day(1),
      },
      { org, role: 'monitor' },
    );
  const confirmBreach = (findingId: string, org = STOCKHOLM) =>
    append(
      finding(org, findingId),
      'BreachConfirmed',
      {
        findingId,
        reasons: 'audit confirmed 90-hour weeks',
        caseId: 'laptops-2026',
        contractorId: 'dell',
        factoryId: 'shenzhen-laptops-1',
        severity: 'high',
        workersAffected: 420,
        remedyTimetable: timetable,
        confirmedBy: 'compliance_officer-1',
        confirmedAt: day(2),
      },
      { org },
    );
  const action = {
    actionId: 'a1',
    action: 'Cap weekly hours at 60 including overtime',
    forAffectedWorkers: false,
    responsibleParty: 'dell',
    verificationMethod: 'worker interviews',
    deadline: day(90),
    consequenceIfNotDone: 'supply standstill',
  };

  /** The Dell breach from finding to closure, and a second finding that is dismissed. */
  const dellBreach = async () => {
    await recordFinding('overtime-1');
    await append(finding(STOCKHOLM, 'overtime-1'), 'FindingEvidenceAdded', {
      findingId: 'overtime-1',
      evidenceRef: 'audit-2013-11',
      kind: 'audit_report',
      note: 'payroll records',
      addedAt: day(2),
    });
    await confirmBreach('overtime-1');
    await append(
      finding(STOCKHOLM, 'overtime-1'),
      'CorrectiveActionPlanRequested',
      { findingId: 'overtime-1', dueBy: day(16), requestedBy: 'workflow', requestedAt: day(2) },
      { role: 'workflow' },
    );
    await append(
      finding(STOCKHOLM, 'overtime-1'),
      'CorrectiveActionPlanSubmitted',
      {
        findingId: 'overtime-1',
        planId: 'plan-1',
        deadline: day(90),
        actions: [action],
        submittedBy: 'dell-supplier-1',
        submittedAt: day(10),
      },
      { role: 'supplier', actor: 'dell-supplier-1' },
    );
    await append(finding(STOCKHOLM, 'overtime-1'), 'CorrectiveActionPlanAgreed', {
      findingId: 'overtime-1',
      planId: 'plan-1',
      deadline: day(90),
      actions: [action],
      agreedAt: day(12),
    });
    for (const [remedyId, kind, workersCovered, amount] of [
      ['back-pay-1', 'back_pay', 400, 250000],
      ['reinstatement-1', 'reinstatement', 12, undefined],
    ] as const)
      await append(finding(STOCKHOLM, 'overtime-1'), 'RemedyToWorkersRecorded', {
        findingId: 'overtime-1',
        remedyId,
        kind,
        workersCovered,
        ...(amount !== undefined ? { amount, currency: 'CNY' } : {}),
        description: `${kind} for workers at Shenzhen`,
        recordedAt: day(40),
      });
    await append(finding(STOCKHOLM, 'overtime-1'), 'RemediationResultRecorded', {
      findingId: 'overtime-1',
      planId: 'plan-1',
      result: 'complete',
      assessment: 'hours within limits for three months',
      actionsCompleted: ['a1'],
      recordedAt: day(80),
    });
    await append(
      finding(STOCKHOLM, 'overtime-1'),
      'RemediationVerified',
      {
        findingId: 'overtime-1',
        verifiedBy: 'electronics-watch',
        method: 'worker-driven monitoring',
        verificationRef: 'ew-2014-02',
        factoryId: 'shenzhen-laptops-1',
        verifiedAt: day(85),
      },
      { role: 'monitor' },
    );
    await append(finding(STOCKHOLM, 'overtime-1'), 'BreachClosed', {
      findingId: 'overtime-1',
      reasons: 'remediation verified',
      closedBy: 'compliance_officer-1',
      closedAt: day(86),
    });

    await recordFinding('dormitory-1');
    await append(finding(STOCKHOLM, 'dormitory-1'), 'FindingDismissed', {
      findingId: 'dormitory-1',
      reasons: 'dormitory inspected: no breach',
      dismissedBy: 'compliance_officer-1',
      dismissedAt: day(5),
    });
  };

  /** The standstill the breach-escalation workflow imposed, lifted by a compliance officer after verification. */
  const dellStandstill = async (org = STOCKHOLM, lift = true) => {
    await append(
      supplyStandstillStreamId(org, 'standstill-1'),
      'SupplyStandstillImposed',
      {
        standstillId: 'standstill-1',
        factoryId: 'shenzhen-laptops-1',
        caseId: 'laptops-2026',
        contractorId: 'dell',
        findingIds: ['overtime-1'],
        reasons: 'plan overdue: ladder step supply_standstill',
        buyerOrganisationId: org,
        imposedBy: 'breach-escalation',
        imposedAt: day(30),
      },
      { org, role: 'workflow', actor: 'breach-escalation' },
    );
    if (!lift) return;
    await append(
      supplyStandstillStreamId(org, 'standstill-1'),
      'StandstillRemediationVerified',
      {
        standstillId: 'standstill-1',
        findingId: 'overtime-1',
        verificationRef: 'ew-2014-02',
        verifiedBy: 'electronics-watch',
        notedAt: day(85),
      },
      { org, role: 'workflow' },
    );
    await append(
      supplyStandstillStreamId(org, 'standstill-1'),
      'SupplyStandstillLifted',
      {
        standstillId: 'standstill-1',
        factoryId: 'shenzhen-laptops-1',
        reasons: 'remediation verified by Electronics Watch',
        liftedBy: 'anna-compliance',
        liftedAt: day(86),
      },
      { org, actor: 'anna-compliance' },
    );
  };

  const review = async () => {
    const stream = purchasingPracticeReviewStreamId(STOCKHOLM, 'review-1');
    await append(stream, 'PurchasingPracticeReviewOpened', {
      reviewId: 'review-1',
      caseId: 'laptops-2026',
      findingIds: ['overtime-1'],
      scope: 'Lead times of the 2026 laptop call-offs',
      buyerOrganisationId: STOCKHOLM,
      openedAt: day(20),
    });
    await append(stream, 'FindingLinkedToPurchasingPractice', {
      reviewId: 'review-1',
      findingId: 'overtime-1',
      practice: 'lead_time',
      observation: 'call-offs with 10-day lead times before school term',
      linkedAt: day(21),
    });
    await append(stream, 'FindingLinkedToPurchasingPractice', {
      reviewId: 'review-1',
      findingId: 'overtime-1',
      practice: 'price',
      observation: 'unit price below cost of legal overtime',
      linkedAt: day(21),
    });
    await append(stream, 'PurchasingPracticeAdjusted', {
      reviewId: 'review-1',
      adjustmentId: 'adj-1',
      practice: 'lead_time',
      before: '10 days',
      after: '30 days',
      reasons: 'plan call-offs a term ahead',
      adjustedBy: 'compliance_officer-1',
      adjustedAt: day(25),
    });
    await append(stream, 'PurchasingPracticeReviewConcluded', {
      reviewId: 'review-1',
      conclusion: 'lead times lengthened; price kept',
      reasonsNotAdjusted: { price: 'framework price fixed for the contract term' },
      concludedAt: day(30),
    });
  };

  // --- The OSCE cleaning contract: bids, a complaint, and the contract's due diligence ---
  const cleaning = (org = STOCKHOLM) => procurementCaseStreamId(org, 'cleaning-2026');
  const bid = (bidId: string, supplierId: string, price: number, org = STOCKHOLM) =>
    append(
      cleaning(org),
      'BidSubmitted',
      {
        caseId: 'cleaning-2026',
        bidId,
        supplierId,
        price,
        disclosedSharePercent: 100,
        factories: [],
        selfDeclarations: declarations,
        subcontractorIds: ['staffing-agency-1'],
        submittedAt: day(3),
      },
      { org, role: 'supplier', actor: supplierId },
    );
  const tender = async () => {
    await bid('bid-clean', 'nordic-clean', 1_200_000);
    await bid('bid-low', 'cheap-clean', 400_000);
    await bid('bid-excluded', 'shady-clean', 900_000);
    await append(cleaning(), 'BiddingClosed', { caseId: 'cleaning-2026', bidCount: 3, closedAt: day(4) });
    const ground = {
      kind: 'discretionary',
      ground: 'breach_of_labour_law',
      facts: 'labour inspectorate fine for unpaid wages, 2025',
      occurredOn: '2025-09-15',
    } as const;
    await append(cleaning(), 'ExclusionGroundNotApplied', {
      caseId: 'cleaning-2026',
      bidId: 'bid-clean',
      subject: { kind: 'subcontractor', subcontractorId: 'staffing-agency-1' },
      ground,
      reasons: 'fine paid and measures taken before the tender',
      decidedBy: 'contract_manager-1',
      decidedAt: day(5),
    });
    await append(cleaning(), 'BidderExcluded', {
      caseId: 'cleaning-2026',
      bidId: 'bid-excluded',
      ground,
      reasons: 'workers paid below the collective agreement',
      excludedUntil: day(700),
      decidedBy: 'contract_manager-1',
      decidedAt: day(5),
    });
    await append(cleaning(), 'SelfCleaningEvidenceSubmitted', {
      caseId: 'cleaning-2026',
      bidId: 'bid-excluded',
      evidence: {
        compensation: 'committed',
        factsClarifiedWithInvestigators: true,
        technicalMeasures: [],
        organisationalMeasures: ['payroll audit'],
        personnelMeasures: [],
      },
      evidenceRefs: ['self-cleaning-1'],
      submittedAt: day(6),
    });
    await append(cleaning(), 'SelfCleaningRejected', {
      caseId: 'cleaning-2026',
      bidId: 'bid-excluded',
      reasons: 'compensation only committed, not paid',
      decidedBy: 'contract_manager-1',
      decidedAt: day(7),
    });
    await append(cleaning(), 'BidFlaggedAbnormallyLow', {
      caseId: 'cleaning-2026',
      bidId: 'bid-low',
      reasons: 'price below the collective-agreement wage bill',
      flaggedAt: day(5),
    });
    await append(cleaning(), 'LowBidExplanationRequested', {
      caseId: 'cleaning-2026',
      bidId: 'bid-low',
      questions: ['How are wages under the collective agreement covered?'],
      requestedAt: day(5),
    });
    await append(cleaning(), 'BidRejected', {
      caseId: 'cleaning-2026',
      bidId: 'bid-low',
      reason: 'abnormally_low_labour_or_social_law',
      explanationRef: 'explanation-1',
      reasons: 'wages below the collective agreement',
      decidedAt: day(8),
    });
    await append(cleaning(), 'BidEvaluated', {
      caseId: 'cleaning-2026',
      bidId: 'bid-clean',
      scores: [
        { criterionId: 'price', score: 70 },
        { criterionId: 'working-conditions', score: 90 },
      ],
      totalScore: 78,
      socialScore: 27,
      evaluatedAt: day(9),
    });
    await append(cleaning(), 'AwardDecided', {
      caseId: 'cleaning-2026',
      awardId: 'award-1',
      bidId: 'bid-clean',
      supplierId: 'nordic-clean',
      noticeMeans: 'electronic',
      reasons: 'best price-quality ratio',
      notifiedAt: day(10),
      occurredAt: day(10),
      standstillEndsAt: day(20),
      decidedBy: 'contract_manager-1',
    });
    await append(
      cleaning(),
      'ComplaintSubmitted',
      {
        caseId: 'cleaning-2026',
        complaintId: 'complaint-1',
        complainant: 'cheap-clean',
        grounds: 'the low-bid explanation was not weighed',
        awardId: 'award-1',
        submittedAt: day(12),
        occurredAt: day(12),
      },
      { role: 'supplier', actor: 'cheap-clean' },
    );
    await append(cleaning(), 'ComplaintAccepted', {
      caseId: 'cleaning-2026',
      complaintId: 'complaint-1',
      acceptedAt: day(13),
    });
  };
  const dismissComplaint = (org = STOCKHOLM) =>
    append(
      cleaning(org),
      'ComplaintDismissed',
      {
        caseId: 'cleaning-2026',
        complaintId: 'complaint-1',
        reasons: 'the explanation was weighed and refused on wages',
        awardId: 'award-1',
        dismissedAt: day(15),
      },
      { org },
    );
  const performance = async () => {
    await append(cleaning(), 'ContractSigned', {
      caseId: 'cleaning-2026',
      contractId: 'contract-cleaning-1',
      bidId: 'bid-clean',
      supplierId: 'nordic-clean',
      factories: [],
      disclosedSharePercent: 100,
      signedBy: 'contract_manager-1',
      signedAt: day(21),
    });
    await append(cleaning(), 'CompliancePlansDue', {
      caseId: 'cleaning-2026',
      contractId: 'contract-cleaning-1',
      factoryIds: ['site-hq', 'site-annex'],
      annualPurchaseThreshold: 100_000,
      dueBy: day(386),
      recordedAt: day(21),
    });
    await append(cleaning(), 'CompliancePlanSubmitted', {
      caseId: 'cleaning-2026',
      factoryId: 'site-hq',
      planRef: 'plan-hq',
      measures: ['wage slips checked monthly'],
      contractYear: 1,
      onTime: true,
      submittedAt: day(60),
    });
    await append(
      cleaning(),
      'QuestionnaireIssued',
      {
        caseId: 'cleaning-2026',
        questionnaireId: 'q-cleaning-year-1',
        contractYear: 1,
        supplierId: 'nordic-clean',
        deadline: day(51),
        remindersDueAt: [day(35), day(45)],
        issuedAt: day(21),
      },
      { role: 'workflow' },
    );
    await append(
      cleaning(),
      'QuestionnaireReminderSent',
      {
        caseId: 'cleaning-2026',
        questionnaireId: 'q-cleaning-year-1',
        reminderNumber: 1,
        deadline: day(51),
        sentAt: day(35),
      },
      { role: 'workflow' },
    );
  };

  beforeEach(async () => {
    ({ driver, drop } = await open());
    store = await SqlEventStore.open(driver);
    runner = new ProjectionRunner(store, driver, projections);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
    await drop();
  });

  it('keeps findings with their breach, plan, remedies, verification, dismissal and closure', async () => {
    await dellBreach();
    await settled();
    const [closed] = await rows<Record<string, unknown>>(
      `SELECT finding_id, status, contractor_id, evidence_count, plan_status, plan_id, plan_submitted_by,
              plan_due_by, plan_deadline, next_deadline, remedies_count, workers_remedied, remediation_result,
              verified_by, verification_ref, closure_reasons, closed_by, revision
         FROM rm_findings WHERE organisation_id = $1 AND finding_id = 'overtime-1'`,
      [STOCKHOLM],
    );
    expect(closed).toEqual({
      finding_id: 'overtime-1',
      status: 'breach_closed',
      contractor_id: 'dell',
      evidence_count: 2,
      plan_status: 'result_recorded',
      plan_id: 'plan-1',
      plan_submitted_by: 'dell-supplier-1',
      plan_due_by: new Date(day(16)),
      plan_deadline: new Date(day(90)),
      next_deadline: null,
      remedies_count: 2,
      workers_remedied: 412,
      remediation_result: 'complete',
      verified_by: 'electronics-watch',
      verification_ref: 'ew-2014-02',
      closure_reasons: 'remediation verified',
      closed_by: 'compliance_officer-1',
      revision: expect.anything(),
    });
    // The eleventh event of the finding's stream (revisions count from 0).
    expect(Number(closed.revision)).toBe(10);
    expect(
      await rows(
        `SELECT finding_id, status, dismissal_reasons, plan_status FROM rm_findings
          WHERE finding_id = 'dormitory-1'`,
      ),
    ).toEqual([
      {
        finding_id: 'dormitory-1',
        status: 'dismissed',
        dismissal_reasons: 'dormitory inspected: no breach',
        plan_status: null,
      },
    ]);
    expect(
      await rows(
        `SELECT remedy_id, finding_id, factory_id, case_id, contractor_id, kind, workers_covered,
                amount::float8 AS amount, currency
           FROM rm_remedies ORDER BY remedy_id`,
      ),
    ).toEqual([
      {
        remedy_id: 'back-pay-1',
        finding_id: 'overtime-1',
        factory_id: 'shenzhen-laptops-1',
        case_id: 'laptops-2026',
        contractor_id: 'dell',
        kind: 'back_pay',
        workers_covered: 400,
        amount: 250000,
        currency: 'CNY',
      },
      {
        remedy_id: 'reinstatement-1',
        finding_id: 'overtime-1',
        factory_id: 'shenzhen-laptops-1',
        case_id: 'laptops-2026',
        contractor_id: 'dell',
        kind: 'reinstatement',
        workers_covered: 12,
        amount: null,
        currency: null,
      },
    ]);
  });

  it('keeps a breach of a contract clause, which has no factory, among the findings', async () => {
    const findingId = 'laptops-2026.contract-1.year-1.disclosure-ratchet';
    await append(
      finding(STOCKHOLM, findingId),
      'FindingRecorded',
      {
        findingId,
        caseId: 'laptops-2026',
        source: 'contract_clause',
        severity: 'medium',
        standardBreached: 'supply-chain disclosure ratchet, contract year 1: 60% (necessary step)',
        workersAffected: 0,
        description: '50% of the supply chain disclosed by the end of contract year 1; the contract requires 60%',
        evidenceRefs: [],
        shareableWithOtherBuyers: false,
        recordedByOrganisationId: STOCKHOLM,
        recordedBy: 'contract-due-diligence:stockholm/laptops-2026',
        recordedAt: day(365),
      },
      { role: 'workflow' },
    );
    await append(
      finding(STOCKHOLM, findingId),
      'BreachConfirmed',
      {
        findingId,
        reasons: 'disclosure below the ratchet',
        caseId: 'laptops-2026',
        contractorId: 'dell',
        severity: 'medium',
        workersAffected: 0,
        remedyTimetable: timetable,
        confirmedBy: 'contract-due-diligence:stockholm/laptops-2026',
        confirmedAt: day(365),
      },
      { role: 'workflow' },
    );
    await settled();
    expect(await rows('SELECT factory_id, source, status FROM rm_findings WHERE finding_id = $1', [findingId])).toEqual(
      [{ factory_id: null, source: 'contract_clause', status: 'breach_confirmed' }],
    );
    expect(await rows('SELECT count(*)::int AS parked FROM pj_parked_events')).toEqual([{ parked: 0 }]);
  });

  it('shows the plan a contractor owes and its deadline while it is requested, and when it is overdue', async () => {
    await recordFinding('overtime-2');
    await confirmBreach('overtime-2');
    await append(
      finding(STOCKHOLM, 'overtime-2'),
      'CorrectiveActionPlanRequested',
      { findingId: 'overtime-2', dueBy: day(16), requestedBy: 'workflow', requestedAt: day(2) },
      { role: 'workflow' },
    );
    await settled();
    const owed = () =>
      rows<{ finding_id: string; plan_status: string; next_deadline: Date }>(
        `SELECT finding_id, plan_status, next_deadline FROM rm_findings
          WHERE organisation_id = $1 AND contractor_id = 'dell' AND next_deadline IS NOT NULL ORDER BY next_deadline`,
        [STOCKHOLM],
      );
    expect(await owed()).toEqual([
      { finding_id: 'overtime-2', plan_status: 'requested', next_deadline: new Date(day(16)) },
    ]);
    await append(
      finding(STOCKHOLM, 'overtime-2'),
      'CorrectiveActionPlanOverdue',
      { findingId: 'overtime-2', dueBy: day(16), recordedAt: day(16) },
      { role: 'workflow' },
    );
    await settled();
    expect(await owed()).toEqual([
      { finding_id: 'overtime-2', plan_status: 'overdue', next_deadline: new Date(day(16)) },
    ]);
  });

  it('keeps who imposed and who lifted a supply standstill, and the purchasing-practice review', async () => {
    await dellStandstill();
    await review();
    await settled();
    expect(
      await rows(
        `SELECT standstill_id, factory_id, case_id, contractor_id, finding_ids, verified_finding_ids, status,
                imposed_by, imposed_by_role, lift_reasons, lifted_by, lifted_by_role, lifted_at FROM rm_standstills`,
      ),
    ).toEqual([
      {
        standstill_id: 'standstill-1',
        factory_id: 'shenzhen-laptops-1',
        case_id: 'laptops-2026',
        contractor_id: 'dell',
        finding_ids: ['overtime-1'],
        verified_finding_ids: ['overtime-1'],
        status: 'lifted',
        imposed_by: 'breach-escalation',
        imposed_by_role: 'workflow',
        lift_reasons: 'remediation verified by Electronics Watch',
        lifted_by: 'anna-compliance',
        lifted_by_role: 'compliance_officer',
        lifted_at: new Date(day(86)),
      },
    ]);
    // Recorded before standstills had a scope: it covered the contract it was imposed under.
    expect(await rows('SELECT scope, proposed_by FROM rm_standstills')).toEqual([
      { scope: 'contract', proposed_by: null },
    ]);
    const [reviewRow] = await rows<Record<string, unknown>>(
      `SELECT review_id, case_id, status, finding_ids, links, adjustments, linked_practices, adjusted_practices,
              conclusion, reasons_not_adjusted FROM rm_purchasing_practice_reviews`,
    );
    expect(reviewRow).toMatchObject({
      review_id: 'review-1',
      case_id: 'laptops-2026',
      status: 'concluded',
      finding_ids: ['overtime-1'],
      linked_practices: ['lead_time', 'price'],
      adjusted_practices: ['lead_time'],
      conclusion: 'lead times lengthened; price kept',
      reasons_not_adjusted: { price: 'framework price fixed for the contract term' },
    });
    expect(reviewRow.links).toHaveLength(2);
    expect(reviewRow.adjustments).toEqual([
      expect.objectContaining({ adjustmentId: 'adj-1', before: '10 days', after: '30 days' }),
    ]);
  });

  it('keeps the bids and complaints of a case, and its contract’s questionnaires and due-diligence cycles', async () => {
    await tender();
    await settled();
    expect(
      await rows(
        `SELECT bid_id, supplier_id, status, excluded, self_cleaning, low_price_review, rejection_reason,
                total_score::float8 AS total_score, award_id, jsonb_array_length(exclusion_grounds_not_applied::jsonb) AS grounds_not_applied
           FROM rm_bids WHERE organisation_id = $1 AND case_id = 'cleaning-2026' ORDER BY bid_id`,
        [STOCKHOLM],
      ),
    ).toEqual([
      {
        bid_id: 'bid-clean',
        supplier_id: 'nordic-clean',
        status: 'awarded',
        excluded: false,
        self_cleaning: null,
        low_price_review: null,
        rejection_reason: null,
        total_score: 78,
        award_id: 'award-1',
        grounds_not_applied: 1,
      },
      {
        bid_id: 'bid-excluded',
        supplier_id: 'shady-clean',
        status: 'excluded',
        excluded: true,
        self_cleaning: 'rejected',
        low_price_review: null,
        rejection_reason: null,
        total_score: null,
        award_id: null,
        grounds_not_applied: 0,
      },
      {
        bid_id: 'bid-low',
        supplier_id: 'cheap-clean',
        status: 'rejected',
        excluded: false,
        self_cleaning: null,
        low_price_review: 'explanation_requested',
        rejection_reason: 'abnormally_low_labour_or_social_law',
        total_score: null,
        award_id: null,
        grounds_not_applied: 0,
      },
    ]);
    const complaint = () =>
      rows('SELECT complaint_id, complainant, award_id, status, holds_signature, decision_reasons FROM rm_complaints');
    expect(await complaint()).toEqual([
      {
        complaint_id: 'complaint-1',
        complainant: 'cheap-clean',
        award_id: 'award-1',
        status: 'accepted',
        holds_signature: true,
        decision_reasons: null,
      },
    ]);
    await dismissComplaint();
    await performance();
    await settled();
    expect(await complaint()).toEqual([
      expect.objectContaining({ status: 'dismissed', holds_signature: false, decision_reasons: expect.any(String) }),
    ]);
    expect(await rows("SELECT status, contract_id FROM rm_bids WHERE bid_id = 'bid-clean'")).toEqual([
      { status: 'contracted', contract_id: 'contract-cleaning-1' },
    ]);

    // What the supplier finds: its questionnaire and the deadline it must meet, and its compliance plans.
    expect(
      await rows(
        `SELECT questionnaire_id, case_id, contract_year, contract_id, status, deadline, reminders_sent
           FROM rm_questionnaires WHERE organisation_id = $1 AND supplier_id = 'nordic-clean'`,
        [STOCKHOLM],
      ),
    ).toEqual([
      {
        questionnaire_id: 'q-cleaning-year-1',
        case_id: 'cleaning-2026',
        contract_year: 1,
        contract_id: 'contract-cleaning-1',
        status: 'issued',
        deadline: new Date(day(51)),
        reminders_sent: 1,
      },
    ]);
    expect(
      await rows(
        `SELECT contract_year, stage, questionnaire_id, questionnaire_status, next_deadline FROM rm_due_diligence_cycles
          WHERE organisation_id = $1 AND supplier_id = 'nordic-clean'`,
        [STOCKHOLM],
      ),
    ).toEqual([
      {
        contract_year: 1,
        stage: 'questionnaire_issued',
        questionnaire_id: 'q-cleaning-year-1',
        questionnaire_status: 'issued',
        next_deadline: new Date(day(51)),
      },
    ]);
    expect(
      await rows(
        `SELECT contract_id, current_year, compliance_plans_due_by, compliance_plans_required, compliance_plans_submitted
           FROM rm_due_diligence_contracts WHERE supplier_id = 'nordic-clean'`,
      ),
    ).toEqual([
      {
        contract_id: 'contract-cleaning-1',
        current_year: 1,
        compliance_plans_due_by: new Date(day(386)),
        compliance_plans_required: ['site-hq', 'site-annex'],
        compliance_plans_submitted: [
          { factoryId: 'site-hq', planRef: 'plan-hq', contractYear: 1, onTime: true, submittedAt: day(60) },
        ],
      },
    ]);

    // The supplier stays silent; the year goes on with a desk review, an audit and a second year.
    await append(
      cleaning(),
      'SupplierSilenceEscalated',
      {
        caseId: 'cleaning-2026',
        questionnaireId: 'q-cleaning-year-1',
        contractYear: 1,
        supplierId: 'nordic-clean',
        deadline: day(51),
        remindersSent: 2,
        escalatedAt: day(52),
      },
      { role: 'workflow' },
    );
    await append(
      cleaning(),
      'DeskReviewCompleted',
      {
        caseId: 'cleaning-2026',
        contractYear: 1,
        questionnaireAnswered: false,
        riskLevel: 'high',
        severeFindingIds: [],
        auditReasons: ['high_risk'],
        completedAt: day(55),
      },
      { role: 'workflow' },
    );
    await append(
      cleaning(),
      'IndependentAuditRequested',
      {
        caseId: 'cleaning-2026',
        contractYear: 1,
        auditId: 'audit-1',
        method: 'worker_driven',
        reasons: ['high_risk'],
        findingIds: [],
        factoryIds: ['site-hq'],
        requestedAt: day(56),
      },
      { role: 'workflow' },
    );
    await append(
      cleaning(),
      'ContractYearBegan',
      { caseId: 'cleaning-2026', contractYear: 2, requiredDisclosureSharePercent: 100, beganAt: day(386) },
      { role: 'workflow' },
    );
    await settled();
    expect(
      await rows(
        `SELECT contract_year, stage, questionnaire_status, risk_level, audit_id, audit_method, next_deadline
           FROM rm_due_diligence_cycles ORDER BY contract_year`,
      ),
    ).toEqual([
      {
        contract_year: 1,
        stage: 'audit_requested',
        questionnaire_status: 'supplier_silent',
        risk_level: 'high',
        audit_id: 'audit-1',
        audit_method: 'worker_driven',
        next_deadline: new Date(day(51)),
      },
      {
        contract_year: 2,
        stage: 'began',
        questionnaire_status: null,
        risk_level: null,
        audit_id: null,
        audit_method: null,
        next_deadline: null,
      },
    ]);
    expect(await rows('SELECT status, reminders_sent FROM rm_questionnaires')).toEqual([
      { status: 'supplier_silent', reminders_sent: 2 },
    ]);
  });

  it('changes nothing when every event is delivered again, and rebuilds to the same rows', async () => {
    await dellBreach();
    await dellStandstill();
    await review();
    await tender();
    await performance();
    await settled();
    const before = await snapshot();
    expect(before.rm_remedies).toHaveLength(2);
    expect(before.rm_bids).toHaveLength(3);

    // Redelivery after a crash that lost the checkpoint: each event reaches apply a second time.
    const { events } = await store.readAll({ after: START_OF_LOG, maxCount: 1000 });
    for (const projection of projections)
      await driver.transaction(async (tx) => {
        for (const event of events)
          if (!projection.eventTypes || projection.eventTypes.has(event.type)) await projection.apply(tx, event);
      });
    expect(await snapshot()).toEqual(before);

    await runner.stop();
    for (const projection of projections) await rebuildProjection(store, driver, projection);
    expect(await snapshot()).toEqual(before);
  });

  // Ids are each organisation's own: two buyers' equal ids are two rows, each moved on by its own events.
  it('keeps two organisations’ equal ids apart', async () => {
    for (const org of [STOCKHOLM, MADISON]) {
      await recordFinding('same', org);
      await confirmBreach('same', org);
      await dellStandstill(org, false);
      await bid('bid-1', 'nordic-clean', 1_000_000, org);
      await append(
        cleaning(org),
        'ComplaintSubmitted',
        {
          caseId: 'cleaning-2026',
          complaintId: 'complaint-1',
          complainant: 'cheap-clean',
          grounds: 'evaluation',
          awardId: 'award-1',
          submittedAt: day(12),
          occurredAt: day(12),
        },
        { org, role: 'supplier' },
      );
    }
    // Only Madison's move on.
    await append(
      finding(MADISON, 'same'),
      'RemedyToWorkersRecorded',
      {
        findingId: 'same',
        remedyId: 'back-pay-1',
        kind: 'back_pay',
        workersCovered: 10,
        amount: 5000,
        currency: 'USD',
        description: 'back pay',
        recordedAt: day(40),
      },
      { org: MADISON },
    );
    await append(
      supplyStandstillStreamId(MADISON, 'standstill-1'),
      'SupplyStandstillLifted',
      {
        standstillId: 'standstill-1',
        factoryId: 'shenzhen-laptops-1',
        reasons: 'verified',
        liftedBy: 'madison-officer',
        liftedAt: day(50),
      },
      { org: MADISON },
    );
    await append(
      cleaning(MADISON),
      'BidEvaluated',
      { caseId: 'cleaning-2026', bidId: 'bid-1', scores: [], totalScore: 60, socialScore: 20, evaluatedAt: day(9) },
      { org: MADISON },
    );
    await dismissComplaint(MADISON);
    await settled();
    const byOrg = (sql: string) => rows(`${sql} ORDER BY 1`);
    expect(await byOrg('SELECT organisation_id, remedies_count FROM rm_findings')).toEqual([
      { organisation_id: MADISON, remedies_count: 1 },
      { organisation_id: STOCKHOLM, remedies_count: 0 },
    ]);
    expect(await byOrg('SELECT organisation_id, remedy_id FROM rm_remedies')).toEqual([
      { organisation_id: MADISON, remedy_id: 'back-pay-1' },
    ]);
    expect(await byOrg('SELECT organisation_id, status FROM rm_standstills')).toEqual([
      { organisation_id: MADISON, status: 'lifted' },
      { organisation_id: STOCKHOLM, status: 'in_force' },
    ]);
    expect(await byOrg('SELECT organisation_id, status FROM rm_bids')).toEqual([
      { organisation_id: MADISON, status: 'evaluated' },
      { organisation_id: STOCKHOLM, status: 'submitted' },
    ]);
    expect(await byOrg('SELECT organisation_id, status FROM rm_complaints')).toEqual([
      { organisation_id: MADISON, status: 'dismissed' },
      { organisation_id: STOCKHOLM, status: 'submitted' },
    ]);
  });
});
