import edtf, { parse as parseEdtf } from 'edtf';
import { DomainError } from '@app/core';

/** A parsed PartialDate: the EDTF text as given and the inclusive days it may fall on. */
export interface PartialDate {
  edtf: string;
  /** First possible day, `YYYY-MM-DD` (widened for an approximate or uncertain start). */
  from: string;
  /** Last possible day, `YYYY-MM-DD` (widened for an approximate or uncertain end). */
  to: string;
}

/** How sure a date is: `~` approximate, `?` uncertain, `%` both (EDTF level 1). */
export type DateQualifier = 'APPROXIMATE' | 'UNCERTAIN' | 'APPROXIMATE_AND_UNCERTAIN';

/** The qualifier of an EDTF date (of either end of an interval); null for a date given as certain. */
export function dateQualifierOf(edtf: string): DateQualifier | null {
  const approximate = /[~%]/.test(edtf);
  const uncertain = /[?%]/.test(edtf);
  if (approximate && uncertain) return 'APPROXIMATE_AND_UNCERTAIN';
  if (approximate) return 'APPROXIMATE';
  return uncertain ? 'UNCERTAIN' : null;
}

/**
 * The window by which an approximate or uncertain date is widened, by its precision (README
 * "Counting"): "about 23 January" may be a week either side; "January?" the month before or after;
 * "2024~" the year before or after. A date marked so never counts for certain on a day it names.
 */
export const QUALIFIED_DATE_WINDOW = { day: '7 days', month: '1 month', year: '1 year' } as const;

function widen(iso: string, precision: number, direction: 1 | -1): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (precision >= 3) d.setUTCDate(d.getUTCDate() + 7 * direction);
  else if (precision === 2) {
    // The whole month before (or after): from the first day of the previous month, to the last day of the next.
    if (direction < 0) d.setUTCMonth(d.getUTCMonth() - 1, 1);
    else d.setUTCMonth(d.getUTCMonth() + 2, 0);
  } else d.setUTCFullYear(d.getUTCFullYear() + direction);
  return d.toISOString().slice(0, 10);
}

function isQualified(node: ParsedDate): boolean {
  const flags = node as ParsedDate & { approximate?: boolean; uncertain?: boolean };
  return Boolean(flags.approximate || flags.uncertain);
}

// Years outside 1900..2100 are typing mistakes for this domain (modern police records).
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
// EDTF strings longer than this are not dates (the longest interval of two days is 21 characters).
const MAX_EDTF_LENGTH = 40;

type ParsedDate = {
  type: string;
  values: (number | null)[];
  unspecified?: number;
  approximate?: boolean;
  uncertain?: boolean;
};
type ParsedInterval = { type: 'Interval'; values: (ParsedDate | null)[] };

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

function checkDate(d: ParsedDate | null, text: string, field: string): void {
  if (!d || d.type !== 'Date') {
    throw DomainError.badInput(
      field,
      `"${text}" is not a supported date: use a day (2024-01-23), month (2024-01), year (2024) or a closed interval (2023-11/2024-01-23), optionally with ? or ~`,
    );
  }
  const [year, month, day, hour] = d.values;
  if (hour !== undefined) {
    throw DomainError.badInput(field, `"${text}" has a time of day; give a date only`);
  }
  if (typeof year !== 'number' || year < MIN_YEAR || year > MAX_YEAR) {
    throw DomainError.badInput(
      field,
      `"${text}": the year must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    );
  }
  if (
    typeof month === 'number' &&
    typeof day === 'number' &&
    !d.unspecified &&
    day > daysInMonth(year, month)
  ) {
    throw DomainError.badInput(
      field,
      `"${text}" does not exist: that month has ${daysInMonth(year, month)} days`,
    );
  }
}

/**
 * Parses an EDTF (ISO 8601-2) level 0/1 date: day, month, year, closed interval, with `?`/`~`
 * qualifiers and `X` unspecified digits. Rejects what cannot be counted: impossible days
 * (`2024-02-30`), open or unknown interval ends, seasons, sets, times. Uses the `edtf` package
 * for the grammar and bounds; the calendar check is ours because `edtf` rolls 2023-02-29 over.
 */
// Parsed dates by text: an import of a million rows holds a few thousand distinct dates, and the
// EDTF grammar (a nearley parser) costs about 10 us a date. Bounded; only valid dates are kept.
const PARSED = new Map<string, PartialDate>();
const PARSED_MAX = 10_000;

export function parsePartialDate(input: string, field = 'occurred'): PartialDate {
  const text = typeof input === 'string' ? input : String(input);
  const known = PARSED.get(text);
  if (known) return { ...known };
  const parsed = parseUncached(text, field);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(text, parsed);
  return { ...parsed };
}

// A plain year, month or day (no qualifier, no unspecified digit): most dates of a real file.
const PLAIN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The days of a plain year, month or day in range, or null for anything else (the grammar decides). */
function plainBounds(text: string): { from: string; to: string } | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (m[2] === undefined) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const last = String(daysInMonth(year, month - 1)).padStart(2, '0');
  if (m[3] === undefined) return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${last}` };
  const day = Number(m[3]);
  return day >= 1 && day <= Number(last) ? { from: text, to: text } : null;
}

/**
 * The bounds of a plain date, or of an interval of two plain dates whose end lies wholly after its
 * start, computed without the grammar (about 0.2 ms a date there); null for every other text. Its
 * answers equal the grammar's (partial-date.spec.ts checks that on generated dates).
 */
function plainDate(text: string): PartialDate | null {
  const slash = text.indexOf('/');
  if (slash < 0) {
    const b = plainBounds(text);
    return b && { edtf: text, ...b };
  }
  const start = plainBounds(text.slice(0, slash));
  const end = start && plainBounds(text.slice(slash + 1));
  return end && start!.to < end.from ? { edtf: text, from: start!.from, to: end.to } : null;
}

function parseUncached(text: string, field: string): PartialDate {
  return plainDate(text) ?? parseWithGrammar(text, field);
}

/** The EDTF grammar's reading of a date (exported for the test that compares it with the fast path). */
export function parseWithGrammar(text: string, field = 'occurred'): PartialDate {
  if (text.length === 0 || text.length > MAX_EDTF_LENGTH) {
    throw DomainError.badInput(field, `A date must be 1 to ${MAX_EDTF_LENGTH} characters`);
  }
  let parsed: ParsedDate | ParsedInterval;
  try {
    parsed = parseEdtf(text, { level: 1 }) as ParsedDate | ParsedInterval;
  } catch {
    throw DomainError.badInput(
      field,
      `"${text}" is not a valid EDTF date: use 2024-01-23, 2024-01, 2024, 2023-11/2024-01-23, 2024-01?`,
    );
  }
  if (parsed.type === 'Interval') {
    const [start, end] = (parsed as ParsedInterval).values;
    if (!start || !end) {
      throw DomainError.badInput(field, `"${text}": an interval needs both a start and an end`);
    }
    checkDate(start, text, field);
    checkDate(end, text, field);
  } else {
    checkDate(parsed as ParsedDate, text, field);
  }
  let bounds: { min: number; max: number };
  try {
    bounds = edtf(text) as unknown as { min: number; max: number };
  } catch {
    throw DomainError.badInput(
      field,
      `"${text}": an interval's end must come after its start (for one day or month, give it alone: 2024-01-23, 2024-03)`,
    );
  }
  if (!Number.isFinite(bounds.min) || !Number.isFinite(bounds.max)) {
    throw DomainError.badInput(field, `"${text}": both ends of the date must be known`);
  }
  let from = isoDay(bounds.min);
  let to = isoDay(bounds.max);
  if (from > to) throw DomainError.badInput(field, `"${text}": the interval ends before it starts`);
  const [start, end] =
    parsed.type === 'Interval'
      ? ((parsed as ParsedInterval).values as ParsedDate[])
      : [parsed as ParsedDate, parsed as ParsedDate];
  if (isQualified(start)) from = widen(from, start.values.length, -1);
  if (isQualified(end)) to = widen(to, end.values.length, 1);
  return { edtf: text, from, to };
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day `YYYY-MM-DD` that exists. Returns it unchanged or throws BAD_USER_INPUT. */
export function parseCalendarDate(input: string, field: string): string {
  const m = CALENDAR_DATE.exec(input);
  if (!m) throw DomainError.badInput(field, `"${input}" is not a date: use YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw DomainError.badInput(
      field,
      `"${input}": the year must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    );
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) {
    throw DomainError.badInput(field, `"${input}" is not a day of the calendar`);
  }
  return input;
}

// An ISO 8601 date and time with a zone: 2024-01-23T23:59:59Z, 2024-01-23T23:59:59.5+07:00.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A moment (record time): an ISO 8601 date and time with a zone, that exists. Throws BAD_USER_INPUT. */
export function parseDateTime(input: string, field: string): Date {
  const at = new Date(input);
  if (!DATE_TIME.test(input) || Number.isNaN(at.getTime())) {
    throw DomainError.badInput(
      field,
      `${field} must be an ISO 8601 date and time with a zone, e.g. 2024-01-23T23:59:59Z`,
    );
  }
  parseCalendarDate(input.slice(0, 10), field);
  return at;
}
