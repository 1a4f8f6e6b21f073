/**
 * Supply-chain disclosure and compliance plans (Madison's uniform contract: 60% of the supply
 * chain disclosed to bid, ten more points each contract year, compliance plans for factories
 * with $25,000 or more in annual purchases within the first year).
 */
export interface DisclosurePolicy {
  /** Share of the supply chain, in percent, a bid must disclose to be admissible. */
  readonly sharePercentAtBid: number;
  /** Percentage points the required share rises by each contract year. */
  readonly yearlyStepPercentPoints: number;
}

export interface CompliancePlanPolicy {
  /** Annual purchases from one factory, in the tender currency, from which it needs a plan. */
  readonly annualPurchaseThreshold: number;
  /** Contract year by the end of which the plan is due (Madison: 1). */
  readonly dueByEndOfContractYear: number;
}

/** Year 1 asks for the bid share; each later year adds the step; never above 100%. */
export function requiredDisclosureSharePercent(policy: DisclosurePolicy, contractYear: number): number {
  return Math.min(100, policy.sharePercentAtBid + policy.yearlyStepPercentPoints * Math.max(0, contractYear - 1));
}

export interface FactoryPurchases {
  readonly factoryId: string;
  readonly annualPurchases: number;
}

/** Madison reads "$25,000 or more", so the threshold itself already needs a plan. */
export function needsCompliancePlan(policy: CompliancePlanPolicy, factory: FactoryPurchases): boolean {
  return factory.annualPurchases >= policy.annualPurchaseThreshold;
}
