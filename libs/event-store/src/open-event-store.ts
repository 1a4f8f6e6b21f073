import type { EventStore } from './event-store';
import { PgDriver, PgliteDriver, SqlEventStore } from './sql';

/** Which adapter to open; chosen from configuration (EVENT_STORE, see README). */
export type EventStoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir?: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly poolSize?: number }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'pglite':
      return SqlEventStore.open(await PgliteDriver.open(config.dataDir));
    case 'postgres':
      return SqlEventStore.open(await PgDriver.open(config.connectionString, { max: config.poolSize }));
    case 'eventstoredb': {
      // Loaded lazily: the gRPC client is only needed when ESDB is configured.
      const { EventStoreDbEventStore } = await import('./esdb/esdb-event-store');
      return EventStoreDbEventStore.connect(config.connectionString);
    }
  }
}
