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
