import type { RecordedEvent, SqlQueryable } from '@pj/event-store';

/**
 * A read model kept in SQL from the global log. `apply` runs in the same transaction as the
 * projection's checkpoint, so each event is applied exactly once, even after a crash.
 */
export interface Projection {
  /** Unique; also the checkpoint's subscriber id (`projection:<name>`). */
  readonly name: string;
  /** Creates the read model's tables if missing (idempotent DDL). */
  readonly schema: readonly string[];
  /** Removes every row, for a rebuild from the start of the log. */
  readonly tables: readonly string[];
  /** Only these event types reach `apply`; the checkpoint still advances past the others. */
  readonly eventTypes?: ReadonlySet<string>;
  apply(tx: SqlQueryable, event: RecordedEvent): Promise<void>;
}
