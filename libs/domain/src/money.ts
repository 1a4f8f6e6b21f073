/**
 * Money as the law and the ledger count it: a whole number of the currency's minor units (cents,
 * öre; yen have none) with its ISO 4217 code. Never a float: 0.1 + 0.2 is not a price.
 */
export interface Money {
  /** Whole minor units, a safe integer (negative only where a change may lower a value). */
  readonly amountMinor: number;
  /** ISO 4217 alphabetic code, e.g. `USD`, `SEK`, `EUR`. */
  readonly currency: string;
}

// The ISO 4217 codes the runtime's ICU data knows (current currencies); read once.
const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: unknown): code is string =>
  typeof code === 'string' && /^[A-Z]{3}$/.test(code) && currencies.has(code);

/** Digits after the decimal point of the currency's minor unit (USD 2, JPY 0, BHD 3). */
export const minorUnitDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** What is wrong with an amount of money, or undefined: `nonNegative` for orders, volumes and payments. */
export function moneyProblem(money: Money | undefined, { nonNegative = true } = {}): string | undefined {
  if (!money || typeof money !== 'object') return 'money is an amount in minor units and a currency';
  if (!isCurrency(money.currency)) return `${String(money.currency)} is not an ISO 4217 currency code`;
  if (!Number.isSafeInteger(money.amountMinor)) return 'the amount is a whole number of minor units';
  if (nonNegative && money.amountMinor < 0) return 'the amount cannot be negative';
  return undefined;
}

/** A sum that stays exact: refused (undefined) once it would leave the safe integers. */
export function addMinor(a: number, b: number): number | undefined {
  const sum = a + b;
  return Number.isSafeInteger(sum) ? sum : undefined;
}

/** A whole-unit price (a bid's, in the tender currency) in minor units. */
export const toMinorUnits = (majorUnits: number, currency: string): number =>
  Math.round(majorUnits * 10 ** minorUnitDigits(currency));

/** `share` of `amountMinor`, where share = numerator / denominator, rounded half up, exactly (BigInt). */
export function shareOf(amountMinor: number, numerator: number, denominator: number): number {
  const scaled = BigInt(amountMinor) * BigInt(numerator) * 2n + BigInt(denominator);
  return Number(scaled / (2n * BigInt(denominator)));
}
