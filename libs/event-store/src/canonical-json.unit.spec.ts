import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

// The serialiser the hash chain uses must give exactly the `canonicalize` package's RFC 8785 text:
// any difference would make stored hashes fail to verify.
const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 1e-7, 123e-20, 2 ** 53 + 2, -1.7976931348623157e308, 5e-324, 1e300, 0.1 + 0.2),
);
const strings = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', 'é', '€', '😀'),
  }),
);
// Keys from a small alphabet crossing the UTF-16 / code-point order differences (U+FFFF vs surrogates).
const keys = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'B', '_', '\u0080', '\ue000', '\uffff', '😀', '\ud83d', '1') }),
  fc.string({ unit: 'grapheme' }),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    numbers,
    strings,
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 8 }),
  ),
})).value;

describe('canonical JSON (RFC 8785)', () => {
  it('gives the canonicalize package’s text on random JSON: unicode, numbers, key order', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the RFC 8785 examples of numbers and key order', () => {
    expect(canonicalJson([-0, 1e21, 1e-7, 333333333.3333333, 4.5, 2e-3, 0.000001, 1e23])).toBe(
      '[0,1e+21,1e-7,333333333.3333333,4.5,0.002,0.000001,1e+23]',
    );
    expect(
      canonicalJson({ '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 }),
    ).toBe('{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}');
  });

  it('leaves out undefined members, writes them as null in arrays, honours toJSON, refuses non-finite numbers', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, new Date(0)] })).toBe(
      '{"a":[null,"1970-01-01T00:00:00.000Z"]}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
  });
});
