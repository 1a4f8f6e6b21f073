/**
 * Risk lists the buyer maintains (issue 12, item 5): published lists of goods at risk of child or
 * forced labour, e.g. the US Department of Labor's List of Goods Produced by Child Labor or Forced
 * Labor, or the Norwegian DFØ high-risk product list. A list is data, imported and versioned; a
 * tender's items are screened against it by CPV code, by normalised category name (with synonyms)
 * and by country of production.
 */
import type { RiskLevel } from '../procurement-case/risk-screening';

/** An entry applies wherever the goods are made when its country is `any`. */
export const ANY_COUNTRY = 'any';

export interface RiskListEntry {
  /** A CPV code (e.g. `30200000-1`); a code ending in zeros covers every code beneath it. */
  readonly cpvCode?: string;
  /** The category as the list names it, e.g. `Electronics`. */
  readonly category?: string;
  /** Other names the same goods go by in tenders, e.g. `computer equipment`. */
  readonly synonyms?: readonly string[];
  /** ISO 3166-1 alpha-2, or `any`. */
  readonly country: string;
  readonly level: RiskLevel;
  /** The harm the list names, e.g. `forced labor`. */
  readonly harm?: string;
}

export interface RiskList {
  readonly listId: string;
  /** Who publishes the list, e.g. `US Department of Labor, ILAB`. */
  readonly source: string;
  /** ISO date the source published this edition. */
  readonly publishedOn: string;
  /** Counts up from 1 with each import of the list. */
  readonly version: number;
  readonly entries: readonly RiskListEntry[];
}

/** One line of a tender: what is bought and where it may be made. */
export interface TenderItem {
  readonly cpvCode?: string;
  readonly category?: string;
  /** ISO 3166-1 alpha-2 codes. */
  readonly countriesOfProduction: readonly string[];
}

export interface RiskListMatch {
  readonly listId: string;
  readonly version: number;
  readonly source: string;
  readonly entry: RiskListEntry;
  readonly item: TenderItem;
  /** What matched: the CPV code or the category name. */
  readonly matchedOn: 'cpv_code' | 'category';
}

export interface RiskListScreening {
  readonly riskLevel: RiskLevel;
  readonly matches: readonly RiskListMatch[];
  /** One line per match, for the case file. */
  readonly reasons: readonly string[];
}

const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** Lower case, no accents, single spaces, no punctuation: `Électronique — ` and `electronique` are one name. */
export function normaliseCategory(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The significant digits of a CPV code: no check digit, no trailing zeros (a division keeps its two). */
function cpvPrefix(code: string): string {
  const digits = code.split('-')[0].replace(/\D/g, '');
  const trimmed = digits.replace(/0+$/, '');
  return trimmed.length < 2 ? digits.slice(0, 2) : trimmed;
}

function cpvCovers(entryCode: string, itemCode: string): boolean {
  const itemDigits = itemCode.split('-')[0].replace(/\D/g, '');
  return itemDigits.startsWith(cpvPrefix(entryCode));
}

function matchOn(entry: RiskListEntry, item: TenderItem): RiskListMatch['matchedOn'] | undefined {
  if (entry.cpvCode && item.cpvCode && cpvCovers(entry.cpvCode, item.cpvCode)) return 'cpv_code';
  if (!entry.category || !item.category) return undefined;
  const names = [entry.category, ...(entry.synonyms ?? [])].map(normaliseCategory);
  return names.includes(normaliseCategory(item.category)) ? 'category' : undefined;
}

function countryApplies(entry: RiskListEntry, item: TenderItem): boolean {
  if (entry.country.toLowerCase() === ANY_COUNTRY) return true;
  return item.countriesOfProduction.some((country) => country.toUpperCase() === entry.country.toUpperCase());
}

function explain(match: RiskListMatch): string {
  const { entry } = match;
  const what = entry.category ?? entry.cpvCode;
  const where = entry.country.toLowerCase() === ANY_COUNTRY ? 'any country' : entry.country.toUpperCase();
  const harm = entry.harm ? ` (${entry.harm})` : '';
  const on = match.matchedOn === 'cpv_code' ? `CPV ${match.item.cpvCode}` : `category "${match.item.category}"`;
  return `${match.source}, ${match.listId} v${match.version}: ${what} — ${where}${harm}: ${entry.level}, matched on ${on}`;
}

/**
 * Screens a tender's items against the buyer's lists. The level is the highest of the matched
 * entries' levels: a category listed high for any country screens high wherever the goods come from.
 * Nothing matched is low.
 */
export function screenAgainstRiskLists(items: readonly TenderItem[], lists: readonly RiskList[]): RiskListScreening {
  const matches: RiskListMatch[] = [];
  for (const list of lists)
    for (const entry of list.entries)
      for (const item of items) {
        const matchedOn = matchOn(entry, item);
        if (matchedOn && countryApplies(entry, item))
          matches.push({ listId: list.listId, version: list.version, source: list.source, entry, item, matchedOn });
      }
  if (matches.length === 0) return { riskLevel: 'low', matches, reasons: ['not on any of the buyer’s risk lists'] };
  const riskLevel = matches.reduce<RiskLevel>(
    (level, match) => (rank[match.entry.level] > rank[level] ? match.entry.level : level),
    'low',
  );
  return { riskLevel, matches, reasons: matches.map(explain) };
}
