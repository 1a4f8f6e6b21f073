import { shareOf } from '../money';

/**
 * The rebate that funds independent monitoring (Madison's uniform contract): a share of the year's
 * total volume bought under the contract, by tier. Amounts are minor units of the contract currency.
 */
export interface RebateTier {
  /** Lowest annual volume (inclusive), in minor units, the tier applies from. */
  readonly fromMinor: number;
  /** The rate in basis points (1% = 100, 1.5% = 150). */
  readonly rateBasisPoints: number;
}

/** Madison: 1% from $100,001, 1.5% from $200,001, 2% from $300,001 (in cents). */
export const madisonRebateTiers: readonly RebateTier[] = [
  { fromMinor: 100_001_00, rateBasisPoints: 100 },
  { fromMinor: 200_001_00, rateBasisPoints: 150 },
  { fromMinor: 300_001_00, rateBasisPoints: 200 },
];

export interface MonitoringRebate {
  readonly rateBasisPoints: number;
  readonly amountMinor: number;
}

/** The rate of the highest tier reached applies to the whole volume; below the first tier, none. */
export function monitoringRebate(
  volumeMinor: number,
  tiers: readonly RebateTier[] = madisonRebateTiers,
): MonitoringRebate {
  const reached = tiers.filter((tier) => volumeMinor >= tier.fromMinor);
  const rateBasisPoints = reached.reduce((rate, tier) => Math.max(rate, tier.rateBasisPoints), 0);
  return { rateBasisPoints, amountMinor: shareOf(volumeMinor, rateBasisPoints, 10_000) };
}

/** What is wrong with a contract's tiers, or undefined: whole amounts, rising thresholds and rates. */
export function rebateTiersProblem(tiers: readonly RebateTier[]): string | undefined {
  for (const [index, tier] of tiers.entries()) {
    if (!Number.isSafeInteger(tier.fromMinor) || tier.fromMinor < 0)
      return `tier ${index + 1}: fromMinor is a whole number of minor units`;
    if (!Number.isInteger(tier.rateBasisPoints) || tier.rateBasisPoints < 0 || tier.rateBasisPoints > 10_000)
      return `tier ${index + 1}: rateBasisPoints is a whole number from 0 to 10000`;
    const before = tiers[index - 1];
    if (before && (tier.fromMinor <= before.fromMinor || tier.rateBasisPoints < before.rateBasisPoints))
      return `tier ${index + 1}: tiers rise in volume and never fall in rate`;
  }
  return undefined;
}
