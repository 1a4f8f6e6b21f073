import { randomUUID } from 'node:crypto';
import { riskScreeningWorkflowId } from '@pj/contracts';
import { procurementCase, procurementCaseStreamId, type OpenCase } from '@pj/domain';
import { handleCommand } from '@pj/application';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';
import { riskScreeningWorkflow } from '../src';

describe('risk screening workflow', () => {
  let t: WorkflowTestEnvironment;
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
  });
  afterAll(async () => t?.teardown());

  it('screens the case against the high-risk lists and records the result on the case', async () => {
    const caseId = randomUUID();
    const opened: OpenCase = {
      type: 'OpenCase',
      data: { caseId, title: 'Uniforms for Madison', productCategory: 'garments', countriesOfProduction: ['BD'] },
      metadata: {
        commandId: randomUUID(),
        now: '2026-01-05T09:00:00.000Z',
        actor: { id: 'cm-1', role: 'contract_manager' },
        organisationId: 'city-of-madison',
        calendar: { timeZone: 'UTC' },
      },
    };
    const { events } = await handleCommand(
      t.store,
      procurementCase,
      procurementCaseStreamId('city-of-madison', caseId),
      opened,
    );
    const taskQueue = `risk-screening-${caseId}`;

    const result = await t.withWorker(taskQueue, async () => {
      const handle = await t.env.client.workflow.start(riskScreeningWorkflow, {
        workflowId: riskScreeningWorkflowId('city-of-madison', caseId),
        taskQueue,
        args: [
          {
            caseId,
            organisationId: 'city-of-madison',
            causationEventId: events[0].metadata.eventId,
            correlationId: events[0].metadata.correlationId,
          },
        ],
      });
      const outcome = await handle.result();
      await recordHistory(handle, 'risk-screening');
      return outcome;
    });

    expect(result).toEqual({ riskLevel: 'high' });
    const stream = await t.store.readStream(procurementCaseStreamId('city-of-madison', caseId));
    expect(stream.map((e) => e.type)).toEqual(['CaseOpened', 'RiskScreened']);
  });
});
