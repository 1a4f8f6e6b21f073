import type { EventStore } from '@pj/event-store';

/**
 * Read models the CLI's `rebuild-projections` can rebuild from the event log. None is registered
 * yet; a projection registers itself here (e.g. from libs/projections) with `register`.
 */
export interface RebuildableProjection {
  readonly name: string;
  /** Drops the read model and rebuilds it from the start of the log; resolves to the number of events read. */
  rebuild(store: EventStore, onProgress: (events: number) => void): Promise<number>;
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
