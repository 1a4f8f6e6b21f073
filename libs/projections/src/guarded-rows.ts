import type { SqlQueryable } from '@pj/event-store';

/**
 * A read-model row named by its key columns, moved on only by events of a later stream revision
 * than the one it last took (its `revision` column): an event delivered again changes nothing.
 * Table and column names come from the projections' own code, never from events.
 */
export interface GuardedRow {
  readonly table: string;
  readonly key: Readonly<Record<string, unknown>>;
  /** The revision, in its stream, of the event being applied. */
  readonly revision: number;
}

const where = (key: Readonly<Record<string, unknown>>, offset: number) =>
  Object.keys(key)
    .map((column, i) => `${column} = $${i + offset}`)
    .join(' AND ');

/** The row's `columns` if the event is new to it; undefined if it is missing or already took the event. */
export async function rowBefore<Row>(tx: SqlQueryable, row: GuardedRow, columns: string): Promise<Row | undefined> {
  const keys = Object.values(row.key);
  const [found] = await tx.query<Row>(
    `SELECT ${columns} FROM ${row.table} WHERE ${where(row.key, 1)} AND revision < $${keys.length + 1}`,
    [...keys, row.revision],
  );
  return found;
}

/** Sets `fields` (and the revision, and `updated_at` to `at`) unless the row already took the event. */
export async function updateRow(
  tx: SqlQueryable,
  row: GuardedRow,
  fields: Readonly<Record<string, unknown>>,
  at: string,
): Promise<void> {
  const keys = Object.values(row.key);
  // The revision last: the guard below compares with the same parameter.
  const entries = Object.entries({ ...fields, updated_at: at, revision: row.revision });
  await tx.query(
    `UPDATE ${row.table} SET ${entries.map(([column], i) => `${column} = $${i + keys.length + 1}`).join(', ')}
      WHERE ${where(row.key, 1)} AND revision < $${keys.length + entries.length}`,
    [...keys, ...entries.map(([, value]) => value)],
  );
}
