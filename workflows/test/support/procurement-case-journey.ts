import { randomUUID } from 'node:crypto';

import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { handleCommand } from '@pj/application';
import {
  addCalendarDays,
  procurementCase,
  procurementCaseStreamId,
  type ProcurementCaseCommand,
  type Role,
} from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import type { BuyerCalendar } from '@pj/domain';
import { react } from '../../../apps/worker/src/process-manager/reactions';
import type { WorkflowTestEnvironment } from './workflow-test-environment';

// A procurement case driven through the real command path, in the test server's time, with the
// process manager's own reactions deciding which workflow each event starts or signals.

export const organisationId = 'city-of-madison';
/** Madison's calendar: Chicago time, Wisconsin's public holidays. */
export const calendar: BuyerCalendar = { timeZone: 'America/Chicago', holidays: { country: 'US', region: 'WI' } };

export interface Journey {
  readonly caseId: string;
  /** The test server's current time (it moves when the test skips time). */
  now(): Promise<string>;
  run<T extends ProcurementCaseCommand['type']>(
    type: T,
    data: Omit<Extract<ProcurementCaseCommand, { type: T }>['data'], 'caseId'>,
    as?: { now?: string; role?: Role },
  ): Promise<RecordedEvent[]>;
  /** Does what the process manager does for these events: start or signal workflows. */
  react(events: readonly RecordedEvent[]): Promise<WorkflowHandleWithFirstExecutionRunId[]>;
  types(): Promise<string[]>;
  events(type: string): Promise<RecordedEvent[]>;
}

export function journey(t: WorkflowTestEnvironment, taskQueue: string): Journey {
  const caseId = randomUUID();
  const streamId = procurementCaseStreamId(organisationId, caseId);
  const now = async () => new Date(await t.env.currentTimeMs()).toISOString();
  return {
    caseId,
    now,
    async run(type, data, as = {}) {
      const command = {
        type,
        data: { caseId, ...data },
        metadata: {
          commandId: randomUUID(),
          now: as.now ?? (await now()),
          actor: { id: `${as.role ?? 'contract_manager'}-1`, role: as.role ?? 'contract_manager' },
          organisationId,
          calendar,
        },
      } as unknown as ProcurementCaseCommand;
      const result = await handleCommand(t.store, procurementCase, streamId, command);
      return [...result.events] as RecordedEvent[];
    },
    async react(events) {
      const handles: WorkflowHandleWithFirstExecutionRunId[] = [];
      for (const event of events) {
        const reaction = react(event);
        for (const action of reaction === undefined ? [] : Array.isArray(reaction) ? reaction : [reaction]) {
          if (action.kind === 'start')
            handles.push(
              await t.env.client.workflow.start(action.workflowType, {
                workflowId: action.workflowId,
                taskQueue,
                args: [...action.args],
                workflowIdConflictPolicy: 'USE_EXISTING',
                workflowIdReusePolicy: 'REJECT_DUPLICATE',
              }),
            );
          else await t.env.client.workflow.getHandle(action.workflowId).signal(action.signal, ...action.args);
        }
      }
      return handles;
    },
    async types() {
      return (await t.store.readStream(streamId)).map((event) => event.type);
    },
    async events(type) {
      return (await t.store.readStream(streamId)).filter((event) => event.type === type);
    },
  };
}

/** Opens a high-risk garments case and takes it to evaluation, bid-a scored; all in the past. */
export async function caseInEvaluation(j: Journey): Promise<void> {
  const T = await j.now();
  const at = (days: number) => addCalendarDays(T, days);
  await j.run(
    'OpenCase',
    { title: 'Uniforms', productCategory: 'garments', countriesOfProduction: ['BD'] },
    { now: at(-60) },
  );
  await j.run(
    'RecordRiskScreening',
    { riskLevel: 'high', reasons: ['US DOL list: garments from BD'] },
    { now: at(-60) },
  );
  await j.run(
    'AdoptPolicy',
    { policyRef: 'sweatfree-2005', codeOfConductStandards: ['ILO core'], includesLawOfCountryOfProduction: true },
    { now: at(-59) },
  );
  await j.run(
    'PublishTenderRequirements',
    {
      tenderRef: 'RFP-1',
      currency: 'USD',
      bidDeadline: at(-40),
      disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
      compliancePlans: { annualPurchaseThreshold: 25_000, dueByEndOfContractYear: 1 },
      performanceClauses: [],
      awardCriteria: [{ criterionId: 'price', kind: 'price', description: 'price', weight: 100 }],
      legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15 },
      dueDiligence: {
        questionnaireResponseDays: 30,
        questionnaireReminderDays: [14, 25],
        independentAuditMethod: 'worker_driven',
      },
    },
    { now: at(-58) },
  );
  for (const bidId of ['bid-a', 'bid-b'])
    await j.run(
      'SubmitBid',
      {
        bidId,
        supplierId: `supplier-${bidId}`,
        price: 100_000,
        supplyChainDisclosure: {
          disclosedSharePercent: 60,
          factories: [
            { factoryId: 'factory-big', annualPurchases: 40_000 },
            { factoryId: 'factory-small', annualPurchases: 5_000 },
          ],
        },
        selfDeclarations: {
          noConvictionForChildLabourOrTrafficking: true,
          noGraveProfessionalMisconduct: true,
          compliesWithLabourLaw: true,
          noEarlierContractTerminatedEarly: true,
          acceptsCodeOfConduct: true,
        },
        subcontractorIds: [],
      },
      { now: at(-50), role: 'supplier' },
    );
  await j.run('CloseBidding', {}, { now: at(-39) });
  await j.run('EvaluateBid', { bidId: 'bid-a', scores: [{ criterionId: 'price', score: 80 }] }, { now: at(-38) });
  await j.run('EvaluateBid', { bidId: 'bid-b', scores: [{ criterionId: 'price', score: 80 }] }, { now: at(-38) });
}

/** A contract signed now, on bid-a, after a standstill that ended in the past. */
export async function signedContract(j: Journey): Promise<RecordedEvent[]> {
  await caseInEvaluation(j);
  const T = await j.now();
  await j.run(
    'DecideAward',
    { bidId: 'bid-a', noticeMeans: 'electronic', reasons: 'best value' },
    { now: addCalendarDays(T, -20) },
  );
  return j.run('SignContract', { contractId: 'contract-1' });
}
