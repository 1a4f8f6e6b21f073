import { assertNever } from '../decider';
import type { FindingEvent } from './events';
import type {
  FindingSource,
  Severity,
  RemedyKind,
  RemediationResult,
  CorrectiveAction,
  SubmitCorrectiveActionPlan,
} from './commands';

// --- state --------------------------------------------------------------------------------

export interface FindingFile {
  readonly findingId: string;
  readonly factoryId?: string;
  readonly caseId?: string;
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
  /** The open request for a corrective action plan, while none is agreed. */
  readonly planRequest?: {
    readonly dueBy: string;
    readonly overdue: boolean;
    readonly submitted?: Omit<SubmitCorrectiveActionPlan['data'], 'findingId'>;
  };
  /** A supply standstill the ladder proposed, until the compliance officer declines it. */
  readonly standstillProposal?: { readonly factoryIds: readonly string[]; readonly proposedAt: string };
  /** The breach's case and contractor, once confirmed. */
  readonly breach?: { readonly caseId: string; readonly contractorId: string };
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
  | ({ readonly status: 'remediation_verified'; readonly plan: CorrectiveActionPlan } & FindingFile)
  | ({ readonly status: 'breach_closed'; readonly plan: CorrectiveActionPlan } & FindingFile);

/** The finding after one of its events. */
export function evolveFinding(state: FindingState, event: FindingEvent): FindingState {
  switch (event.type) {
    case 'FindingRecorded': {
      const { findingId, factoryId, caseId, source, severity, workersAffected, evidenceRefs } = event.data;
      return {
        status: 'reported',
        findingId,
        ...(factoryId !== undefined ? { factoryId } : {}),
        ...(caseId !== undefined ? { caseId } : {}),
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
      return state.status === 'reported'
        ? {
            ...state,
            status: 'breach_confirmed',
            breach: { caseId: event.data.caseId, contractorId: event.data.contractorId },
          }
        : state;
    case 'SupplyStandstillProposed':
      return state.status === 'not_recorded'
        ? state
        : { ...state, standstillProposal: { factoryIds: event.data.factoryIds, proposedAt: event.data.proposedAt } };
    case 'SupplyStandstillProposalReminderSent':
      return state;
    case 'SupplyStandstillProposalDeclined': {
      if (state.status === 'not_recorded') return state;
      const { standstillProposal: _declined, ...rest } = state;
      return rest;
    }
    case 'CorrectiveActionPlanRequested':
      return state.status === 'not_recorded'
        ? state
        : { ...state, planRequest: { dueBy: event.data.dueBy, overdue: false } };
    case 'CorrectiveActionPlanSubmitted': {
      if (state.status === 'not_recorded' || !state.planRequest) return state;
      const { findingId: _findingId, submittedBy: _by, submittedAt: _at, ...plan } = event.data;
      return { ...state, planRequest: { ...state.planRequest, submitted: plan } };
    }
    case 'CorrectiveActionPlanOverdue':
      return state.status === 'not_recorded' || !state.planRequest
        ? state
        : { ...state, planRequest: { ...state.planRequest, overdue: true } };
    case 'TerminationProposalDeclined':
      return state;
    case 'BreachClosed':
      return state.status === 'remediation_verified' ? { ...state, status: 'breach_closed' } : state;
    case 'FindingDismissed':
      return state.status === 'reported' ? { ...state, status: 'dismissed' } : state;
    case 'CorrectiveActionPlanAgreed': {
      if (state.status !== 'breach_confirmed' && state.status !== 'corrective_action') return state;
      const { planId, deadline, actions } = event.data;
      const { planRequest: _answered, ...file } = state;
      return { ...file, status: 'corrective_action', plan: { planId, deadline, actions, deadlineMissed: false } };
    }
    case 'CorrectiveActionDeadlineMissed':
      return state.status === 'corrective_action' ? { ...state, plan: { ...state.plan, deadlineMissed: true } } : state;
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
}
