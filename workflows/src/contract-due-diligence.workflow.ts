import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  answerQuestionnaireUpdate,
  contractEndedSignal,
  decidedEvent,
  dueDiligenceStatusQuery,
  severeFindingSignal,
  type ActingPerson,
  type CommandOn,
  type ContractDueDiligenceInput,
  type DueDiligenceActivities,
  type DueDiligenceResult,
  type DueDiligenceStatus,
  type DueDiligenceStep,
  type RecordedDecision,
} from '@pj/contracts';
import { openContractClauseBreach } from './contract-clause-breach';
import { decisionRecorder } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

const { readContractForDueDiligence } = proxyActivities<DueDiligenceActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

class ContractEnded extends Error {}

/** Waits until `instant` or until `done()`; true when `done()` came first. */
async function waitUntil(instant: string, done: () => boolean): Promise<boolean> {
  for (;;) {
    if (done()) return true;
    const remaining = Date.parse(instant) - Date.now();
    if (remaining <= 0) return false;
    if (await condition(done, remaining)) return true;
  }
}

/**
 * Contract due diligence (ILRF stage 2), started by the process manager on ContractSigned and
 * running for the contract's whole life, one run per contract year (continue-as-new keeps each
 * history to one year). Each year: compliance plans fall due (year one), the questionnaire goes out
 * with the tender's deadline and reminders, silence is escalated, a desk review follows and asks for
 * an independent audit when the risk is high or a finding severe; at the anniversary the disclosure
 * ratchet is checked and the next year begins. Every step is recorded on the case through the
 * command path; the tender's policy is read from the case, never held as a constant here.
 */
export async function contractDueDiligenceWorkflow(input: ContractDueDiligenceInput): Promise<DueDiligenceResult> {
  const { caseId, contractId, contractYear } = input;
  const workflowId = workflowInfo().workflowId;
  // Ids lost their slash (`<contract>/year-<n>` became `<contract>.year-<n>`): a run that began
  // before keeps the ids it has recorded on the case, and a caller names its questionnaire with `.`
  // for `/`, as no id a caller sends holds a slash.
  const separator = patched('ids-without-slash') ? '.' : '/';
  const questionnaireId = `${contractId}${separator}year-${contractYear}`;
  const callersQuestionnaireId = questionnaireId.replaceAll('/', '.');

  let step: DueDiligenceStep = 'starting';
  let ended = false;
  let answered = false;
  let issued = false;
  let escalated = false;
  let next: Pick<DueDiligenceStatus, 'nextDeadline' | 'nextDeadlineKind'> = {};
  let contractYearEndsAt: string | undefined;
  const auditIds: string[] = [];
  const severe: string[] = [...(input.severeFindingIds ?? [])];
  const audited = new Set<string>();
  const unaudited = () => severe.filter((id) => !audited.has(id));
  const recorder = decisionRecorder(input, 'trigger');

  /**
   * Records one step on the case. The command id names the contract year and the step, so a
   * retried activity, and a replay after continue-as-new (activity ids start again at 1), append
   * nothing twice. A refusal with a listed code is tolerated (the step is already moot).
   */
  async function record(
    stepId: string,
    command: CommandOn<'procurementCase'>,
    tolerated: readonly string[] = [],
    actor?: ActingPerson,
  ): Promise<RecordedDecision | undefined> {
    try {
      return await recorder.record(
        { aggregate: 'procurementCase', aggregateId: caseId, ...command },
        { commandId: `${workflowId}/year-${contractYear}/${stepId}`, ...(actor ? { actor } : {}) },
      );
    } catch (error) {
      const refusal = domainRefusal(error);
      if (refusal?.code === 'case.wrong_phase') throw new ContractEnded();
      if (refusal && tolerated.includes(refusal.code)) return undefined;
      throw error;
    }
  }

  setHandler(contractEndedSignal, () => {
    ended = true;
  });
  setHandler(severeFindingSignal, ({ findingId }) => {
    if (!severe.includes(findingId)) severe.push(findingId);
  });
  setHandler(
    answerQuestionnaireUpdate,
    async ({ answeredBy, answers }) => {
      const decision = await record(
        'answer-questionnaire',
        { type: 'AnswerQuestionnaire', data: { caseId, questionnaireId, answers } },
        [],
        {
          id: answeredBy,
          role: 'supplier',
        },
      );
      answered = true;
      const event = decidedEvent(decision!, 'QuestionnaireAnswered')!;
      return { eventId: event.eventId, onTime: event.data.onTime };
    },
    {
      validator: ({ questionnaireId: answering, answers, answeredBy }) => {
        if (!issued) throw ApplicationFailure.nonRetryable('no questionnaire is open', 'QuestionnaireNotOpen');
        if (answering !== callersQuestionnaireId && answering !== questionnaireId)
          throw ApplicationFailure.nonRetryable(
            `the open questionnaire is ${callersQuestionnaireId}`,
            'WrongQuestionnaire',
          );
        if (answered) throw ApplicationFailure.nonRetryable('the questionnaire is answered', 'AlreadyAnswered');
        if (!answeredBy || answers.some((a: { questionId: string; answer: string }) => !a.questionId || !a.answer))
          throw ApplicationFailure.nonRetryable('name who answers and answer every question', 'InvalidAnswer');
      },
    },
  );
  setHandler(dueDiligenceStatusQuery, () => ({
    contractYear,
    step,
    ...(issued ? { questionnaireId: callersQuestionnaireId } : {}),
    questionnaireAnswered: answered,
    supplierSilenceEscalated: escalated,
    auditIds: auditIds.map((id) => id.replaceAll('/', '.')),
    ...next,
    ...(contractYearEndsAt ? { contractYearEndsAt } : {}),
  }));

  const endedResult = (): DueDiligenceResult => {
    step = 'contract_ended';
    next = {};
    return { outcome: 'contract_ended', contractYear };
  };

  async function requestAudit(reasons: readonly string[]): Promise<void> {
    step = 'audit';
    const findingIds = unaudited();
    const auditId = `${contractId}${separator}year-${contractYear}${separator}audit-${auditIds.length + 1}`;
    await record(`audit-${auditIds.length + 1}`, {
      type: 'RequestIndependentAudit',
      data: { caseId, contractYear, auditId, reasons, findingIds },
    });
    auditIds.push(auditId);
    findingIds.forEach((id) => audited.add(id));
  }

  try {
    const contract = await readContractForDueDiligence(caseId, input.organisationId);
    if (contract.status !== 'in_performance' || ended) return endedResult();
    contractYearEndsAt = contract.contractYearEndsAt!;

    if (!contract.compliancePlansRequested && contractYear <= contract.compliancePlansDueByEndOfContractYear!) {
      step = 'compliance_plans';
      await record('request-compliance-plans', { type: 'RequestCompliancePlans', data: { caseId } }, [
        'compliance_plan.already_requested',
      ]);
    }

    const issue = await record('issue-questionnaire', {
      type: 'IssueQuestionnaire',
      data: { caseId, contractYear, questionnaireId },
    });
    const { deadline, remindersDueAt } = decidedEvent(issue!, 'QuestionnaireIssued')!.data;
    // Open only once issued: a caller that sees this step can answer it (the query shows its id).
    issued = true;
    step = 'questionnaire_open';
    const stop = () => answered || ended;
    for (const [index, dueAt] of remindersDueAt.entries()) {
      next = { nextDeadline: dueAt, nextDeadlineKind: 'questionnaire_reminder' };
      if (await waitUntil(dueAt, stop)) break;
      await record(`reminder-${index + 1}`, { type: 'SendQuestionnaireReminder', data: { caseId, questionnaireId } }, [
        'questionnaire.already_answered',
      ]);
    }
    next = { nextDeadline: deadline, nextDeadlineKind: 'questionnaire_deadline' };
    if (!(await waitUntil(deadline, stop))) {
      await record('escalate-silence', { type: 'EscalateSupplierSilence', data: { caseId, questionnaireId } }, [
        'questionnaire.already_answered',
      ]);
      escalated = !answered;
    }
    if (ended) return endedResult();

    step = 'desk_review';
    next = {};
    const review = await record('desk-review', {
      type: 'CompleteDeskReview',
      data: { caseId, contractYear, severeFindingIds: unaudited() },
    });
    const { auditReasons } = decidedEvent(review!, 'DeskReviewCompleted')!.data;
    if (auditReasons.length > 0) await requestAudit(auditReasons);

    // Until the anniversary, a severe finding asks for an audit of its own.
    step = 'monitoring';
    next = { nextDeadline: contractYearEndsAt, nextDeadlineKind: 'contract_year_end' };
    while (await waitUntil(contractYearEndsAt, () => ended || unaudited().length > 0)) {
      if (ended) return endedResult();
      await requestAudit(['severe_finding']);
      step = 'monitoring';
    }

    step = 'year_end';
    const ratchet = await record('disclosure-ratchet', {
      type: 'CheckDisclosureRatchet',
      data: { caseId, contractYear },
    });
    const checked = ratchet && decidedEvent(ratchet, 'DisclosureRatchetChecked');
    if (patched('disclosure-ratchet-breach') && checked && !checked.data.meetsRequirement)
      // A year short of the ratchet is a breach of a necessary step. Finding ids are the
      // organisation's, contract ids only the case's: the case names the finding too.
      await openContractClauseBreach(recorder, {
        organisationId: input.organisationId,
        caseId,
        findingId: `${caseId}.${contractId}.year-${contractYear}.disclosure-ratchet`,
        contractorId: contract.supplierId!,
        standardBreached: `supply-chain disclosure ratchet, contract year ${contractYear}: ${checked.data.requiredSharePercent}% (necessary step)`,
        description: `${checked.data.disclosedSharePercent}% of the supply chain disclosed by the end of contract year ${contractYear}; the contract requires ${checked.data.requiredSharePercent}%`,
        reasons: `disclosure below the ratchet: ${checked.data.disclosedSharePercent}% of ${checked.data.requiredSharePercent}% required`,
        commandIdPrefix: `${workflowId}/year-${contractYear}/ratchet`,
      });
    await record('begin-next-year', { type: 'BeginContractYear', data: { caseId, contractYear: contractYear + 1 } });
  } catch (error) {
    if (error instanceof ContractEnded) return endedResult();
    throw error;
  }

  // A late answer still being recorded must finish before this run hands over to the next year.
  await condition(allHandlersFinished);
  return continueAsNew<typeof contractDueDiligenceWorkflow>({
    ...input,
    contractYear: contractYear + 1,
    severeFindingIds: unaudited(),
  });
}
