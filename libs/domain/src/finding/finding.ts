import type { FindingRuleCode } from './rule-codes';
import type { Decider } from '../decider';
import { assertNever } from '../decider';
import { isBefore } from '../calendar';
import { periodEndsAt } from '../periods';
import { escalationLadder, type EscalationStep } from '../procurement-case/commands';
import { DomainError } from '../domain-error';
import { isBlank, isHeadcount, refuseReadOnlyActor, requireRole } from '../roles';
import { ownedStreamId } from '../stream-names';
import type {
  RemedyTimetable,
  SubmitCorrectiveActionPlan,
  AgreeCorrectiveActionPlan,
  FindingCommand,
} from './commands';
import type { FindingEvent } from './events';
import type { FindingState } from './state';
import { evolveFinding } from './state';

export * from './commands';
export * from './events';
export * from './state';

// A finding about a factory, from whatever source, and — once confirmed as a breach — its
// corrective action plan, the remedy given to workers, and the verified result. One stream per
// finding; findings are shareable between buyers who source from the same factory.

export const FINDING_STREAM_PREFIX = 'finding-';
/** The organisation's own stream: ids are chosen by each organisation, so they are scoped to it. */
export const findingStreamId = (organisationId: string, findingId: string) =>
  ownedStreamId(FINDING_STREAM_PREFIX, organisationId, findingId);

const fail = (code: FindingRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

const actionFields = ['action', 'responsibleParty', 'verificationMethod', 'deadline', 'consequenceIfNotDone'] as const;

function timetableProblem(timetable: RemedyTimetable | undefined) {
  if (!timetable) return fail('finding.remedy_timetable_required', 'set the remedy timetable from the buyer’s policy');
  const wholeDays = (days: number) => Number.isInteger(days) && days >= 0;
  if (!(wholeDays(timetable.planDueWithinDays) && timetable.planDueWithinDays > 0))
    return fail(
      'finding.remedy_timetable_invalid',
      'the plan is due a whole number of days (above zero) after the request',
    );
  const offsets = escalationSteps.map((step) => timetable.escalationAfterDays?.[step]);
  if (!offsets.every((days) => days !== undefined && wholeDays(days)))
    return fail('finding.remedy_timetable_invalid', 'every ladder step needs its offset in whole days', {
      steps: escalationSteps,
    });
  const reminders = timetable.remindStandstillDecisionEveryDays;
  if (reminders !== undefined && !(wholeDays(reminders) && reminders > 0))
    return fail('finding.remedy_timetable_invalid', 'standstill decision reminders come every whole number of days');
  if (offsets.some((days, index) => index > 0 && days! < offsets[index - 1]!))
    return fail('finding.remedy_timetable_invalid', 'the ladder climbs in order: offsets may not decrease');
  return undefined;
}

const escalationSteps: readonly EscalationStep[] = escalationLadder;

function planProblem(
  command: AgreeCorrectiveActionPlan | SubmitCorrectiveActionPlan,
  state: Exclude<FindingState, { status: 'not_recorded' }>,
) {
  const { deadline, actions, planId } = command.data;
  if (isBlank(planId)) return fail('corrective_action.plan_id_required', 'name the plan');
  if (!isBefore(command.metadata.now, deadline))
    return fail('corrective_action.deadline_in_past', 'a corrective action plan needs a deadline in the future');
  if (actions.length === 0) return fail('corrective_action.actions_required', 'a plan names at least one action');
  for (const action of actions) {
    const missing = actionFields.filter((field) => isBlank(action[field]));
    if (missing.length > 0)
      return fail('corrective_action.action_incomplete', `action ${action.actionId} lacks ${missing.join(', ')}`, {
        actionId: action.actionId,
        missing,
      });
    if (isBefore(deadline, action.deadline))
      return fail('corrective_action.action_after_plan_deadline', `action ${action.actionId} ends after the plan`);
  }
  // Fixing the cause is not enough: the workers harmed need help too.
  if (state.workersAffected > 0 && !actions.some((action) => action.forAffectedWorkers))
    return fail(
      'corrective_action.no_help_for_affected_workers',
      'the plan must include help for the affected workers',
      {
        workersAffected: state.workersAffected,
      },
    );
  return undefined;
}

export const finding: Decider<FindingState, FindingCommand, FindingEvent> = {
  initialState: () => ({ status: 'not_recorded' }),

  decide(command, state) {
    const readOnly = refuseReadOnlyActor(command.metadata);
    if (readOnly) return readOnly;
    const { now, actor } = command.metadata;
    if (command.type === 'RecordFinding') {
      if (state.status !== 'not_recorded')
        return fail('finding.already_recorded', `finding ${command.data.findingId} is already recorded`);
      const { workersAffected, standardBreached, description } = command.data;
      if (!isHeadcount(workersAffected))
        return fail('finding.workers_affected_invalid', 'workers affected is a whole number, zero or more');
      if (isBlank(standardBreached)) return fail('finding.standard_required', 'name the standard breached');
      if (isBlank(description)) return fail('finding.description_required', 'describe what was found');
      const { source, factoryId, caseId } = command.data;
      if (source === 'contract_clause' ? isBlank(caseId) : isBlank(factoryId))
        return fail(
          source === 'contract_clause' ? 'finding.case_required' : 'finding.factory_required',
          source === 'contract_clause'
            ? 'a breach of a contract clause is found on the contract of a case: name the case'
            : 'name the factory the finding is about',
        );
      return [
        {
          type: 'FindingRecorded',
          data: {
            ...command.data,
            recordedByOrganisationId: command.metadata.organisationId,
            recordedBy: actor.id,
            recordedAt: now,
          },
        },
      ];
    }
    if (state.status === 'not_recorded')
      return fail('finding.not_found', `finding ${command.data.findingId} has not been recorded`);
    if (state.status === 'dismissed') return fail('finding.dismissed', 'the finding was dismissed');
    if (state.status === 'breach_closed' && command.type !== 'AddFindingEvidence')
      return fail('finding.breach_closed', 'the breach is closed');

    switch (command.type) {
      case 'AddFindingEvidence':
        if (isBlank(command.data.evidenceRef)) return fail('finding.evidence_ref_required', 'name the evidence');
        return [{ type: 'FindingEvidenceAdded', data: { ...command.data, addedAt: now } }];

      case 'ConfirmBreach': {
        if (state.status !== 'reported') return fail('finding.already_confirmed', 'the breach is already confirmed');
        // A missed necessary step on the contract's own record (the disclosure ratchet) is a breach as
        // the contract defines it: the workflow that checked it confirms it; anything else needs an officer.
        const notOfficer = requireRole(
          command.metadata,
          state.source === 'contract_clause' ? ['compliance_officer', 'workflow'] : ['compliance_officer'],
          'finding.compliance_officer_required',
        );
        if (notOfficer) return notOfficer;
        if (isBlank(command.data.reasons)) return fail('finding.reasons_required', 'confirming a breach needs reasons');
        const caseId = command.data.caseId ?? state.caseId;
        if (isBlank(caseId))
          return fail('finding.case_required', 'a breach is confirmed against the contract of a case: name the case');
        if (isBlank(command.data.contractorId))
          return fail('finding.contractor_required', 'name the contractor the remedy is asked of');
        const timetableError = timetableProblem(command.data.remedyTimetable);
        if (timetableError) return timetableError;
        return [
          {
            type: 'BreachConfirmed',
            data: {
              findingId: command.data.findingId,
              reasons: command.data.reasons,
              caseId: caseId!,
              contractorId: command.data.contractorId,
              ...(state.factoryId !== undefined ? { factoryId: state.factoryId } : {}),
              severity: state.severity,
              workersAffected: state.workersAffected,
              remedyTimetable: command.data.remedyTimetable,
              confirmedBy: actor.id,
              confirmedAt: now,
            },
          },
        ];
      }

      case 'RequestCorrectiveActionPlan': {
        const needsPlan =
          state.status === 'breach_confirmed' ||
          (state.status === 'corrective_action' && state.plan.result !== undefined && state.plan.result !== 'complete');
        if (!needsPlan)
          return fail(
            'corrective_action.no_plan_needed',
            'a plan is requested for a confirmed breach without one in force',
          );
        if (
          state.planRequest &&
          !state.planRequest.overdue &&
          state.planRequest.submitted === undefined &&
          isBefore(now, state.planRequest.dueBy)
        )
          return fail(
            'corrective_action.plan_already_requested',
            `a plan is already due by ${state.planRequest.dueBy}`,
          );
        const notAllowed = requireRole(
          command.metadata,
          ['compliance_officer', 'workflow'],
          'corrective_action.compliance_officer_required',
        );
        if (notAllowed) return notAllowed;
        const { dueWithinDays } = command.data;
        if (dueWithinDays !== undefined && !(Number.isInteger(dueWithinDays) && dueWithinDays > 0))
          return fail('corrective_action.deadline_in_past', 'a plan is due within whole days, above zero');
        // The plan is due by the end of the last of its days in the buyer's calendar.
        const dueBy =
          dueWithinDays !== undefined
            ? periodEndsAt(command.metadata.calendar, now, dueWithinDays)
            : command.data.dueBy;
        if (!isBefore(now, dueBy))
          return fail('corrective_action.deadline_in_past', 'the plan must be due in the future');
        return [
          {
            type: 'CorrectiveActionPlanRequested',
            data: {
              findingId: command.data.findingId,
              dueBy,
              requestedBy: actor.id,
              requestedAt: now,
            },
          },
        ];
      }

      case 'SubmitCorrectiveActionPlan': {
        if (!state.planRequest || state.status === 'remediation_verified')
          return fail('corrective_action.plan_not_requested', 'no corrective action plan has been requested');
        const notAllowed = requireRole(
          command.metadata,
          ['supplier', 'contract_manager'],
          'corrective_action.contractor_required',
        );
        if (notAllowed) return notAllowed;
        const problem = planProblem(command, state);
        if (problem) return problem;
        return [
          { type: 'CorrectiveActionPlanSubmitted', data: { ...command.data, submittedBy: actor.id, submittedAt: now } },
        ];
      }

      case 'RecordCorrectiveActionPlanOverdue': {
        const request = state.planRequest;
        if (!request)
          return fail('corrective_action.plan_not_requested', 'no corrective action plan has been requested');
        if (isBefore(now, request.dueBy))
          return fail('corrective_action.deadline_not_passed', `the plan is due by ${request.dueBy}`);
        if (request.overdue) return fail('corrective_action.nothing_missed', 'the plan is already recorded overdue');
        return [
          {
            type: 'CorrectiveActionPlanOverdue',
            data: { findingId: command.data.findingId, dueBy: request.dueBy, recordedAt: now },
          },
        ];
      }

      case 'DeclineTerminationProposal': {
        if (state.status === 'reported') return fail('finding.breach_not_confirmed', 'no breach is confirmed');
        const notOfficer = requireRole(
          command.metadata,
          ['compliance_officer'],
          'termination.compliance_officer_required',
        );
        if (notOfficer) return notOfficer;
        if (isBlank(command.data.reasons)) return fail('finding.reasons_required', 'say why the contract is kept');
        return [
          { type: 'TerminationProposalDeclined', data: { ...command.data, decidedBy: actor.id, decidedAt: now } },
        ];
      }

      case 'ProposeSupplyStandstill': {
        if (!state.breach)
          return fail('standstill_proposal.breach_not_confirmed', 'a standstill is proposed for a confirmed breach');
        const notLadder = requireRole(command.metadata, ['workflow'], 'standstill_proposal.ladder_only');
        if (notLadder) return notLadder;
        if (state.standstillProposal)
          return fail('standstill_proposal.already_proposed', 'a standstill is already proposed for this breach');
        // A contract-clause finding names no factory: the proposal may leave the factories to the officer.
        if (
          (command.data.factoryIds.length === 0 && state.factoryId !== undefined) ||
          command.data.factoryIds.some(isBlank)
        )
          return fail('standstill_proposal.factories_required', 'name the factories the standstill would cover');
        if (isBlank(command.data.reasons))
          return fail('standstill_proposal.reasons_required', 'say why a standstill is proposed');
        return [
          {
            type: 'SupplyStandstillProposed',
            data: { ...command.data, ...state.breach, proposedBy: actor.id, proposedAt: now },
          },
        ];
      }

      case 'RemindOfSupplyStandstillProposal': {
        if (!state.standstillProposal)
          return fail('standstill_proposal.not_proposed', 'no supply standstill is waiting for a decision');
        return [
          {
            type: 'SupplyStandstillProposalReminderSent',
            data: { ...command.data, proposedAt: state.standstillProposal.proposedAt, remindedAt: now },
          },
        ];
      }

      case 'DeclineSupplyStandstillProposal': {
        if (!state.standstillProposal)
          return fail('standstill_proposal.not_proposed', 'no supply standstill is waiting for a decision');
        const notOfficer = requireRole(
          command.metadata,
          ['compliance_officer'],
          'standstill_proposal.compliance_officer_required',
        );
        if (notOfficer) return notOfficer;
        if (isBlank(command.data.reasons))
          return fail('standstill_proposal.reasons_required', 'say why no standstill is imposed');
        return [
          {
            type: 'SupplyStandstillProposalDeclined',
            data: { ...command.data, decidedBy: actor.id, decidedAt: now },
          },
        ];
      }

      case 'CloseBreach': {
        if (state.status !== 'remediation_verified')
          return fail('finding.remediation_not_verified', 'a breach is closed once its remediation is verified');
        if (isBlank(command.data.reasons)) return fail('finding.reasons_required', 'say why the breach is closed');
        return [{ type: 'BreachClosed', data: { ...command.data, closedBy: actor.id, closedAt: now } }];
      }

      case 'DismissFinding': {
        if (state.status !== 'reported')
          return fail('finding.already_confirmed', 'a confirmed breach cannot be dismissed; record its remediation');
        const notOfficer = requireRole(command.metadata, ['compliance_officer'], 'finding.compliance_officer_required');
        if (notOfficer) return notOfficer;
        if (isBlank(command.data.reasons))
          return fail('finding.reasons_required', 'dismissing a finding needs reasons');
        return [{ type: 'FindingDismissed', data: { ...command.data, dismissedBy: actor.id, dismissedAt: now } }];
      }

      case 'AgreeCorrectiveActionPlan': {
        if (state.status === 'reported')
          return fail('corrective_action.breach_not_confirmed', 'confirm the breach before agreeing a plan');
        if (state.status === 'remediation_verified')
          return fail('corrective_action.already_remediated', 'remediation is already verified');
        // A new plan may replace one whose result fell short.
        if (
          state.status === 'corrective_action' &&
          (state.plan.result === undefined || state.plan.result === 'complete')
        )
          return fail('corrective_action.plan_in_force', `plan ${state.plan.planId} is in force`);
        const problem = planProblem(command, state);
        if (problem) return problem;
        return [{ type: 'CorrectiveActionPlanAgreed', data: { ...command.data, agreedAt: now } }];
      }

      case 'RecordCorrectiveActionDeadlineMissed': {
        if (state.status !== 'corrective_action' || state.plan.planId !== command.data.planId)
          return fail('corrective_action.plan_not_in_force', `plan ${command.data.planId} is not in force`);
        if (isBefore(now, state.plan.deadline))
          return fail('corrective_action.deadline_not_passed', `the plan runs until ${state.plan.deadline}`);
        if (state.plan.result === 'complete' || state.plan.deadlineMissed)
          return fail(
            'corrective_action.nothing_missed',
            'the plan is complete or its missed deadline already recorded',
          );
        return [
          {
            type: 'CorrectiveActionDeadlineMissed',
            data: { ...command.data, deadline: state.plan.deadline, recordedAt: now },
          },
        ];
      }

      case 'RecordRemedyToWorkers': {
        if (state.status === 'reported')
          return fail('remedy.breach_not_confirmed', 'remedy answers a confirmed breach; confirm it first');
        const { kind, amount, workersCovered, remedyId } = command.data;
        if (state.remedies.some((remedy) => remedy.remedyId === remedyId))
          return fail('remedy.already_recorded', `remedy ${remedyId} is already recorded`);
        if (!isHeadcount(workersCovered, 1))
          return fail('remedy.workers_required', 'say how many workers the remedy reaches');
        if ((kind === 'back_pay' || kind === 'compensation') && !(amount !== undefined && amount > 0))
          return fail('remedy.amount_required', `${kind} records the amount paid`);
        return [{ type: 'RemedyToWorkersRecorded', data: { ...command.data, recordedAt: now } }];
      }

      case 'RecordRemediationResult': {
        if (state.status !== 'corrective_action')
          return fail(
            'remediation.no_plan_in_force',
            'remediation is measured against an agreed corrective action plan',
          );
        if (state.plan.result !== undefined)
          return fail('remediation.result_already_recorded', 'this plan already has a result; agree a new plan');
        if (isBlank(command.data.assessment)) return fail('remediation.assessment_required', 'explain the result');
        if (command.data.result === 'complete') {
          const open = state.plan.actions.filter((a) => !command.data.actionsCompleted.includes(a.actionId));
          if (open.length > 0)
            return fail('remediation.actions_open', 'complete remediation means every action is done', {
              openActionIds: open.map((a) => a.actionId),
            });
          if (state.workersAffected > 0 && state.remedies.length === 0)
            return fail(
              'remediation.remedy_to_workers_missing',
              'remediation is not complete until affected workers got remedy',
            );
        }
        return [
          { type: 'RemediationResultRecorded', data: { ...command.data, planId: state.plan.planId, recordedAt: now } },
        ];
      }

      case 'VerifyRemediation': {
        if (state.status !== 'corrective_action' || state.plan.result !== 'complete')
          return fail('remediation.not_complete', 'only complete remediation can be verified');
        if (isBlank(command.data.verifiedBy) || isBlank(command.data.method))
          return fail('remediation.verification_incomplete', 'name who verified and how');
        return [
          {
            type: 'RemediationVerified',
            data: {
              ...command.data,
              ...(state.factoryId !== undefined ? { factoryId: state.factoryId } : {}),
              verifiedAt: now,
            },
          },
        ];
      }

      default:
        return assertNever(command);
    }
  },

  evolve: evolveFinding,
};
