/** What a buyer's tenders take when they set nothing of their own (from the engine's configuration). */
export interface BuyerTenderDefaults {
  /** Per organisation id: the abnormally-low threshold, percent below the mean of the other bids. */
  readonly abnormallyLowPricePercentByBuyer?: Readonly<Record<string, number>>;
}

/** Injection token of the buyers' tender defaults; absent, every buyer has the domain's default. */
export const BUYER_TENDER_DEFAULTS = Symbol('BuyerTenderDefaults');
