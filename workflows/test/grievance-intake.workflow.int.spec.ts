import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import {
  acknowledgeGrievanceUpdate,
  grievanceIntakeStatusQuery,
  grievanceIntakeWorkflowId,
  triageGrievanceUpdate,
  type GrievanceIntakeInput,
} from '@pj/contracts';
import { finding, findingStreamId, grievance, grievanceStreamId } from '@pj/domain';
import { handleCommand } from '@pj/application';
import { react } from '../../apps/worker/src/process-manager/reactions';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';
import { grievanceIntakeWorkflow } from '../src';
import { seedFactory } from '../../test/support/seed-journey';

const DAY = 24 * 60 * 60 * 1000;
const organisationId = 'city-of-madison';
const officer = { id: 'officer-anna', role: 'compliance_officer' };
const intake = { id: 'cm-joe', role: 'contract_manager' };
const protection = { measures: ['identity withheld from the factory'], protectedParties: 'the complainant' };

describe('grievance intake workflow', () => {
  let t: WorkflowTestEnvironment;
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
    await seedFactory(t.store, 'factory-big', organisationId);
  });
  afterAll(async () => t?.teardown());

  const nowIso = async () => new Date(await t.env.currentTimeMs()).toISOString();
  const meta = async (actor: { id: string; role: string }) => ({
    commandId: randomUUID(),
    now: await nowIso(),
    actor,
    organisationId,
    calendar: { timeZone: 'UTC' },
  });
  const types = async (streamId: string) => (await t.store.readStream(streamId)).map((event) => event.type);

  async function submitted(severity: 'medium' | 'critical') {
    const grievanceId = randomUUID();
    const { events } = await handleCommand(t.store, grievance, grievanceStreamId(organisationId, grievanceId), {
      type: 'SubmitGrievance',
      data: {
        grievanceId,
        factoryId: 'factory-big',
        channel: 'worker_organisation',
        anonymous: true,
        allegation: severity === 'critical' ? 'locked fire exits' : 'unpaid overtime',
        workersConcerned: 40,
        severity,
        acknowledgeWithinDays: 5,
      },
      metadata: await meta({ id: 'monitor-7', role: 'monitor' }),
    });
    const action = react(events[0]) as { workflowId: string; args: readonly unknown[] };
    return { grievanceId, workflowId: action.workflowId, input: action.args[0] as GrievanceIntakeInput };
  }

  const start = (taskQueue: string, g: Awaited<ReturnType<typeof submitted>>) =>
    t.env.client.workflow.start(grievanceIntakeWorkflow, {
      workflowId: g.workflowId,
      taskQueue,
      args: [g.input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  const status = (handle: WorkflowHandle) => handle.query(grievanceIntakeStatusQuery);

  it('acknowledged in time, then starts a new investigation', async () => {
    const g = await submitted('medium');
    const findingId = randomUUID();
    const taskQueue = `grievance-${g.grievanceId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, g);
      expect(handle.workflowId).toBe(grievanceIntakeWorkflowId(organisationId, g.grievanceId));
      expect((await start(taskQueue, g)).firstExecutionRunId).toBe(handle.firstExecutionRunId);
      expect(await status(handle)).toMatchObject({
        step: 'awaiting_acknowledgement',
        nextDeadline: g.input.acknowledgeBy,
        nextDeadlineKind: 'acknowledgement',
        handledBy: 'intake',
      });
      await expect(
        handle.executeUpdate(acknowledgeGrievanceUpdate, { args: [{ actor: intake, message: ' ' }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await t.env.sleep(2 * DAY);
      await handle.executeUpdate(acknowledgeGrievanceUpdate, { args: [{ actor: intake, message: 'received' }] });
      expect(await status(handle)).toMatchObject({ step: 'awaiting_triage', acknowledged: true });
      const investigation = { kind: 'new' as const, findingId, standardBreached: 'ILO C1', description: 'overtime' };
      await expect(
        handle.executeUpdate(triageGrievanceUpdate, {
          args: [{ actor: intake, protection: { measures: [], protectedParties: 'x' }, investigation }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await handle.executeUpdate(triageGrievanceUpdate, { args: [{ actor: intake, protection, investigation }] });
      expect(await handle.result()).toEqual({
        findingId,
        investigation: 'new',
        handledBy: 'intake',
        acknowledgedLate: false,
      });
      expect(await status(handle)).toMatchObject({ step: 'referred', findingId });
      await recordHistory(handle, 'grievance-intake-new-investigation');
    });
    expect(await types(grievanceStreamId(organisationId, g.grievanceId))).toEqual([
      'GrievanceSubmitted',
      'GrievanceAcknowledged',
      'RetaliationProtectionRecorded',
      'GrievanceReferredToFinding',
    ]);
    const [recorded] = await t.store.readStream(findingStreamId(organisationId, findingId));
    expect(recorded.data).toMatchObject({ source: 'grievance', factoryId: 'factory-big', workersAffected: 40 });
    expect(recorded.metadata.actor).toEqual(intake);
  });

  it('a severe grievance goes straight to a compliance officer, who joins an existing investigation', async () => {
    const findingId = randomUUID();
    await handleCommand(t.store, finding, findingStreamId(organisationId, findingId), {
      type: 'RecordFinding',
      data: {
        findingId,
        factoryId: 'factory-big',
        source: 'social_audit',
        severity: 'high',
        standardBreached: 'fire safety',
        workersAffected: 400,
        description: 'exits blocked',
        evidenceRefs: [],
        shareableWithOtherBuyers: true,
      },
      metadata: await meta({ id: 'auditor-firm', role: 'monitor' }),
    });
    const g = await submitted('critical');
    const taskQueue = `grievance-${g.grievanceId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, g);
      await t.env.sleep(DAY);
      expect(await status(handle)).toMatchObject({ handledBy: 'compliance_officer' });
      const join = { kind: 'join' as const, findingId, note: 'worker testimony on the locked exits' };
      await expect(
        handle.executeUpdate(triageGrievanceUpdate, { args: [{ actor: intake, protection, investigation: join }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      // Joining a finding that does not exist is refused by the domain, and the update fails.
      await expect(
        handle.executeUpdate(triageGrievanceUpdate, {
          args: [{ actor: officer, protection, investigation: { ...join, findingId: randomUUID() } }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await handle.executeUpdate(triageGrievanceUpdate, {
        args: [{ actor: officer, protection, investigation: join }],
      });
      await handle.executeUpdate(acknowledgeGrievanceUpdate, { args: [{ actor: officer, message: 'received' }] });
      expect(await handle.result()).toMatchObject({
        findingId,
        investigation: 'joined',
        handledBy: 'compliance_officer',
      });
    });
    const grievanceEvents = await t.store.readStream(grievanceStreamId(organisationId, g.grievanceId));
    expect(grievanceEvents.map((e) => e.type)).toEqual([
      'GrievanceSubmitted',
      'GrievanceEscalated',
      'RetaliationProtectionRecorded',
      'GrievanceReferredToFinding',
      'GrievanceAcknowledged',
    ]);
    expect(grievanceEvents[1].data).toMatchObject({ reason: 'severe', severity: 'critical' });
    expect(await types(findingStreamId(organisationId, findingId))).toEqual([
      'FindingRecorded',
      'FindingEvidenceAdded',
    ]);
  });

  it('an acknowledgement deadline that passes is recorded and the grievance escalated', async () => {
    const g = await submitted('medium');
    const findingId = randomUUID();
    const taskQueue = `grievance-${g.grievanceId}`;
    await t.withWorker(taskQueue, async () => {
      const handle = await start(taskQueue, g);
      await t.env.sleep(6 * DAY);
      expect(await status(handle)).toMatchObject({
        acknowledgementOverdue: true,
        handledBy: 'compliance_officer',
        step: 'awaiting_acknowledgement',
      });
      await handle.executeUpdate(acknowledgeGrievanceUpdate, {
        args: [{ actor: officer, message: 'sorry, received' }],
      });
      await handle.executeUpdate(triageGrievanceUpdate, {
        args: [
          {
            actor: officer,
            protection,
            investigation: { kind: 'new', findingId, standardBreached: 'ILO C1', description: 'overtime' },
          },
        ],
      });
      expect(await handle.result()).toMatchObject({ handledBy: 'compliance_officer', acknowledgedLate: true });
      await recordHistory(handle, 'grievance-intake-acknowledgement-overdue');
    });
    expect(await types(grievanceStreamId(organisationId, g.grievanceId))).toEqual([
      'GrievanceSubmitted',
      'GrievanceAcknowledgementOverdue',
      'GrievanceEscalated',
      'GrievanceAcknowledged',
      'RetaliationProtectionRecorded',
      'GrievanceReferredToFinding',
    ]);
  });
});
