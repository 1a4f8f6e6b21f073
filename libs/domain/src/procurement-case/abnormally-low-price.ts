/**
 * Abnormally low tenders, EU Directive 2014/24 Art. 69: which bids are flagged when bidding closes,
 * and the arithmetic behind each flag, recorded with it so a review body can redo it.
 */

/** How the buyer spots an abnormally low price; published with the tender, so bidders know it. */
export interface AbnormallyLowPricePolicy {
  /** A price more than this many percent below the mean of the other admissible bids is flagged. */
  readonly percentBelowMeanOfOthers: number;
  /** The statutory minimum wage per hour where the work is done, in the tender currency (Art. 18(2)). */
  readonly statutoryMinimumHourlyWage?: number;
}

/** Without a policy of its own, a tender flags prices more than 20% below the mean of the others. */
export const defaultAbnormallyLowPricePolicy: AbnormallyLowPricePolicy = { percentBelowMeanOfOthers: 20 };

/** What a bidder discloses of its labour cost: the amount it prices for the hours it declares. */
export interface LabourCost {
  readonly amount: number;
  readonly hours: number;
}

export type AbnormallyLowPriceComputation =
  | {
      readonly rule: 'price_below_mean_of_others';
      readonly price: number;
      readonly otherBidIds: readonly string[];
      readonly meanOfOtherBids: number;
      readonly percentBelowMeanOfOthers: number;
      /** mean × (1 − percent / 100), to the cent; a price below it is flagged. */
      readonly threshold: number;
    }
  | {
      readonly rule: 'labour_cost_below_minimum_wage';
      readonly labourCost: number;
      readonly hours: number;
      readonly statutoryMinimumHourlyWage: number;
      /** hours × minimum wage, to the cent; a labour cost below it is flagged. */
      readonly minimumLabourCost: number;
    };

export interface PricedBid {
  readonly bidId: string;
  readonly price: number;
  readonly labourCost?: LabourCost;
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

export function isValidAbnormallyLowPricePolicy(policy: AbnormallyLowPricePolicy): boolean {
  const { percentBelowMeanOfOthers: percent, statutoryMinimumHourlyWage: wage } = policy;
  return (
    Number.isFinite(percent) &&
    percent > 0 &&
    percent < 100 &&
    (wage === undefined || (Number.isFinite(wage) && wage > 0))
  );
}

export const isValidLabourCost = (cost: LabourCost) =>
  Number.isFinite(cost.amount) && cost.amount >= 0 && Number.isFinite(cost.hours) && cost.hours > 0;

/** Each admissible bid's computations that flag it; a bid without any is not abnormally low. */
export function abnormallyLowPrices(
  bids: readonly PricedBid[],
  policy: AbnormallyLowPricePolicy,
): ReadonlyMap<string, readonly AbnormallyLowPriceComputation[]> {
  const flagged = new Map<string, AbnormallyLowPriceComputation[]>();
  const flag = (bidId: string, computation: AbnormallyLowPriceComputation) =>
    flagged.set(bidId, [...(flagged.get(bidId) ?? []), computation]);
  for (const bid of bids) {
    const others = bids.filter((other) => other.bidId !== bid.bidId);
    if (others.length > 0) {
      const meanOfOtherBids = cents(others.reduce((sum, other) => sum + other.price, 0) / others.length);
      const threshold = cents(meanOfOtherBids * (1 - policy.percentBelowMeanOfOthers / 100));
      if (bid.price < threshold)
        flag(bid.bidId, {
          rule: 'price_below_mean_of_others',
          price: bid.price,
          otherBidIds: others.map((other) => other.bidId),
          meanOfOtherBids,
          percentBelowMeanOfOthers: policy.percentBelowMeanOfOthers,
          threshold,
        });
    }
    const wage = policy.statutoryMinimumHourlyWage;
    if (wage !== undefined && bid.labourCost) {
      const minimumLabourCost = cents(bid.labourCost.hours * wage);
      if (bid.labourCost.amount < minimumLabourCost)
        flag(bid.bidId, {
          rule: 'labour_cost_below_minimum_wage',
          labourCost: bid.labourCost.amount,
          hours: bid.labourCost.hours,
          statutoryMinimumHourlyWage: wage,
          minimumLabourCost,
        });
    }
  }
  return flagged;
}

/** The flag's reasons in words, from its computations. */
export function abnormallyLowReasons(computations: readonly AbnormallyLowPriceComputation[]): string {
  return computations
    .map((c) =>
      c.rule === 'price_below_mean_of_others'
        ? `price ${c.price} is below ${c.threshold}, the mean of the other bids (${c.meanOfOtherBids}) less ${c.percentBelowMeanOfOthers}%`
        : `labour cost ${c.labourCost} for ${c.hours} hours is below ${c.minimumLabourCost}, the statutory minimum wage of ${c.statutoryMinimumHourlyWage} an hour`,
    )
    .join('; ');
}
