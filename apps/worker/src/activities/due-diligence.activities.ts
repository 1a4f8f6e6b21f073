import { ApplicationFailure } from '@temporalio/common';
import { readState } from '@pj/application';
import { addYears, procurementCase, procurementCaseStreamId } from '@pj/domain';
import type { ContractForDueDiligence, DueDiligenceActivities } from '@pj/contracts';
import type { ActivityDependencies } from './domain-command.activities';

export function createDueDiligenceActivities({ store }: ActivityDependencies): DueDiligenceActivities {
  return {
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
        supplierId: contract.supplierId,
      };
    },
  };
}
