import type { HighRiskListing } from '@pj/domain';

/**
 * A starting extract of the lists buyers screen against: the US Department of Labor's List of
 * Goods Produced by Child Labor or Forced Labor, and the Norwegian DFØ high-risk product list.
 * A buyer would load the current editions; this extract is enough for screening by category.
 */
export const HIGH_RISK_LISTINGS: readonly HighRiskListing[] = [
  { list: 'US DOL List of Goods', productCategory: 'garments', country: 'BD' },
  { list: 'US DOL List of Goods', productCategory: 'garments', country: 'IN' },
  { list: 'US DOL List of Goods', productCategory: 'garments', country: 'CN' },
  { list: 'US DOL List of Goods', productCategory: 'garments', country: 'VN' },
  { list: 'US DOL List of Goods', productCategory: 'electronics', country: 'CN' },
  { list: 'US DOL List of Goods', productCategory: 'electronics', country: 'MY' },
  { list: 'US DOL List of Goods', productCategory: 'cotton', country: 'UZ' },
  { list: 'US DOL List of Goods', productCategory: 'gloves', country: 'MY' },
  { list: 'US DOL List of Goods', productCategory: 'bricks', country: 'PK' },
  { list: 'DFØ high-risk products', productCategory: 'electronics' },
  { list: 'DFØ high-risk products', productCategory: 'garments' },
  { list: 'DFØ high-risk products', productCategory: 'medical gloves' },
  { list: 'DFØ high-risk products', productCategory: 'cleaning services' },
  { list: 'DFØ high-risk products', productCategory: 'security services' },
];
