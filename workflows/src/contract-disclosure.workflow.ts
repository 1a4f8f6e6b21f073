import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type {
  ContractDisclosureActivities,
  ContractDisclosureInput,
  ContractDisclosureResult,
  ContractParties,
} from '@pj/contracts';
import { decisionRecorder } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

const { readContractParties } = proxyActivities<ContractDisclosureActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Records a contract's disclosure in the shared factory registry, started by the process manager on
 * ContractSigned (the factories of the awarded bid, year 1) and on SupplyChainDisclosed (the year's
 * disclosure). Each factory gets RecordContractDisclosure on its own stream under a command id that
 * names the workflow and the factory, so a retry or a replay after a crash records nothing twice.
 * The registry's refusals are answers, not failures: a factory this contract already disclosed for
 * the year is left as it is, and a factory nobody registered is skipped (the registry records only
 * registered factories), both named in the result.
 */
export async function contractDisclosureWorkflow(input: ContractDisclosureInput): Promise<ContractDisclosureResult> {
  const { caseId, contractYear, organisationId } = input;
  const workflowId = workflowInfo().workflowId;
  const recorder = decisionRecorder(input, 'trigger');
  const { contractId, supplierId }: ContractParties =
    input.contract ?? (await readContractParties(caseId, organisationId));

  const recorded: string[] = [];
  const alreadyRecorded: string[] = [];
  const notRegistered: string[] = [];
  for (const { factoryId, annualPurchases } of input.factories) {
    try {
      await recorder.record(
        {
          aggregate: 'factory',
          aggregateId: factoryId,
          type: 'RecordContractDisclosure',
          data: { factoryId, caseId, contractId, supplierId, contractYear, annualPurchases },
        },
        { commandId: `${workflowId}/${factoryId}` },
      );
      recorded.push(factoryId);
    } catch (error) {
      const code = domainRefusal(error)?.code;
      if (code === 'factory.disclosure_already_recorded') alreadyRecorded.push(factoryId);
      else if (code === 'factory.not_found') notRegistered.push(factoryId);
      else throw error;
    }
  }
  return { contractId, recorded, alreadyRecorded, notRegistered };
}
