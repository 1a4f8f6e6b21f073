import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/** Contract due diligence: one per case with a signed contract, for the contract's whole life. */
export const contractDueDiligenceWorkflowId = (organisationId: string, caseId: string) =>
  scopedWorkflowId('contract-due-diligence', organisationId, caseId);

export interface ContractDueDiligenceInput extends WorkflowTrigger {
  readonly caseId: string;
  readonly contractId: string;
  /** 1 when started on ContractSigned; each continue-as-new carries the next year. */
  readonly contractYear: number;
  /** Severe findings signalled in the previous run and not yet covered by an audit. */
  readonly severeFindingIds?: readonly string[];
}

export type DueDiligenceStep =
  | 'starting'
  | 'compliance_plans'
  | 'questionnaire_open'
  | 'desk_review'
  | 'audit'
  | 'monitoring'
  | 'year_end'
  | 'contract_ended';

export interface DueDiligenceStatus {
  readonly contractYear: number;
  readonly step: DueDiligenceStep;
  readonly questionnaireId?: string;
  readonly questionnaireAnswered: boolean;
  readonly supplierSilenceEscalated: boolean;
  readonly auditIds: readonly string[];
  /** The next instant the workflow acts at, and what happens then. */
  readonly nextDeadline?: string;
  readonly nextDeadlineKind?: 'questionnaire_reminder' | 'questionnaire_deadline' | 'contract_year_end';
  readonly contractYearEndsAt?: string;
}

export interface DueDiligenceResult {
  readonly outcome: 'contract_ended';
  readonly contractYear: number;
}

export interface QuestionnaireAnswerInput {
  readonly questionnaireId: string;
  /** The supplier's user who answers: the actor of the recorded answer. */
  readonly answeredBy: string;
  readonly answers: readonly {
    readonly questionId: string;
    readonly answer: string;
    readonly documentRefs?: readonly string[];
  }[];
}

export interface QuestionnaireAnswerReceipt {
  readonly eventId: string;
  readonly onTime: boolean;
}

/**
 * The supplier answers the year's questionnaire. An update, not a signal: the supplier (through the
 * API) learns at once whether the answer was taken (a wrong questionnaire id or empty answers are
 * rejected by the validator, a domain refusal comes back as the update's failure), and gets the
 * recorded event's id; a signal would be fire-and-forget and a refused answer lost silently.
 */
export const answerQuestionnaireUpdate = defineUpdate<QuestionnaireAnswerReceipt, [QuestionnaireAnswerInput]>(
  'answerQuestionnaire',
);
/** From FindingRecorded of high or critical severity on this case: asks for an independent audit. */
export const severeFindingSignal =
  defineSignal<[{ readonly findingId: string; readonly severity: string }]>('severeFinding');
/** From ContractClosed or ContractTerminated: due diligence ends with the contract. */
export const contractEndedSignal = defineSignal<[{ readonly reason: 'closed' | 'terminated' }]>('contractEnded');
export const dueDiligenceStatusQuery = defineQuery<DueDiligenceStatus>('dueDiligenceStatus');
