import { condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  decidedEvent,
  factoryThresholdCrossedSignal,
  standstillLiftedSignal,
  type CooperativeContractInput,
  type CooperativeStandstillInput,
  type FactoryThresholdCrossedSignal,
} from '@pj/contracts';
import { decisionRecorder, msUntil } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

/**
 * A cooperative contract's years: sleeps to the year end the domain computed (in the lead's
 * calendar), records DeclareRebateDue (the year's rebate into the monitoring fund), and continues as
 * new for the next year. Meanwhile, a factory whose volume reached the compliance-plan threshold
 * gets its plan required on the lead's case at once. A closed or terminated contract refuses the
 * case command; the refusal is an answer, and the years run on until the rebate is refused too.
 */
export async function cooperativeContractWorkflow(input: CooperativeContractInput): Promise<void> {
  const { caseId, contractKey, contractYear, yearEndsAt } = input;
  const recorder = decisionRecorder(input, 'trigger');
  const crossed: FactoryThresholdCrossedSignal[] = [];
  setHandler(factoryThresholdCrossedSignal, (signal) => void crossed.push(signal));

  const requirePlans = async () => {
    for (const signal of crossed.splice(0)) {
      try {
        await recorder.record(
          {
            aggregate: 'procurementCase',
            aggregateId: caseId,
            type: 'RequireCompliancePlanOnVolume',
            data: { caseId, ...signal },
          },
          { commandId: `${workflowInfo().workflowId}/year-${signal.contractYear}/plan/${signal.factoryId}` },
        );
      } catch (error) {
        // A plan already submitted, a contract closed: the case's answer, not a failure.
        if (!domainRefusal(error)) throw error;
      }
    }
  };
  while (msUntil(yearEndsAt) > 0) {
    await condition(() => crossed.length > 0, msUntil(yearEndsAt));
    await requirePlans();
  }
  let nextYearEndsAt: string | undefined;
  try {
    const decision = await recorder.record(
      {
        aggregate: 'cooperativeContract',
        aggregateId: contractKey,
        type: 'DeclareRebateDue',
        data: { caseId, contractYear },
      },
      { commandId: `${workflowInfo().workflowId}/year-${contractYear}/rebate` },
    );
    nextYearEndsAt = decidedEvent(decision, 'RebateDue')?.data.nextYearEndsAt;
  } catch (error) {
    if (domainRefusal(error)?.code !== 'rebate.already_declared') throw error;
  }
  // A signal that came in while the rebate was recorded is answered by this run.
  await requirePlans();
  if (nextYearEndsAt === undefined) return;
  await continueAsNew<typeof cooperativeContractWorkflow>({
    ...input,
    contractYear: contractYear + 1,
    yearEndsAt: nextYearEndsAt,
  });
}

/**
 * Notes a supply standstill the lead imposed in a case on the case's cooperative contract, then waits
 * for its lifting and notes that. A case without a cooperative contract answers "not found": nothing to do.
 */
export async function cooperativeStandstillWorkflow(input: CooperativeStandstillInput): Promise<void> {
  const { caseId, contractKey, standstillId, factoryId } = input;
  const recorder = decisionRecorder(input);
  let lifted = false;
  setHandler(standstillLiftedSignal, () => void (lifted = true));
  try {
    await recorder.record({
      aggregate: 'cooperativeContract',
      aggregateId: contractKey,
      type: 'NoteSupplyStandstill',
      data: { caseId, standstillId, factoryId },
    });
  } catch (error) {
    const code = domainRefusal(error)?.code;
    if (code === 'cooperativeContract.not_found') return;
    if (code !== 'standstill.already_noted') throw error;
  }
  await condition(() => lifted);
  await recorder.record({
    aggregate: 'cooperativeContract',
    aggregateId: contractKey,
    type: 'NoteSupplyStandstillLifted',
    data: { caseId, standstillId },
  });
}
