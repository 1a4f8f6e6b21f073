import { parse } from 'csv-parse/sync';
import { KnownError, invalidRiskListEntry, type ErrorKind, type RiskLevel, type RiskListEntry } from '@pj/domain';

// A risk list arrives as CSV (a spreadsheet export of the DoL or DFØ list): one entry a row, under a
// header row. Both the API and the CLI read it here, so a bad row is reported the same way by both.

/** The columns, in the order a template lists them; `synonyms` are separated by `;`. */
export const riskListCsvColumns = ['cpv_code', 'category', 'synonyms', 'country', 'level', 'harm'] as const;

const columnOfField: Record<string, string> = {
  cpvCode: 'cpv_code',
  category: 'category',
  country: 'country',
  level: 'level',
};

export interface RiskListCsvProblem {
  /** 1-based as a spreadsheet numbers them: the header is row 1. */
  readonly row: number;
  readonly column: string;
  readonly reason: string;
}

/** The CSV cannot be read as a risk list; answered 400, naming row and column. */
export class RiskListCsvError extends KnownError {
  readonly kind: ErrorKind = 'invalid';
  constructor(readonly problem: RiskListCsvProblem) {
    super('risk_list.csv_invalid', `row ${problem.row}, column ${problem.column}: ${problem.reason}`, {
      errors: [{ ...problem, field: `csv[row ${problem.row}].${problem.column}` }],
    });
  }
}

const blankToUndefined = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? undefined : text.trim();

export function parseRiskListCsv(csv: string): readonly RiskListEntry[] {
  let rows: string[][];
  try {
    rows = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new RiskListCsvError({ row: line, column: '*', reason: (error as Error).message });
  }
  const [header, ...body] = rows;
  if (!header) throw new RiskListCsvError({ row: 1, column: '*', reason: 'the CSV is empty' });
  const names = header.map((name) => name.trim().toLowerCase());
  for (const required of ['country', 'level'])
    if (!names.includes(required))
      throw new RiskListCsvError({ row: 1, column: required, reason: `the header has no ${required} column` });
  const unknown = names.find((name) => !(riskListCsvColumns as readonly string[]).includes(name));
  if (unknown !== undefined)
    throw new RiskListCsvError({ row: 1, column: unknown, reason: `columns are ${riskListCsvColumns.join(', ')}` });
  if (body.length === 0) throw new RiskListCsvError({ row: 2, column: '*', reason: 'the list has no entries' });
  const entries = body.map((cells): RiskListEntry => {
    const cell = (name: string) => blankToUndefined(cells[names.indexOf(name)]);
    const synonyms = cell('synonyms')
      ?.split(';')
      .map((synonym) => synonym.trim())
      .filter(Boolean);
    return {
      ...(cell('cpv_code') !== undefined && { cpvCode: cell('cpv_code') }),
      ...(cell('category') !== undefined && { category: cell('category') }),
      ...(synonyms && synonyms.length > 0 && { synonyms }),
      country: cell('country') ?? '',
      level: (cell('level')?.toLowerCase() ?? '') as RiskLevel,
      ...(cell('harm') !== undefined && { harm: cell('harm') }),
    };
  });
  const invalid = invalidRiskListEntry(entries);
  if (invalid)
    throw new RiskListCsvError({
      row: invalid.index + 2,
      column: columnOfField[invalid.field],
      reason: invalid.reason,
    });
  return entries;
}
