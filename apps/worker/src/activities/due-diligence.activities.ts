import { ApplicationFailure } from '@temporalio/common';
import { readState } from '@pj/application';
import { addYears, procurementCase, procurementCaseStreamId } from '@pj/domain';
import type { ActivityDependencies } from './domain-command.activities';

/** What the due-diligence workflow needs to know of the contract at the start of each year. */
export interface ContractForDueDiligence {
  readonly status: string;
  readonly contractYear?: number;
  readonly contractYearBeganAt?: string;
  /** The anniversary on which the next contract year may begin. */
  readonly contractYearEndsAt?: string;
  /** Contract years in which compliance plans are still due (the tender's policy). */
  readonly compliancePlansDueByEndOfContractYear?: number;
  readonly compliancePlansRequested?: boolean;
}

export function createDueDiligenceActivities({ store }: ActivityDependencies) {
  return {
    /** Reads the contract from the organisation's case stream; the workflow keeps no copy of the policy. */
    async readContractForDueDiligence(caseId: string, organisationId: string): Promise<ContractForDueDiligence> {
      const { state } = await readState(store, procurementCase, procurementCaseStreamId(organisationId, caseId));
      if (state.status === 'not_opened')
        throw ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'CaseNotFound');
      if (state.status !== 'in_performance') return { status: state.status };
      const { contract, tender } = state;
      return {
        status: state.status,
        contractYear: contract.contractYear,
        contractYearBeganAt: contract.contractYearBeganAt,
        contractYearEndsAt: addYears(contract.contractYearBeganAt, 1),
        compliancePlansDueByEndOfContractYear: tender.compliancePlans.dueByEndOfContractYear,
        compliancePlansRequested: contract.dueDiligence.compliancePlansRequested,
      };
    },
  };
}

export type DueDiligenceActivities = ReturnType<typeof createDueDiligenceActivities>;
