/**
 * The collaboration model: the factory registry is shared by every buyer; a finding is visible to
 * the buyer that recorded it and, when that buyer marked it shareable, to every other buyer;
 * supply standstills and contract volumes stay with the buyer that owns them.
 * `$1` is the caller's organisation in every fragment.
 */
export const VISIBLE_FINDING = '(f.organisation_id = $1 OR f.shareable)';

export const FACTORY_SUMMARY_COLUMNS = `fa.factory_id, fa.name, fa.country, fa.tier, fa.products, fa.number_of_workers,
  fa.open_supply_hub_id,
  (SELECT count(*) FROM rm_findings f WHERE f.factory_id = fa.factory_id AND ${VISIBLE_FINDING}) AS visible_findings,
  (SELECT count(*) FROM rm_standstills s WHERE s.factory_id = fa.factory_id AND s.organisation_id = $1
     AND s.status = 'in_force') AS standstills_in_force`;

export interface FactorySummaryRow {
  factory_id: string;
  name: string;
  country: string;
  tier: number;
  products: string[];
  number_of_workers: number;
  open_supply_hub_id: string | null;
  visible_findings: string;
  standstills_in_force: string;
}

export const toFactorySummary = (row: FactorySummaryRow) => ({
  factoryId: row.factory_id,
  name: row.name,
  country: row.country,
  tier: row.tier,
  products: row.products,
  numberOfWorkers: row.number_of_workers,
  openSupplyHubId: row.open_supply_hub_id,
  visibleFindings: Number(row.visible_findings),
  standstillsInForce: Number(row.standstills_in_force),
});
