import { Transform, type TransformCallback } from 'node:stream';
import { sqlLiteral } from '../common/sql-literals.js';

/**
 * CSV primitives of the exchange: RFC 4180 records (CRLF, quotes doubled), the multi-value
 * separator, and formula neutralisation for spreadsheets, in JavaScript and, for actions.csv, as
 * SQL expressions built from the same definitions (the database writes those cells). Tested in
 * csv.spec.ts, and end to end on both databases in test/export*.e2e-spec.ts.
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
  return values
    .map((v) => (v ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|'))
    .join(MULTI_VALUE_SEPARATOR);
}

// FORMULA_START as a PostgreSQL regular expression (its AREs read this syntax the same way).
const SQL_FORMULA_START = sqlLiteral(FORMULA_START.source);

/**
 * SQL: a text cell as `neutraliseFormula` writes it; NULL for NULL or '' (COPY writes NULL as an
 * empty field, as `csvField('')` does, and '' as `""`). `expr` is evaluated up to three times: give
 * a column.
 */
export function sqlTextCell(expr: string): string {
  return `CASE WHEN ${expr} ~ ${SQL_FORMULA_START} THEN ${sqlLiteral("'")} || ${expr} ELSE NULLIF(${expr}, '') END`;
}

/**
 * SQL aggregate: the values of `expr` over a subquery's rows, in `orderBy` order, joined as
 * `joinMultiValue` joins them (`\` and `|` escaped; NULL when every value is NULL or '').
 */
export function sqlJoinMultiValue(expr: string, orderBy: string): string {
  const value = `coalesce(${expr}, '')`;
  const sep = MULTI_VALUE_SEPARATOR;
  const escaped = `replace(replace(${value}, ${sqlLiteral('\\')}, ${sqlLiteral('\\\\')}), ${sqlLiteral(sep)}, ${sqlLiteral(`\\${sep}`)})`;
  return `CASE WHEN bool_or(${value} <> '') THEN string_agg(${escaped}, ${sqlLiteral(sep)} ORDER BY ${orderBy}) END`;
}

/** SQL: a timestamptz as `Date.prototype.toISOString` writes it (UTC, milliseconds); NULL for NULL. */
export function sqlIsoTimestamp(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CRLF_BYTES = Buffer.from(CRLF);

/**
 * PostgreSQL's CSV (`COPY ... WITH (FORMAT csv)`) as RFC 4180 records: COPY ends each record with
 * LF, this ends it with CRLF. A line break inside a quoted field is data and stays as it is (COPY
 * quotes every field that holds a quote, comma, CR or LF, and doubles its quotes, as csvField does,
 * so a quote toggles the state). The state carries over from one chunk to the next.
 */
export class CrlfRecords extends Transform {
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const parts: Buffer[] = [];
    let start = 0;
    let at = 0;
    // The next quote and LF at or after `at` (-1: none left in the chunk), searched again only when passed.
    let nextQuote = chunk.indexOf(QUOTE);
    let nextLf = chunk.indexOf(LF);
    for (;;) {
      if (nextQuote >= 0 && nextQuote < at) nextQuote = chunk.indexOf(QUOTE, at);
      if (this.quoted) {
        if (nextQuote < 0) break;
        this.quoted = false;
        at = nextQuote + 1;
        continue;
      }
      if (nextLf >= 0 && nextLf < at) nextLf = chunk.indexOf(LF, at);
      if (nextLf < 0 && nextQuote < 0) break;
      if (nextQuote >= 0 && (nextLf < 0 || nextQuote < nextLf)) {
        this.quoted = true;
        at = nextQuote + 1;
        continue;
      }
      parts.push(chunk.subarray(start, nextLf), CRLF_BYTES);
      start = at = nextLf + 1;
    }
    if (start === 0) return done(null, chunk);
    if (start < chunk.length) parts.push(chunk.subarray(start));
    done(null, Buffer.concat(parts));
  }
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
