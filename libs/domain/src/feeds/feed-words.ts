import type { ActionType } from '../actions/action.entities.js';
import type { ClaimedRange } from '../tallies/figure-check.js';

/**
 * Plain English for the feeds' titles and texts (the feeds are in English; the data in them stays
 * as stored, Khmer included). Dates are days of the calendar, written in UTC so that no time zone
 * moves them.
 */
const ACTION_TYPE_WORDS: Record<ActionType, [one: string, many: string]> = {
  DISMISSAL: ['dismissal', 'dismissals'],
  SUSPENSION: ['suspension', 'suspensions'],
  DEMOTION: ['demotion', 'demotions'],
  REMOVAL_FROM_POST: ['removal from post', 'removals from post'],
  TRANSFER: ['transfer', 'transfers'],
  SALARY_CUT: ['salary cut', 'salary cuts'],
  WARNING: ['warning', 'warnings'],
  PROPOSED_DISMISSAL: ['proposed dismissal', 'proposed dismissals'],
  REINSTATEMENT: ['reinstatement', 'reinstatements'],
};

export function actionTypeWords(type: ActionType, plural = false): string {
  const words = ACTION_TYPE_WORDS[type] as [string, string] | undefined;
  // A type added later reads as its code until it has words here.
  if (!words) return type.toLowerCase().replace(/_/g, ' ');
  return words[plural ? 1 : 0];
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_ONLY = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const lastDayOfMonth = (day: string) => {
  const d = utc(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

/** "23 January 2024". */
export function dayWords(day: string): string {
  return DAY.format(utc(day));
}

/**
 * When an action happened, from its possible days: "23 January 2024", "January 2024", "2024",
 * "between November 2023 and January 2024"; `exact` words a part of a month as its days ("between
 * 1 and 23 January 2024"), otherwise as the month. "around" when the record says the date is
 * uncertain (`?`) or approximate (`~`).
 */
export function occurredWords(occurred: string, from: string, to: string, exact = false): string {
  const around = /[?~%]/.test(occurred) ? 'around ' : '';
  return around + spanWords(from, to, exact);
}

function spanWords(from: string, to: string, exact: boolean): string {
  if (from === to) return dayWords(from);
  const wholeMonths = from.endsWith('-01') && to === lastDayOfMonth(to);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  if (from.slice(0, 7) === to.slice(0, 7)) {
    if (wholeMonths || !exact) return MONTH.format(utc(from));
    return `between ${utc(from).getUTCDate()} and ${dayWords(to)}`;
  }
  if (wholeMonths && sameYear && from.slice(5) === '01-01' && to.slice(5) === '12-31')
    return from.slice(0, 4);
  if (wholeMonths || !exact) {
    return sameYear
      ? `between ${MONTH_ONLY.format(utc(from))} and ${MONTH.format(utc(to))}`
      : `between ${MONTH.format(utc(from))} and ${MONTH.format(utc(to))}`;
  }
  return `between ${dayWords(from)} and ${dayWords(to)}`;
}

/** A filter's or a figure's period: "from 1 November 2023 to 23 January 2024", "up to 23 January 2024". */
export function periodWords(
  from: string | null | undefined,
  to: string | null | undefined,
): string | null {
  if (from && to) return `from ${dayWords(from)} to ${dayWords(to)}`;
  if (from) return `from ${dayWords(from)}`;
  if (to) return `up to ${dayWords(to)}`;
  return null;
}

/** "63 to 77", "at least 40", "12". */
export function rangeWords(range: ClaimedRange): string {
  if (range.max === null) return `at least ${range.min}`;
  return range.min === range.max ? String(range.min) : `${range.min} to ${range.max}`;
}

/** "63 to 77 people", "1 person". */
export function peopleWords(range: ClaimedRange): string {
  return `${rangeWords(range)} ${range.min === 1 && range.max === 1 ? 'person' : 'people'}`;
}

/** A verdict code in words: UNDER_RECORDED -> "under-recorded" (any code the checks answer). */
export function verdictWords(verdict: string): string {
  return verdict.toLowerCase().replace(/_/g, '-');
}

/** "English, French and Khmer". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the words of a filter or a scope need of the reference data. */
export interface ReferenceNames {
  province(code: string): { name: string } | null;
  reason(code: string): { label: string } | null;
  rank(code: string): { name: string } | null;
}

export interface ScopeLike {
  actionTypes?: readonly ActionType[] | null;
  provinceCodes?: readonly string[] | null;
  reasonCodes?: readonly string[] | null;
  rankCodes?: readonly string[] | null;
  rankTiers?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
}

/** "dismissals, Prey Veng, for Drug positive test, from 1 November 2023 to 23 January 2024" (each part only when set). */
export function scopeWords(names: ReferenceNames, s: ScopeLike): string[] {
  const words: string[] = [];
  const some = <T>(list: readonly T[] | null | undefined): list is readonly T[] =>
    !!list && list.length > 0;
  if (some(s.actionTypes))
    words.push(listWords(s.actionTypes.map((t) => actionTypeWords(t, true))));
  if (some(s.provinceCodes))
    words.push(listWords(s.provinceCodes.map((c) => names.province(c)?.name ?? c)));
  if (some(s.reasonCodes))
    words.push(`for ${listWords(s.reasonCodes.map((c) => names.reason(c)?.label ?? c))}`);
  if (some(s.rankCodes))
    words.push(`of ${listWords(s.rankCodes.map((c) => names.rank(c)?.name ?? c))} rank`);
  if (some(s.rankTiers))
    words.push(
      `of the ${listWords(s.rankTiers.map((t) => t.toLowerCase().replace(/_/g, ' ')))} tier`,
    );
  const period = periodWords(s.from, s.to);
  if (period) words.push(period);
  return words;
}
