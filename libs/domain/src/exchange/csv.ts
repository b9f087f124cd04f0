/**
 * CSV primitives of the exchange: RFC 4180 records (CRLF, quotes doubled), the multi-value
 * separator, and formula neutralisation for spreadsheets. Pure functions, tested in csv.spec.ts.
 */

/** Written first so that Excel reads the file as UTF-8 (Khmer names intact). */
export const UTF8_BOM = '\uFEFF';
export const CRLF = '\r\n';

/** Separates the values of a multi-valued cell (reasons, citations): `A|B`. */
export const MULTI_VALUE_SEPARATOR = '|';

// A spreadsheet evaluates a cell that starts (after spaces) with one of these: = + - @, tab, CR,
// LF, and their full-width forms. A leading apostrophe makes it plain text in Excel and LibreOffice.
const FORMULA_START = /^'*[ \u00A0\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Prefixes a text cell with `'` when a spreadsheet would read it as a formula. Cells that already
 * start with apostrophes before such a character get one more, so `restoreNeutralised` is exact.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of `neutraliseFormula`, applied to imported text cells (round trips are lossless). */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field of a record: quoted when it holds a quote, comma or line break (RFC 4180). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record, CRLF-terminated. */
export function csvRecord(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + CRLF;
}

/** Joins values into one cell: `\` and `|` inside a value are escaped as `\\` and `\|`. */
export function joinMultiValue(values: readonly (string | null)[]): string {
  if (values.every((v) => v === null || v === '')) return '';
  return values.map((v) => (v ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join(MULTI_VALUE_SEPARATOR);
}

/** Splits a multi-valued cell written by `joinMultiValue`; an empty cell is no values. */
export function splitMultiValue(cell: string): string[] {
  if (cell === '') return [];
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '\\' && i + 1 < cell.length) {
      current += cell[++i];
    } else if (ch === MULTI_VALUE_SEPARATOR) {
      values.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  values.push(current);
  return values;
}
