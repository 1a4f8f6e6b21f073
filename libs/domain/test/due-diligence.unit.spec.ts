import { addCalendarDays, addYears, procurementCase } from '../src';
import { DeciderSpecification } from './decider-specification';
import {
  awarded,
  caseCommand,
  caseId,
  day,
  publish,
  runOn,
  signed,
  signedAt,
  adoptPolicy,
  open,
  screen,
} from './fixtures';
import { history } from './decider-specification';

// The due diligence the contract workflow records during performance, and the end of the legal
// standstill the award workflow records. Periods come from the tender (fixtures: 30 days to
// answer, reminders 14 and 25 days after issue, worker-driven audits).
const spec = DeciderSpecification(procurementCase);
const q = 'contract-1.year-1';
const issuedAt = addCalendarDays(signedAt, 0.01);

const issue = (now = issuedAt, contractYear = 1) =>
  caseCommand('IssueQuestionnaire', { caseId, contractYear, questionnaireId: q }, { now, role: 'workflow' });
const remind = (now: string) =>
  caseCommand('SendQuestionnaireReminder', { caseId, questionnaireId: q }, { now, role: 'workflow' });
const answer = (now: string, role: 'supplier' | 'workflow' = 'supplier') =>
  caseCommand(
    'AnswerQuestionnaire',
    { caseId, questionnaireId: q, answers: [{ questionId: 'wages', answer: 'paid monthly, on time' }] },
    { now, role },
  );
const escalate = (now: string) =>
  caseCommand('EscalateSupplierSilence', { caseId, questionnaireId: q }, { now, role: 'workflow' });
// Issued on Wednesday 25 February 2026: 30 days from the 26th end with Friday 27 March in Stockholm.
const questionnaireDeadline = '2026-03-27T22:59:59.999Z';
const deskReview = (severeFindingIds: string[] = [], now = addCalendarDays(issuedAt, 31)) =>
  caseCommand('CompleteDeskReview', { caseId, contractYear: 1, severeFindingIds }, { now, role: 'workflow' });
// The award on day 40 (Saturday 14 February 2026) is under standstill until the end of Tuesday 24 February in Stockholm.
const endStandstill = (now = day(51), awardId = 'award-1') =>
  caseCommand('RecordLegalStandstillEnded', { caseId, awardId }, { now, role: 'workflow' });

describe('legal standstill ended', () => {
  it('is recorded for the award once its period has run out', () =>
    spec
      .given(awarded())
      .when(endStandstill())
      .then([
        {
          type: 'LegalStandstillEnded',
          data: {
            caseId,
            awardId: 'award-1',
            bidId: 'bid-a',
            standstillEndsAt: '2026-02-24T22:59:59.999Z',
            endedAt: day(51),
          },
        },
      ]));

  it('not before the period has run out', () =>
    spec.given(awarded()).when(endStandstill('2026-02-24T22:59:59.999Z')).thenFails('standstill.not_ended'));

  it('not while a complaint is pending', () =>
    spec
      .given(
        runOn(awarded(), [
          caseCommand(
            'SubmitComplaint',
            { caseId, complaintId: 'c-1', complainant: 'supplier-bid-b', grounds: 'scores' },
            { now: day(42), role: 'supplier' },
          ),
        ]),
      )
      .when(endStandstill())
      .thenFails('standstill.complaint_pending', (error) => expect(error.details).toEqual({ complaintIds: ['c-1'] })));

  it('complaint events during the standstill name the award they hold back', () =>
    spec
      .given(awarded())
      .when(
        caseCommand(
          'SubmitComplaint',
          { caseId, complaintId: 'c-1', complainant: 'supplier-bid-b', grounds: 'scores' },
          { now: day(42), role: 'supplier' },
        ),
      )
      .thenEmits((events) => expect(events[0].data).toMatchObject({ awardId: 'award-1' })));

  it('only for the award under standstill, and only once', () => {
    spec
      .given(awarded())
      .when(endStandstill(day(51), 'award-2'))
      .thenFails('standstill.award_mismatch');
    spec
      .given(runOn(awarded(), [endStandstill()]))
      .when(endStandstill(day(52)))
      .thenFails('standstill.end_already_recorded');
  });
});

describe('due diligence during performance', () => {
  it('refuses a tender whose reminders fall after the questionnaire deadline', () =>
    spec
      .given(history(procurementCase, [open(), screen(), adoptPolicy()]))
      .when(
        publish({
          dueDiligence: {
            questionnaireResponseDays: 10,
            questionnaireReminderDays: [12],
            independentAuditMethod: 'on_site',
          },
        }),
      )
      .thenFails('tender.due_diligence_policy_invalid'));

  it('compliance plans fall due in year one for factories at or above the threshold', () =>
    spec
      .given(signed())
      .when(caseCommand('RequestCompliancePlans', { caseId }, { now: signedAt, role: 'workflow' }))
      .then([
        {
          type: 'CompliancePlansDue',
          data: {
            caseId,
            contractId: 'contract-1',
            factoryIds: ['factory-big', 'factory-at-threshold'],
            annualPurchaseThreshold: 25_000,
            dueBy: addYears(signedAt, 1),
            recordedAt: signedAt,
          },
        },
      ]));

  it('the questionnaire carries the deadline and reminders of the tender', () =>
    spec
      .given(signed())
      .when(issue())
      .then([
        {
          type: 'QuestionnaireIssued',
          data: {
            caseId,
            questionnaireId: q,
            contractYear: 1,
            supplierId: 'supplier-bid-a',
            deadline: questionnaireDeadline,
            remindersDueAt: [addCalendarDays(issuedAt, 14), addCalendarDays(issuedAt, 25)],
            issuedAt,
          },
        },
      ]));

  it('one questionnaire per id, in the current contract year', () => {
    spec
      .given(runOn(signed(), [issue()]))
      .when(issue())
      .thenFails('questionnaire.already_issued');
    spec.given(signed()).when(issue(issuedAt, 2)).thenFails('questionnaire.wrong_contract_year');
  });

  it('reminders go out at their offsets, in order, and never early', () => {
    spec
      .given(runOn(signed(), [issue()]))
      .when(remind(addCalendarDays(issuedAt, 13)))
      .thenFails('questionnaire.reminder_not_due');
    spec
      .given(runOn(signed(), [issue(), remind(addCalendarDays(issuedAt, 14))]))
      .when(remind(addCalendarDays(issuedAt, 25)))
      .thenEmits((events) => expect(events[0].data).toMatchObject({ reminderNumber: 2 }));
    spec
      .given(runOn(signed(), [issue(), remind(addCalendarDays(issuedAt, 14)), remind(addCalendarDays(issuedAt, 25))]))
      .when(remind(addCalendarDays(issuedAt, 26)))
      .thenFails('questionnaire.no_reminder_left');
  });

  it('the supplier answers; on time before the deadline, late after it', () => {
    spec
      .given(runOn(signed(), [issue()]))
      .when(answer(addCalendarDays(issuedAt, 5)))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ type: 'QuestionnaireAnswered', data: { onTime: true } }),
      );
    spec
      .given(runOn(signed(), [issue(), escalate(questionnaireDeadline)]))
      .when(answer(addCalendarDays(issuedAt, 40)))
      .thenEmits((events) => expect(events[0].data).toMatchObject({ onTime: false }));
  });

  it('an answer keeps the documents it rests on', () => {
    const answers = [
      { questionId: 'hours', answer: 'capped at 60 hours', documentRefs: ['hours-policy-2026', 'time-records-q1'] },
      { questionId: 'wages', answer: 'paid monthly, on time' },
    ];
    spec
      .given(runOn(signed(), [issue()]))
      .when(
        caseCommand(
          'AnswerQuestionnaire',
          { caseId, questionnaireId: q, answers },
          { now: issuedAt, role: 'supplier' },
        ),
      )
      .thenEmits((events) => expect(events[0]).toMatchObject({ type: 'QuestionnaireAnswered', data: { answers } }));
  });

  it('only the supplier answers, once', () => {
    spec
      .given(runOn(signed(), [issue()]))
      .when(answer(issuedAt, 'workflow'))
      .thenFails('questionnaire.supplier_required');
    spec
      .given(runOn(signed(), [issue(), answer(addCalendarDays(issuedAt, 1))]))
      .when(remind(addCalendarDays(issuedAt, 14)))
      .thenFails('questionnaire.already_answered');
  });

  it('silence is escalated once the deadline passed, not before', () => {
    spec
      .given(runOn(signed(), [issue()]))
      .when(escalate('2026-03-27T22:59:59.998Z'))
      .thenFails('questionnaire.deadline_not_passed');
    spec
      .given(runOn(signed(), [issue(), remind(addCalendarDays(issuedAt, 14)), remind(addCalendarDays(issuedAt, 25))]))
      .when(escalate(questionnaireDeadline))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ type: 'SupplierSilenceEscalated', data: { remindersSent: 2 } }),
      );
  });

  it('the desk review asks for an audit when the risk is high or a finding severe', () => {
    // The fixture case is screened high-risk (garments from BD).
    spec
      .given(runOn(signed(), [issue(), answer(addCalendarDays(issuedAt, 3))]))
      .when(deskReview(['finding-9']))
      .thenEmits((events) =>
        expect(events[0].data).toMatchObject({
          questionnaireAnswered: true,
          riskLevel: 'high',
          auditReasons: ['high_risk', 'severe_finding'],
        }),
      );
    spec
      .given(runOn(signed(), [deskReview()]))
      .when(deskReview())
      .thenFails('desk_review.already_completed');
  });

  it('an independent audit uses the tender method and covers the contract factories', () =>
    spec
      .given(signed())
      .when(
        caseCommand(
          'RequestIndependentAudit',
          { caseId, contractYear: 1, auditId: 'a-1', reasons: ['high_risk'], findingIds: [] },
          { now: signedAt, role: 'workflow' },
        ),
      )
      .thenEmits((events) =>
        expect(events[0].data).toMatchObject({
          method: 'worker_driven',
          factoryIds: ['factory-big', 'factory-at-threshold', 'factory-small'],
        }),
      ));

  it('the disclosure ratchet is checked once per contract year', () => {
    const check = caseCommand(
      'CheckDisclosureRatchet',
      { caseId, contractYear: 1 },
      { now: day(400), role: 'workflow' },
    );
    spec
      .given(signed())
      .when(check)
      .thenEmits((events) =>
        expect(events[0].data).toMatchObject({
          requiredSharePercent: 60,
          disclosedSharePercent: 60,
          meetsRequirement: true,
          nextYearRequiredSharePercent: 70,
        }),
      );
    spec
      .given(runOn(signed(), [check]))
      .when(check)
      .thenFails('disclosure.ratchet_already_checked');
  });

  it('nothing of it before the contract is signed', () =>
    spec.given(awarded()).when(issue()).thenFails('case.wrong_phase'));
});
