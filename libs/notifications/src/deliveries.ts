import { v5 as uuidv5 } from 'uuid';
import type { SqlDriver, SqlQueryable } from '@pj/event-store';
import type { Channels } from './channels';
import { render } from './templates';
import { localeOf } from './templates';

const DIGEST_ID_NAMESPACE = '0c7d2f52-6a4e-4b1a-8d3e-8f5b9b1e2c77';

interface DeliveryRow {
  delivery_id: string;
  channel: 'email' | 'webhook';
  address: string;
  subject: string;
  body: string;
  payload: string | null;
  status: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends one delivery and records it. The record comes after the send: a crash in between sends it
 * once more, with the same idempotency key (the delivery id), which receivers deduplicate on.
 */
export async function deliver(db: SqlDriver, channels: Channels, deliveryId: string): Promise<'sent' | 'already'> {
  const [row] = await db.query<DeliveryRow>(
    `UPDATE pj_deliveries SET attempts = attempts + 1 WHERE delivery_id = $1 AND status <> 'delivered'
     RETURNING delivery_id, channel, address, subject, body, payload, status`,
    [deliveryId],
  );
  if (!row) return 'already';
  const message = {
    deliveryId: row.delivery_id,
    address: row.address,
    subject: row.subject,
    body: row.body,
    payload: row.payload,
  };
  try {
    await (row.channel === 'email' ? channels.email(message) : channels.webhook(message));
  } catch (error) {
    await db.query('UPDATE pj_deliveries SET last_error = $2 WHERE delivery_id = $1', [deliveryId, messageOf(error)]);
    throw error;
  }
  await db.query(
    `UPDATE pj_deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE delivery_id = $1`,
    [deliveryId],
  );
  return 'sent';
}

export async function parkDelivery(db: SqlQueryable, deliveryId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE pj_deliveries SET status = 'parked', parked_at = now(), last_error = $2
      WHERE delivery_id = $1 AND status <> 'delivered'`,
    [deliveryId, error],
  );
}

/**
 * Puts a notification a person wants in their daily digest into the digest that is gathering for
 * them, or opens one that is sent `digestMs` later. Answers the digest to start.
 */
export async function gatherIntoDigest(
  db: SqlDriver,
  delivery: { deliveryId: string; organisationId: string; recipientId: string; address: string },
  digestMs: number,
  now: Date,
): Promise<{ digestId: string; sendAt: string }> {
  return db.transaction(async (tx) => {
    const [open] = await tx.query<{ digest_id: string; send_at: Date | string }>(
      `SELECT digest_id, send_at FROM pj_digests
        WHERE organisation_id = $1 AND recipient_id = $2 AND status = 'gathering' FOR UPDATE`,
      [delivery.organisationId, delivery.recipientId],
    );
    let digest = open && { digestId: open.digest_id, sendAt: new Date(open.send_at).toISOString() };
    if (!digest) {
      const [person] = await tx.query<{ locale: string | null }>(
        'SELECT locale FROM pj_people WHERE organisation_id = $1 AND person_id = $2',
        [delivery.organisationId, delivery.recipientId],
      );
      digest = {
        digestId: uuidv5(
          `${delivery.organisationId}/${delivery.recipientId}/${delivery.deliveryId}`,
          DIGEST_ID_NAMESPACE,
        ),
        sendAt: new Date(now.getTime() + digestMs).toISOString(),
      };
      await tx.query(
        `INSERT INTO pj_digests (digest_id, organisation_id, recipient_id, address, locale, status, send_at)
         VALUES ($1, $2, $3, $4, $5, 'gathering', $6) ON CONFLICT DO NOTHING`,
        [
          digest.digestId,
          delivery.organisationId,
          delivery.recipientId,
          delivery.address,
          localeOf(person?.locale),
          digest.sendAt,
        ],
      );
    }
    await tx.query(`UPDATE pj_deliveries SET digest_id = $2, status = 'gathered' WHERE delivery_id = $1`, [
      delivery.deliveryId,
      digest.digestId,
    ]);
    return digest;
  });
}

/** Sends everything a digest gathered as one mail; its id is the mail's idempotency key. */
export async function sendDigest(db: SqlDriver, channels: Channels, digestId: string): Promise<'sent' | 'already'> {
  // Closed first: what arrives from now on opens the next digest.
  const [digest] = await db.transaction(async (tx) => {
    await tx.query(`UPDATE pj_digests SET status = 'sending' WHERE digest_id = $1 AND status = 'gathering'`, [
      digestId,
    ]);
    return tx.query<{ status: string; address: string; locale: string }>(
      `UPDATE pj_digests SET attempts = attempts + 1 WHERE digest_id = $1 AND status <> 'sent'
       RETURNING status, address, locale`,
      [digestId],
    );
  });
  if (!digest) return 'already';
  const items = await db.query<{ subject: string; body: string; event_recorded_at: Date | string }>(
    `SELECT subject, body, event_recorded_at FROM pj_deliveries WHERE digest_id = $1
      ORDER BY event_recorded_at, delivery_id`,
    [digestId],
  );
  const heading = render('digest', localeOf(digest.locale), { count: items.length });
  const body = [
    heading.body,
    '',
    ...items.map((item) => `- ${new Date(item.event_recorded_at).toISOString()} ${item.subject}\n  ${item.body}`),
  ].join('\n');
  try {
    await channels.email({ deliveryId: digestId, address: digest.address, subject: heading.subject, body });
  } catch (error) {
    await db.query('UPDATE pj_digests SET last_error = $2 WHERE digest_id = $1', [digestId, messageOf(error)]);
    throw error;
  }
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE pj_digests SET status = 'sent', sent_at = now(), last_error = NULL WHERE digest_id = $1`, [
      digestId,
    ]);
    await tx.query(`UPDATE pj_deliveries SET status = 'delivered', delivered_at = now() WHERE digest_id = $1`, [
      digestId,
    ]);
  });
  return 'sent';
}

export async function parkDigest(db: SqlQueryable, digestId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE pj_digests SET status = 'parked', parked_at = now(), last_error = $2 WHERE digest_id = $1 AND status <> 'sent'`,
    [digestId, error],
  );
  await db.query(
    `UPDATE pj_deliveries SET status = 'parked', parked_at = now(), last_error = $2 WHERE digest_id = $1`,
    [digestId, error],
  );
}
