import { finding, supplyStandstill, type CorrectiveAction, type FindingEvent } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { day, findingCommand, standstillCommand } from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// Rule 7: a confirmed breach needs a corrective action plan with a deadline; remedy to workers is
// recorded apart from fixing the cause; the result is complete, partial or none; only verified
// remediation lifts a supply standstill.
const spec = DeciderSpecification(finding);
const findingId = 'finding-1';
const officer = { role: 'compliance_officer' as const, now: day(100) };

const record = () =>
  findingCommand(
    'RecordFinding',
    {
      findingId,
      factoryId: 'factory-big',
      caseId: 'case-1',
      source: 'worker_driven_monitor',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work',
      workersAffected: 120,
      description: 'wages below legal minimum, 74-hour weeks',
      evidenceRefs: ['monitor-report-7'],
      shareableWithOtherBuyers: true,
    },
    { role: 'monitor', now: day(99) },
  );
const confirm = () =>
  findingCommand(
    'ConfirmBreach',
    { findingId, reasons: 'payroll records match worker interviews', contractorId: 'supplier-bid-a', remedyTimetable },
    officer,
  );

const actions: CorrectiveAction[] = [
  {
    actionId: 'fix-payroll',
    action: 'pay at least the legal minimum wage',
    forAffectedWorkers: false,
    responsibleParty: 'factory management',
    verificationMethod: 'payroll review by the monitor',
    deadline: day(150),
    consequenceIfNotDone: 'supply standstill',
  },
  {
    actionId: 'back-pay',
    action: 'pay back wages owed for 12 months',
    forAffectedWorkers: true,
    responsibleParty: 'contractor',
    verificationMethod: 'worker interviews',
    deadline: day(160),
    consequenceIfNotDone: 'termination proposal',
  },
];
const agree = (planActions: readonly CorrectiveAction[] = actions, deadline = day(170), planId = 'plan-1') =>
  findingCommand('AgreeCorrectiveActionPlan', { findingId, planId, deadline, actions: planActions }, officer);
const backPay = () =>
  findingCommand(
    'RecordRemedyToWorkers',
    {
      findingId,
      remedyId: 'remedy-1',
      kind: 'back_pay',
      workersCovered: 120,
      amount: 84_000,
      currency: 'USD',
      description: 'wage arrears',
    },
    { now: day(155) },
  );
const result = (value: 'complete' | 'partial' | 'none', done = ['fix-payroll', 'back-pay']) =>
  findingCommand(
    'RecordRemediationResult',
    { findingId, result: value, assessment: 'checked on site', actionsCompleted: done },
    { now: day(165) },
  );
const verify = () =>
  findingCommand(
    'VerifyRemediation',
    {
      findingId,
      verifiedBy: 'worker-driven monitor',
      method: 'site visit and interviews',
      verificationRef: 'verification-1',
    },
    { now: day(168), role: 'monitor' },
  );

const confirmed = (): FindingEvent[] => history(finding, [record(), confirm()]);
const planned = () => history(finding, [record(), confirm(), agree()]);

describe('corrective action plans', () => {
  it('are agreed only for a confirmed breach', () =>
    spec
      .given(history(finding, [record()]))
      .when(agree())
      .thenFails('corrective_action.breach_not_confirmed'));

  it('only a compliance officer confirms a breach', () =>
    spec
      .given(history(finding, [record()]))
      .when(
        findingCommand(
          'ConfirmBreach',
          { findingId, reasons: 'r', contractorId: 'c', remedyTimetable },
          { role: 'contract_manager' },
        ),
      )
      .thenFails('finding.compliance_officer_required'));

  it('name action, responsible party, verification, deadline and consequence for each finding', () =>
    spec
      .given(confirmed())
      .when(agree([{ ...actions[0], consequenceIfNotDone: '' }, actions[1]]))
      .thenFails('corrective_action.action_incomplete', (error) =>
        expect(error.details.missing).toEqual(['consequenceIfNotDone']),
      ));

  it('include help for the affected workers', () =>
    spec
      .given(confirmed())
      .when(agree([actions[0]]))
      .thenFails('corrective_action.no_help_for_affected_workers'));

  it('need a deadline in the future', () =>
    spec
      .given(confirmed())
      .when(agree(actions, day(90)))
      .thenFails('corrective_action.deadline_in_past'));

  it('are recorded with their actions', () =>
    spec
      .given(confirmed())
      .when(agree())
      .then([
        {
          type: 'CorrectiveActionPlanAgreed',
          data: { findingId, planId: 'plan-1', deadline: day(170), actions, agreedAt: day(100) },
        },
      ]));

  it('a missed deadline is recorded only once it has passed', () =>
    spec
      .given(planned())
      .when(
        findingCommand(
          'RecordCorrectiveActionDeadlineMissed',
          { findingId, planId: 'plan-1' },
          { now: day(169), role: 'workflow' },
        ),
      )
      .thenFails('corrective_action.deadline_not_passed'));
});

describe('remedy to workers and remediation result', () => {
  it('remedy is recorded apart from the plan', () =>
    spec
      .given(planned())
      .when(backPay())
      .thenEmits((events, state) => {
        expect(events[0].type).toBe('RemedyToWorkersRecorded');
        expect(state.status === 'corrective_action' && state.remedies).toEqual([
          { remedyId: 'remedy-1', kind: 'back_pay', workersCovered: 120 },
        ]);
        expect(state.status === 'corrective_action' && state.plan.result).toBeUndefined();
      }));

  it('back pay records the amount paid', () =>
    spec
      .given(planned())
      .when(
        findingCommand('RecordRemedyToWorkers', {
          findingId,
          remedyId: 'r',
          kind: 'back_pay',
          workersCovered: 3,
          description: 'x',
        }),
      )
      .thenFails('remedy.amount_required'));

  it('reinstatement needs no amount', () =>
    spec
      .given(planned())
      .when(
        findingCommand('RecordRemedyToWorkers', {
          findingId,
          remedyId: 'r',
          kind: 'reinstatement',
          workersCovered: 3,
          description: 'union leaders rehired',
        }),
      )
      .thenEmits((events) => expect(events[0].type).toBe('RemedyToWorkersRecorded')));

  it('remediation is not complete while affected workers got no remedy', () =>
    spec.given(planned()).when(result('complete')).thenFails('remediation.remedy_to_workers_missing'));

  it('nor while an action is open', () =>
    spec
      .given(history(finding, [record(), confirm(), agree(), backPay()]))
      .when(result('complete', ['back-pay']))
      .thenFails('remediation.actions_open'));

  it.each(['complete', 'partial', 'none'] as const)('a %s result is recorded', (value) =>
    spec
      .given(history(finding, [record(), confirm(), agree(), backPay()]))
      .when(result(value))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'RemediationResultRecorded',
          data: { result: value, planId: 'plan-1' },
        }),
      ),
  );

  it('only complete remediation can be verified', () =>
    spec
      .given(history(finding, [record(), confirm(), agree(), backPay(), result('partial')]))
      .when(verify())
      .thenFails('remediation.not_complete'));

  it('after a partial result a new plan may be agreed', () =>
    spec
      .given(history(finding, [record(), confirm(), agree(), result('partial', ['fix-payroll'])]))
      .when(agree(actions, day(300), 'plan-2'))
      .thenEmits((events) => expect(events[0]).toMatchObject({ data: { planId: 'plan-2' } })));

  it('complete remediation is verified', () =>
    spec
      .given(history(finding, [record(), confirm(), agree(), backPay(), result('complete')]))
      .when(verify())
      .thenEmits((events, state) => {
        expect(events[0]).toMatchObject({ type: 'RemediationVerified', data: { factoryId: 'factory-big' } });
        expect(state.status).toBe('remediation_verified');
      }));
});

describe('supply standstill', () => {
  const standstillSpec = DeciderSpecification(supplyStandstill);
  const impose = (role: 'compliance_officer' | 'contract_manager' = 'compliance_officer') =>
    standstillCommand(
      'ImposeSupplyStandstill',
      {
        standstillId: 'standstill-1',
        factoryId: 'factory-big',
        caseId: 'case-1',
        contractorId: 'supplier-bid-a',
        findingIds: ['finding-1', 'finding-2'],
        reasons: 'breaches of the code of conduct',
      },
      { role },
    );
  const note = (id: string) =>
    standstillCommand(
      'NoteVerifiedRemediation',
      { standstillId: 'standstill-1', findingId: id, verificationRef: `v-${id}`, verifiedBy: 'monitor' },
      { role: 'workflow' },
    );
  const lift = () =>
    standstillCommand(
      'LiftSupplyStandstill',
      { standstillId: 'standstill-1', reasons: 'remediation verified' },
      { role: 'compliance_officer' },
    );

  it('is imposed by a compliance officer', () =>
    standstillSpec
      .given([])
      .when(impose('contract_manager'))
      .thenFails('supply_standstill.compliance_officer_required'));

  it('is not lifted while a finding lacks verified remediation', () =>
    standstillSpec
      .given(history(supplyStandstill, [impose(), note('finding-1')]))
      .when(lift())
      .thenFails('supply_standstill.remediation_not_verified', (error) =>
        expect(error.details.outstandingFindingIds).toEqual(['finding-2']),
      ));

  it('is lifted once every finding has verified remediation', () =>
    standstillSpec
      .given(history(supplyStandstill, [impose(), note('finding-1'), note('finding-2')]))
      .when(lift())
      .thenEmits((events, state) => {
        expect(events[0].type).toBe('SupplyStandstillLifted');
        expect(state.status).toBe('lifted');
      }));

  it('only notes findings it rests on', () =>
    standstillSpec
      .given(history(supplyStandstill, [impose()]))
      .when(note('finding-9'))
      .thenFails('supply_standstill.finding_not_covered'));
});
