import { ApplicationFailure } from '@temporalio/common';
import { readState } from '@pj/application';
import { procurementCase, procurementCaseStreamId } from '@pj/domain';
import type { ContractDisclosureActivities, ContractParties } from '@pj/contracts';
import type { ActivityDependencies } from './domain-command.activities';

export function createContractDisclosureActivities({ store }: ActivityDependencies): ContractDisclosureActivities {
  return {
    async readContractParties(caseId: string, organisationId: string): Promise<ContractParties> {
      const { state } = await readState(store, procurementCase, procurementCaseStreamId(organisationId, caseId));
      if (!('contract' in state))
        throw ApplicationFailure.nonRetryable(`case ${caseId} has no signed contract`, 'ContractNotFound');
      return { contractId: state.contract.contractId, supplierId: state.contract.supplierId };
    },
  };
}
