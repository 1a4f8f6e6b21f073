import type { FactorySummary } from './factory.views';
import { readFields, selectFields, text, whole, json, type Field } from './lists/list-spec';

/**
 * The collaboration model: the factory registry is shared by every buyer; a finding is visible to
 * the buyer that recorded it and, when that buyer marked it shareable, to every other buyer;
 * supply standstills and contract volumes stay with the buyer that owns them.
 * `$1` is the caller's organisation in every fragment.
 */
export const VISIBLE_FINDING = '(f.organisation_id = $1 OR f.shareable)';

/** A factory of `rm_factories fa` as the caller may see it: in the registry list and its detail. */
export const factorySummaryFields: { readonly [K in keyof FactorySummary]-?: Field<FactorySummary[K]> } = {
  factoryId: text('fa.factory_id'),
  name: text('fa.name'),
  country: text('fa.country'),
  tier: whole('fa.tier'),
  products: json('fa.products'),
  numberOfWorkers: whole('fa.number_of_workers'),
  openSupplyHubId: text('fa.open_supply_hub_id', { nullable: true }),
  visibleFindings: whole(
    `(SELECT count(*) FROM rm_findings f WHERE f.factory_id = fa.factory_id AND ${VISIBLE_FINDING})`,
    'bigint',
  ),
  standstillsInForce: whole(
    `(SELECT count(*) FROM rm_standstills s WHERE s.factory_id = fa.factory_id AND s.organisation_id = $1
       AND s.status = 'in_force')`,
    'bigint',
  ),
};

export const FACTORY_SUMMARY_COLUMNS = selectFields(factorySummaryFields);

export type FactorySummaryRow = Readonly<Record<string, unknown>>;

export const toFactorySummary = (row: FactorySummaryRow): FactorySummary => readFields(factorySummaryFields, row);
