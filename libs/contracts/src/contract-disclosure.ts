import type { DisclosedFactory } from '@pj/domain';
import { scopedWorkflowId, type WorkflowTrigger } from './workflows';

/**
 * The contract-disclosure workflow: one per disclosure event (ContractSigned, SupplyChainDisclosed).
 * It records each factory the contract names in the shared factory registry
 * (RecordContractDisclosure), so every buyer sees who sources there. A case may disclose more than
 * once a year, so the event's id, not the year alone, names the workflow.
 */
export const contractDisclosureWorkflowId = (
  organisationId: string,
  caseId: string,
  contractYear: number,
  disclosureEventId: string,
) => scopedWorkflowId('contract-disclosure', organisationId, `${caseId}:year-${contractYear}:${disclosureEventId}`);
export const CONTRACT_DISCLOSURE_WORKFLOW_TYPE = 'contractDisclosureWorkflow';

export interface ContractDisclosureInput extends WorkflowTrigger {
  readonly caseId: string;
  readonly contractYear: number;
  readonly factories: readonly DisclosedFactory[];
  /** Named by ContractSigned; SupplyChainDisclosed does not carry them, so the workflow reads them from the case. */
  readonly contract?: ContractParties;
}

/** The contract a disclosure is recorded under, and its supplier. */
export interface ContractParties {
  readonly contractId: string;
  readonly supplierId: string;
}

/** What happened to each factory of the disclosure, by factory id. */
export interface ContractDisclosureResult {
  readonly contractId: string;
  readonly recorded: readonly string[];
  /** This contract already disclosed the factory for the year (an earlier disclosure, a repeat). */
  readonly alreadyRecorded: readonly string[];
  /** Not in the registry: the registry refuses (factory.not_found), and nothing is recorded for it. */
  readonly notRegistered: readonly string[];
}
