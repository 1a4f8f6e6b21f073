import { newReceiptCode, normaliseReceiptCode, receiptDigest } from './receipt-code';

describe('receipt codes', () => {
  it('are 20 symbols of base32 in groups of four, each new one different', () => {
    const codes = Array.from({ length: 1000 }, newReceiptCode);
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol turns up: the code uses the whole alphabet (100 bits), not a part of it.
    expect(new Set(codes.join('').replace(/-/g, '')).size).toBe(32);
  });

  it('are read back however they are typed: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    const code = '0K1M-Q9XD-2HTR-WB5N-C8FE';
    expect(normaliseReceiptCode('ok1m q9xd 2htr wb5n c8fe')).toBe('0K1MQ9XD2HTRWB5NC8FE');
    expect(normaliseReceiptCode('0KLM-Q9XD-2HTR-WB5N-C8FE')).toBe('0K1MQ9XD2HTRWB5NC8FE');
    expect(receiptDigest('0kim-q9xd-2htr-wb5n-c8fe')).toBe(receiptDigest(code));
    expect(receiptDigest(code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are not codes when too short, too long or with a symbol outside the alphabet', () => {
    expect(normaliseReceiptCode('0K1M-Q9XD-2HTR-WB5N')).toBeUndefined();
    expect(normaliseReceiptCode('0K1M-Q9XD-2HTR-WB5N-C8FE-1')).toBeUndefined();
    expect(normaliseReceiptCode('0K1M-Q9XD-2HTR-WB5N-C8FU')).toBeUndefined();
  });
});
