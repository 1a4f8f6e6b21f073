import { defineSignal } from '@temporalio/workflow';
import type { Money } from '@pj/domain';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/**
 * The cooperative-contract workflow, one per cooperative contract (started on
 * CooperativeContractOpened): it sleeps to each contract-year end the domain computed and records
 * DeclareRebateDue, and records on the lead's case the compliance plan a factory's volume makes due.
 */
export const COOPERATIVE_CONTRACT_WORKFLOW_TYPE = 'cooperativeContractWorkflow';
export const cooperativeContractWorkflowId = (leadOrganisationId: string, caseId: string) =>
  scopedWorkflowId('cooperative-contract', leadOrganisationId, caseId);

export interface CooperativeContractInput extends WorkflowTrigger {
  readonly caseId: string;
  /** The stream's aggregate id (`cooperativeContractId`): the lead and its case. */
  readonly contractKey: string;
  /** The year whose end the run sleeps to next, and that end (continued as new each year). */
  readonly contractYear: number;
  readonly yearEndsAt: string;
}

export interface FactoryThresholdCrossedSignal {
  readonly factoryId: string;
  readonly contractYear: number;
  readonly annualVolume: Money;
  readonly threshold: Money;
}
export const factoryThresholdCrossedSignal = defineSignal<[FactoryThresholdCrossedSignal]>('factoryThresholdCrossed');

/**
 * The cooperative-standstill workflow, one per supply standstill the lead imposes in a case: it notes
 * the standstill on the case's cooperative contract (if the case has one), so every participant's
 * orders to the factory are refused, and notes its lifting when the standstill is lifted.
 */
export const COOPERATIVE_STANDSTILL_WORKFLOW_TYPE = 'cooperativeStandstillWorkflow';
export const cooperativeStandstillWorkflowId = (organisationId: string, standstillId: string) =>
  scopedWorkflowId('cooperative-standstill', organisationId, standstillId);

export interface CooperativeStandstillInput extends WorkflowTrigger {
  readonly caseId: string;
  readonly contractKey: string;
  readonly standstillId: string;
  readonly factoryId: string;
}
export const standstillLiftedSignal = defineSignal('standstillLifted');
