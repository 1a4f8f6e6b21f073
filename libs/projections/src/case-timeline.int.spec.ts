import {
  findingStreamId,
  grievanceStreamId,
  procurementCaseStreamId,
  purchasingPracticeReviewStreamId,
  supplyStandstillStreamId,
  type EventOfType,
  type EventType,
} from '@pj/domain';
import { readLogToNow, SqlEventStore, type LogPosition, type SqlDriver } from '@pj/event-store';
import { caseTimelineProjection, rebuildProjection, ProjectionRunner } from '.';
import { appendTyped, readModelBackends } from './testing/read-model-backends';

// One timeline per case: the case's own events and those of its findings, standstills,
// purchasing-practice reviews and grievances, in log order, each with who did it. Stockholm County
// Council's laptops case with Dell: overtime at a Shenzhen factory (2013).
const STOCKHOLM = 'stockholm-county-council';
const MADISON = 'city-of-madison';
const CASE = 'laptops-2026';
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9)).toISOString();
const timetable = {
  planDueWithinDays: 14,
  escalationAfterDays: {
    reminder: 0,
    escalated_to_compliance_officer: 7,
    supply_standstill: 21,
    termination_proposed: 42,
  },
};

const backends = readModelBackends('case_timeline');

describe.each(backends)('the case timeline on %s', (_name, open) => {
  let driver: SqlDriver;
  let drop: () => Promise<void>;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let last: LogPosition;

  /** Records one event as the domain types it, by an actor of `role` (`<role>-1`). */
  const append = async <T extends EventType>(
    streamId: string,
    type: T,
    data: EventOfType<T>['data'],
    options: { org?: string; role?: string } = {},
  ) => {
    last = await appendTyped(store, streamId, type, data, {
      ...options,
      org: options.org ?? STOCKHOLM,
      recordedAt: day(0),
    });
  };
  const timeline = (org = STOCKHOLM, caseId = CASE) =>
    driver.query<Record<string, unknown>>(
      `SELECT aggregate, source_id, revision::int AS revision, event_type, actor_id, actor_role
         FROM rm_case_timeline WHERE organisation_id = $1 AND case_id = $2 ORDER BY log_order`,
      [org, caseId],
    );

  beforeEach(async () => {
    ({ driver, drop } = await open());
    store = await SqlEventStore.open(driver);
    runner = new ProjectionRunner(store, driver, [caseTimelineProjection]);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
    await drop();
  });

  const findingRecorded = (org: string, findingId: string) =>
    append(
      findingStreamId(org, findingId),
      'FindingRecorded',
      {
        findingId,
        factoryId: 'shenzhen-laptops-1',
        caseId: CASE,
        source: 'worker_driven_monitor',
        severity: 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 420,
        description: 'Excessive overtime before shipments',
        evidenceRefs: ['danwatch-report-2013'],
        shareableWithOtherBuyers: false,
        recordedByOrganisationId: org,
        recordedBy: 'monitor-1',
        recordedAt: day(1),
      },
      { org, role: 'monitor' },
    );

  it('holds the case’s findings, standstills, reviews and grievances in log order, with their actors', async () => {
    await append(
      procurementCaseStreamId(STOCKHOLM, CASE),
      'CaseOpened',
      {
        caseId: CASE,
        buyerOrganisationId: STOCKHOLM,
        title: 'Laptops 2026',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
        openedBy: 'contract_manager-1',
        openedAt: day(0),
      },
      { role: 'contract_manager' },
    );
    await findingRecorded(STOCKHOLM, 'overtime');
    // Madison's finding of the same id names a case of the same id: it stays on Madison's side.
    await findingRecorded(MADISON, 'overtime');
    await append(findingStreamId(STOCKHOLM, 'overtime'), 'BreachConfirmed', {
      findingId: 'overtime',
      reasons: 'audit confirmed 90-hour weeks',
      caseId: CASE,
      contractorId: 'dell',
      factoryId: 'shenzhen-laptops-1',
      severity: 'high',
      workersAffected: 420,
      remedyTimetable: timetable,
      confirmedBy: 'compliance_officer-1',
      confirmedAt: day(2),
    });
    // Later finding events do not name the case: the timeline knows it from the finding's first.
    await append(
      findingStreamId(STOCKHOLM, 'overtime'),
      'CorrectiveActionPlanRequested',
      { findingId: 'overtime', dueBy: day(16), requestedBy: 'breach-escalation', requestedAt: day(2) },
      { role: 'workflow' },
    );
    await append(supplyStandstillStreamId(STOCKHOLM, 'standstill-1'), 'SupplyStandstillImposed', {
      standstillId: 'standstill-1',
      factoryId: 'shenzhen-laptops-1',
      caseId: CASE,
      contractorId: 'dell',
      findingIds: ['overtime'],
      reasons: 'no plan after 21 days',
      buyerOrganisationId: STOCKHOLM,
      imposedBy: 'compliance_officer-1',
      imposedAt: day(23),
    });
    await append(purchasingPracticeReviewStreamId(STOCKHOLM, 'review-1'), 'PurchasingPracticeReviewOpened', {
      reviewId: 'review-1',
      caseId: CASE,
      findingIds: ['overtime'],
      scope: 'lead times before shipments',
      buyerOrganisationId: STOCKHOLM,
      openedAt: day(24),
    });
    await append(purchasingPracticeReviewStreamId(STOCKHOLM, 'review-1'), 'FindingLinkedToPurchasingPractice', {
      reviewId: 'review-1',
      findingId: 'overtime',
      practice: 'lead_time',
      observation: 'orders changed a week before shipment',
      linkedAt: day(25),
    });
    await append(
      grievanceStreamId(STOCKHOLM, 'grievance-1'),
      'GrievanceSubmitted',
      {
        grievanceId: 'grievance-1',
        factoryId: 'shenzhen-laptops-1',
        caseId: CASE,
        channel: 'hotline',
        anonymous: false,
        complainant: { name: 'Li Wei', contact: '+86 555 0100' },
        allegation: 'Overtime wages withheld',
        workersConcerned: 40,
        severity: 'high',
        acknowledgeBy: day(33),
        submittedAt: day(26),
        occurredAt: day(26),
      },
      { role: 'monitor' },
    );
    // A grievance naming no case joins its finding's case when referred to it.
    await append(
      grievanceStreamId(STOCKHOLM, 'grievance-2'),
      'GrievanceSubmitted',
      {
        grievanceId: 'grievance-2',
        factoryId: 'shenzhen-laptops-1',
        channel: 'hotline',
        anonymous: true,
        allegation: 'Threats after the audit',
        workersConcerned: 3,
        severity: 'high',
        acknowledgeBy: day(34),
        submittedAt: day(27),
        occurredAt: day(27),
      },
      { role: 'monitor' },
    );
    await append(grievanceStreamId(STOCKHOLM, 'grievance-2'), 'GrievanceReferredToFinding', {
      grievanceId: 'grievance-2',
      findingId: 'overtime',
      factoryId: 'shenzhen-laptops-1',
      referredAt: day(28),
    });
    await runner.waitFor(last, 20_000);

    const expected = [
      ['procurementCase', CASE, 0, 'CaseOpened', 'contract_manager'],
      ['finding', 'overtime', 0, 'FindingRecorded', 'monitor'],
      ['finding', 'overtime', 1, 'BreachConfirmed', 'compliance_officer'],
      ['finding', 'overtime', 2, 'CorrectiveActionPlanRequested', 'workflow'],
      ['supplyStandstill', 'standstill-1', 0, 'SupplyStandstillImposed', 'compliance_officer'],
      ['purchasingPracticeReview', 'review-1', 0, 'PurchasingPracticeReviewOpened', 'compliance_officer'],
      ['purchasingPracticeReview', 'review-1', 1, 'FindingLinkedToPurchasingPractice', 'compliance_officer'],
      ['grievance', 'grievance-1', 0, 'GrievanceSubmitted', 'monitor'],
      ['grievance', 'grievance-2', 1, 'GrievanceReferredToFinding', 'compliance_officer'],
    ].map(([aggregate, source_id, revision, event_type, role]) => ({
      aggregate,
      source_id,
      revision,
      event_type,
      actor_id: `${role as string}-1`,
      actor_role: role,
    }));
    expect(await timeline()).toEqual(expected);
    // The other organisation's finding is on its own case of that id only.
    expect(await timeline(MADISON)).toEqual([
      {
        aggregate: 'finding',
        source_id: 'overtime',
        revision: 0,
        event_type: 'FindingRecorded',
        actor_id: 'monitor-1',
        actor_role: 'monitor',
      },
    ]);
    // The worker's name stays in the log: readers of the timeline do not see it.
    const [submitted] = await driver.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM rm_case_timeline WHERE source_id = 'grievance-1'`,
    );
    expect(submitted!.data).not.toHaveProperty('complainant');
    expect(submitted!.data).toMatchObject({ allegation: 'Overtime wages withheld', caseId: CASE });

    // Every event delivered again (as after a crash before the checkpoint) changes nothing.
    for await (const page of readLogToNow(store))
      for (const event of page.events)
        if (caseTimelineProjection.eventTypes!.has(event.type)) await caseTimelineProjection.apply(driver, event);
    expect(await timeline()).toEqual(expected);
    // A rebuild from the start of the log gives the same rows.
    await runner.stop();
    await rebuildProjection(store, driver, caseTimelineProjection);
    expect(await timeline()).toEqual(expected);
    runner = new ProjectionRunner(store, driver, [caseTimelineProjection]);
    await runner.start();
  });
});
