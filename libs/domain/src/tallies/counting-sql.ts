import { actionMatchSql, visibleActionSql, type ActionFilter } from '../actions/action-filter.js';
import type { SqlParams } from '../common/sql-params.js';
import type { Viewer } from '../common/viewer.js';
import type { RecordTime } from '../history/record-time.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * How much one action counts for a filter, as SQL over the action aliased `alias` (DOMAIN.md §2 and
 * README "Counting"). Tallies count people, not records:
 *
 * - people: subjectCount, less the named members of a group recorded apart (MEMBER_OF), never below 0;
 * - a duplicate (SAME_AS) counts through its representative, the earliest-created member of its
 *   set, and not itself; a case (FOLLOWS) counts once, at its latest step matching the filter; with
 *   `netOfReversals`, an action certainly reversed by the period's end does not count, and one
 *   possibly reversed counts only possibly (the links are as the caller's audience sees them:
 *   public records for anonymous callers and readers, all for editors);
 * - a period: certain when [occurred_from, occurred_to] lies inside it, possible when they overlap
 *   (approximate and uncertain dates are widened when stored);
 * - a reason filter: a named officer (or a group with one reason, or one whose every reason is
 *   asked for) counts whole; a group with reasons outside the filter counts between the largest and
 *   the sum of its recorded per-reason counts, or, when the split is unknown, between 0 and all of it.
 *
 * `countDuplicates: true` counts records instead: every matching record whole, links ignored.
 */
export interface Counting {
  /** The rows to consider: what the viewer may see and the filter matches. */
  where: string;
  /** The row counts (false: a folded duplicate, an earlier step of a case, or certainly reversed). */
  counted: string;
  /** The whole date range lies in the period (true without one), and nothing makes it only possible. */
  certain: string;
  /** People counted for certain when `certain` holds. */
  lo: string;
  /** People possibly counted. */
  hi: string;
  /** The people this row is: subjectCount less named members (or subjectCount when counting records). */
  people: string;
  /** For the adjustments a tally reports: why a row does not count, and the named members taken off. */
  folded: string;
  earlierStep: string;
  reversed: string;
  namedMembers: string;
}

export interface CountingOptions {
  /** Ignore the scope's own period for the certainty (running totals bucket dates themselves). */
  ignorePeriod?: boolean;
}

/** The counting of a filter, for this viewer, at the record time of `rt`. */
export function countingSql(filter: ActionFilter, viewer: Viewer, p: SqlParams, rt: RecordTime, alias = 'a', options: CountingOptions = {}): Counting {
  const where = `${visibleActionSql(viewer, filter.includeRetracted ?? false, rt, alias)} AND ${actionMatchSql(filter, p, rt, alias)}`;
  const audience = visibilityOf(viewer).seesAll ? 'all' : 'public';
  const records = Boolean(filter.countDuplicates);
  const people = records ? `${alias}.subject_count` : `greatest(${alias}.subject_count - ${alias}.named_members_${audience}, 0)`;
  const folded = records ? 'false' : `(${alias}.fold_${audience} IS NOT NULL)`;
  // A later step of the same case that the filter also matches (and that is not itself folded).
  const b = `${alias}_later`;
  const earlierStep = records
    ? 'false'
    : `(CASE WHEN ${alias}.case_id IS NULL THEN false ELSE EXISTS (SELECT 1 FROM ${rt.of('disciplinary_action')} ${b}
        WHERE ${b}.case_id = ${alias}.case_id AND ${b}.case_step > ${alias}.case_step AND ${b}.fold_${audience} IS NULL
          AND ${visibleActionSql(viewer, filter.includeRetracted ?? false, rt, b)} AND ${actionMatchSql(filter, p, rt, b)}) END)`;
  let reversed = 'false';
  let possiblyReversed = 'false';
  if (filter.netOfReversals && !records) {
    const r = `${alias}_rev`;
    const l = `${alias}_revl`;
    const reversal = (extra: string) =>
      `EXISTS (SELECT 1 FROM ${rt.of('action_link')} ${l} JOIN ${rt.of('disciplinary_action')} ${r} ON ${r}.id = ${l}.from_id
        WHERE ${l}.kind = 'REVERSES' AND ${l}.to_id = ${alias}.id AND ${visibleActionSql(viewer, false, rt, r)} ${extra})`;
    // Reversed by the end of the period: certainly when the reversal's whole date range is by then.
    reversed = filter.to ? reversal(`AND ${r}.occurred_to <= ${p.add(filter.to, 'date')}`) : reversal('');
    possiblyReversed = filter.to ? reversal(`AND ${r}.occurred_from <= ${p.add(filter.to, 'date')}`) : 'false';
  }
  const counted = `(NOT ${folded} AND NOT ${earlierStep} AND NOT ${reversed})`;
  const periodCertain = options.ignorePeriod ? 'true' : certainSql(filter, p, alias);
  const certain = possiblyReversed === 'false' ? periodCertain : `(${periodCertain} AND NOT ${possiblyReversed})`;
  const share = reasonFilterShare(filter, p, alias, people);
  const namedMembers = records ? '0' : `least(${alias}.subject_count, ${alias}.named_members_${audience})`;
  return { where, counted, certain, lo: share.lo, hi: share.hi, people, folded, earlierStep, reversed, namedMembers };
}

/** "The whole date range lies in the filter's period" as SQL. */
export function certainSql(filter: ActionFilter, p: SqlParams, alias = 'a'): string {
  const parts: string[] = [];
  if (filter.from) parts.push(`${alias}.occurred_from >= ${p.add(filter.from, 'date')}`);
  if (filter.to) parts.push(`${alias}.occurred_to <= ${p.add(filter.to, 'date')}`);
  return parts.length ? `(${parts.join(' AND ')})` : 'true';
}

/** A group's share of a reason filter (people whole without one). */
function reasonFilterShare(filter: ActionFilter, p: SqlParams, alias: string, n: string): { lo: string; hi: string } {
  if (!filter.reasonCodes) return { lo: n, hi: n };
  const reasons = p.add(filter.reasonCodes, 'text[]');
  const whole = `(${alias}.subject_count = 1 OR ${alias}.reason_codes <@ ${reasons})`;
  const split = (agg: string) =>
    `(SELECT ${agg} FROM unnest(${alias}.reason_codes, ${alias}.reason_counts) AS rc(code, k) WHERE rc.code = ANY(${reasons}))`;
  return {
    lo: `CASE WHEN ${whole} THEN ${n} WHEN ${alias}.reason_counts IS NOT NULL THEN least(${n}, ${split('max(rc.k)')}) ELSE 0 END`,
    hi: `CASE WHEN ${whole} THEN ${n} WHEN ${alias}.reason_counts IS NOT NULL THEN least(${n}, ${split('sum(rc.k)')}) ELSE ${n} END`,
  };
}

/**
 * In a group by REASON, one row per (action, reason) with the reason's code `code` and recorded
 * count `k` (from `unnest(reason_codes, reason_counts)`): a named officer, or an action with one
 * reason, counts whole in it; a group counts its recorded share, or between 0 and all of it when
 * the split is unknown. One officer with two reasons counts for certain in both. `n` is the
 * people the row counts (after named members).
 */
export function reasonShareSql(alias: string, k: string, n: string): { lo: string; hi: string } {
  const whole = `(${alias}.subject_count = 1 OR cardinality(${alias}.reason_codes) = 1)`;
  return {
    lo: `CASE WHEN ${whole} THEN ${n} WHEN ${k} IS NOT NULL THEN least(${n}, ${k}) ELSE 0 END`,
    hi: `CASE WHEN ${whole} THEN ${n} WHEN ${k} IS NOT NULL THEN least(${n}, ${k}) ELSE ${n} END`,
  };
}
