import type { SqlQueryable } from '@pj/event-store';
import { matchesSearch } from '@pj/projections';
import type { Caller } from '../../auth/roles';
import { invalidInput } from '../../errors/validation';
import { DEFAULT_LIMIT, type ListQueryParams, type Page } from './list-params';
import { readFields, selectFields, sortSteps, type Bind, type Field, type ListSpec, type SortStep } from './list-spec';

/**
 * A cursor is the sort keys of the last row of a page (the id last) with the list and the sort
 * they belong to, as base64url JSON. The next page starts strictly after those keys (keyset
 * paging), so rows recorded meanwhile never shift it: nothing is skipped or shown twice.
 */
interface CursorContent {
  readonly l: string;
  readonly s: string;
  readonly k: readonly (string | null)[];
}

const encodeCursor = (content: CursorContent) => Buffer.from(JSON.stringify(content)).toString('base64url');

const badCursor = (reason: string) => invalidInput([{ field: 'cursor', reason }]);

/**
 * A sort key as text in the cursor, exact and the same on every server whatever its settings:
 * instants in UTC to the microsecond.
 */
const keyText = (step: SortStep) =>
  step.type === 'timestamptz'
    ? `to_char((${step.sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `(${step.sql})::text`;

const INT32 = 2n ** 31n;
const INT64 = 2n ** 63n;
const inRange = (text: string, bound: bigint) => BigInt(text) >= -bound && BigInt(text) < bound;

/** Whether a key read from a cursor can be what `keyText` wrote: a forged one never reaches SQL as a bad cast. */
function keyFits(value: unknown, step: SortStep): boolean {
  if (value === null) return step.nullable;
  if (typeof value !== 'string') return false;
  switch (step.type) {
    case 'text':
      return value.length <= 4096 && !value.includes('\u0000');
    case 'timestamptz': {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value)) return false;
      const parsed = new Date(`${value.slice(0, 19)}Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === value.slice(0, 19);
    }
    case 'integer':
      return /^-?\d{1,10}$/.test(value) && inRange(value, INT32);
    case 'bigint':
      return /^-?\d{1,19}$/.test(value) && inRange(value, INT64);
    case 'numeric':
      return /^-?\d{1,30}(\.\d{1,30})?$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
  }
}

function readCursor(
  cursor: string,
  list: string,
  sort: string,
  steps: readonly SortStep[],
): readonly (string | null)[] {
  let content: Partial<CursorContent>;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorContent>;
  } catch {
    throw badCursor('is not a cursor this API gave');
  }
  if (typeof content !== 'object' || content === null || content.l !== list)
    throw badCursor(`is not a cursor of this list (${list})`);
  if (content.s !== sort)
    throw badCursor(`was made for another sort than ${sort}: send the sort it was made with, or start again`);
  const keys = content.k;
  if (!Array.isArray(keys) || keys.length !== steps.length || !keys.every((key, i) => keyFits(key, steps[i]!)))
    throw badCursor('is not a cursor this API gave');
  return keys;
}

/**
 * Rows strictly after the cursor's keys in the sort's order, nulls last in each direction:
 * (k0 after) OR (k0 equal AND k1 after) OR … with the id as the last key.
 */
function after(steps: readonly SortStep[], keys: readonly (string | null)[], bind: Bind): string {
  const equal = (step: SortStep, key: string | null) =>
    key === null ? `${step.sql} IS NULL` : `${step.sql} = ${bind(key)}::${step.type}`;
  const beyond = (step: SortStep, key: string | null) => {
    if (key === null) return 'FALSE';
    const compared = `${step.sql} ${step.descending ? '<' : '>'} ${bind(key)}::${step.type}`;
    return step.nullable ? `(${compared} OR ${step.sql} IS NULL)` : compared;
  };
  return `(${steps
    .map((step, i) => [...steps.slice(0, i).map((s, j) => equal(s, keys[j]!)), beyond(step, keys[i]!)].join(' AND '))
    .join('\n  OR ')})`;
}

/** A supplier's or a monitor's narrower scope, by construction: none declared, no rows. */
export function partyScope<View, Params>(spec: ListSpec<View, Params>, caller: Caller, bind: Bind): string[] {
  if (caller.role === 'supplier') return [spec.parties?.supplier?.(caller.supplierId ?? '', bind) ?? 'FALSE'];
  if (caller.role === 'monitor') return [spec.parties?.monitor?.(caller.factoryIds ?? [], bind) ?? 'FALSE'];
  return [];
}

/** Whose rows the caller sees: its organisation's (or a shared registry's), and its party's. `$1` is the organisation. */
function scopeOf<View, Params>(spec: ListSpec<View, Params>, caller: Caller, bind: Bind): string[] {
  return [
    // `$1` is typed here too when only a shared registry's fields compare with it.
    spec.scope === 'shared' ? '$1::text IS NOT NULL' : `${spec.scope.organisationColumn} = $1`,
    ...partyScope(spec, caller, bind),
  ];
}

/** Where a detail's id lies: the field it names (else the list's id), within the list's filters (`{ caseId }`). */
export interface ItemPlace<View, Params> {
  readonly by?: keyof View & string;
  readonly within?: Params;
}

/**
 * One item of a list by its id, for a detail endpoint: the rows the list would show the caller, and
 * no others. Undefined when the caller may not see it (another organisation's, another party's, or
 * none): the detail answers 404 alike.
 */
export async function findInList<View, Params>(
  db: SqlQueryable,
  spec: ListSpec<View, Params>,
  id: string,
  caller: Caller,
  { by, within }: ItemPlace<View, Params> = {},
): Promise<View | undefined> {
  const values: unknown[] = [caller.organisationId];
  const bind: Bind = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  const key = by ?? spec.id;
  const idField = typeof key === 'string' ? (spec.fields[key as keyof View] as Field<unknown>) : key;
  const conditions = [
    ...scopeOf(spec, caller, bind),
    // The list's own filters place an id that is unique only within something (a bid in its case).
    ...(within ? (spec.where?.(within, bind, caller) ?? []) : []).filter(
      (condition): condition is string => !!condition,
    ),
    `(${idField.sql})::text = ${bind(id)}`,
  ];
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT ${selectFields(spec.fields)} FROM ${spec.from} WHERE ${conditions.join(' AND ')} LIMIT 1`,
    values,
  );
  return row ? readFields(spec.fields, row) : undefined;
}

/**
 * One page of a list: the caller's organisation's rows (always; or a shared registry's), the
 * spec's filters, the search and the cursor applied, in the asked sort with the id as tie-breaker.
 * A sort the list does not offer, or a cursor it did not give for this sort, is a 400.
 */
export async function runList<View, Params>(
  db: SqlQueryable,
  spec: ListSpec<View, Params>,
  params: Params & ListQueryParams,
  caller: Caller,
): Promise<Page<View>> {
  const values: unknown[] = [caller.organisationId];
  const bind: Bind = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  const sort = params.sort ?? spec.defaultSort;
  const steps = sortSteps(spec as ListSpec<View, never>, sort);
  if (!steps) throw invalidInput([{ field: 'sort', reason: `this list does not sort by ${sort}` }]);
  const limit = params.limit ?? DEFAULT_LIMIT;

  const conditions = [
    ...scopeOf(spec, caller, bind),
    ...(spec.where?.(params, bind, caller) ?? []).filter((condition): condition is string => !!condition),
  ];
  if (params.q !== undefined) {
    if (spec.search === undefined) throw invalidInput([{ field: 'q', reason: 'this list has no free-text search' }]);
    conditions.push(matchesSearch(spec.search, bind(params.q)));
  }
  if (params.cursor !== undefined)
    conditions.push(after(steps, readCursor(params.cursor, spec.name, sort, steps), bind));

  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${[selectFields(spec.fields), ...steps.map((step, i) => `${keyText(step)} AS "_k${i}"`)].join(', ')}
       FROM ${spec.from}
      WHERE ${conditions.join('\n        AND ')}
      ORDER BY ${steps.map((s) => `${s.sql} ${s.descending ? 'DESC' : 'ASC'}${s.nullable ? ' NULLS LAST' : ''}`).join(', ')}
      LIMIT ${bind(limit + 1)}`,
    values,
  );
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items: rows.slice(0, limit).map((row) => readFields(spec.fields, row)),
    page: {
      limit,
      nextCursor: last
        ? encodeCursor({ l: spec.name, s: sort, k: steps.map((_, i) => (last[`_k${i}`] ?? null) as string | null) })
        : null,
    },
  };
}
