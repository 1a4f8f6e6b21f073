import type { Caller } from '../../auth/roles';

/** An instant from a timestamptz column (a Date from pg and PGlite), as ISO-8601 text. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

/** How a field's SQL value is typed: how it is read, compared in a cursor, and whether it sorts. */
export type FieldType = 'text' | 'timestamptz' | 'integer' | 'bigint' | 'numeric' | 'boolean' | 'json';

/** One field of a list's items: an SQL expression over the list's `from`, and how its value is read. */
export interface Field<T> {
  readonly sql: string;
  readonly type: FieldType;
  /** Nulls sort last, in both directions. */
  readonly nullable: boolean;
  read(value: unknown): T;
}

type Nullable = { readonly nullable: true };
const field = <T>(sql: string, type: FieldType, nullable: boolean, read: (value: unknown) => T): Field<T> => ({
  sql,
  type,
  nullable,
  read: (value) => (value === null || value === undefined ? (null as T) : read(value)),
});

export function text(sql: string): Field<string>;
export function text(sql: string, options: Nullable): Field<string | null>;
export function text(sql: string, options?: Nullable): Field<string | null> {
  return field(sql, 'text', options?.nullable ?? false, String);
}

/** A timestamptz column, as ISO-8601 text. */
export function instant(sql: string): Field<string>;
export function instant(sql: string, options: Nullable): Field<string | null>;
export function instant(sql: string, options?: Nullable): Field<string | null> {
  return field(sql, 'timestamptz', options?.nullable ?? false, (value) => iso(value as Date));
}

/** An integer column, or a bigint one (revisions, counts: drivers answer those as text). */
export function whole(sql: string, type: 'integer' | 'bigint' = 'integer'): Field<number> {
  return field(sql, type, false, Number);
}

/** A numeric column (prices, shares, scores: drivers answer it as text), as a number. */
export function decimal(sql: string): Field<number>;
export function decimal(sql: string, options: Nullable): Field<number | null>;
export function decimal(sql: string, options?: Nullable): Field<number | null> {
  return field(sql, 'numeric', options?.nullable ?? false, Number);
}

export function flag(sql: string): Field<boolean> {
  return field(sql, 'boolean', false, Boolean);
}

/** A json column or expression (arrays, nested objects), as it is; it does not sort. */
export function json<T>(sql: string): Field<T> {
  return field(sql, 'json', false, (value) => value as T);
}

/** The SELECT list of `fields`, each under its item name (quoted: camelCase stays). */
export const selectFields = (fields: Readonly<Record<string, Field<unknown>>>): string =>
  Object.entries(fields)
    .map(([name, field]) => `${field.sql} AS "${name}"`)
    .join(', ');

/** The item of a row selected by `selectFields`. */
export const readFields = <View>(
  fields: { readonly [K in keyof View]-?: Field<View[K]> },
  row: Readonly<Record<string, unknown>>,
): View =>
  Object.fromEntries(
    (Object.entries(fields) as [string, Field<unknown>][]).map(([name, field]) => [name, field.read(row[name])]),
  ) as View;

/** A sort key: a field's name, `-name` for descending. */
export type SortKey<View> = `${'' | '-'}${keyof View & string}`;

/**
 * A sort a caller may ask for with `?sort=name` (or `-name`, every key reversed): a field, or a
 * name for several keys (`{ name: 'queue', keys: ['-open', 'nextDeadline'] }`). The row id is
 * always the last key, so the order is total and a cursor names exactly one place.
 */
export type Sortable<View> = (keyof View & string) | { readonly name: string; readonly keys: readonly SortKey<View>[] };

/** Adds a query parameter and answers its placeholder (`$2`, `$3`…); `$1` is the caller's organisation. */
export type Bind = (value: unknown) => string;

/**
 * One list endpoint, declared once: where its rows are, whose they are, its item fields, the
 * sorts and filters it offers and the column it searches. `runList` runs it with the scope, the
 * filters, the search and the cursor applied; `ListParams(spec)` is its query DTO.
 */
export interface ListSpec<View, Params = object> {
  /** Names the list in its cursors: a cursor is refused by every other list. */
  readonly name: string;
  /** The FROM clause (a table, or tables joined); fields and filters refer to its aliases. */
  readonly from: string;
  /**
   * Whose rows: the column that holds the organisation, always compared with the caller's
   * (`$1`), or `shared` for a registry every buyer reads (its fields decide visibility with `$1`).
   */
  readonly scope: { readonly organisationColumn: string } | 'shared';
  /** Every field of the items, in the order of CSV columns. */
  readonly fields: { readonly [K in keyof View]-?: Field<View[K]> };
  /**
   * What tells rows apart within the scope and the filters, the tie-breaker of every sort: one of
   * the fields, or a column the items do not show (`whole('read_id', 'bigint')`).
   */
  readonly id: (keyof View & string) | Field<unknown>;
  readonly sorts: readonly Sortable<View>[];
  /** The sort without `?sort=`, e.g. `-updatedAt`. */
  readonly defaultSort: string;
  /** Conditions from the query's filters (falsy entries are skipped); `bind` adds a parameter. */
  readonly where?: (params: Params, bind: Bind, caller: Caller) => readonly (string | false | null | undefined)[];
  /** A tsvector column kept by the projection (`searchDocument`), searched by `?q=`. */
  readonly search?: string;
  /**
   * The rows a supplier or a monitor may see, beyond their buyer's scope: a supplier's own (by its
   * supplier id), a monitor's assigned factories'. `runList` always applies the one of the caller's
   * role; a list that declares none shows them nothing, whatever roles its endpoint allows.
   */
  readonly parties?: {
    readonly supplier?: (supplierId: string, bind: Bind) => string;
    readonly monitor?: (factoryIds: readonly string[], bind: Bind) => string;
  };
}

export interface SortStep {
  readonly sql: string;
  readonly type: Exclude<FieldType, 'json'>;
  readonly nullable: boolean;
  readonly descending: boolean;
}

/** A spec checked at startup: every sort names fields that sort; the default is one of them. */
export function defineList<View, Params = object>(spec: ListSpec<View, Params>): ListSpec<View, Params> {
  const names = sortNames(spec);
  if (new Set(names).size !== names.length) throw new Error(`list ${spec.name}: a sort is named twice`);
  for (const name of names) sortSteps(spec, name);
  sortSteps(spec, spec.defaultSort);
  return spec;
}

export const sortNames = <View>(spec: ListSpec<View, never>): string[] =>
  spec.sorts.map((sort) => (typeof sort === 'string' ? sort : sort.name));

/**
 * The ORDER BY of `sort` (`name` or `-name`): its keys, then the id. Undefined when the list
 * offers no such sort.
 */
export function sortSteps<View>(spec: ListSpec<View, never>, sort: string): SortStep[] | undefined {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const declared = spec.sorts.find((s) => (typeof s === 'string' ? s : s.name) === name);
  if (declared === undefined) return undefined;
  const keys: readonly string[] = typeof declared === 'string' ? [declared] : declared.keys;
  const step = (key: string, reversed: boolean): SortStep => {
    const keyDescending = key.startsWith('-');
    const fieldName = (keyDescending ? key.slice(1) : key) as keyof View;
    const keyField = spec.fields[fieldName] as Field<unknown> | undefined;
    if (!keyField || keyField.type === 'json')
      throw new Error(`list ${spec.name}: sort ${name} names ${key}, which is not a field that sorts`);
    return {
      sql: keyField.sql,
      type: keyField.type,
      nullable: keyField.nullable,
      descending: keyDescending !== reversed,
    };
  };
  const idField = typeof spec.id === 'string' ? (spec.fields[spec.id as keyof View] as Field<unknown>) : spec.id;
  if (idField.nullable || idField.type === 'json')
    throw new Error(`list ${spec.name}: its id must sort and never be null`);
  return [
    ...keys.map((key) => step(key, descending)),
    { sql: idField.sql, type: idField.type, nullable: false, descending: false },
  ];
}
