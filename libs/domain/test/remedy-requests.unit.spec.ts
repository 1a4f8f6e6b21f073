import { finding, grievance, type CorrectiveAction } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { day, findingCommand, grievanceCommand } from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// What the breach-escalation and grievance-intake workflows record: a plan requested by a deadline,
// submitted by the contractor, overdue; termination declined; the breach closed; grievances
// acknowledged by a deadline and escalated to a compliance officer.
const findingId = 'finding-1';
const findingSpec = DeciderSpecification(finding);
const officer = { role: 'compliance_officer' as const, now: day(5) };
const workflow = { role: 'workflow' as const, actorId: 'breach-escalation:finding-1' };

const record = (caseId = 'case-1') =>
  findingCommand(
    'RecordFinding',
    {
      findingId,
      factoryId: 'factory-big',
      ...(caseId ? { caseId } : {}),
      source: 'worker_driven_monitor',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work',
      workersAffected: 0,
      description: '74-hour weeks',
      evidenceRefs: [],
      shareableWithOtherBuyers: false,
    },
    { role: 'monitor', now: day(1) },
  );
const confirm = (overrides: object = {}) =>
  findingCommand(
    'ConfirmBreach',
    { findingId, reasons: 'payroll records', contractorId: 'supplier-a', remedyTimetable, ...overrides },
    officer,
  );
const request = (dueBy = day(19), now = day(5)) =>
  findingCommand('RequestCorrectiveActionPlan', { findingId, dueBy }, { ...workflow, now });
const actions: CorrectiveAction[] = [
  {
    actionId: 'hours',
    action: 'cap weekly hours at 60',
    forAffectedWorkers: false,
    responsibleParty: 'factory management',
    verificationMethod: 'time records',
    deadline: day(40),
    consequenceIfNotDone: 'supply standstill',
  },
];
const submit = (now = day(10), role: 'supplier' | 'monitor' = 'supplier') =>
  findingCommand(
    'SubmitCorrectiveActionPlan',
    { findingId, planId: 'plan-1', deadline: day(45), actions },
    { role, now, actorId: 'supplier-a-rep' },
  );
const confirmed = () => history(finding, [record(), confirm()]);

describe('breach confirmed with its remedy timetable', () => {
  it('carries the case, contractor, factory and timetable the workflow runs on', () =>
    findingSpec
      .given(history(finding, [record()]))
      .when(confirm())
      .thenEmits(([event]) =>
        expect(event).toEqual({
          type: 'BreachConfirmed',
          data: {
            findingId,
            reasons: 'payroll records',
            caseId: 'case-1',
            contractorId: 'supplier-a',
            factoryId: 'factory-big',
            severity: 'high',
            workersAffected: 0,
            remedyTimetable,
            confirmedBy: 'compliance_officer-1',
            confirmedAt: day(5),
          },
        }),
      ));

  it('needs a case', () =>
    findingSpec
      .given(history(finding, [record('')]))
      .when(confirm())
      .thenFails('finding.case_required'));

  it('refuses a ladder whose offsets decrease', () =>
    findingSpec
      .given(history(finding, [record()]))
      .when(
        confirm({
          remedyTimetable: {
            planDueWithinDays: 14,
            escalationAfterDays: {
              reminder: 7,
              escalated_to_compliance_officer: 0,
              supply_standstill: 21,
              termination_proposed: 35,
            },
          },
        }),
      )
      .thenFails('finding.remedy_timetable_invalid'));
});

describe('corrective action plan requested, submitted, overdue', () => {
  it('is requested with a deadline', () =>
    findingSpec
      .given(confirmed())
      .when(request())
      .then([
        {
          type: 'CorrectiveActionPlanRequested',
          data: { findingId, dueBy: day(19), requestedBy: 'breach-escalation:finding-1', requestedAt: day(5) },
        },
      ]));

  it('within days of the timetable: due by the end of the last day in the buyer’s calendar (Regulation 1182/71)', () =>
    findingSpec
      .given(confirmed())
      // Saturday 10 January 2026: 14 days from the 11th end on Saturday the 24th, so with Monday the 26th.
      .when(
        findingCommand('RequestCorrectiveActionPlan', { findingId, dueWithinDays: 14 }, { ...workflow, now: day(5) }),
      )
      .then([
        {
          type: 'CorrectiveActionPlanRequested',
          data: {
            findingId,
            dueBy: '2026-01-26T22:59:59.999Z',
            requestedBy: 'breach-escalation:finding-1',
            requestedAt: day(5),
          },
        },
      ]));

  it('refuses days that are no whole number above zero', () =>
    findingSpec
      .given(confirmed())
      .when(
        findingCommand('RequestCorrectiveActionPlan', { findingId, dueWithinDays: 0 }, { ...workflow, now: day(5) }),
      )
      .thenFails('corrective_action.deadline_in_past'));

  it('is submitted by the contractor and then agreed as submitted', () => {
    const given = history(finding, [...[record(), confirm(), request()]]);
    findingSpec
      .given(given)
      .when(submit())
      .thenEmits(([event]) => expect(event.type).toBe('CorrectiveActionPlanSubmitted'));
    findingSpec
      .given(given)
      .when(submit(day(10), 'monitor'))
      .thenFails('corrective_action.contractor_required');
  });

  it('cannot be submitted before it is requested', () =>
    findingSpec.given(confirmed()).when(submit()).thenFails('corrective_action.plan_not_requested'));

  it('is overdue only after its deadline, and only once', () => {
    const given = history(finding, [record(), confirm(), request()]);
    const overdue = (now: string) =>
      findingCommand('RecordCorrectiveActionPlanOverdue', { findingId }, { ...workflow, now });
    findingSpec
      .given(given)
      .when(overdue(day(18)))
      .thenFails('corrective_action.deadline_not_passed');
    findingSpec
      .given(given)
      .when(overdue(day(19)))
      .then([{ type: 'CorrectiveActionPlanOverdue', data: { findingId, dueBy: day(19), recordedAt: day(19) } }]);
    findingSpec
      .given(history(finding, [record(), confirm(), request(), overdue(day(19))]))
      .when(overdue(day(20)))
      .thenFails('corrective_action.nothing_missed');
  });
});

describe('termination proposal declined, breach closed', () => {
  it('only a compliance officer keeps the contract', () => {
    const decline = (role: 'compliance_officer' | 'workflow') =>
      findingCommand('DeclineTerminationProposal', { findingId, reasons: 'back pay started' }, { role, now: day(60) });
    findingSpec.given(confirmed()).when(decline('workflow')).thenFails('termination.compliance_officer_required');
    findingSpec
      .given(confirmed())
      .when(decline('compliance_officer'))
      .then([
        {
          type: 'TerminationProposalDeclined',
          data: { findingId, reasons: 'back pay started', decidedBy: 'compliance_officer-1', decidedAt: day(60) },
        },
      ]);
  });

  it('a breach closes once remediation is verified', () => {
    const close = () =>
      findingCommand('CloseBreach', { findingId, reasons: 'remedied' }, { ...workflow, now: day(50) });
    findingSpec.given(confirmed()).when(close()).thenFails('finding.remediation_not_verified');
    const verified = history(finding, [
      record(),
      confirm(),
      findingCommand('AgreeCorrectiveActionPlan', { findingId, planId: 'p', deadline: day(45), actions }, officer),
      findingCommand(
        'RecordRemediationResult',
        { findingId, result: 'complete', assessment: 'done', actionsCompleted: ['hours'] },
        { now: day(44) },
      ),
      findingCommand(
        'VerifyRemediation',
        { findingId, verifiedBy: 'monitor', method: 'visit', verificationRef: 'v-1' },
        { now: day(46) },
      ),
    ]);
    findingSpec
      .given(verified)
      .when(close())
      .then([
        {
          type: 'BreachClosed',
          data: { findingId, reasons: 'remedied', closedBy: 'breach-escalation:finding-1', closedAt: day(50) },
        },
      ]);
    findingSpec
      .given([
        ...verified,
        { type: 'BreachClosed', data: { findingId, reasons: 'r', closedBy: 'x', closedAt: day(50) } },
      ])
      .when(close())
      .thenFails('finding.breach_closed');
  });
});

// Submitted on Monday 5 January 2026 (Stockholm) with 5 days: Tuesday the 6th (Epiphany) to
// Saturday the 10th, which moves to the end of Monday 12 January (Regulation 1182/71 Art. 3(4)).
const acknowledgeBy = '2026-01-12T22:59:59.999Z';

describe('grievance acknowledgement and escalation', () => {
  const grievanceSpec = DeciderSpecification(grievance);
  const grievanceId = 'g-1';
  const submit = (severity: 'medium' | 'critical' = 'medium') =>
    grievanceCommand(
      'SubmitGrievance',
      {
        grievanceId,
        factoryId: 'factory-big',
        channel: 'hotline',
        anonymous: true,
        allegation: 'locked fire exits',
        workersConcerned: 200,
        severity,
        acknowledgeWithinDays: 5,
      },
      { role: 'monitor', now: day(0) },
    );
  const submitted = (severity: 'medium' | 'critical' = 'medium') => history(grievance, [submit(severity)]);
  const acknowledge = (now: string) =>
    grievanceCommand('AcknowledgeGrievance', { grievanceId, message: 'received; you are protected' }, { now });
  const overdue = (now: string) =>
    grievanceCommand('RecordGrievanceAcknowledgementOverdue', { grievanceId }, { role: 'workflow', now });
  const escalate = (reason: 'severe' | 'acknowledgement_overdue') =>
    grievanceCommand('EscalateGrievance', { grievanceId, reason }, { role: 'workflow', actorId: 'w', now: day(6) });

  it('sets the acknowledgement deadline from the policy days', () =>
    grievanceSpec
      .given([])
      .when(submit())
      .thenEmits(([event]) => expect(event.data).toMatchObject({ severity: 'medium', acknowledgeBy: acknowledgeBy })));

  it('records a late acknowledgement as late', () => {
    grievanceSpec
      .given(submitted())
      .when(acknowledge(day(4)))
      .thenEmits(([event]) => expect(event.data).toMatchObject({ late: false }));
    grievanceSpec
      .given(submitted())
      .when(acknowledge(day(8)))
      .thenEmits(([event]) => expect(event.data).toMatchObject({ late: true }));
  });

  it('records an overdue acknowledgement once the deadline passed', () => {
    grievanceSpec
      .given(submitted())
      .when(overdue(day(4)))
      .thenFails('grievance.acknowledgement_not_due');
    grievanceSpec
      .given(submitted())
      .when(overdue(acknowledgeBy))
      .then([
        { type: 'GrievanceAcknowledgementOverdue', data: { grievanceId, acknowledgeBy, recordedAt: acknowledgeBy } },
      ]);
    grievanceSpec
      .given(history(grievance, [submit(), acknowledge(day(2))]))
      .when(overdue(day(6)))
      .thenFails('grievance.nothing_overdue');
  });

  it('escalates a severe grievance, or an overdue acknowledgement, once', () => {
    grievanceSpec.given(submitted()).when(escalate('severe')).thenFails('grievance.not_severe');
    grievanceSpec
      .given(submitted('critical'))
      .when(escalate('severe'))
      .then([
        {
          type: 'GrievanceEscalated',
          data: { grievanceId, reason: 'severe', severity: 'critical', escalatedBy: 'w', escalatedAt: day(6) },
        },
      ]);
    grievanceSpec
      .given(submitted())
      .when(escalate('acknowledgement_overdue'))
      .thenFails('grievance.acknowledgement_not_overdue');
    grievanceSpec
      .given(history(grievance, [submit(), overdue(acknowledgeBy)]))
      .when(escalate('acknowledgement_overdue'))
      .thenEmits(([event]) => expect(event.type).toBe('GrievanceEscalated'));
    grievanceSpec
      .given(history(grievance, [submit('critical'), escalate('severe')]))
      .when(escalate('severe'))
      .thenFails('grievance.already_escalated');
  });
});
