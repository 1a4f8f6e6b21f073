/**
 * Madison's rebate that funds independent monitoring: a share of the total volume bought under
 * the contract, 1% from $100,001, 1.5% from $200,001 and 2% from $300,001.
 */
export interface RebateTier {
  /** Lowest total volume (inclusive) the tier applies from. */
  readonly fromVolume: number;
  readonly ratePercent: number;
}

export const madisonRebateTiers: readonly RebateTier[] = [
  { fromVolume: 100_001, ratePercent: 1 },
  { fromVolume: 200_001, ratePercent: 1.5 },
  { fromVolume: 300_001, ratePercent: 2 },
];

export interface MonitoringRebate {
  readonly ratePercent: number;
  readonly amount: number;
}

/** The rate of the highest tier reached applies to the whole volume; below the first tier, none. */
export function monitoringRebate(
  totalVolume: number,
  tiers: readonly RebateTier[] = madisonRebateTiers,
): MonitoringRebate {
  // The published ranges are in whole dollars: $200,000.50 still belongs to the 1% tier.
  const reached = [...tiers]
    .sort((a, b) => a.fromVolume - b.fromVolume)
    .filter((tier) => Math.floor(totalVolume) >= tier.fromVolume);
  const ratePercent = reached.length === 0 ? 0 : reached[reached.length - 1].ratePercent;
  return { ratePercent, amount: Math.round(totalVolume * ratePercent) / 100 };
}
