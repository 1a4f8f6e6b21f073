import { createHash, randomBytes } from 'node:crypto';

// A worker's receipt code: 20 symbols of Crockford's base32 (100 random bits), shown in groups of
// four. Unguessable without any rate limit: at a million guesses a second, finding any one of a
// million grievances would take longer than the age of the universe. Only its digest is stored.

const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;

/** A new receipt code, e.g. `7K3M-Q9XD-2HTR-WB5N-C8FE`. */
export function newReceiptCode(): string {
  const bytes = randomBytes(LENGTH);
  // 256 is a multiple of 32: each byte's low five bits are uniform.
  const symbols = [...bytes].map((byte) => SYMBOLS[byte & 31]);
  return Array.from({ length: LENGTH / 4 }, (_, group) => symbols.slice(group * 4, group * 4 + 4).join('')).join('-');
}

/**
 * The code as typed back, in its one spelling: case, spaces and hyphens ignored, and the letters
 * people confuse with digits (O, I, L) read as those digits. Undefined when it cannot be a code.
 */
export function normaliseReceiptCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === LENGTH && [...code].every((symbol) => SYMBOLS.includes(symbol)) ? code : undefined;
}

/** What is stored of a code (in GrievanceSubmitted and the read model): SHA-256 of its one spelling. */
export function receiptDigest(code: string): string {
  return createHash('sha256')
    .update(normaliseReceiptCode(code) ?? code)
    .digest('hex');
}
