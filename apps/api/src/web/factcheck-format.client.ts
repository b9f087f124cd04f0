/**
 * Browser code (also run in Node by the unit tests): pure formatting helpers of the fact-check page.
 * Every function here is serialised with Function.prototype.toString into the page's script, so
 * each one must be self-contained: no imports other than types, no module state.
 */
import type { FigureView, Labels, Range, ScopeView } from './factcheck.types.js';

export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** "2024-01-23" -> "23 January 2024"; "2024-01" -> "January 2024"; anything else as given. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : '';
  if (m[3]) return `${Number(m[3])} ${month} ${m[1]}`;
  if (m[2]) return `${month} ${m[1]}`;
  return m[1];
}

/** An EDTF date of a record in words: "2023-11/2024-01-23" -> "between November 2023 and 23 January 2024". */
export function formatPartialDate(value: string): string {
  const approx = /[~?%]$/.test(value) ? ' (uncertain)' : '';
  const plain = value.replace(/[~?%]/g, '');
  const [a, b] = plain.split('/');
  if (b !== undefined)
    return `between ${formatDay(a) || 'an unknown date'} and ${formatDay(b) || 'an unknown date'}${approx}`;
  return `${formatDay(a)}${approx}`;
}

export function qualifierWords(qualifier: string, value: number): string {
  switch (qualifier) {
    case 'ABOUT':
      return `about ${value}`;
    case 'AT_LEAST':
      return `at least ${value}`;
    case 'MORE_THAN':
      return `more than ${value}`;
    case 'AT_MOST':
      return `at most ${value}`;
    case 'FEWER_THAN':
      return `fewer than ${value}`;
    default:
      return String(value);
  }
}

/** {min: 63, max: 77} -> "63 to 77"; {min: 12, max: 12} -> "12"; max null -> "41 or more". */
export function rangeWords(range: Range): string {
  if (range.max === null || range.max === undefined) return `${range.min} or more`;
  if (range.min === range.max) return String(range.min);
  return `${range.min} to ${range.max}`;
}

export function verdictWords(verdict: string | undefined): string {
  switch (verdict) {
    case 'CORROBORATED':
      return 'Corroborated';
    case 'UNDER_RECORDED':
      return 'Under-recorded';
    case 'CONTRADICTED':
      return 'Contradicted';
    default:
      return 'Not checked';
  }
}

/** What a verdict means, in one sentence a reader without the counting rules can follow. */
export function verdictExplanation(figure: FigureView): string {
  const check = figure.check;
  if (!check) return 'The server does not check figures yet.';
  const claimed = rangeWords(check.claimed);
  const recorded = rangeWords(check.recorded);
  switch (check.verdict) {
    case 'CORROBORATED':
      return `The records (${recorded}) are compatible with the claim (${claimed}).`;
    case 'UNDER_RECORDED':
      return `The records account for ${recorded} of the ${claimed} claimed: the tracker does not yet hold every case. This is not a contradiction.`;
    case 'CONTRADICTED':
      return `The records already hold ${recorded} in this scope, more than the ${claimed} claimed.`;
    default:
      return '';
  }
}

export function issueKindWords(kind: string): string {
  switch (kind) {
    case 'PARTS_EXCEED_WHOLE':
      return 'Its parts add up to more than the whole';
    case 'PARTS_DO_NOT_SUM':
      return 'Its parts do not add up to the whole';
    case 'CUMULATIVE_DECREASE':
      return 'A later running total is lower than an earlier one';
    default:
      return kind;
  }
}

/** The interval sum of the parts' claims: [sum of mins, sum of maxes] (max null when one is unbounded). */
export function sumOfClaims(ranges: Range[]): Range {
  let min = 0;
  let max: number | null = 0;
  for (const r of ranges) {
    min += r.min;
    max = max === null || r.max === null || r.max === undefined ? null : max + r.max;
  }
  return { min, max };
}

export function actionTypeWords(code: string, plural: boolean): string {
  const words: Record<string, [string, string]> = {
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
  const w = words[code];
  return w ? w[plural ? 1 : 0] : code;
}

/** What a figure counts, as HTML (Khmer province names marked lang="km"). */
export function scopeHtml(scope: ScopeView, labels: Labels): string {
  const parts: string[] = [];
  parts.push(
    scope.actionTypes.length
      ? scope.actionTypes.map((t) => esc(actionTypeWords(t, true))).join(' or ')
      : 'all actions',
  );
  if (scope.reasonCodes.length)
    parts.push(`for ${scope.reasonCodes.map((r) => esc(labels.reasons[r] ?? r)).join(' or ')}`);
  if (scope.provinceCodes.length) {
    const names = scope.provinceCodes.map((c) => {
      const p = labels.provinces[c];
      return p
        ? `${esc(p.name)}${p.nameKm ? ` (<span lang="km">${esc(p.nameKm)}</span>)` : ''}`
        : esc(c);
    });
    parts.push(`in ${names.join(' or ')}`);
  }
  if (scope.rankCodes.length) parts.push(`of rank ${scope.rankCodes.map(esc).join(' or ')}`);
  if (scope.from && scope.to)
    parts.push(`from ${esc(formatDay(scope.from))} to ${esc(formatDay(scope.to))}`);
  else if (scope.from) parts.push(`since ${esc(formatDay(scope.from))}`);
  else if (scope.to) parts.push(`up to ${esc(formatDay(scope.to))}`);
  return parts.join(', ');
}

/** The last day of a running-total period ("2024", "2024-01", "2024-01-23", "2024-W03"); null when unknown. */
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

/** A period label for people: "2024-01" -> "January 2024". */
export function periodWords(period: string): string {
  if (/^\d{4}-W\d{2}$/.test(period))
    return `week ${Number(period.slice(6))} of ${period.slice(0, 4)}`;
  return formatDay(period);
}

/** The first day of a running-total period; null when unknown. */
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
