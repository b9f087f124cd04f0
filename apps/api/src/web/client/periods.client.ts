/**
 * Browser code (also run in Node by the unit tests): the calendar of the running totals' periods
 * ("2024", "2024-01", "2024-01-23", "2024-W03"), without words.
 */

/** The last day of a period; null when unknown. */
export function periodEnd(period: string): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return period;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return `${m[1]}-${m[2]}-${pad(last)}`;
  }
  m = /^(\d{4})$/.exec(period);
  if (m) return `${m[1]}-12-31`;
  m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (m) {
    // ISO week: week 1 holds 4 January; weeks start on Monday.
    const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
    const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000;
    const sunday = new Date(monday + ((Number(m[2]) - 1) * 7 + 6) * 86400000);
    return sunday.toISOString().slice(0, 10);
  }
  return null;
}

/** The first day of a period; null when unknown. */
export function periodStart(period: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  if (/^\d{4}$/.test(period)) return `${period}-01-01`;
  const end = periodEnd(period);
  return end
    ? new Date(Date.parse(`${end}T00:00:00Z`) - 6 * 86400000).toISOString().slice(0, 10)
    : null;
}

/** The index of the period a day falls in; -1 when it is outside every period. */
export function periodIndexOf(day: string, periods: string[]): number {
  for (let i = 0; i < periods.length; i++) {
    const start = periodStart(periods[i]);
    const end = periodEnd(periods[i]);
    if (start !== null && end !== null && start <= day && day <= end) return i;
  }
  return -1;
}

const DAY_MS = 86400000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period after `period`, in the same step ("2024-01" -> "2024-02", "2024-W52" -> "2025-W01"); null when unknown. */
export function nextPeriod(period: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return isoDay(Date.parse(`${period}T00:00:00Z`) + DAY_MS);
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const month = Number(m[2]);
    return month === 12
      ? `${Number(m[1]) + 1}-01`
      : `${m[1]}-${String(month + 1).padStart(2, '0')}`;
  }
  if (/^\d{4}$/.test(period)) return String(Number(period) + 1);
  m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (m) {
    // The Monday after this week's Sunday; its ISO week-year is the year of its Thursday.
    const end = periodEnd(period);
    if (!end) return null;
    const monday = Date.parse(`${end}T00:00:00Z`) + DAY_MS;
    const thursday = new Date(monday + 3 * DAY_MS);
    const year = thursday.getUTCFullYear();
    const jan4 = Date.UTC(year, 0, 4);
    const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const week = Math.round((monday - week1Monday) / (7 * DAY_MS)) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
  }
  return null;
}

/**
 * The periods after `last` up to the one that holds `day`, at most `max` of them; null when the
 * day needs more (or the step is unknown). An empty list when the day is not after `last`.
 */
export function periodsUntil(last: string, day: string, max: number): string[] | null {
  const out: string[] = [];
  const lastEnd = periodEnd(last);
  if (!lastEnd || day <= lastEnd) return out;
  let period: string | null = last;
  while (out.length < max) {
    period = nextPeriod(period);
    if (!period) return null;
    out.push(period);
    const end = periodEnd(period);
    if (end !== null && day <= end) return out;
  }
  return null;
}
