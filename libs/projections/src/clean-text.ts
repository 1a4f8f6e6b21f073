/**
 * The value with every NUL character removed from its strings (object keys included), the same
 * object when there is none. Stored events may hold `\u0000` (payloads are kept as written), but
 * PostgreSQL's text and jsonb refuse it: read models take the text without it.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) {
    const items = value.map((item) => withoutNul(item));
    return (items.some((item, index) => item !== value[index]) ? items : value) as T;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const cleanKey = withoutNul(key);
      const cleanItem = withoutNul(item);
      if (cleanKey !== key || cleanItem !== item) changed = true;
      return [cleanKey, cleanItem] as const;
    });
    return (
      changed ? Object.assign(Object.create(Object.getPrototypeOf(value)), Object.fromEntries(entries)) : value
    ) as T;
  }
  return value;
}
