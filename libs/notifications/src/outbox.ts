import { v5 as uuidv5 } from 'uuid';
import { eventsOfType, handleEvent } from '@pj/application';
import { findingStreamId, procurementCaseStreamId } from '@pj/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  START_OF_LOG,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
  type SqlDriver,
  type SqlQueryable,
  type Subscription,
} from '@pj/event-store';
import type { NotificationConfig } from '@pj/config';
import { recipientsOf } from './directory';
import { notificationRules, type DeliveryPreference, type NotificationRule } from './rules';
import { render } from './templates';

/** The outbox's checkpoint in pj_checkpoints. */
export const NOTIFICATION_SUBSCRIBER = 'notifications';

/** Namespace of notification and delivery ids (UUIDv5 of event id and recipient): never change it. */
const NOTIFICATION_ID_NAMESPACE = '5b0f3b8e-8a9e-4f57-9f0b-3c1f6f2f7a41';
export const deliveryIdOf = (eventId: string, channel: string, recipientId: string) =>
  uuidv5(`${eventId}/${channel}/${recipientId}`, NOTIFICATION_ID_NAMESPACE);

const MAX_BACKOFF_MS = 5_000;
/** How long after the last event that told nobody its position is stored. */
const CHECKPOINT_IDLE_MS = 1_000;

export interface NotificationOutboxOptions {
  readonly store: EventStore;
  readonly db: SqlDriver;
  readonly config: Pick<NotificationConfig, 'smtpUrl' | 'webhooks'>;
  /** Called after an event wrote deliveries (the dispatcher starts them). */
  readonly onWritten?: () => void;
  readonly log?: (message: string) => void;
}

/**
 * Derives notifications from the event log: a subscriber from its own checkpoint that writes, for
 * each event a rule names, the inbox rows and the deliveries to send, in the same transaction as its
 * checkpoint. An event is turned into notifications exactly once, even across a crash.
 */
export class NotificationOutbox {
  private subscription?: Subscription;
  private stopping = false;
  private failures = 0;
  private resumeTimer?: NodeJS.Timeout;
  /** Passed events that told nobody, not yet in the stored checkpoint (written with the next that does, or when idle). */
  private unsaved?: LogPosition;
  private saveTimer?: NodeJS.Timeout;

  constructor(private readonly options: NotificationOutboxOptions) {}

  async start(): Promise<void> {
    await this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.resumeTimer);
    await this.subscription?.stop();
    clearTimeout(this.saveTimer);
    await this.saveCheckpoint().catch(() => undefined);
  }

  private async subscribe(): Promise<void> {
    const [row] = await this.options.db.query<{ position: string }>(
      'SELECT position FROM pj_checkpoints WHERE subscriber_id = $1',
      [NOTIFICATION_SUBSCRIBER],
    );
    if (this.stopping) return;
    this.subscription = this.options.store.subscribeToAll({
      after: row ? parsePosition(row.position) : undefined,
      onEvent: (event) => this.handle(event),
      onCaughtUp: () => (this.failures = 0),
      onError: (error) => this.resumeLater(error),
    });
  }

  /** The database went away: start again from the stored checkpoint, backing off. */
  private resumeLater(error: unknown): void {
    if (this.stopping || this.resumeTimer) return;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.failures++);
    this.options.log?.(`notification outbox interrupted (${String(error)}); resuming in ${delay} ms`);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      this.subscribe().catch((failure: unknown) => this.resumeLater(failure));
    }, delay);
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const rule = handleEvent(notificationRules, event);
    if (!rule) {
      // Most events tell nobody: no transaction for them (PGlite has one connection, shared with
      // commands). Re-reading them after a crash writes nothing, so the checkpoint may lag a little.
      this.unsaved = event.position;
      this.saveTimer ??= setTimeout(() => {
        this.saveTimer = undefined;
        this.saveCheckpoint().catch((error: unknown) => this.options.log?.(`outbox checkpoint: ${String(error)}`));
      }, CHECKPOINT_IDLE_MS);
      return;
    }
    const supplierId = rule?.to.includes('supplier') ? await this.supplierOf(event, rule) : undefined;
    const wrote = await this.options.db.transaction(async (tx) => {
      if (comparePositions(event.position, await lockCheckpoint(tx)) <= 0) return false;
      const written = await this.write(tx, event, rule, supplierId);
      await tx.query(
        `INSERT INTO pj_checkpoints (subscriber_id, position) VALUES ($1, $2)
         ON CONFLICT (subscriber_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [NOTIFICATION_SUBSCRIBER, formatPosition(event.position)],
      );
      return written;
    });
    this.unsaved = undefined;
    if (wrote) this.options.onWritten?.();
  }

  private async saveCheckpoint(): Promise<void> {
    const position = this.unsaved;
    if (!position) return;
    await this.options.db.transaction(async (tx) => {
      if (comparePositions(position, await lockCheckpoint(tx)) <= 0) return;
      await tx.query(
        `INSERT INTO pj_checkpoints (subscriber_id, position) VALUES ($1, $2)
         ON CONFLICT (subscriber_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [NOTIFICATION_SUBSCRIBER, formatPosition(position)],
      );
    });
    if (this.unsaved === position) this.unsaved = undefined;
  }

  /**
   * The supplier an event is about: named in it, else the contractor of the breach it concerns, else
   * the supplier of its case's contract (a questionnaire's reminder names neither).
   */
  private async supplierOf(event: RecordedEvent, rule: NotificationRule): Promise<string | undefined> {
    if (rule.supplierId) return rule.supplierId;
    const organisationId = event.metadata.organisationId;
    const { findingId, caseId } = rule.values;
    const { store } = this.options;
    if (typeof findingId === 'string') {
      const history = await store.readStream(findingStreamId(organisationId, findingId));
      return eventsOfType(history, 'BreachConfirmed').at(-1)?.data.contractorId;
    }
    if (typeof caseId === 'string') {
      const history = await store.readStream(procurementCaseStreamId(organisationId, caseId));
      return eventsOfType(history, 'ContractSigned').at(-1)?.data.supplierId;
    }
    return undefined;
  }

  private async write(
    tx: SqlQueryable,
    event: RecordedEvent,
    rule: NotificationRule,
    supplierId: string | undefined,
  ): Promise<boolean> {
    const organisationId = event.metadata.organisationId;
    const { eventId, recordedAt } = event.metadata;
    let deliveries = 0;
    for (const recipient of await recipientsOf(tx, organisationId, rule.to, supplierId)) {
      const words = render(rule.template, recipient.locale, rule.values);
      let preference: DeliveryPreference = 'immediately';
      if (recipient.hasAccount) {
        await tx.query(
          `INSERT INTO pj_notifications (notification_id, organisation_id, recipient_id, kind, template, locale,
             subject, body, event_id, event_type, subject_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
          [
            deliveryIdOf(eventId, 'inbox', recipient.recipientId),
            organisationId,
            recipient.recipientId,
            rule.kind,
            rule.template,
            recipient.locale,
            words.subject,
            words.body,
            eventId,
            event.type,
            rule.subjectId,
            recordedAt,
          ],
        );
        const [chosen] = await tx.query<{ delivery: DeliveryPreference }>(
          `SELECT delivery FROM pj_notification_preferences
            WHERE organisation_id = $1 AND person_id = $2 AND kind = $3`,
          [organisationId, recipient.recipientId, rule.kind],
        );
        preference = chosen?.delivery ?? 'immediately';
      }
      if (!recipient.email || !this.options.config.smtpUrl || preference === 'off') continue;
      await insertDelivery(tx, {
        deliveryId: deliveryIdOf(eventId, 'email', recipient.recipientId),
        organisationId,
        channel: 'email',
        address: recipient.email,
        recipientId: recipient.recipientId,
        kind: rule.kind,
        subject: words.subject,
        body: words.body,
        payload: null,
        event,
        status: preference === 'daily_digest' ? 'digest' : 'pending',
      });
      deliveries++;
    }
    for (const webhook of this.options.config.webhooks.filter((hook) => hook.organisationId === organisationId)) {
      const deliveryId = deliveryIdOf(eventId, 'webhook', webhook.url);
      const words = render(rule.template, 'en', rule.values);
      // The body is fixed once, so every attempt sends (and signs) the same bytes.
      const payload = JSON.stringify({
        id: deliveryId,
        kind: rule.kind,
        template: rule.template,
        eventType: event.type,
        eventId,
        organisationId,
        subjectId: rule.subjectId,
        occurredAt: recordedAt,
        subject: words.subject,
        text: words.body,
      });
      await insertDelivery(tx, {
        deliveryId,
        organisationId,
        channel: 'webhook',
        address: webhook.url,
        recipientId: `webhook:${organisationId}`,
        kind: rule.kind,
        subject: words.subject,
        body: words.body,
        payload,
        event,
        status: 'pending',
      });
      deliveries++;
    }
    return deliveries > 0;
  }
}

async function lockCheckpoint(tx: SqlQueryable): Promise<LogPosition> {
  const [row] = await tx.query<{ position: string }>(
    'SELECT position FROM pj_checkpoints WHERE subscriber_id = $1 FOR UPDATE',
    [NOTIFICATION_SUBSCRIBER],
  );
  return row ? parsePosition(row.position) : START_OF_LOG;
}

async function insertDelivery(
  tx: SqlQueryable,
  delivery: {
    deliveryId: string;
    organisationId: string;
    channel: 'email' | 'webhook';
    address: string;
    recipientId: string;
    kind: string;
    subject: string;
    body: string;
    payload: string | null;
    event: RecordedEvent;
    status: 'pending' | 'digest';
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO pj_deliveries (delivery_id, organisation_id, channel, address, recipient_id, kind, subject, body,
       payload, event_id, event_type, event_recorded_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
    [
      delivery.deliveryId,
      delivery.organisationId,
      delivery.channel,
      delivery.address,
      delivery.recipientId,
      delivery.kind,
      delivery.subject,
      delivery.body,
      delivery.payload,
      delivery.event.metadata.eventId,
      delivery.event.type,
      delivery.event.metadata.recordedAt,
      delivery.status,
    ],
  );
}
