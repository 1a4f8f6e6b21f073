import { randomUUID } from 'node:crypto';
import {
  CONTRACT_DISCLOSURE_WORKFLOW_TYPE,
  contractDisclosureWorkflowId,
  type ContractDisclosureResult,
} from '@pj/contracts';
import { factoryStreamId } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import { react } from '../../apps/worker/src/process-manager/reactions';
import { seedFactory } from '../../test/support/seed-journey';
import { startWorkflowTestEnvironment, type WorkflowTestEnvironment } from './support/workflow-test-environment';
import { addCalendarDays } from '@pj/domain';
import { caseInEvaluation, journey, organisationId } from './support/procurement-case-journey';

const taskQueue = 'contract-disclosure-test';

describe('contract disclosure workflow', () => {
  let t: WorkflowTestEnvironment;
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
    for (const factoryId of ['factory-big', 'factory-small']) await seedFactory(t.store, factoryId, organisationId);
  });
  afterAll(async () => t?.teardown());

  /** Starts what the process manager starts for the event, the disclosure workflow only. */
  async function startDisclosure(event: RecordedEvent) {
    const reaction = react(event);
    const actions = reaction === undefined ? [] : Array.isArray(reaction) ? reaction : [reaction];
    const start = actions.find((a) => a.kind === 'start' && a.workflowType === CONTRACT_DISCLOSURE_WORKFLOW_TYPE);
    if (start?.kind !== 'start') throw new Error(`${event.type} starts no disclosure`);
    return t.env.client.workflow.start(start.workflowType, {
      workflowId: start.workflowId,
      taskQueue,
      args: [...start.args],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  }

  /** This case's disclosures of a factory (the registry is shared by every test and buyer). */
  const disclosures = async (factoryId: string, caseId: string) =>
    (await t.store.readStream(factoryStreamId(factoryId))).filter(
      (event) => event.type === 'FactoryDisclosedUnderContract' && (event.data as { caseId: string }).caseId === caseId,
    );

  it('records the signed contract’s factories, then a later disclosure’s new ones, each once', async () => {
    const j = journey(t, taskQueue);
    const added = `factory-${randomUUID().slice(0, 8)}`;
    const unregistered = `factory-unregistered-${randomUUID().slice(0, 8)}`;
    const contractId = `contract-${randomUUID().slice(0, 8)}`;
    await seedFactory(t.store, added, organisationId);
    await t.withWorker(taskQueue, async () => {
      // A contract id of its own: the registry keeps one line per buyer, contract and year, and the
      // other tests of this buyer sign their "contract-1" in the same database.
      await caseInEvaluation(j);
      await j.run(
        'DecideAward',
        { bidId: 'bid-a', noticeMeans: 'electronic', reasons: 'best value' },
        { now: addCalendarDays(await j.now(), -20) },
      );
      const [signed] = await j.run('SignContract', { contractId });
      const first = await startDisclosure(signed);
      expect(first.workflowId).toBe(contractDisclosureWorkflowId(organisationId, j.caseId, 1, signed.metadata.eventId));
      expect(await first.result()).toEqual<ContractDisclosureResult>({
        contractId,
        recorded: ['factory-big', 'factory-small'],
        alreadyRecorded: [],
        notRegistered: [],
      });
      // ContractSigned delivered again (a process-manager restart) records nothing more.
      await expect(startDisclosure(signed)).rejects.toThrow();

      const [disclosed] = await j.run(
        'DiscloseSupplyChain',
        {
          contractYear: 1,
          disclosedSharePercent: 80,
          factories: [
            { factoryId: 'factory-big', annualPurchases: 45_000 },
            { factoryId: added, annualPurchases: 12_000 },
            { factoryId: unregistered, annualPurchases: 3_000 },
          ],
        },
        { role: 'supplier' },
      );
      const second = await startDisclosure(disclosed);
      // SupplyChainDisclosed names no contract: the workflow reads it from the case.
      expect(await second.result()).toEqual<ContractDisclosureResult>({
        contractId,
        recorded: [added],
        alreadyRecorded: ['factory-big'],
        notRegistered: [unregistered],
      });

      const [big] = await disclosures('factory-big', j.caseId);
      expect(big.data).toMatchObject({
        buyerOrganisationId: organisationId,
        contractId,
        supplierId: 'supplier-bid-a',
        contractYear: 1,
        annualPurchases: 40_000,
      });
      expect(big.metadata.actor).toEqual({ id: first.workflowId, role: 'workflow' });
      expect(big.metadata.causationId).toBe(signed.metadata.eventId);
      // The command id names the workflow and the factory: a retried activity appends nothing twice.
      expect(big.metadata.commandId).toBe(`${first.workflowId}/factory-big`);
      const [late] = await disclosures(added, j.caseId);
      expect(late.data).toMatchObject({
        contractId,
        supplierId: 'supplier-bid-a',
        annualPurchases: 12_000,
      });
      expect(late.metadata.causationId).toBe(disclosed.metadata.eventId);
    });
    expect(await disclosures('factory-big', j.caseId)).toHaveLength(1);
    expect(await disclosures('factory-small', j.caseId)).toHaveLength(1);
    expect(await t.store.readStream(factoryStreamId(unregistered))).toEqual([]);
  });
});
