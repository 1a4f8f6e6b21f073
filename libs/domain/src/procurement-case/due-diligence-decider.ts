import { addYears, isBefore } from '../calendar';
import { DomainError } from '../domain-error';
import { requireRole } from '../roles';
import type * as C from './commands';
import { needsCompliancePlan, requiredDisclosureSharePercent } from './disclosure';
import { auditReasons, questionnaireSchedule } from './due-diligence';
import type * as E from './events';
import type { DueDiligenceRecord, Questionnaire } from './state';
import type { CaseDeciders, CaseEvolvers, Decision, InPerformance, State } from './case-decision';
import { fail, onContract, wrongPhase } from './case-decision';

// The due-diligence part of the procurement case: what the contract-due-diligence workflow (and
// the supplier answering its questionnaire) may record during performance.

export type DueDiligenceCommand =
  | C.RequestCompliancePlans
  | C.IssueQuestionnaire
  | C.SendQuestionnaireReminder
  | C.AnswerQuestionnaire
  | C.EscalateSupplierSilence
  | C.CompleteDeskReview
  | C.RequestIndependentAudit
  | C.CheckDisclosureRatchet;
export type DueDiligenceEvent =
  | E.CompliancePlansDue
  | E.QuestionnaireIssued
  | E.QuestionnaireReminderSent
  | E.QuestionnaireAnswered
  | E.SupplierSilenceEscalated
  | E.DeskReviewCompleted
  | E.IndependentAuditRequested
  | E.DisclosureRatchetChecked;

export const noDueDiligenceYet: DueDiligenceRecord = {
  compliancePlansRequested: false,
  questionnaires: {},
  deskReviewedYears: [],
  auditIds: [],
  ratchetCheckedYears: [],
};

function currentYear(
  state: InPerformance,
  contractYear: number,
  what: 'questionnaire' | 'desk_review' | 'audit' | 'disclosure',
): DomainError | undefined {
  return contractYear === state.contract.contractYear
    ? undefined
    : fail(`${what}.wrong_contract_year`, `the contract is in year ${state.contract.contractYear}`, {
        contractYear: state.contract.contractYear,
      });
}

function findQuestionnaire(state: InPerformance, questionnaireId: string): Questionnaire | DomainError {
  return (
    state.contract.dueDiligence.questionnaires[questionnaireId] ??
    fail('questionnaire.not_found', `no questionnaire ${questionnaireId} under this contract`, { questionnaireId })
  );
}

const unanswered = (questionnaire: Questionnaire): DomainError | undefined =>
  questionnaire.answered
    ? fail('questionnaire.already_answered', `questionnaire ${questionnaire.questionnaireId} is answered`)
    : undefined;

function requestCompliancePlans(command: C.RequestCompliancePlans, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { contract, tender, caseId } = state;
  const record = state.contract.dueDiligence;
  const { dueByEndOfContractYear, annualPurchaseThreshold } = tender.compliancePlans;
  if (record.compliancePlansRequested)
    return fail('compliance_plan.already_requested', 'compliance plans have been requested');
  if (contract.contractYear > dueByEndOfContractYear)
    return fail('compliance_plan.request_too_late', `plans were due by the end of year ${dueByEndOfContractYear}`);
  const factoryIds = Object.values(contract.factories)
    .filter((factory) => needsCompliancePlan(tender.compliancePlans, factory) && !factory.compliancePlanRef)
    .map((factory) => factory.factoryId);
  return [
    {
      type: 'CompliancePlansDue',
      data: {
        caseId,
        contractId: contract.contractId,
        factoryIds,
        annualPurchaseThreshold,
        dueBy: addYears(contract.signedAt, dueByEndOfContractYear),
        recordedAt: now,
      },
    },
  ];
}

function issueQuestionnaire(command: C.IssueQuestionnaire, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { contract, tender, caseId } = state;
  const record = state.contract.dueDiligence;
  const wrongYear = currentYear(state, command.data.contractYear, 'questionnaire');
  if (wrongYear) return wrongYear;
  if (record.questionnaires[command.data.questionnaireId])
    return fail('questionnaire.already_issued', `questionnaire ${command.data.questionnaireId} is already issued`);
  const { deadline, remindersDueAt } = questionnaireSchedule(tender.dueDiligence, now, command.metadata.calendar);
  return [
    {
      type: 'QuestionnaireIssued',
      data: {
        caseId,
        questionnaireId: command.data.questionnaireId,
        contractYear: command.data.contractYear,
        supplierId: contract.supplierId,
        deadline,
        remindersDueAt,
        issuedAt: now,
      },
    },
  ];
}

function sendQuestionnaireReminder(command: C.SendQuestionnaireReminder, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { caseId } = state;
  const questionnaire = findQuestionnaire(state, command.data.questionnaireId);
  if (questionnaire instanceof DomainError) return questionnaire;
  const answered = unanswered(questionnaire);
  if (answered) return answered;
  const dueAt = questionnaire.remindersDueAt[questionnaire.remindersSent];
  if (dueAt === undefined) return fail('questionnaire.no_reminder_left', 'every reminder has been sent');
  if (isBefore(now, dueAt)) return fail('questionnaire.reminder_not_due', `the next reminder is due at ${dueAt}`);
  return [
    {
      type: 'QuestionnaireReminderSent',
      data: {
        caseId,
        questionnaireId: questionnaire.questionnaireId,
        reminderNumber: questionnaire.remindersSent + 1,
        deadline: questionnaire.deadline,
        sentAt: now,
      },
    },
  ];
}

function answerQuestionnaire(command: C.AnswerQuestionnaire, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { caseId } = state;
  const notSupplier = requireRole(command.metadata, ['supplier'], 'questionnaire.supplier_required');
  if (notSupplier) return notSupplier;
  const questionnaire = findQuestionnaire(state, command.data.questionnaireId);
  if (questionnaire instanceof DomainError) return questionnaire;
  const answered = unanswered(questionnaire);
  if (answered) return answered;
  if (command.data.answers.length === 0) return fail('questionnaire.answers_required', 'answer at least one question');
  return [
    {
      type: 'QuestionnaireAnswered',
      data: {
        caseId,
        questionnaireId: questionnaire.questionnaireId,
        contractYear: questionnaire.contractYear,
        answers: command.data.answers,
        answeredBy: command.metadata.actor.id,
        // A late answer is still taken: the silence was escalated, the answers still count.
        onTime: !isBefore(questionnaire.deadline, now),
        answeredAt: now,
      },
    },
  ];
}

function escalateSupplierSilence(command: C.EscalateSupplierSilence, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { contract, caseId } = state;
  const questionnaire = findQuestionnaire(state, command.data.questionnaireId);
  if (questionnaire instanceof DomainError) return questionnaire;
  const answered = unanswered(questionnaire);
  if (answered) return answered;
  if (questionnaire.escalated) return fail('questionnaire.already_escalated', 'the silence is already escalated');
  if (isBefore(now, questionnaire.deadline))
    return fail('questionnaire.deadline_not_passed', `the supplier may answer until ${questionnaire.deadline}`);
  return [
    {
      type: 'SupplierSilenceEscalated',
      data: {
        caseId,
        questionnaireId: questionnaire.questionnaireId,
        contractYear: questionnaire.contractYear,
        supplierId: contract.supplierId,
        deadline: questionnaire.deadline,
        remindersSent: questionnaire.remindersSent,
        escalatedAt: now,
      },
    },
  ];
}

function completeDeskReview(command: C.CompleteDeskReview, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { caseId } = state;
  const record = state.contract.dueDiligence;
  const { contractYear, severeFindingIds } = command.data;
  const wrongYear = currentYear(state, contractYear, 'desk_review');
  if (wrongYear) return wrongYear;
  if (record.deskReviewedYears.includes(contractYear))
    return fail('desk_review.already_completed', `the desk review of year ${contractYear} is on record`);
  if (state.riskLevel === undefined)
    return fail('desk_review.risk_not_screened', 'a desk review needs the risk screening of the case');
  const questionnaireAnswered = Object.values(record.questionnaires).some(
    (questionnaire) => questionnaire.contractYear === contractYear && questionnaire.answered,
  );
  return [
    {
      type: 'DeskReviewCompleted',
      data: {
        caseId,
        contractYear,
        questionnaireAnswered,
        riskLevel: state.riskLevel,
        severeFindingIds,
        auditReasons: auditReasons(state.riskLevel, severeFindingIds),
        completedAt: now,
      },
    },
  ];
}

function requestIndependentAudit(command: C.RequestIndependentAudit, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { contract, tender, caseId } = state;
  const record = state.contract.dueDiligence;
  const { contractYear, auditId, reasons, findingIds } = command.data;
  const wrongYear = currentYear(state, contractYear, 'audit');
  if (wrongYear) return wrongYear;
  if (record.auditIds.includes(auditId)) return fail('audit.already_requested', `audit ${auditId} is requested`);
  if (reasons.length === 0) return fail('audit.reasons_required', 'say why an independent audit is needed');
  return [
    {
      type: 'IndependentAuditRequested',
      data: {
        caseId,
        contractYear,
        auditId,
        method: tender.dueDiligence.independentAuditMethod,
        reasons,
        findingIds,
        factoryIds: Object.keys(contract.factories),
        requestedAt: now,
      },
    },
  ];
}

function checkDisclosureRatchet(command: C.CheckDisclosureRatchet, state: InPerformance): Decision {
  const { now } = command.metadata;
  const { contract, tender, caseId } = state;
  const record = state.contract.dueDiligence;
  const { contractYear } = command.data;
  const wrongYear = currentYear(state, contractYear, 'disclosure');
  if (wrongYear) return wrongYear;
  if (record.ratchetCheckedYears.includes(contractYear))
    return fail('disclosure.ratchet_already_checked', `the ratchet of year ${contractYear} is checked`);
  const requiredSharePercent = requiredDisclosureSharePercent(tender.disclosure, contractYear);
  return [
    {
      type: 'DisclosureRatchetChecked',
      data: {
        caseId,
        contractYear,
        requiredSharePercent,
        disclosedSharePercent: contract.disclosedSharePercent,
        meetsRequirement: contract.disclosedSharePercent >= requiredSharePercent,
        nextYearRequiredSharePercent: requiredDisclosureSharePercent(tender.disclosure, contractYear + 1),
        checkedAt: now,
      },
    },
  ];
}

/** Due diligence is carried out while the contract is in performance. */
const duringPerformance =
  <Command>(decide: (command: Command, state: InPerformance) => Decision) =>
  (command: Command, state: State): Decision =>
    state.status === 'in_performance'
      ? decide(command, state)
      : wrongPhase(state, 'carry out due diligence', ['in_performance']);

export const dueDiligence: CaseDeciders<DueDiligenceCommand['type']> = {
  RequestCompliancePlans: duringPerformance(requestCompliancePlans),
  IssueQuestionnaire: duringPerformance(issueQuestionnaire),
  SendQuestionnaireReminder: duringPerformance(sendQuestionnaireReminder),
  AnswerQuestionnaire: duringPerformance(answerQuestionnaire),
  EscalateSupplierSilence: duringPerformance(escalateSupplierSilence),
  CompleteDeskReview: duringPerformance(completeDeskReview),
  RequestIndependentAudit: duringPerformance(requestIndependentAudit),
  CheckDisclosureRatchet: duringPerformance(checkDisclosureRatchet),
};
function updateQuestionnaire(
  record: DueDiligenceRecord,
  questionnaireId: string,
  change: (questionnaire: Questionnaire) => Partial<Questionnaire>,
): DueDiligenceRecord {
  const questionnaire = record.questionnaires[questionnaireId];
  if (!questionnaire) return record;
  return {
    ...record,
    questionnaires: { ...record.questionnaires, [questionnaireId]: { ...questionnaire, ...change(questionnaire) } },
  };
}

/** Due-diligence events change the contract's due-diligence record, while the contract is in performance. */
const onRecord = (state: State, change: (record: DueDiligenceRecord) => DueDiligenceRecord): State =>
  onContract(state, (contract) => ({ dueDiligence: change(contract.dueDiligence) }));

export const dueDiligenceEvolvers: CaseEvolvers<DueDiligenceEvent['type']> = {
  CompliancePlansDue: (state) => onRecord(state, (record) => ({ ...record, compliancePlansRequested: true })),
  QuestionnaireIssued: (state, event) =>
    onRecord(state, (record) => {
      const { questionnaireId, contractYear, deadline, remindersDueAt } = event.data;
      return {
        ...record,
        questionnaires: {
          ...record.questionnaires,
          [questionnaireId]: {
            questionnaireId,
            contractYear,
            deadline,
            remindersDueAt,
            remindersSent: 0,
            answered: false,
            escalated: false,
          },
        },
      };
    }),
  QuestionnaireReminderSent: (state, event) =>
    onRecord(state, (record) =>
      updateQuestionnaire(record, event.data.questionnaireId, () => ({ remindersSent: event.data.reminderNumber })),
    ),
  QuestionnaireAnswered: (state, event) =>
    onRecord(state, (record) => updateQuestionnaire(record, event.data.questionnaireId, () => ({ answered: true }))),
  SupplierSilenceEscalated: (state, event) =>
    onRecord(state, (record) => updateQuestionnaire(record, event.data.questionnaireId, () => ({ escalated: true }))),
  DeskReviewCompleted: (state, event) =>
    onRecord(state, (record) => ({
      ...record,
      deskReviewedYears: [...record.deskReviewedYears, event.data.contractYear],
    })),
  IndependentAuditRequested: (state, event) =>
    onRecord(state, (record) => ({ ...record, auditIds: [...record.auditIds, event.data.auditId] })),
  DisclosureRatchetChecked: (state, event) =>
    onRecord(state, (record) => ({
      ...record,
      ratchetCheckedYears: [...record.ratchetCheckedYears, event.data.contractYear],
    })),
};
