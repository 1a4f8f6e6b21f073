import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  NOTIFICATION_DELIVERY_WORKFLOW_TYPE,
  NOTIFICATION_DIGEST_WORKFLOW_TYPE,
  notificationDeliveryWorkflowId,
  notificationDigestWorkflowId,
  type DeliveryRetry,
} from '@pj/contracts';
import type { SqlDriver } from '@pj/event-store';
import { gatherIntoDigest } from '@pj/notifications';

export interface DeliveryDispatcherOptions {
  readonly db: SqlDriver;
  readonly client: Client;
  readonly taskQueue: string;
  readonly retry: DeliveryRetry;
  readonly digestMs: number;
  readonly log?: (message: string) => void;
}

/** Looked at this often even without a wake: a crash between writing the outbox and starting its workflows. */
const POLL_MS = 5_000;
const BATCH = 200;
/** Workflow starts in flight at once. */
const CONCURRENT_STARTS = 25;

/**
 * Starts a delivery workflow for each message the outbox wrote, and gathers digest messages into
 * their digest. Starts are idempotent by workflow id (the delivery's id), and a row is marked
 * dispatched only after its start: a crash in between starts it again, which changes nothing.
 */
export class DeliveryDispatcher {
  private stopping = false;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: DeliveryDispatcherOptions) {}

  start(): void {
    this.wake();
  }

  /** Dispatches now (the outbox wrote something); a wake while dispatching runs once more after. */
  wake(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.dispatch()
      .catch((error: unknown) => this.options.log?.(`notification dispatch failed (${String(error)}); trying again`))
      .finally(() => {
        this.running = undefined;
        if (this.stopping) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.timer = setTimeout(() => this.wake(), POLL_MS);
      });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async dispatch(): Promise<void> {
    const { db } = this.options;
    for (;;) {
      const pending = await db.query<{ delivery_id: string }>(
        `SELECT delivery_id FROM pj_deliveries WHERE status = 'pending' ORDER BY created_at, delivery_id LIMIT ${BATCH}`,
      );
      // Started side by side (a start is a round trip to Temporal), then marked in one statement.
      for (let from = 0; from < pending.length && !this.stopping; from += CONCURRENT_STARTS) {
        const ids = pending.slice(from, from + CONCURRENT_STARTS).map((row) => row.delivery_id);
        await Promise.all(
          ids.map((deliveryId) =>
            this.startWorkflow(NOTIFICATION_DELIVERY_WORKFLOW_TYPE, notificationDeliveryWorkflowId(deliveryId), {
              deliveryId,
              retry: this.options.retry,
            }),
          ),
        );
        await db.query(
          `UPDATE pj_deliveries SET status = 'dispatched', dispatched_at = now()
            WHERE delivery_id = ANY($1::text[]) AND status = 'pending'`,
          [ids],
        );
      }
      if (this.stopping) return;
      const gathered = await db.query<{
        delivery_id: string;
        organisation_id: string;
        recipient_id: string;
        address: string;
      }>(
        `SELECT delivery_id, organisation_id, recipient_id, address FROM pj_deliveries
          WHERE status = 'digest' ORDER BY created_at, delivery_id LIMIT ${BATCH}`,
      );
      for (const row of gathered) {
        if (this.stopping) return;
        await gatherIntoDigest(
          db,
          {
            deliveryId: row.delivery_id,
            organisationId: row.organisation_id,
            recipientId: row.recipient_id,
            address: row.address,
          },
          this.options.digestMs,
          new Date(),
        );
      }
      const digests = await db.query<{ digest_id: string; send_at: Date | string }>(
        `SELECT digest_id, send_at FROM pj_digests WHERE status = 'gathering' AND NOT dispatched LIMIT ${BATCH}`,
      );
      for (const digest of digests) {
        if (this.stopping) return;
        await this.startWorkflow(NOTIFICATION_DIGEST_WORKFLOW_TYPE, notificationDigestWorkflowId(digest.digest_id), {
          digestId: digest.digest_id,
          sendAt: new Date(digest.send_at).toISOString(),
          retry: this.options.retry,
        });
        await db.query('UPDATE pj_digests SET dispatched = true WHERE digest_id = $1', [digest.digest_id]);
      }
      if (pending.length < BATCH && gathered.length < BATCH && digests.length < BATCH) return;
    }
  }

  private async startWorkflow(workflowType: string, workflowId: string, input: unknown): Promise<void> {
    try {
      await this.options.client.workflow.start(workflowType, {
        workflowId,
        taskQueue: this.options.taskQueue,
        args: [input],
        // The same message is never sent by two workflows, nor again once its workflow ended.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
