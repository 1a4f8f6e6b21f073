import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActingPerson } from './breach-escalation';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/**
 * The grievance-intake workflow: one per grievance, started on GrievanceSubmitted. Holds the
 * deadline for acknowledging the worker, sends a severe grievance straight to a compliance officer,
 * and ends once the grievance is acknowledged and has started or joined an investigation (a finding).
 */
export const grievanceIntakeWorkflowId = (organisationId: string, grievanceId: string) =>
  scopedWorkflowId('grievance-intake', organisationId, grievanceId);
export const GRIEVANCE_INTAKE_WORKFLOW_TYPE = 'grievanceIntakeWorkflow';

export type GrievanceSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface GrievanceIntakeInput extends WorkflowTrigger {
  readonly grievanceId: string;
  readonly factoryId: string;
  readonly caseId?: string;
  readonly severity: GrievanceSeverity;
  /** From GrievanceSubmitted: submission time plus the buyer's acknowledgement days. */
  readonly acknowledgeBy: string;
  readonly workersConcerned: number;
  readonly allegation: string;
}

export interface GrievanceIntakeResult {
  readonly findingId: string;
  readonly investigation: 'new' | 'joined';
  readonly handledBy: 'intake' | 'compliance_officer';
  readonly acknowledgedLate: boolean;
}

export type GrievanceIntakeStep = 'awaiting_acknowledgement' | 'awaiting_triage' | 'referred';

export interface GrievanceIntakeStatus {
  readonly grievanceId: string;
  readonly step: GrievanceIntakeStep;
  readonly nextDeadline?: string;
  readonly nextDeadlineKind?: 'acknowledgement';
  readonly acknowledged: boolean;
  readonly acknowledgementOverdue: boolean;
  /** A severe or overdue grievance is handled by a compliance officer. */
  readonly handledBy: 'intake' | 'compliance_officer';
  readonly findingId?: string;
}

export interface AcknowledgeGrievanceUpdate {
  readonly actor: ActingPerson;
  readonly message: string;
}

export type GrievanceInvestigation =
  | {
      readonly kind: 'new';
      readonly findingId: string;
      readonly standardBreached: string;
      readonly description: string;
    }
  | { readonly kind: 'join'; readonly findingId: string; readonly note: string };

export interface TriageGrievanceUpdate {
  readonly actor: ActingPerson;
  /** Protection against retaliation is recorded before any investigation. */
  readonly protection: { readonly measures: readonly string[]; readonly protectedParties: string };
  readonly investigation: GrievanceInvestigation;
}

export const acknowledgeGrievanceUpdate = defineUpdate<void, [AcknowledgeGrievanceUpdate]>('acknowledgeGrievance');
export const triageGrievanceUpdate = defineUpdate<void, [TriageGrievanceUpdate]>('triageGrievance');
export const grievanceIntakeStatusQuery = defineQuery<GrievanceIntakeStatus>('grievanceIntakeStatus');
