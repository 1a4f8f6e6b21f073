/**
 * A spreadsheet program runs a cell that starts with one of these as a formula (CSV injection):
 * such text is written with a leading `'`, which makes it text again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): null is empty, numbers and booleans as written, nested objects and
 * arrays as their JSON text; quoted when it holds a quote, a comma or a line break.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const written = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const text = typeof value === 'string' && FORMULA_START.test(written) ? `'${written}` : written;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row of `columns`, then one row per item, each line ended by CRLF. */
export function toCsv(columns: readonly string[], items: readonly Readonly<Record<string, unknown>>[]): string {
  return [columns, ...items.map((item) => columns.map((column) => item[column]))]
    .map((cells) => `${cells.map(csvCell).join(',')}\r\n`)
    .join('');
}
