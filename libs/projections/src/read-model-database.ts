import { PgDriver, SqlEventStore, migrate, type EventStore, type SqlDriver } from '@pj/event-store';

/**
 * The SQL database that holds read models and subscriber checkpoints: the event store's own when
 * events live in PGlite or PostgreSQL, else the PostgreSQL server at DATABASE_URL (EventStoreDB).
 */
export async function openReadModelDatabase(
  store: EventStore,
  databaseUrl: string | undefined,
): Promise<{ db: SqlDriver; close(): Promise<void> }> {
  if (store instanceof SqlEventStore) return { db: store.driver, close: async () => undefined };
  if (!databaseUrl) throw new Error('DATABASE_URL is required for read models when the events live in EventStoreDB');
  const db = await PgDriver.open(databaseUrl);
  await migrate(db);
  return { db, close: () => db.close() };
}
