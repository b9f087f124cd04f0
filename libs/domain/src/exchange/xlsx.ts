import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import type { ColumnSpec } from './action-columns.js';
import { restoreNeutralised } from './csv.js';

/**
 * Spreadsheet downloads (actions.xlsx, tally.xlsx): the cells of the CSV downloads, typed by their
 * column (ColumnSpec.type), written by exceljs' streaming WorkbookWriter. Numbers are numbers,
 * dates and times are date cells (UTC), every text is a string cell (never a formula, so the CSV's
 * formula apostrophe is not needed and is removed), the header row is frozen, and an "About" sheet
 * says what the file holds. Rows stream from a database cursor with backpressure: memory stays at a
 * few batches whatever the number of rows, and a client that goes away stops the query.
 */

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Excel's own limits (Microsoft, "Excel specifications and limits"): rows per sheet and
// characters per cell. More rows continue on a new sheet; a longer text is cut with a note.
export const XLSX_MAX_ROWS_PER_SHEET = 1_048_576;
export const XLSX_MAX_CELL_CHARS = 32_767;
export const XLSX_CUT_NOTE =
  " [...cut at 32,767 characters, Excel's limit for a cell; the full text is in the CSV and JSON downloads]";

// Uncompressed sheet XML the zip compressor may hold unread before the writer waits for it: the
// writer's memory bound when the client reads slower than the database sends rows. Kept small so
// that chunks die young: at 1M rows, 256 KiB in flight let the process grow by 200 MiB of garbage
// (it outlived V8's young-generation collections and waited for a full one), 64 KiB by 12 MiB
// (with XLSX_CURSOR_BATCH rows a fetch; npm run bench).
const MAX_PENDING_BYTES = 64 * 1024;
/**
 * Rows per cursor fetch for a spreadsheet: the rows of a batch stay alive while exceljs writes them
 * (about 33 microseconds a row). The API runs with a 4 MiB young generation (npm start), which
 * exceljs fills every 4 ms or so, and whatever outlives two of those collections waits for a full
 * one: at 1M rows, batches of 100 grew the process by 38-77 MiB, of 50 by 41-68 MiB, of 25 by
 * 0-11 MiB, and took no longer (28-35 s against 32-39 s; npm run bench, 5 December).
 */
export const XLSX_CURSOR_BATCH = 25;
// zlib level 1: 10-20 % faster than the default 6 for files 13 % larger (150,000 synthetic rows:
// 8.0-9.7 s and 25.9 MiB against 10.3-10.8 s and 23.0 MiB); the client's link is rarely the limit.
const ZLIB_LEVEL = 1;

export type XlsxValue = string | number | boolean | Date | null;

/** A table of text cells as the CSV download writes them ('' or null: empty), and how to read them. */
export interface XlsxTable<T> {
  /** Name of the first sheet ("actions"); further sheets, past Excel's row limit, get " (2)", ... */
  sheetName: string;
  columns: readonly ColumnSpec[];
  /** Object-mode rows (a database cursor); destroyed when the download is abandoned. */
  rows: Readable;
  cells: (row: T) => readonly (string | null | undefined)[];
  /** The text cells carry the CSV's formula apostrophe (neutraliseFormula); it is removed. */
  neutralised: boolean;
}

/** The "About" sheet: label/value lines, then the columns with their types and descriptions. */
export interface XlsxAbout {
  title: string;
  lines: (rowCount: number) => [string, XlsxValue][];
}

export interface XlsxOptions {
  /** Rows per sheet before the next one (header included); Excel's limit unless a test says less. */
  maxRowsPerSheet?: number;
}

/** One text cell of the CSV -> the typed value of its column. */
export function xlsxValue(
  type: ColumnSpec['type'],
  text: string | null | undefined,
  neutralised: boolean,
): XlsxValue {
  if (text === null || text === undefined || text === '') return null;
  switch (type) {
    case 'integer':
    case 'number':
      return Number(text);
    case 'date':
      // A calendar day (YYYY-MM-DD) at 00:00 UTC: exceljs writes dates as UTC serial days.
      return new Date(`${text}T00:00:00.000Z`);
    case 'datetime':
      return new Date(text);
    case 'boolean':
      return text === 'true';
    case 'string': {
      const value = neutralised ? restoreNeutralised(text) : text;
      return value.length > XLSX_MAX_CELL_CHARS
        ? value.slice(0, XLSX_MAX_CELL_CHARS - XLSX_CUT_NOTE.length) + XLSX_CUT_NOTE
        : value;
    }
  }
}

// Shared style objects: exceljs caches a style per object, so sharing one per kind of cell keeps
// it from serialising a style for every cell written.
const STYLES = {
  plain: {},
  header: { font: { bold: true } },
  date: { numFmt: 'yyyy-mm-dd' },
  datetime: { numFmt: 'yyyy-mm-dd hh:mm:ss' },
} satisfies Record<string, Partial<ExcelJS.Style>>;

const styleOf = (type: ColumnSpec['type']): Partial<ExcelJS.Style> =>
  type === 'date' ? STYLES.date : type === 'datetime' ? STYLES.datetime : STYLES.plain;

const widthOf = (c: ColumnSpec): number =>
  c.type === 'date'
    ? 12
    : c.type === 'datetime'
      ? 20
      : c.type === 'string'
        ? Math.min(40, Math.max(12, c.name.length + 2))
        : Math.max(8, c.name.length + 2);

/**
 * The workbook as a byte stream. Nothing is written before the first row (or the end) arrives, so
 * a query that fails first reaches the caller as an error of the stream before any byte (and the
 * download answers with its error code). Destroying the returned stream destroys `table.rows`.
 */
export function xlsxStream<T>(
  table: XlsxTable<T>,
  about: XlsxAbout,
  options: XlsxOptions = {},
): Readable {
  const out = new PassThrough();
  const gone = new AbortController();
  out.once('close', () => {
    gone.abort();
    if (!table.rows.destroyed) table.rows.destroy();
  });
  writeWorkbook(
    table,
    about,
    out,
    gone.signal,
    options.maxRowsPerSheet ?? XLSX_MAX_ROWS_PER_SHEET,
  ).catch((err: unknown) => {
    if (!gone.signal.aborted) out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

async function writeWorkbook<T>(
  table: XlsxTable<T>,
  about: XlsxAbout,
  out: PassThrough,
  gone: AbortSignal,
  maxRows: number,
): Promise<void> {
  const rows = table.rows[Symbol.asyncIterator]() as AsyncIterator<T>;
  let next = await rows.next();
  if (gone.aborted) return;
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    // Inline strings: shared strings would keep every distinct text in memory until the end.
    useSharedStrings: false,
    zip: { zlib: { level: ZLIB_LEVEL } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookWriterOptions>);
  const zip = (workbook as unknown as { zip: NodeJS.EventEmitter & { abort(): void } }).zip;
  zip.on('error', (err: Error) => out.destroy(err));
  gone.addEventListener('abort', () => zip.abort(), { once: true });

  const { columns } = table;
  const styles = columns.map((c) => styleOf(c.type));
  let sheetNumber = 0;
  let sheet = openSheet(workbook, table, ++sheetNumber);
  let inSheet = 1;
  let count = 0;
  while (!next.done) {
    if (inSheet === maxRows) {
      sheet.commit();
      sheet = openSheet(workbook, table, ++sheetNumber);
      inSheet = 1;
    }
    const texts = table.cells(next.value);
    const values = columns.map((c, i) => xlsxValue(c.type, texts[i], table.neutralised));
    const row = sheet.addRow(values);
    // An empty cell keeps the plain style, or exceljs would write it out for its date format.
    for (let i = 0; i < columns.length; i++)
      row.getCell(i + 1).style = values[i] === null ? STYLES.plain : styles[i];
    row.commit();
    inSheet++;
    count++;
    await writable(sheet, gone);
    if (gone.aborted) return;
    next = await rows.next();
  }
  sheet.commit();
  writeAbout(workbook, table.columns, about, count);
  await untilAborted(workbook.commit(), gone);
}

/** `work`, or undefined as soon as the download is abandoned (its promise may never settle then). */
async function untilAborted<T>(work: Promise<T>, gone: AbortSignal): Promise<T | undefined> {
  if (gone.aborted) return undefined;
  let onAbort!: () => void;
  const aborted = new Promise<undefined>((resolve) => (onAbort = () => resolve(undefined)));
  gone.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    gone.removeEventListener('abort', onAbort);
  }
}

function openSheet<T>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: XlsxTable<T>,
  n: number,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(n === 1 ? table.sheetName : `${table.sheetName} (${n})`, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  // Filter buttons on the header (written when the sheet is committed).
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  sheet.columns = table.columns.map((c) => ({ width: widthOf(c) }));
  const header = sheet.addRow(table.columns.map((c) => c.name));
  header.eachCell((cell) => (cell.style = STYLES.header));
  header.commit();
  return sheet;
}

function writeAbout(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  columns: readonly ColumnSpec[],
  about: XlsxAbout,
  count: number,
): void {
  const sheet = workbook.addWorksheet('About');
  sheet.columns = [{ width: 22 }, { width: 100 }, { width: 60 }];
  const add = (values: XlsxValue[], style: Partial<ExcelJS.Style> = STYLES.plain) => {
    const row = sheet.addRow(values);
    row.eachCell((cell) => {
      cell.style = cell.value instanceof Date ? STYLES.datetime : style;
    });
    row.commit();
  };
  add([about.title], STYLES.header);
  add([]);
  for (const [label, value] of about.lines(count)) add([label, value]);
  add([]);
  add(['column', 'type', 'description'], STYLES.header);
  for (const c of columns) add([c.name, c.type, c.description]);
  sheet.commit();
}

type Consumer = NodeJS.EventEmitter & {
  writableLength?: number;
  _writableState?: { length: number };
};

/**
 * Waits while the zip compressor has more than MAX_PENDING_BYTES of the sheet unread: exceljs
 * writes a sheet's XML into the compressor without waiting for it, and the compressor stops
 * reading when the client does (backpressure from the HTTP response through the zip stream).
 * exceljs exposes no backpressure of its own: this reads its sheet stream's consumers (`pipes`, a
 * field of exceljs 4's StreamBuf); xlsx.spec.ts (beside this file) checks the bound.
 */
async function writable(sheet: ExcelJS.Worksheet, gone: AbortSignal): Promise<void> {
  const buffer = (
    sheet as unknown as { stream: { pipes?: Consumer[]; buffers?: { length: number }[] } }
  ).stream;
  for (;;) {
    const consumer = buffer.pipes?.[0];
    if (consumer === undefined) {
      // The zip has not reached this sheet yet: its XML waits in exceljs' own buffer.
      const held = (buffer.buffers ?? []).reduce((n, b) => n + b.length, 0);
      if (held <= MAX_PENDING_BYTES || gone.aborted) return;
      await nextTurn();
      continue;
    }
    // archiver reads the sheet through a stream of readable-stream 2, which has no writableLength.
    if (
      (consumer.writableLength ?? consumer._writableState?.length ?? 0) <= MAX_PENDING_BYTES ||
      gone.aborted
    )
      return;
    await untilAborted(once(consumer, 'drain'), gone);
  }
}
