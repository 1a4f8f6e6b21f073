import type { SqlDriver } from '@pj/event-store';

/**
 * The directory of people and the notification outbox. Not read models: nothing here is rebuilt
 * from the log (who signed in, which contacts a buyer keeps, what was sent), so rebuilding the
 * projections never touches it. Created at start-up, idempotently, under an advisory lock (API and
 * worker may start at once against one PostgreSQL server).
 */
const TABLES = [
  // People known from their first authenticated request; claims are updated when they change.
  `CREATE TABLE IF NOT EXISTS pj_people (
    organisation_id text NOT NULL,
    person_id       text NOT NULL,
    role            text NOT NULL,
    name            text,
    email           text,
    locale          text,
    supplier_id     text,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, person_id))`,
  `CREATE INDEX IF NOT EXISTS pj_people_role ON pj_people (organisation_id, role)`,
  // People at a supplier the buyer writes to; they have no account.
  `CREATE TABLE IF NOT EXISTS pj_supplier_contacts (
    organisation_id text NOT NULL,
    supplier_id     text NOT NULL,
    contact_id      text NOT NULL,
    name            text NOT NULL,
    email           text NOT NULL,
    locale          text NOT NULL,
    added_by        text NOT NULL,
    added_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, supplier_id, contact_id))`,
  `CREATE TABLE IF NOT EXISTS pj_notification_preferences (
    organisation_id text NOT NULL,
    person_id       text NOT NULL,
    kind            text NOT NULL,
    delivery        text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, person_id, kind))`,
  // One row per person told of an event: the in-app inbox (recipients with an account).
  `CREATE TABLE IF NOT EXISTS pj_notifications (
    notification_id text PRIMARY KEY,
    organisation_id text NOT NULL,
    recipient_id    text NOT NULL,
    kind            text NOT NULL,
    template        text NOT NULL,
    locale          text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    event_id        text NOT NULL,
    event_type      text NOT NULL,
    subject_id      text,
    created_at      timestamptz NOT NULL,
    read_at         timestamptz)`,
  `CREATE INDEX IF NOT EXISTS pj_notifications_recipient ON pj_notifications (organisation_id, recipient_id, created_at)`,
  // The outbox: one row per message to send; its id is the idempotency key receivers see.
  `CREATE TABLE IF NOT EXISTS pj_deliveries (
    delivery_id     text PRIMARY KEY,
    organisation_id text NOT NULL,
    channel         text NOT NULL,
    address         text NOT NULL,
    recipient_id    text NOT NULL,
    kind            text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    payload         text,
    event_id        text NOT NULL,
    event_type      text NOT NULL,
    event_recorded_at timestamptz NOT NULL,
    status          text NOT NULL,
    digest_id       text,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    dispatched_at   timestamptz,
    delivered_at    timestamptz,
    parked_at       timestamptz)`,
  `CREATE INDEX IF NOT EXISTS pj_deliveries_status ON pj_deliveries (status, created_at)`,
  `CREATE INDEX IF NOT EXISTS pj_deliveries_digest ON pj_deliveries (digest_id)`,
  // A daily digest: the notifications of one person and kind gathered until send_at, sent as one mail.
  `CREATE TABLE IF NOT EXISTS pj_digests (
    digest_id       text PRIMARY KEY,
    organisation_id text NOT NULL,
    recipient_id    text NOT NULL,
    address         text NOT NULL,
    locale          text NOT NULL,
    status          text NOT NULL,
    send_at         timestamptz NOT NULL,
    dispatched      boolean NOT NULL DEFAULT false,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    sent_at         timestamptz,
    parked_at       timestamptz)`,
];

/** Creates the directory and outbox tables if missing. */
export async function prepareNotificationTables(db: SqlDriver): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('pj_notification_tables'))`);
    for (const statement of TABLES) await tx.query(statement);
  });
}
