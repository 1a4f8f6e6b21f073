/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: object keys sorted by UTF-16 code
 * units (the default sort of JavaScript strings), no whitespace, strings and numbers written as
 * ECMAScript's JSON.stringify writes them (which is what RFC 8785 specifies: shortest round-trip
 * numbers, -0 as 0, exponents from 1e21). The same text as the `canonicalize` package, without its
 * string building by reduce (most of the CPU of verification went there); checked against it by
 * canonical-json.unit.spec.ts. `toJSON` is honoured; undefined, functions and symbols are left out
 * of objects and written as null in arrays; NaN and infinities are refused.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // Most strings need no escape: quoting them directly skips JSON.stringify's scan and copy.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not allowed in canonical JSON`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index++) {
          if (index > 0) text += ',';
          const item: unknown = value[index];
          text += isLeftOut(item) ? 'null' : canonicalJson(item);
        }
        return text + ']';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let text = '{';
      for (const key of keys) {
        const item = record[key];
        if (isLeftOut(item)) continue;
        if (text.length > 1) text += ',';
        text += canonicalJson(key) + ':' + canonicalJson(item);
      }
      return text + '}';
    }
    case 'bigint':
      throw new TypeError('a bigint is not allowed in canonical JSON');
    default:
      throw new TypeError(`${typeof value} is not allowed in canonical JSON`);
  }
}

/** A character JSON.stringify escapes: quote, backslash, control characters, or a surrogate (lone ones are escaped). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const isLeftOut = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
