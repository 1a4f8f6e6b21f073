import { parseStreamName, type AggregateName, type StreamName } from '@pj/application';
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

/**
 * Where an event belongs, from its stream's name: the aggregate, its id without prefix and
 * organisation (`finding-org-a/abc` → `abc`), and the organisation an owner-scoped one belongs to.
 * Ids are each organisation's own, so read models key owner-scoped rows by both.
 */
export const streamOf = (event: RecordedEvent): StreamName | undefined => parseStreamName(event.streamId);

/** The organisation and id of an event of `aggregate`'s streams; undefined for any other event. */
export function ownedBy(
  aggregate: AggregateName,
  event: RecordedEvent,
): { organisationId: string; id: string } | undefined {
  const stream = streamOf(event);
  return stream?.aggregate === aggregate && stream.organisationId !== undefined
    ? { organisationId: stream.organisationId, id: stream.id }
    : undefined;
}
