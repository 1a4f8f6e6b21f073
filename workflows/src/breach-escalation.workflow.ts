import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DOMAIN_RULE_FAILURE,
  approveCorrectiveActionPlanUpdate,
  breachEscalationStatusQuery,
  confirmStandstillLiftingUpdate,
  decideSupplyStandstillUpdate,
  decideTerminationUpdate,
  decidedEvent,
  standstillImposedSignal,
  escalationLadder,
  recordRemediationResultUpdate,
  recordRemedyToWorkersUpdate,
  submitCorrectiveActionPlanUpdate,
  verifyRemediationUpdate,
  type ActingPerson,
  type BreachEscalationInput,
  type BuyerSettingsActivities,
  type CommandOn,
  type BreachEscalationResult,
  type BreachEscalationStatus,
  type BreachEscalationStep,
  type LadderStep,
  type PlannedAction,
} from '@pj/contracts';
import { decisionRecorder, isBlank, msUntil, now, reject, requirePerson, requireRole } from './decision-recorder';

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY_MS).toISOString();
/** Reminder interval for a standstill proposal when the breach's timetable sets none. */
const STANDSTILL_DECISION_REMINDER_DAYS = 7;

const { standstillLiftingNeedsConfirmation } = proxyActivities<BuyerSettingsActivities>({
  startToCloseTimeout: '1 minute',
});

/** The domain refused a command (its rule's code): the fact the workflow wanted to record is moot. */
const isRefusal = (error: unknown) =>
  error instanceof ActivityFailure &&
  error.cause instanceof ApplicationFailure &&
  error.cause.type === DOMAIN_RULE_FAILURE;

/**
 * One per confirmed breach (id `breach-escalation:<organisation>/<findingId>`), started on BreachConfirmed. Every
 * timer comes from the breach's remedy timetable. A slipped deadline climbs the escalation ladder;
 * a supply standstill and termination are only proposed: a compliance officer decides. The
 * standstill proposal is reminded until decided; termination waits without any timeout. Verified
 * remediation lifts every standstill resting on the finding (whoever imposed it) once all its
 * findings are verified: by itself, or on the officer's confirmation where the buyer wants that.
 */
export async function breachEscalationWorkflow(input: BreachEscalationInput): Promise<BreachEscalationResult> {
  const { findingId, caseId, remedyTimetable } = input;

  let step: BreachEscalationStep = 'awaiting_plan';
  let nextDeadline: string | undefined;
  let nextDeadlineKind: BreachEscalationStatus['nextDeadlineKind'];
  const ladderStepsTaken: LadderStep[] = [];
  let submitted: { planId: string; deadline: string; actions: readonly PlannedAction[] } | undefined;
  let agreed: { planId: string; deadline: string } | undefined;
  // A plan may arrive as soon as the workflow runs: it waits until the request it answers is recorded.
  let planRequested = false;
  let result: 'complete' | 'partial' | 'none' | undefined;
  let verification: { verificationRef: string; verifiedBy: string } | undefined;
  let standstillId: string | undefined;
  let termination: 'terminate' | 'keep_contract' | undefined;
  let terminated = false;
  // Workflows started before a person decided the standstill keep imposing and lifting it by
  // themselves (their recorded histories replay that way); new ones propose and wait.
  const decidedByPerson = patched('standstill-decided-by-person');
  const planDueCountedByDomain = patched('plan-due-counted-by-domain');
  let standstillProposal: BreachEscalationStatus['standstillProposal'];
  /** Every standstill resting on this finding, whoever imposed it (new workflows only). */
  const standstillIds: string[] = [];
  /** Standstills whose findings are all verified, waiting for the officer's confirmation to lift. */
  let awaitingLifting: readonly string[] = [];
  let liftingConfirmed = false;

  const { record, recordFor } = decisionRecorder(input);
  /** A person's decision on the breach's finding. */
  const recordOnFinding = (actor: ActingPerson, command: CommandOn<'finding'>) =>
    recordFor(actor, { aggregate: 'finding', aggregateId: findingId, ...command });

  setHandler(breachEscalationStatusQuery, () => ({
    findingId,
    step,
    ...(nextDeadline ? { nextDeadline, nextDeadlineKind } : {}),
    ladderStepsTaken: [...ladderStepsTaken],
    ...(submitted ? { submittedPlanId: submitted.planId } : {}),
    ...(agreed ? { agreedPlanId: agreed.planId } : {}),
    ...(standstillId ? { standstillId } : {}),
    ...(standstillProposal ? { standstillProposal } : {}),
    ...(decidedByPerson ? { standstillIds: [...standstillIds] } : {}),
    terminationProposed: ladderStepsTaken.includes('termination_proposed'),
  }));

  setHandler(
    submitCorrectiveActionPlanUpdate,
    async ({ actor, planId, deadline, actions }) => {
      await condition(() => planRequested);
      await recordOnFinding(actor, {
        type: 'SubmitCorrectiveActionPlan',
        data: { findingId, planId, deadline, actions },
      });
      submitted = { planId, deadline, actions };
      if (step === 'awaiting_plan') step = 'awaiting_plan_approval';
    },
    {
      validator: ({ actor }) => {
        requirePerson(actor);
        if (agreed) reject(`plan ${agreed.planId} is already agreed`);
        // What a plan must hold is the decider's to say (its refusal comes back through the update
        // with the rule's own code); the validator checks only what this workflow owns.
      },
    },
  );

  setHandler(
    approveCorrectiveActionPlanUpdate,
    async ({ actor, planId }) => {
      const plan = submitted!;
      await recordOnFinding(actor, { type: 'AgreeCorrectiveActionPlan', data: { findingId, ...plan } });
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
      await recordOnFinding(actor, { type: 'RecordRemedyToWorkers', data: { findingId, ...remedy } });
    },
    {
      validator: ({ actor, remedyId, description }) => {
        requireRole(actor, ['compliance_officer', 'contract_manager', 'supplier', 'monitor']);
        if (isBlank(remedyId) || isBlank(description)) reject('name and describe the remedy');
      },
    },
  );

  setHandler(
    recordRemediationResultUpdate,
    async ({ actor, result: value, assessment, actionsCompleted }) => {
      await recordOnFinding(actor, {
        type: 'RecordRemediationResult',
        data: {
          findingId,
          result: value,
          assessment,
          actionsCompleted,
        },
      });
      result = value;
    },
    {
      validator: ({ actor, result: value }) => {
        requireRole(actor, ['compliance_officer', 'monitor']);
        if (!agreed) reject('remediation is measured against an agreed plan');
        if (result !== undefined) reject('this plan already has a result');
        if (!['complete', 'partial', 'none'].includes(value)) reject('the result is complete, partial or none');
      },
    },
  );

  setHandler(
    verifyRemediationUpdate,
    async ({ actor, verifiedBy, method, verificationRef }) => {
      await recordOnFinding(actor, {
        type: 'VerifyRemediation',
        data: { findingId, verifiedBy, method, verificationRef },
      });
      verification = { verificationRef, verifiedBy };
    },
    {
      validator: ({ actor, verificationRef }) => {
        requireRole(actor, ['compliance_officer', 'monitor']);
        if (result !== 'complete') reject('only complete remediation can be verified');
        if (isBlank(verificationRef)) reject('name the verification record');
      },
    },
  );

  setHandler(
    decideTerminationUpdate,
    async ({ actor, decision, reasons }) => {
      if (decision === 'terminate') {
        await recordFor(actor, {
          aggregate: 'procurementCase',
          aggregateId: caseId,
          type: 'TerminateContract',
          data: { caseId, reasons, findingId },
        });
        terminated = true;
      } else {
        await recordOnFinding(actor, { type: 'DeclineTerminationProposal', data: { findingId, reasons } });
        step = agreed ? 'remediating' : submitted ? 'awaiting_plan_approval' : 'awaiting_plan';
      }
      termination = decision;
    },
    {
      validator: ({ actor, decision }) => {
        requirePerson(actor);
        if (!ladderStepsTaken.includes('termination_proposed')) reject('termination has not been proposed');
        if (terminated) reject('the contract is already terminated');
        if (decision !== 'terminate' && decision !== 'keep_contract') reject('decide terminate or keep_contract');
      },
    },
  );

  const keepStandstill = (id: string) => {
    if (decidedByPerson && !standstillIds.includes(id)) standstillIds.push(id);
  };
  // Told by the process manager of every standstill imposed on this finding (also the officer's direct ones).
  setHandler(standstillImposedSignal, ({ standstillId: id }) => keepStandstill(id));

  /** The standstill on the breach's own factory keeps the id the ladder always gave it. */
  const standstillIdFor = (factoryId: string) =>
    factoryId === input.factoryId ? `breach-${findingId}` : `breach-${findingId}.${factoryId}`;

  setHandler(
    decideSupplyStandstillUpdate,
    async (decision) => {
      if (decision.decision === 'impose') {
        for (const [part, factoryId] of decision.factoryIds.entries()) {
          const id = standstillIdFor(factoryId);
          await recordFor(
            decision.actor,
            {
              aggregate: 'supplyStandstill',
              aggregateId: id,
              type: 'ImposeSupplyStandstill',
              data: {
                standstillId: id,
                factoryId,
                caseId,
                contractorId: input.contractorId,
                findingIds: [findingId],
                reasons: decision.reasons,
                scope: decision.scope,
                proposedBy: workflowInfo().workflowId,
              },
            },
            part,
          );
          keepStandstill(id);
        }
        standstillProposal = 'imposed';
      } else {
        await recordOnFinding(decision.actor, {
          type: 'DeclineSupplyStandstillProposal',
          data: { findingId, reasons: decision.reasons },
        });
        standstillProposal = 'declined';
      }
    },
    {
      validator: (decision) => {
        requireRole(decision.actor, ['compliance_officer']);
        if (standstillProposal !== 'awaiting_decision') reject('no supply standstill is waiting for a decision');
        if (isBlank(decision.reasons)) reject('give the reasons for the decision');
        if (decision.decision === 'decline') return;
        if (decision.decision !== 'impose') reject('decide impose or decline');
        const { factoryIds, scope } = decision;
        if (!Array.isArray(factoryIds) || factoryIds.length === 0 || factoryIds.some((id) => isBlank(id)))
          reject('name the factories whose supply stops');
        if (new Set(factoryIds).size !== factoryIds.length) reject('name each factory once');
        if (scope !== 'contract' && scope !== 'buyer') reject('the scope is contract or buyer');
      },
    },
  );

  setHandler(
    confirmStandstillLiftingUpdate,
    async ({ actor, reasons }) => {
      for (const [part, id] of awaitingLifting.entries())
        await recordFor(
          actor,
          {
            aggregate: 'supplyStandstill',
            aggregateId: id,
            type: 'LiftSupplyStandstill',
            data: { standstillId: id, reasons },
          },
          part,
        );
      liftingConfirmed = true;
    },
    {
      validator: ({ actor, reasons }) => {
        requireRole(actor, ['compliance_officer']);
        if (step !== 'awaiting_standstill_lifting' || liftingConfirmed) reject('no standstill waits to be lifted');
        if (isBlank(reasons)) reject('say why the standstill is lifted');
      },
    },
  );

  /** The ladder's standstill step: propose it, and remind the officer until they decide. */
  const proposeStandstill = async () => {
    await record({
      aggregate: 'finding',
      aggregateId: findingId,
      type: 'ProposeSupplyStandstill',
      data: {
        findingId,
        // A breach of a contract clause has no factory of its own: the officer names any when deciding.
        factoryIds: input.factoryId !== undefined ? [input.factoryId] : [],
        reasons: `escalation ladder: breach ${findingId} not remedied on time`,
      },
    });
    standstillProposal = 'awaiting_decision';
    const every = (remedyTimetable.remindStandstillDecisionEveryDays ?? STANDSTILL_DECISION_REMINDER_DAYS) * DAY_MS;
    const settled = () => standstillProposal !== 'awaiting_decision' || verification !== undefined || terminated;
    void (async () => {
      while (!(await condition(settled, every))) {
        try {
          await record({
            aggregate: 'finding',
            aggregateId: findingId,
            type: 'RemindOfSupplyStandstillProposal',
            data: { findingId },
          });
        } catch (error) {
          // Decided while the reminder was on its way: nothing left to remind of.
          if (!isRefusal(error)) throw error;
        }
      }
    })();
  };

  /**
   * Notes the verified remediation on every standstill resting on the finding, then lifts those
   * with no finding left unverified: by itself, or once the officer confirms (the buyer's setting).
   */
  const liftStandstills = async () => {
    const liftable: string[] = [];
    for (const id of standstillIds) {
      try {
        const noted = await record({
          aggregate: 'supplyStandstill',
          aggregateId: id,
          type: 'NoteVerifiedRemediation',
          data: {
            standstillId: id,
            findingId,
            verificationRef: verification!.verificationRef,
            verifiedBy: verification!.verifiedBy,
          },
        });
        const outstanding = decidedEvent(noted, 'StandstillRemediationVerified')?.data.outstandingFindingIds ?? [];
        // Another finding still unverified: the workflow of the last one verified lifts it.
        if (outstanding.length === 0) liftable.push(id);
      } catch (error) {
        // Lifted already, say: nothing to note on it.
        if (!isRefusal(error)) throw error;
      }
    }
    if (liftable.length === 0) return;
    if (await standstillLiftingNeedsConfirmation(input.organisationId)) {
      awaitingLifting = liftable;
      step = 'awaiting_standstill_lifting';
      await condition(() => liftingConfirmed);
      return;
    }
    for (const id of liftable)
      await record({
        aggregate: 'supplyStandstill',
        aggregateId: id,
        type: 'LiftSupplyStandstill',
        data: { standstillId: id, reasons: `remediation of breach ${findingId} verified` },
      });
  };

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
    for (const next of escalationLadder.slice(ladderStepsTaken.length)) {
      const at = addDays(slippedAt, remedyTimetable.escalationAfterDays[next]);
      if (await waitFor(at, next, cured)) return;
      await record({
        aggregate: 'procurementCase',
        aggregateId: caseId,
        type: 'EscalateBreach',
        data: {
          caseId,
          findingId,
          step: next,
          note: `deadline slipped on ${slippedAt}`,
        },
      });
      ladderStepsTaken.push(next);
      if (next === 'supply_standstill' && decidedByPerson) await proposeStandstill();
      // Histories from before a person decided: every breach then had its factory.
      else if (next === 'supply_standstill' && input.factoryId !== undefined) {
        standstillId = `breach-${findingId}`;
        await record({
          aggregate: 'supplyStandstill',
          aggregateId: standstillId,
          type: 'ImposeSupplyStandstill',
          data: {
            standstillId,
            factoryId: input.factoryId,
            caseId,
            contractorId: input.contractorId,
            findingIds: [findingId],
            reasons: `escalation ladder: breach ${findingId} not remedied on time`,
          },
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
      // Ask for a plan, due by the timetable's days: counted by the domain in the buyer's calendar
      // (workflows started before that count them here, as their histories replay).
      step = submitted ? 'awaiting_plan_approval' : 'awaiting_plan';
      let dueBy: string;
      if (planDueCountedByDomain) {
        const requested = await record({
          aggregate: 'finding',
          aggregateId: findingId,
          type: 'RequestCorrectiveActionPlan',
          data: { findingId, dueWithinDays: remedyTimetable.planDueWithinDays },
        });
        dueBy = decidedEvent(requested, 'CorrectiveActionPlanRequested')!.data.dueBy;
      } else {
        dueBy = addDays(now(), remedyTimetable.planDueWithinDays);
        await record({
          aggregate: 'finding',
          aggregateId: findingId,
          type: 'RequestCorrectiveActionPlan',
          data: { findingId, dueBy },
        });
      }
      planRequested = true;
      if (!(await waitFor(dueBy, 'plan_due', () => agreed !== undefined))) {
        await record({
          aggregate: 'finding',
          aggregateId: findingId,
          type: 'RecordCorrectiveActionPlanOverdue',
          data: { findingId },
        });
        await climbLadder(() => agreed !== undefined);
      }
      if (terminated) break;
    }
    const plan = agreed!;
    step = 'remediating';
    const settled = () => verification !== undefined || (result !== undefined && result !== 'complete');
    if (!(await waitFor(plan.deadline, 'plan_deadline', () => settled() || result === 'complete'))) {
      await record({
        aggregate: 'finding',
        aggregateId: findingId,
        type: 'RecordCorrectiveActionDeadlineMissed',
        data: { findingId, planId: plan.planId },
      });
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

  // Verified remediation lifts the standstills, then the breach is closed.
  if (decidedByPerson) await liftStandstills();
  else if (standstillId) {
    await record({
      aggregate: 'supplyStandstill',
      aggregateId: standstillId,
      type: 'NoteVerifiedRemediation',
      data: {
        standstillId,
        findingId,
        verificationRef: verification!.verificationRef,
        verifiedBy: verification!.verifiedBy,
      },
    });
    await record({
      aggregate: 'supplyStandstill',
      aggregateId: standstillId,
      type: 'LiftSupplyStandstill',
      data: {
        standstillId,
        reasons: `remediation of breach ${findingId} verified`,
      },
    });
  }
  await record({
    aggregate: 'finding',
    aggregateId: findingId,
    type: 'CloseBreach',
    data: { findingId, reasons: 'remediation verified' },
  });
  step = 'closed';
  await condition(allHandlersFinished);
  return { outcome: 'breach_closed', ladderStepsTaken };
}
