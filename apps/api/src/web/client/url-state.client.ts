/**
 * Browser code (also run in Node by the unit tests): the page's state lives in its address, with
 * the parameter names of /exports/actions.csv (DOMAIN.md §4), so a view can be shared and cited.
 * `lang` (when chosen) and `interval` ride along; `show` names a drill-down.
 */
import type { FigureView, ScopeView } from './factcheck.types.js';

export interface Filter {
  actionTypes?: string[];
  reasonCodes?: string[];
  provinceCodes?: string[];
  rankCodes?: string[];
  /** Agencies, each with the agencies under it (the API expands them). */
  agencyCodes?: string[];
  from?: string;
  to?: string;
}

const ACTION_TYPES = [
  'DISMISSAL',
  'SUSPENSION',
  'DEMOTION',
  'REMOVAL_FROM_POST',
  'TRANSFER',
  'SALARY_CUT',
  'WARNING',
  'PROPOSED_DISMISSAL',
  'REINSTATEMENT',
];
export const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** The filters of a query string, with anything malformed dropped (a hand-edited URL must not break the page). */
export function filterOf(p: URLSearchParams): Filter {
  const f: Filter = {};
  const list = (key: string, ok: (v: string) => boolean) => p.getAll(key).filter((v) => v && ok(v));
  const actionTypes = list('actionType', (v) => ACTION_TYPES.includes(v));
  const reasonCodes = list('reason', (v) => CODE.test(v));
  const provinceCodes = list('province', (v) => CODE.test(v));
  const rankCodes = list('rank', (v) => CODE.test(v));
  const agencyCodes = list('agency', (v) => CODE.test(v));
  if (actionTypes.length) f.actionTypes = actionTypes;
  if (reasonCodes.length) f.reasonCodes = reasonCodes;
  if (provinceCodes.length) f.provinceCodes = provinceCodes;
  if (rankCodes.length) f.rankCodes = rankCodes;
  if (agencyCodes.length) f.agencyCodes = agencyCodes;
  const from = p.get('from');
  const to = p.get('to');
  if (from && DAY.test(from)) f.from = from;
  if (to && DAY.test(to)) f.to = to;
  return f;
}

export function intervalOf(p: URLSearchParams): string {
  const i = p.get('interval') ?? '';
  return INTERVALS.includes(i) ? i : 'MONTH';
}

/** The query string of a filter, plus extra parameters (empty ones left out). */
export function queryOf(
  f: Filter,
  extra: Record<string, string | null | undefined> = {},
): URLSearchParams {
  const q = new URLSearchParams();
  for (const v of f.actionTypes ?? []) q.append('actionType', v);
  for (const v of f.reasonCodes ?? []) q.append('reason', v);
  for (const v of f.provinceCodes ?? []) q.append('province', v);
  for (const v of f.rankCodes ?? []) q.append('rank', v);
  for (const v of f.agencyCodes ?? []) q.append('agency', v);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  return q;
}

/**
 * An address on this page. The chosen language (`lang`) and step (`interval`) of the current
 * address are kept unless `q` sets them.
 */
export function pageHref(current: URL, q: URLSearchParams, hash: string): string {
  const next = new URLSearchParams(q);
  for (const key of ['lang', 'interval']) {
    const value = current.searchParams.get(key);
    if (value && !next.has(key)) next.set(key, value);
  }
  const s = next.toString();
  return `${current.pathname}${s ? `?${s}` : ''}${hash}`;
}

/** The same view in another language: every parameter kept, `lang` replaced. */
export function languageHref(current: URL, lang: string): string {
  const q = new URLSearchParams(current.search);
  q.set('lang', lang);
  return `${current.pathname}?${q.toString()}${current.hash}`;
}

export function csvHref(f: Filter): string {
  const s = queryOf(f).toString();
  return `/exports/actions.csv${s ? `?${s}` : ''}`;
}

/**
 * The filter that counts what a figure counts, with its period: it ends on the scope's `to`, else
 * on the last day its check counted (the day it was stated), so the records and the CSV of the
 * figure say which count for certain and which only possibly.
 */
export function scopeFilter(fig: FigureView): Filter {
  const s = { ...fig.scope, to: fig.scope.to ?? fig.check?.countedUntil ?? fig.statedOn };
  const f: Filter = {};
  if (s.actionTypes.length) f.actionTypes = s.actionTypes;
  if (s.reasonCodes.length) f.reasonCodes = s.reasonCodes;
  if (s.provinceCodes.length) f.provinceCodes = s.provinceCodes;
  if (s.rankCodes.length) f.rankCodes = s.rankCodes;
  if (s.agencyCodes.length) f.agencyCodes = s.agencyCodes;
  if (s.from) f.from = s.from;
  if (s.to) f.to = s.to;
  return f;
}

export function scopeOfFilter(f: Filter): ScopeView {
  return {
    actionTypes: f.actionTypes ?? [],
    reasonCodes: f.reasonCodes ?? [],
    provinceCodes: f.provinceCodes ?? [],
    rankCodes: f.rankCodes ?? [],
    agencyCodes: f.agencyCodes ?? [],
    from: f.from ?? null,
    to: f.to ?? null,
  };
}
