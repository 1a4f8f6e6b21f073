/**
 * Risk screening of a product category and its countries of production against high-risk lists
 * (OSCE's risk-based approach: the risk level decides how deep due diligence goes).
 */
export type RiskLevel = 'low' | 'medium' | 'high';

export interface HighRiskListing {
  /** The list the entry comes from, e.g. the US DOL List of Goods produced by child or forced labour. */
  readonly list: string;
  readonly productCategory: string;
  /** ISO 3166-1 alpha-2; omitted when the category is listed as high-risk wherever it is made. */
  readonly country?: string;
}

export interface RiskScreeningResult {
  readonly riskLevel: RiskLevel;
  readonly reasons: readonly string[];
}

export function screenRisk(
  productCategory: string,
  countriesOfProduction: readonly string[],
  listings: readonly HighRiskListing[],
): RiskScreeningResult {
  const category = productCategory.trim().toLowerCase();
  const countries = countriesOfProduction.map((country) => country.toUpperCase());
  const forCategory = listings.filter((listing) => listing.productCategory.toLowerCase() === category);
  const countryMatches = forCategory.filter((listing) => listing.country && countries.includes(listing.country));
  if (countryMatches.length > 0)
    return {
      riskLevel: 'high',
      reasons: countryMatches.map((l) => `${l.list}: ${l.productCategory} from ${l.country}`),
    };
  const categoryMatches = forCategory.filter((listing) => !listing.country);
  if (categoryMatches.length > 0)
    return { riskLevel: 'medium', reasons: categoryMatches.map((l) => `${l.list}: ${l.productCategory}`) };
  return { riskLevel: 'low', reasons: ['not on any high-risk list screened'] };
}
