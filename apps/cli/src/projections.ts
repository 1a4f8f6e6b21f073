import { loadConfig } from '@pj/config';
import type { EventStore } from '@pj/event-store';
import {
  openReadModelDatabase,
  parkedEvents,
  readModelProjections,
  rebuildProjection,
  type ParkedEvent,
} from '@pj/projections';

/**
 * Read models the CLI's `rebuild-projections` can rebuild from the event log: every projection of
 * libs/projections is registered below.
 */
export interface RebuildableProjection {
  readonly name: string;
  /**
   * Drops the read model and rebuilds it from the start of the log, trying parked events again;
   * resolves to the number of events read and the events still parked.
   */
  rebuild(
    store: EventStore,
    onProgress: (events: number) => void,
  ): Promise<{ events: number; parked: readonly ParkedEvent[] }>;
}

export class ProjectionRegistry {
  private readonly projections = new Map<string, RebuildableProjection>();

  register(projection: RebuildableProjection): void {
    if (this.projections.has(projection.name)) throw new Error(`projection ${projection.name} is registered twice`);
    this.projections.set(projection.name, projection);
  }

  list(): readonly RebuildableProjection[] {
    return [...this.projections.values()];
  }
}

export const projectionRegistry = new ProjectionRegistry();

// The engine's read models, in the event store's own database (or DATABASE_URL beside EventStoreDB).
// A rebuild is safe while an engine runs: both lock the checkpoint row, and the engine's runner
// reads again from the reset checkpoint.
for (const projection of readModelProjections)
  projectionRegistry.register({
    name: projection.name,
    async rebuild(store, onProgress) {
      const readModels = await openReadModelDatabase(store, loadConfig().databaseUrl);
      try {
        const events = await rebuildProjection(store, readModels.db, projection, onProgress);
        return { events, parked: await parkedEvents(readModels.db, projection.name) };
      } finally {
        await readModels.close();
      }
    },
  });
