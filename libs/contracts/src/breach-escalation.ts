import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CorrectiveAction, EscalationStep, SupplyStandstillScope } from '@pj/domain';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/**
 * The breach-escalation workflow: one per confirmed breach, started on BreachConfirmed. Asks for a
 * corrective action plan, takes it through updates (submitted by the contractor, approved by a
 * compliance officer), waits for verified remediation, and climbs the escalation ladder when a
 * deadline slips. Termination is only ever proposed: a compliance officer decides.
 */
export const breachEscalationWorkflowId = (organisationId: string, findingId: string) =>
  scopedWorkflowId('breach-escalation', organisationId, findingId);
export const BREACH_ESCALATION_WORKFLOW_TYPE = 'breachEscalationWorkflow';

/** The escalation ladder, defined once by the domain (whose decider checks its order). */
export { escalationLadder } from '@pj/domain';
export type LadderStep = EscalationStep;

/** From BreachConfirmed: the timetable is the buyer's policy, set when the breach was confirmed. */
export interface BreachEscalationInput extends WorkflowTrigger {
  readonly findingId: string;
  readonly caseId: string;
  readonly contractorId: string;
  /** Absent for a breach of a contract clause (the disclosure ratchet): the officer names the factories, if any. */
  readonly factoryId?: string;
  readonly workersAffected: number;
  readonly remedyTimetable: {
    readonly planDueWithinDays: number;
    readonly escalationAfterDays: Readonly<Record<LadderStep, number>>;
    readonly remindStandstillDecisionEveryDays?: number;
  };
}

export type BreachEscalationOutcome = 'breach_closed' | 'contract_terminated';

export interface BreachEscalationResult {
  readonly outcome: BreachEscalationOutcome;
  readonly ladderStepsTaken: readonly LadderStep[];
}

/** A person acting through an update; the command is recorded in their name. */
export interface ActingPerson {
  readonly id: string;
  readonly role: string;
}

export type BreachEscalationStep =
  | 'awaiting_plan'
  | 'awaiting_plan_approval'
  | 'remediating'
  | 'awaiting_verification'
  | 'awaiting_termination_decision'
  | 'awaiting_standstill_lifting'
  | 'closed'
  | 'contract_terminated';

export interface BreachEscalationStatus {
  readonly findingId: string;
  readonly step: BreachEscalationStep;
  /** The next deadline the workflow's timer is set for (ISO-8601), if any. */
  readonly nextDeadline?: string;
  readonly nextDeadlineKind?: 'plan_due' | 'plan_deadline' | LadderStep;
  readonly ladderStepsTaken: readonly LadderStep[];
  readonly submittedPlanId?: string;
  readonly agreedPlanId?: string;
  /** The standstill the workflow imposed by itself (workflows started before a person decided). */
  readonly standstillId?: string;
  /** The ladder's standstill proposal and, once decided, what the compliance officer decided. */
  readonly standstillProposal?: 'awaiting_decision' | 'imposed' | 'declined';
  /** Every standstill in force resting on this finding, whoever imposed it. */
  readonly standstillIds?: readonly string[];
  readonly terminationProposed: boolean;
}

/** An action of a corrective action plan, as the domain defines it. */
export type PlannedAction = CorrectiveAction;

export interface SubmitCorrectiveActionPlanUpdate {
  readonly actor: ActingPerson;
  readonly planId: string;
  readonly deadline: string;
  readonly actions: readonly PlannedAction[];
}

export interface ApproveCorrectiveActionPlanUpdate {
  readonly actor: ActingPerson;
  readonly planId: string;
}

export interface RecordRemedyToWorkersUpdate {
  readonly actor: ActingPerson;
  readonly remedyId: string;
  readonly kind: 'back_pay' | 'reinstatement' | 'compensation';
  readonly workersCovered: number;
  readonly amount?: number;
  readonly currency?: string;
  readonly description: string;
}

export interface RecordRemediationResultUpdate {
  readonly actor: ActingPerson;
  readonly result: 'complete' | 'partial' | 'none';
  readonly assessment: string;
  readonly actionsCompleted: readonly string[];
}

export interface VerifyRemediationUpdate {
  readonly actor: ActingPerson;
  readonly verifiedBy: string;
  readonly method: string;
  readonly verificationRef: string;
}

export interface DecideTerminationUpdate {
  readonly actor: ActingPerson;
  readonly decision: 'terminate' | 'keep_contract';
  readonly reasons: string;
}

/** The compliance officer's decision on the ladder's standstill proposal. */
export type DecideSupplyStandstillUpdate =
  | {
      readonly actor: ActingPerson;
      readonly decision: 'impose';
      /** The factories whose supply stops: one standstill each. */
      readonly factoryIds: readonly string[];
      readonly scope: SupplyStandstillScope;
      readonly reasons: string;
    }
  | { readonly actor: ActingPerson; readonly decision: 'decline'; readonly reasons: string };

/** The compliance officer confirms lifting the standstills whose findings are all verified. */
export interface ConfirmStandstillLiftingUpdate {
  readonly actor: ActingPerson;
  readonly reasons: string;
}

/** A standstill was imposed on this finding (by anyone): the workflow lifts it once remediation is verified. */
export interface StandstillImposedSignal {
  readonly standstillId: string;
}

export const submitCorrectiveActionPlanUpdate = defineUpdate<void, [SubmitCorrectiveActionPlanUpdate]>(
  'submitCorrectiveActionPlan',
);
export const approveCorrectiveActionPlanUpdate = defineUpdate<void, [ApproveCorrectiveActionPlanUpdate]>(
  'approveCorrectiveActionPlan',
);
export const recordRemedyToWorkersUpdate = defineUpdate<void, [RecordRemedyToWorkersUpdate]>('recordRemedyToWorkers');
export const recordRemediationResultUpdate = defineUpdate<void, [RecordRemediationResultUpdate]>(
  'recordRemediationResult',
);
export const verifyRemediationUpdate = defineUpdate<void, [VerifyRemediationUpdate]>('verifyRemediation');
export const decideTerminationUpdate = defineUpdate<void, [DecideTerminationUpdate]>('decideTermination');
export const decideSupplyStandstillUpdate = defineUpdate<void, [DecideSupplyStandstillUpdate]>(
  'decideSupplyStandstill',
);
export const confirmStandstillLiftingUpdate = defineUpdate<void, [ConfirmStandstillLiftingUpdate]>(
  'confirmStandstillLifting',
);
export const standstillImposedSignal = defineSignal<[StandstillImposedSignal]>('standstillImposed');
export const breachEscalationStatusQuery = defineQuery<BreachEscalationStatus>('breachEscalationStatus');
