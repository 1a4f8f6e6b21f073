import { upcastEvent } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';

/**
 * A read model kept in SQL from the global log. `apply` runs in the same transaction as the
 * projection's checkpoint, so each event is applied exactly once, even after a crash.
 */
export interface Projection {
  /** Unique; also the checkpoint's subscriber id (`projection:<name>`). */
  readonly name: string;
  /**
   * Creates the read model's tables if missing (idempotent DDL). When these statements change,
   * the runner drops `tables` and rebuilds the projection from the start of the log.
   */
  readonly schema: readonly string[];
  /** Every table the projection owns: emptied for a rebuild, dropped when the schema changes. */
  readonly tables: readonly string[];
  /** Only these event types reach `apply`; the checkpoint still advances past the others. */
  readonly eventTypes?: ReadonlySet<string>;
  apply(tx: SqlQueryable, event: RecordedEvent): Promise<void>;
}

/** The event's data at its current schema version (stored events keep the version they were written at). */
export function dataOf<Data>(event: RecordedEvent): Data {
  return upcastEvent({ type: event.type, data: event.data, schemaVersion: event.metadata.schemaVersion }).data as Data;
}

/** The stream's id without its aggregate prefix (`finding-abc` → `abc`). */
export const idAfter = (prefix: string, event: RecordedEvent) => event.streamId.slice(prefix.length);
