import type { Event } from '../decider';
import type {
  Severity,
  RemedyTimetable,
  RecordFinding,
  AddFindingEvidence,
  SubmitCorrectiveActionPlan,
  AgreeCorrectiveActionPlan,
  RecordRemedyToWorkers,
  RecordRemediationResult,
  VerifyRemediation,
  ProposeSupplyStandstill,
} from './commands';

// --- events -------------------------------------------------------------------------------

export type FindingRecorded = Event<
  'FindingRecorded',
  RecordFinding['data'] & { recordedByOrganisationId: string; recordedBy: string; recordedAt: string }
>;
export type FindingEvidenceAdded = Event<'FindingEvidenceAdded', AddFindingEvidence['data'] & { addedAt: string }>;
export type BreachConfirmed = Event<
  'BreachConfirmed',
  {
    findingId: string;
    reasons: string;
    caseId: string;
    contractorId: string;
    /** Absent for a `contract_clause` finding. */
    factoryId?: string;
    severity: Severity;
    workersAffected: number;
    remedyTimetable: RemedyTimetable;
    confirmedBy: string;
    confirmedAt: string;
  }
>;
export type CorrectiveActionPlanRequested = Event<
  'CorrectiveActionPlanRequested',
  { findingId: string; dueBy: string; requestedBy: string; requestedAt: string }
>;
export type CorrectiveActionPlanSubmitted = Event<
  'CorrectiveActionPlanSubmitted',
  SubmitCorrectiveActionPlan['data'] & { submittedBy: string; submittedAt: string }
>;
export type CorrectiveActionPlanOverdue = Event<
  'CorrectiveActionPlanOverdue',
  { findingId: string; dueBy: string; recordedAt: string }
>;
export type TerminationProposalDeclined = Event<
  'TerminationProposalDeclined',
  { findingId: string; reasons: string; decidedBy: string; decidedAt: string }
>;
export type SupplyStandstillProposed = Event<
  'SupplyStandstillProposed',
  ProposeSupplyStandstill['data'] & { caseId: string; contractorId: string; proposedBy: string; proposedAt: string }
>;
export type SupplyStandstillProposalReminderSent = Event<
  'SupplyStandstillProposalReminderSent',
  { findingId: string; proposedAt: string; remindedAt: string }
>;
export type SupplyStandstillProposalDeclined = Event<
  'SupplyStandstillProposalDeclined',
  { findingId: string; reasons: string; decidedBy: string; decidedAt: string }
>;
export type BreachClosed = Event<
  'BreachClosed',
  { findingId: string; reasons: string; closedBy: string; closedAt: string }
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
  VerifyRemediation['data'] & { factoryId?: string; verifiedAt: string }
>;

export type FindingEvent =
  | FindingRecorded
  | FindingEvidenceAdded
  | BreachConfirmed
  | CorrectiveActionPlanRequested
  | CorrectiveActionPlanSubmitted
  | CorrectiveActionPlanOverdue
  | BreachClosed
  | TerminationProposalDeclined
  | SupplyStandstillProposed
  | SupplyStandstillProposalReminderSent
  | SupplyStandstillProposalDeclined
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
  CorrectiveActionPlanRequested: true,
  CorrectiveActionPlanSubmitted: true,
  CorrectiveActionPlanOverdue: true,
  BreachClosed: true,
  TerminationProposalDeclined: true,
  SupplyStandstillProposed: true,
  SupplyStandstillProposalReminderSent: true,
  SupplyStandstillProposalDeclined: true,
  FindingDismissed: true,
  CorrectiveActionPlanAgreed: true,
  CorrectiveActionDeadlineMissed: true,
  RemedyToWorkersRecorded: true,
  RemediationResultRecorded: true,
  RemediationVerified: true,
};
export const findingEventTypes = Object.keys(findingEventTypeSet) as readonly FindingEvent['type'][];
