import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { isBefore } from '../calendar';
import { DomainError } from '../domain-error';
import { isBlank, refuseReadOnlyActor, requireRole } from '../roles';

// A finding about a factory, from whatever source, and — once confirmed as a breach — its
// corrective action plan, the remedy given to workers, and the verified result. One stream per
// finding; findings are shareable between buyers who source from the same factory.

export const findingStreamId = (findingId: string) => `finding-${findingId}`;

export type FindingSource = 'social_audit' | 'worker_driven_monitor' | 'ngo_report' | 'media_report' | 'grievance';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type EvidenceKind = 'contractor_documents' | 'audit_report' | 'monitoring_report' | 'worker_testimony' | 'other';
export type RemedyKind = 'back_pay' | 'reinstatement' | 'compensation';
export type RemediationResult = 'complete' | 'partial' | 'none';

export interface CorrectiveAction {
  readonly actionId: string;
  readonly action: string;
  /** True for help to the workers affected (as opposed to fixing the cause). */
  readonly forAffectedWorkers: boolean;
  readonly responsibleParty: string;
  readonly verificationMethod: string;
  readonly deadline: string;
  readonly consequenceIfNotDone: string;
}

// --- commands -----------------------------------------------------------------------------

export type RecordFinding = Command<
  'RecordFinding',
  {
    findingId: string;
    factoryId: string;
    /** The case whose contract sources from the factory, when known. */
    caseId?: string;
    source: FindingSource;
    severity: Severity;
    standardBreached: string;
    workersAffected: number;
    description: string;
    evidenceRefs: readonly string[];
    shareableWithOtherBuyers: boolean;
  }
>;

export type AddFindingEvidence = Command<
  'AddFindingEvidence',
  { findingId: string; evidenceRef: string; kind: EvidenceKind; note: string }
>;

export type ConfirmBreach = Command<'ConfirmBreach', { findingId: string; reasons: string }>;

export type DismissFinding = Command<'DismissFinding', { findingId: string; reasons: string }>;

export type AgreeCorrectiveActionPlan = Command<
  'AgreeCorrectiveActionPlan',
  { findingId: string; planId: string; deadline: string; actions: readonly CorrectiveAction[] }
>;

export type RecordCorrectiveActionDeadlineMissed = Command<
  'RecordCorrectiveActionDeadlineMissed',
  { findingId: string; planId: string }
>;

export type RecordRemedyToWorkers = Command<
  'RecordRemedyToWorkers',
  {
    findingId: string;
    remedyId: string;
    kind: RemedyKind;
    workersCovered: number;
    /** Money paid, for back pay and compensation. */
    amount?: number;
    currency?: string;
    description: string;
  }
>;

export type RecordRemediationResult = Command<
  'RecordRemediationResult',
  { findingId: string; result: RemediationResult; assessment: string; actionsCompleted: readonly string[] }
>;

export type VerifyRemediation = Command<
  'VerifyRemediation',
  { findingId: string; verifiedBy: string; method: string; verificationRef: string }
>;

export type FindingCommand =
  | RecordFinding
  | AddFindingEvidence
  | ConfirmBreach
  | DismissFinding
  | AgreeCorrectiveActionPlan
  | RecordCorrectiveActionDeadlineMissed
  | RecordRemedyToWorkers
  | RecordRemediationResult
  | VerifyRemediation;

// --- events -------------------------------------------------------------------------------

export type FindingRecorded = Event<
  'FindingRecorded',
  RecordFinding['data'] & { recordedByOrganisationId: string; recordedBy: string; recordedAt: string }
>;
export type FindingEvidenceAdded = Event<'FindingEvidenceAdded', AddFindingEvidence['data'] & { addedAt: string }>;
export type BreachConfirmed = Event<
  'BreachConfirmed',
  { findingId: string; reasons: string; confirmedBy: string; confirmedAt: string }
>;
export type FindingDismissed = Event<
  'FindingDismissed',
  { findingId: string; reasons: string; dismissedBy: string; dismissedAt: string }
>;
export type CorrectiveActionPlanAgreed = Event<
  'CorrectiveActionPlanAgreed',
  AgreeCorrectiveActionPlan['data'] & { agreedAt: string }
>;
export type CorrectiveActionDeadlineMissed = Event<
  'CorrectiveActionDeadlineMissed',
  { findingId: string; planId: string; deadline: string; recordedAt: string }
>;
export type RemedyToWorkersRecorded = Event<
  'RemedyToWorkersRecorded',
  RecordRemedyToWorkers['data'] & { recordedAt: string }
>;
export type RemediationResultRecorded = Event<
  'RemediationResultRecorded',
  RecordRemediationResult['data'] & { planId: string; recordedAt: string }
>;
export type RemediationVerified = Event<
  'RemediationVerified',
  VerifyRemediation['data'] & { factoryId: string; verifiedAt: string }
>;

export type FindingEvent =
  | FindingRecorded
  | FindingEvidenceAdded
  | BreachConfirmed
  | FindingDismissed
  | CorrectiveActionPlanAgreed
  | CorrectiveActionDeadlineMissed
  | RemedyToWorkersRecorded
  | RemediationResultRecorded
  | RemediationVerified;

const findingEventTypeSet: Record<FindingEvent['type'], true> = {
  FindingRecorded: true,
  FindingEvidenceAdded: true,
  BreachConfirmed: true,
  FindingDismissed: true,
  CorrectiveActionPlanAgreed: true,
  CorrectiveActionDeadlineMissed: true,
  RemedyToWorkersRecorded: true,
  RemediationResultRecorded: true,
  RemediationVerified: true,
};
export const findingEventTypes = Object.keys(findingEventTypeSet) as readonly FindingEvent['type'][];

// --- state --------------------------------------------------------------------------------

export interface FindingFile {
  readonly findingId: string;
  readonly factoryId: string;
  readonly source: FindingSource;
  readonly severity: Severity;
  readonly workersAffected: number;
  readonly evidenceRefs: readonly string[];
  /** Remedy to workers, kept apart from fixing the cause. */
  readonly remedies: readonly {
    readonly remedyId: string;
    readonly kind: RemedyKind;
    readonly workersCovered: number;
  }[];
}

export interface CorrectiveActionPlan {
  readonly planId: string;
  readonly deadline: string;
  readonly actions: readonly CorrectiveAction[];
  readonly deadlineMissed: boolean;
  readonly result?: RemediationResult;
}

export type FindingState =
  | { readonly status: 'not_recorded' }
  | ({ readonly status: 'reported' } & FindingFile)
  | ({ readonly status: 'dismissed' } & FindingFile)
  | ({ readonly status: 'breach_confirmed' } & FindingFile)
  | ({ readonly status: 'corrective_action'; readonly plan: CorrectiveActionPlan } & FindingFile)
  | ({ readonly status: 'remediation_verified'; readonly plan: CorrectiveActionPlan } & FindingFile);

const fail = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

const actionFields = ['action', 'responsibleParty', 'verificationMethod', 'deadline', 'consequenceIfNotDone'] as const;

function planProblem(command: AgreeCorrectiveActionPlan, state: Exclude<FindingState, { status: 'not_recorded' }>) {
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
      if (!(Number.isInteger(workersAffected) && workersAffected >= 0))
        return fail('finding.workers_affected_invalid', 'workers affected is a whole number, zero or more');
      if (isBlank(standardBreached)) return fail('finding.standard_required', 'name the standard breached');
      if (isBlank(description)) return fail('finding.description_required', 'describe what was found');
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

    switch (command.type) {
      case 'AddFindingEvidence':
        if (isBlank(command.data.evidenceRef)) return fail('finding.evidence_ref_required', 'name the evidence');
        return [{ type: 'FindingEvidenceAdded', data: { ...command.data, addedAt: now } }];

      case 'ConfirmBreach': {
        if (state.status !== 'reported') return fail('finding.already_confirmed', 'the breach is already confirmed');
        const notOfficer = requireRole(command.metadata, ['compliance_officer'], 'finding.compliance_officer_required');
        if (notOfficer) return notOfficer;
        if (isBlank(command.data.reasons)) return fail('finding.reasons_required', 'confirming a breach needs reasons');
        return [{ type: 'BreachConfirmed', data: { ...command.data, confirmedBy: actor.id, confirmedAt: now } }];
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
        if (!(Number.isInteger(workersCovered) && workersCovered > 0))
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
          { type: 'RemediationVerified', data: { ...command.data, factoryId: state.factoryId, verifiedAt: now } },
        ];
      }

      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'FindingRecorded': {
        const { findingId, factoryId, source, severity, workersAffected, evidenceRefs } = event.data;
        return {
          status: 'reported',
          findingId,
          factoryId,
          source,
          severity,
          workersAffected,
          evidenceRefs,
          remedies: [],
        };
      }
      case 'FindingEvidenceAdded':
        return state.status === 'not_recorded'
          ? state
          : { ...state, evidenceRefs: [...state.evidenceRefs, event.data.evidenceRef] };
      case 'BreachConfirmed':
        return state.status === 'reported' ? { ...state, status: 'breach_confirmed' } : state;
      case 'FindingDismissed':
        return state.status === 'reported' ? { ...state, status: 'dismissed' } : state;
      case 'CorrectiveActionPlanAgreed': {
        if (state.status !== 'breach_confirmed' && state.status !== 'corrective_action') return state;
        const { planId, deadline, actions } = event.data;
        return { ...state, status: 'corrective_action', plan: { planId, deadline, actions, deadlineMissed: false } };
      }
      case 'CorrectiveActionDeadlineMissed':
        return state.status === 'corrective_action'
          ? { ...state, plan: { ...state.plan, deadlineMissed: true } }
          : state;
      case 'RemedyToWorkersRecorded': {
        if (state.status === 'not_recorded') return state;
        const { remedyId, kind, workersCovered } = event.data;
        return { ...state, remedies: [...state.remedies, { remedyId, kind, workersCovered }] };
      }
      case 'RemediationResultRecorded':
        return state.status === 'corrective_action'
          ? { ...state, plan: { ...state.plan, result: event.data.result } }
          : state;
      case 'RemediationVerified':
        return state.status === 'corrective_action' ? { ...state, status: 'remediation_verified' } : state;
      default:
        return assertNever(event);
    }
  },
};
