import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  approveCorrectiveActionPlanUpdate,
  breachEscalationStatusQuery,
  decideTerminationUpdate,
  recordRemediationResultUpdate,
  recordRemedyToWorkersUpdate,
  submitCorrectiveActionPlanUpdate,
  verifyRemediationUpdate,
  type ActingPerson,
  type BreachEscalationInput,
  type BreachEscalationResult,
  type BreachEscalationStatus,
  type BreachEscalationStep,
  type LadderStep,
  type PlannedAction,
} from '@pj/contracts';
import { decisionRecorder, isBlank, msUntil, now, reject, requireRole } from './decision-recorder';

/** The ladder's order (libs/domain `escalationLadder`; the sandbox does not load the domain). */
const ladder: readonly LadderStep[] = [
  'reminder',
  'escalated_to_compliance_officer',
  'supply_standstill',
  'termination_proposed',
];

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY_MS).toISOString();

/**
 * One per confirmed breach (id `breach-escalation:<organisation>/<findingId>`), started on BreachConfirmed. Every
 * timer comes from the breach's remedy timetable. A slipped deadline climbs the escalation ladder;
 * termination is only proposed, and waits for a compliance officer without any timeout.
 */
export async function breachEscalationWorkflow(input: BreachEscalationInput): Promise<BreachEscalationResult> {
  const { findingId, caseId, remedyTimetable } = input;

  let step: BreachEscalationStep = 'awaiting_plan';
  let nextDeadline: string | undefined;
  let nextDeadlineKind: BreachEscalationStatus['nextDeadlineKind'];
  const ladderStepsTaken: LadderStep[] = [];
  let submitted: { planId: string; deadline: string; actions: readonly PlannedAction[] } | undefined;
  let agreed: { planId: string; deadline: string } | undefined;
  let result: 'complete' | 'partial' | 'none' | undefined;
  let verification: { verificationRef: string; verifiedBy: string } | undefined;
  let standstillId: string | undefined;
  let termination: 'terminate' | 'keep_contract' | undefined;
  let terminated = false;

  const recorder = decisionRecorder(input);
  const { record } = recorder;
  /** A person's decision, recorded under a command id derived from the update id (idempotent). */
  const recordFor = (actor: ActingPerson, aggregate: string, type: string, data: unknown, part = 0) =>
    recorder.recordFor(actor, aggregate, aggregateId(aggregate), type, data, part);
  const aggregateId = (aggregate: string) => (aggregate === 'procurementCase' ? caseId : findingId);

  setHandler(breachEscalationStatusQuery, () => ({
    findingId,
    step,
    ...(nextDeadline ? { nextDeadline, nextDeadlineKind } : {}),
    ladderStepsTaken: [...ladderStepsTaken],
    ...(submitted ? { submittedPlanId: submitted.planId } : {}),
    ...(agreed ? { agreedPlanId: agreed.planId } : {}),
    ...(standstillId ? { standstillId } : {}),
    terminationProposed: ladderStepsTaken.includes('termination_proposed'),
  }));

  setHandler(
    submitCorrectiveActionPlanUpdate,
    async ({ actor, planId, deadline, actions }) => {
      await recordFor(actor, 'finding', 'SubmitCorrectiveActionPlan', { findingId, planId, deadline, actions });
      submitted = { planId, deadline, actions };
      if (step === 'awaiting_plan') step = 'awaiting_plan_approval';
    },
    {
      validator: ({ actor, planId, deadline, actions }) => {
        requireRole(actor, ['supplier', 'contract_manager']);
        if (agreed) reject(`plan ${agreed.planId} is already agreed`);
        if (isBlank(planId)) reject('name the plan');
        if (!(Date.parse(deadline) > Date.now())) reject('the plan needs a deadline in the future');
        if (!Array.isArray(actions) || actions.length === 0) reject('a plan names at least one action');
        if (input.workersAffected > 0 && !actions.some((action) => action.forAffectedWorkers))
          reject('the plan must include help for the affected workers');
      },
    },
  );

  setHandler(
    approveCorrectiveActionPlanUpdate,
    async ({ actor, planId }) => {
      const plan = submitted!;
      await recordFor(actor, 'finding', 'AgreeCorrectiveActionPlan', { findingId, ...plan });
      agreed = { planId, deadline: plan.deadline };
      result = undefined;
      if (step !== 'awaiting_termination_decision') step = 'remediating';
    },
    {
      validator: ({ actor, planId }) => {
        requireRole(actor, ['compliance_officer']);
        if (agreed) reject(`plan ${agreed.planId} is already agreed`);
        if (!submitted || submitted.planId !== planId) reject(`no plan ${planId} has been submitted`);
      },
    },
  );

  setHandler(
    recordRemedyToWorkersUpdate,
    async ({ actor, ...remedy }) => {
      await recordFor(actor, 'finding', 'RecordRemedyToWorkers', { findingId, ...remedy });
    },
    {
      validator: ({ actor, remedyId, workersCovered, description }) => {
        requireRole(actor, ['compliance_officer', 'contract_manager', 'supplier', 'monitor']);
        if (isBlank(remedyId) || isBlank(description)) reject('name and describe the remedy');
        if (!(Number.isInteger(workersCovered) && workersCovered > 0))
          reject('say how many workers the remedy reaches');
      },
    },
  );

  setHandler(
    recordRemediationResultUpdate,
    async ({ actor, result: value, assessment, actionsCompleted }) => {
      await recordFor(actor, 'finding', 'RecordRemediationResult', {
        findingId,
        result: value,
        assessment,
        actionsCompleted,
      });
      result = value;
    },
    {
      validator: ({ actor, result: value, assessment }) => {
        requireRole(actor, ['compliance_officer', 'monitor']);
        if (!agreed) reject('remediation is measured against an agreed plan');
        if (result !== undefined) reject('this plan already has a result');
        if (!['complete', 'partial', 'none'].includes(value)) reject('the result is complete, partial or none');
        if (isBlank(assessment)) reject('explain the result');
      },
    },
  );

  setHandler(
    verifyRemediationUpdate,
    async ({ actor, verifiedBy, method, verificationRef }) => {
      await recordFor(actor, 'finding', 'VerifyRemediation', { findingId, verifiedBy, method, verificationRef });
      verification = { verificationRef, verifiedBy };
    },
    {
      validator: ({ actor, verifiedBy, method, verificationRef }) => {
        requireRole(actor, ['compliance_officer', 'monitor']);
        if (result !== 'complete') reject('only complete remediation can be verified');
        if (isBlank(verifiedBy) || isBlank(method) || isBlank(verificationRef))
          reject('name who verified, how, and the verification record');
      },
    },
  );

  setHandler(
    decideTerminationUpdate,
    async ({ actor, decision, reasons }) => {
      if (decision === 'terminate') {
        await recordFor(actor, 'procurementCase', 'TerminateContract', { caseId, reasons, findingId });
        terminated = true;
      } else {
        await recordFor(actor, 'finding', 'DeclineTerminationProposal', { findingId, reasons });
        step = agreed ? 'remediating' : submitted ? 'awaiting_plan_approval' : 'awaiting_plan';
      }
      termination = decision;
    },
    {
      validator: ({ actor, decision, reasons }) => {
        requireRole(actor, ['compliance_officer']);
        if (!ladderStepsTaken.includes('termination_proposed')) reject('termination has not been proposed');
        if (terminated) reject('the contract is already terminated');
        if (decision !== 'terminate' && decision !== 'keep_contract') reject('decide terminate or keep_contract');
        if (isBlank(reasons)) reject('give reasons');
      },
    },
  );

  const waitFor = (
    deadline: string,
    kind: NonNullable<BreachEscalationStatus['nextDeadlineKind']>,
    done: () => boolean,
  ) => {
    nextDeadline = deadline;
    nextDeadlineKind = kind;
    return condition(() => done() || terminated, msUntil(deadline));
  };

  /** A deadline slipped: climb from the next untaken step, each at its offset from the slip. */
  const climbLadder = async (cured: () => boolean) => {
    const slippedAt = now();
    for (const next of ladder.slice(ladderStepsTaken.length)) {
      const at = addDays(slippedAt, remedyTimetable.escalationAfterDays[next]);
      if (await waitFor(at, next, cured)) return;
      await record('procurementCase', caseId, 'EscalateBreach', {
        caseId,
        findingId,
        step: next,
        note: `deadline slipped on ${slippedAt}`,
      });
      ladderStepsTaken.push(next);
      if (next === 'supply_standstill') {
        standstillId = `breach-${findingId}`;
        await record('supplyStandstill', standstillId, 'ImposeSupplyStandstill', {
          standstillId,
          factoryId: input.factoryId,
          caseId,
          contractorId: input.contractorId,
          findingIds: [findingId],
          reasons: `escalation ladder: breach ${findingId} not remedied on time`,
        });
      }
    }
    // Ladder exhausted: wait for the cure or a compliance officer's decision, never for a timer.
    nextDeadline = undefined;
    nextDeadlineKind = undefined;
    if (ladderStepsTaken.includes('termination_proposed') && termination === undefined)
      step = 'awaiting_termination_decision';
    await condition(() => cured() || terminated);
  };

  while (!verification && !terminated) {
    if (!agreed) {
      // Ask for a plan, due by the timetable's days from now.
      const dueBy = addDays(now(), remedyTimetable.planDueWithinDays);
      step = submitted ? 'awaiting_plan_approval' : 'awaiting_plan';
      await record('finding', findingId, 'RequestCorrectiveActionPlan', { findingId, dueBy });
      if (!(await waitFor(dueBy, 'plan_due', () => agreed !== undefined))) {
        await record('finding', findingId, 'RecordCorrectiveActionPlanOverdue', { findingId });
        await climbLadder(() => agreed !== undefined);
      }
      if (terminated) break;
    }
    const plan = agreed!;
    step = 'remediating';
    const settled = () => verification !== undefined || (result !== undefined && result !== 'complete');
    if (!(await waitFor(plan.deadline, 'plan_deadline', () => settled() || result === 'complete'))) {
      await record('finding', findingId, 'RecordCorrectiveActionDeadlineMissed', { findingId, planId: plan.planId });
      await climbLadder(settled);
    } else if (!settled() && !terminated) {
      // Complete on time: verification has no deadline of its own.
      step = 'awaiting_verification';
      nextDeadline = undefined;
      nextDeadlineKind = undefined;
      await condition(() => settled() || terminated);
    }
    if (result !== undefined && result !== 'complete' && !verification) {
      // The plan fell short: a new one is needed; steps already taken stay taken.
      agreed = undefined;
      submitted = undefined;
    }
  }

  nextDeadline = undefined;
  nextDeadlineKind = undefined;
  if (terminated) {
    step = 'contract_terminated';
    await condition(allHandlersFinished);
    return { outcome: 'contract_terminated', ladderStepsTaken };
  }

  // Verified remediation lifts the standstill, then the breach is closed.
  if (standstillId) {
    await record('supplyStandstill', standstillId, 'NoteVerifiedRemediation', {
      standstillId,
      findingId,
      verificationRef: verification!.verificationRef,
      verifiedBy: verification!.verifiedBy,
    });
    await record('supplyStandstill', standstillId, 'LiftSupplyStandstill', {
      standstillId,
      reasons: `remediation of breach ${findingId} verified`,
    });
  }
  await record('finding', findingId, 'CloseBreach', { findingId, reasons: 'remediation verified' });
  step = 'closed';
  await condition(allHandlersFinished);
  return { outcome: 'breach_closed', ladderStepsTaken };
}
