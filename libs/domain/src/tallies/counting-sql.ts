import type { ActionFilter } from '../actions/action-filter.js';
import type { SqlParams } from '../common/sql-params.js';

/**
 * How much one action counts for a filter, as SQL over the action aliased `a` (DOMAIN.md §2 and
 * README "How a figure is checked"). An action that matches the filter counts between `lo` and
 * `hi` people, and for certain (`lo`) only when its whole date range lies in the filter's period:
 *
 * - people: its subjectCount;
 * - a period: certain when [occurred_from, occurred_to] lies inside it, possible when they overlap
 *   (approximate and uncertain dates are widened when stored, so they are possible at the edges);
 * - a reason filter: a named officer (or a group with one reason, or one whose every reason is
 *   asked for) counts whole; a group with reasons outside the filter counts between the largest
 *   and the sum of its recorded per-reason counts, or, when the split is unknown, between 0 and
 *   all of it.
 */
export interface Contribution {
  /** The whole date range lies in the period (true without one). */
  certain: string;
  /** People counted for certain when `certain` holds. */
  lo: string;
  /** People possibly counted. */
  hi: string;
}

export function peopleSql(alias = 'a'): string {
  return `${alias}.subject_count`;
}

/** "The whole date range lies in the filter's period" as SQL. */
export function certainSql(filter: ActionFilter, p: SqlParams, alias = 'a'): string {
  const parts: string[] = [];
  if (filter.from) parts.push(`${alias}.occurred_from >= ${p.add(filter.from, 'date')}`);
  if (filter.to) parts.push(`${alias}.occurred_to <= ${p.add(filter.to, 'date')}`);
  return parts.length ? `(${parts.join(' AND ')})` : 'true';
}

export function contributionSql(filter: ActionFilter, p: SqlParams, alias = 'a'): Contribution {
  const n = peopleSql(alias);
  const certain = certainSql(filter, p, alias);
  if (!filter.reasonCodes) return { certain, lo: n, hi: n };
  const reasons = p.add(filter.reasonCodes, 'text[]');
  const whole = `(${n} = 1 OR ${alias}.reason_codes <@ ${reasons})`;
  const split = (agg: string) =>
    `(SELECT ${agg} FROM unnest(${alias}.reason_codes, ${alias}.reason_counts) AS rc(code, k) WHERE rc.code = ANY(${reasons}))`;
  return {
    certain,
    lo: `CASE WHEN ${whole} THEN ${n} WHEN ${alias}.reason_counts IS NOT NULL THEN ${split('max(rc.k)')} ELSE 0 END`,
    hi: `CASE WHEN ${whole} THEN ${n} WHEN ${alias}.reason_counts IS NOT NULL THEN least(${n}, ${split('sum(rc.k)')}) ELSE ${n} END`,
  };
}

/**
 * In a group by REASON, one row per (action, reason) with the reason's code `code` and recorded
 * count `k` (from `unnest(reason_codes, reason_counts)`): a named officer, or an action with one
 * reason, counts whole in it; a group counts its recorded share, or between 0 and all of it when
 * the split is unknown. One officer with two reasons counts for certain in both.
 */
export function reasonShareSql(alias = 'a', k = 'r.k'): { lo: string; hi: string } {
  const n = peopleSql(alias);
  const whole = `(${n} = 1 OR cardinality(${alias}.reason_codes) = 1)`;
  return {
    lo: `CASE WHEN ${whole} THEN ${n} WHEN ${k} IS NOT NULL THEN ${k} ELSE 0 END`,
    hi: `CASE WHEN ${whole} THEN ${n} WHEN ${k} IS NOT NULL THEN ${k} ELSE ${n} END`,
  };
}
