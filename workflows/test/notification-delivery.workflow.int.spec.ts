import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { notificationDeliveryWorkflowId, notificationDigestWorkflowId } from '@pj/contracts';
import { SqlEventStore, type SqlDriver } from '@pj/event-store';
import { Channels, gatherIntoDigest, MailSink, prepareNotificationTables } from '@pj/notifications';
import { createActivities } from '../../apps/worker/src/activities';
import { workflowBundle } from '../../apps/worker/src/worker';
import { notificationDeliveryWorkflow, notificationDigestWorkflow } from '../src';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';

const DAY_MS = 86_400_000;
const organisationId = 'digest-workflow-council';

// The delivery and digest workflows on the time-skipping test server: a day's digest and a
// delivery's backoff of minutes pass at once; mail goes to a real SMTP server in the process.
describe('notification delivery and digest workflows', () => {
  let t: WorkflowTestEnvironment;
  let db: SqlDriver;
  const sink = new MailSink();
  let channels: Channels;

  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
    db = (t.store as SqlEventStore).driver;
    await prepareNotificationTables(db);
    const smtpUrl = await sink.start();
    channels = new Channels({ smtpUrl, mailFrom: 'test <test@example.org>', webhookSecret: 'secret' });
  });
  afterAll(async () => {
    channels?.close();
    await sink.stop();
    await t?.teardown();
  });

  const withWorker = <T>(taskQueue: string, test: () => Promise<T>) =>
    Worker.create({
      connection: t.env.nativeConnection,
      taskQueue,
      ...workflowBundle,
      activities: createActivities({ store: t.store, notifications: { db, channels } }),
    }).then((worker) => worker.runUntil(test));

  const delivery = async (address: string, status: 'pending' | 'digest', subject: string) => {
    const deliveryId = randomUUID();
    await db.query(
      `INSERT INTO pj_deliveries (delivery_id, organisation_id, channel, address, recipient_id, kind, subject, body,
         event_id, event_type, event_recorded_at, status)
       VALUES ($1, $2, 'email', $3, $4, 'grievance', $5, 'body', $6, 'GrievanceSubmitted', now(), $7)`,
      [deliveryId, organisationId, address, `person-${address}`, subject, randomUUID(), status],
    );
    return deliveryId;
  };

  it('sends a day’s notifications as one mail when the day is over', async () => {
    const address = `digest-${randomUUID().slice(0, 8)}@example.org`;
    let digest: { digestId: string; sendAt: string } | undefined;
    for (let n = 1; n <= 5; n++) {
      const deliveryId = await delivery(address, 'digest', `grievance g-${n}`);
      digest = await gatherIntoDigest(
        db,
        { deliveryId, organisationId, recipientId: `person-${address}`, address },
        DAY_MS,
        new Date(await t.env.currentTimeMs()),
      );
    }
    const taskQueue = `digest-${randomUUID()}`;
    const outcome = await withWorker(taskQueue, async () => {
      const handle = await t.env.client.workflow.start(notificationDigestWorkflow, {
        workflowId: notificationDigestWorkflowId(digest!.digestId),
        taskQueue,
        args: [
          {
            digestId: digest!.digestId,
            sendAt: digest!.sendAt,
            retry: { maximumAttempts: 3, initialIntervalMs: 1_000 },
          },
        ],
      });
      const result = await handle.result();
      await recordHistory(handle, 'notification-digest');
      return result;
    });
    expect(outcome).toBe('delivered');
    const mails = sink.mails.filter((mail) => mail.to.includes(address));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('5 notifications from Procurement Journey');
    for (let n = 1; n <= 5; n++) expect(mails[0].text).toContain(`grievance g-${n}`);
    expect(mails[0].headers['idempotency-key']).toBe(digest!.digestId);
    const rows = await db.query<{ status: string }>('SELECT status FROM pj_deliveries WHERE digest_id = $1', [
      digest!.digestId,
    ]);
    expect(rows.map((row) => row.status)).toEqual(Array(5).fill('delivered'));
  });

  it('parks a delivery that fails every attempt, after backing off minutes between them', async () => {
    const deliveryId = await delivery('nobody@example.org', 'pending', 'never arrives');
    const unreachable = new Channels({
      smtpUrl: 'smtp://127.0.0.1:1',
      mailFrom: 'test <test@example.org>',
      webhookSecret: 's',
    });
    const taskQueue = `parked-${randomUUID()}`;
    const outcome = await Worker.create({
      connection: t.env.nativeConnection,
      taskQueue,
      ...workflowBundle,
      activities: createActivities({ store: t.store, notifications: { db, channels: unreachable } }),
    }).then((worker) =>
      worker.runUntil(async () => {
        const handle = await t.env.client.workflow.start(notificationDeliveryWorkflow, {
          workflowId: notificationDeliveryWorkflowId(deliveryId),
          taskQueue,
          args: [{ deliveryId, retry: { maximumAttempts: 3, initialIntervalMs: 5 * 60_000 } }],
        });
        const result = await handle.result();
        await recordHistory(handle, 'notification-delivery-parked');
        return result;
      }),
    );
    unreachable.close();
    expect(outcome).toBe('parked');
    const [row] = await db.query<{ status: string; attempts: number; last_error: string }>(
      'SELECT status, attempts, last_error FROM pj_deliveries WHERE delivery_id = $1',
      [deliveryId],
    );
    expect(row).toMatchObject({ status: 'parked', attempts: 3 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
  });
});
