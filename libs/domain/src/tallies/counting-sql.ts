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
  /** The two halves of `where`: what the viewer may see, and what the filter asks for. */
  visible: string;
  match: string;
  /** The row counts (false: a folded duplicate, an earlier step of a case, or certainly reversed). */
  counted: string;
  /**
   * `counted` written for a WHERE clause: the same rows, as a conjunction of NOT EXISTS that
   * PostgreSQL turns into anti-joins (the CASE of `counted`, fine in a select list, is a subplan per
   * row there, whose estimate makes the planner sort instead of hash).
   */
  countedWhere: string;
  /** The whole date range lies in the period (true without one), and nothing makes it only possible. */
  certain: string;
  /** People counted for certain when `certain` holds. */
  lo: string;
  /** People possibly counted. */
  hi: string;
  /** The people this row is: subjectCount less named members (or subjectCount when counting records). */
  people: string;
  /**
   * The rows whose people differ from their subject_count (a folded duplicate, a group with named
   * members), written on the columns' own values so that partial indexes find them; 'false' when
   * counting records.
   */
  exceptional: string;
  /** For the adjustments a tally reports: why a row does not count, and the named members taken off. */
  folded: string;
  earlierStep: string;
  reversed: string;
  namedMembers: string;
}

export interface CountingOptions {
  /** Ignore the scope's own period for the certainty (running totals bucket dates themselves). */
  ignorePeriod?: boolean;
  /**
   * No action is, or ever was, a step of a FOLLOWS case (TallyRepository.casesRecorded): the
   * later-step rule cannot change anything, so its per-row anti-join is left out.
   */
  noCases?: boolean;
}

/** The counting of a filter, for this viewer, at the record time of `rt`. */
export function countingSql(
  filter: ActionFilter,
  viewer: Viewer,
  p: SqlParams,
  rt: RecordTime,
  alias = 'a',
  options: CountingOptions = {},
): Counting {
  const visible = visibleActionSql(viewer, filter.includeRetracted ?? false, rt, alias);
  const match = actionMatchSql(filter, p, rt, alias);
  const where = `${visible} AND ${match}`;
  const audience = visibilityOf(viewer).seesAll ? 'all' : 'public';
  const records = Boolean(filter.countDuplicates);
  const people = records
    ? `${alias}.subject_count`
    : `greatest(${alias}.subject_count - ${alias}.named_members_${audience}, 0)`;
  const folded = records ? 'false' : `(${alias}.fold_${audience} IS NOT NULL)`;
  // A later step of the same case that the filter also matches (and that is not itself folded).
  const b = `${alias}_later`;
  // Built once and only when counting people: the parameters it adds must all appear in the SQL
  // (`counted` and `countedWhere` both carry it, so whichever the caller uses has them).
  const laterStep =
    records || options.noCases
      ? ''
      : `EXISTS (SELECT 1 FROM ${rt.of('disciplinary_action')} ${b}
        WHERE ${b}.case_id IS NOT NULL AND ${b}.case_id = ${alias}.case_id AND ${b}.case_step > ${alias}.case_step AND ${b}.fold_${audience} IS NULL
          AND ${visibleActionSql(viewer, filter.includeRetracted ?? false, rt, b)} AND ${actionMatchSql(filter, p, rt, b)})`;
  const earlierStep =
    records || options.noCases
      ? 'false'
      : `(CASE WHEN ${alias}.case_id IS NULL THEN false ELSE ${laterStep} END)`;
  let reversed = 'false';
  let possiblyReversed = 'false';
  if (filter.netOfReversals && !records) {
    const r = `${alias}_rev`;
    const l = `${alias}_revl`;
    const reversal = (extra: string) =>
      `EXISTS (SELECT 1 FROM ${rt.of('action_link')} ${l} JOIN ${rt.of('disciplinary_action')} ${r} ON ${r}.id = ${l}.from_id
        WHERE ${l}.kind = 'REVERSES' AND ${l}.to_id = ${alias}.id AND ${visibleActionSql(viewer, false, rt, r)} ${extra})`;
    // Reversed by the end of the period: certainly when the reversal's whole date range is by then.
    reversed = filter.to
      ? reversal(`AND ${r}.occurred_to <= ${p.add(filter.to, 'date')}`)
      : reversal('');
    possiblyReversed = filter.to
      ? reversal(`AND ${r}.occurred_from <= ${p.add(filter.to, 'date')}`)
      : 'false';
  }
  const counted = `(NOT ${folded} AND NOT ${earlierStep} AND NOT ${reversed})`;
  const countedWhere = records
    ? 'true'
    : `(NOT ${folded}${laterStep ? ` AND NOT ${laterStep}` : ''} AND NOT ${reversed})`;
  const periodCertain = options.ignorePeriod ? 'true' : certainSql(filter, p, alias);
  const certain =
    possiblyReversed === 'false' ? periodCertain : `(${periodCertain} AND NOT ${possiblyReversed})`;
  const share = reasonFilterShare(filter, p, alias, people);
  const namedMembers = records
    ? '0'
    : `least(${alias}.subject_count, ${alias}.named_members_${audience})`;
  const exceptional = records
    ? 'false'
    : `(${alias}.fold_${audience} IS NOT NULL OR ${alias}.named_members_${audience} > 0)`;
  return {
    where,
    visible,
    match,
    counted,
    countedWhere,
    exceptional,
    certain,
    lo: share.lo,
    hi: share.hi,
    people,
    folded,
    earlierStep,
    reversed,
    namedMembers,
  };
}

/** "The whole date range lies in the filter's period" as SQL. */
export function certainSql(filter: ActionFilter, p: SqlParams, alias = 'a'): string {
  const parts: string[] = [];
  if (filter.from) parts.push(`${alias}.occurred_from >= ${p.add(filter.from, 'date')}`);
  if (filter.to) parts.push(`${alias}.occurred_to <= ${p.add(filter.to, 'date')}`);
  return parts.length ? `(${parts.join(' AND ')})` : 'true';
}

/** A group's share of a reason filter (people whole without one). */
function reasonFilterShare(
  filter: ActionFilter,
  p: SqlParams,
  alias: string,
  n: string,
): { lo: string; hi: string } {
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

/**
 * Disagreeing sources counted as UNCERTAIN (README "Disagreeing sources"): the actions at record
 * time `rt` as one row per combination of their non-deprecated values (most actions: one row, their
 * own), with the same columns as the action table where counting reads them, plus `alt_variants`
 * (the action's number of rows) and `alt_plain` (this row is the action as its fields stand). A
 * counting over this relation keeps an action's `visible` the same on every row, so a count can ask
 * whether every row of an action matches, and in the same group (certain), or some row does
 * (possible). Dates: each row has the date range of its value; an action's rows together span the
 * widened range.
 */
export function disputedActionsSql(rt: RecordTime): string {
  // Candidates of one attribute for each disputed action: its own value, and the other non-deprecated ones.
  const candidates = (
    attribute: string,
    plain: string,
    value: string,
    plainKey: string,
    names: string,
  ) =>
    `(SELECT b.id, ${plain}, true FROM disputed b
      UNION SELECT b.id, ${value}, false FROM alts x JOIN disputed b ON b.id = x.action_id
      WHERE x.attribute = '${attribute}' AND x.value IS DISTINCT FROM ${plainKey}) AS ${names}`;
  const common = `b.id, b.seq, b.created_at, b.visibility, b.retracted_at, b.named_members_public, b.named_members_all, b.fold_public, b.fold_all,
      b.case_id, b.case_step${rt.live ? '' : ', b._current'}`;
  const uuid = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";
  // Most actions have no alternative: one row, their own (an anti-join). The few others are expanded
  // by hash joins on their id (not per-row subqueries: their estimated cost would make PostgreSQL
  // compile the statement with JIT, which costs seconds).
  return `(WITH alts AS MATERIALIZED (
        SELECT action_id, attribute, value, occurred_from, occurred_to FROM ${rt.of('action_alternative')} a0 WHERE status <> 'DEPRECATED'),
      disputed AS MATERIALIZED (SELECT b.* FROM ${rt.of('disciplinary_action')} b WHERE b.id IN (SELECT action_id FROM alts))
    SELECT ${common}, b.action_type, b.province_code, b.rank_code, b.agency_code, b.subject_count, b.reason_codes, b.reason_counts,
      b.officer_id, b.occurred_from, b.occurred_to, b.occurred_year, b.occurred_month, 1::bigint AS alt_variants, true AS alt_plain
    FROM ${rt.of('disciplinary_action')} b WHERE NOT EXISTS (SELECT 1 FROM alts x WHERE x.action_id = b.id)
    UNION ALL
    SELECT ${common}, t.action_type, pr.province_code, rk.rank_code, ag.agency_code, sc.subject_count, rs.reason_codes, rs.reason_counts,
      ofc.officer_id, oc.occurred_from, oc.occurred_to,
      CASE WHEN extract(year FROM oc.occurred_from) = extract(year FROM oc.occurred_to) THEN extract(year FROM oc.occurred_from)::integer END,
      CASE WHEN extract(year FROM oc.occurred_from) = extract(year FROM oc.occurred_to) AND extract(month FROM oc.occurred_from) = extract(month FROM oc.occurred_to)
           THEN (extract(year FROM oc.occurred_from) * 100 + extract(month FROM oc.occurred_from))::integer END,
      count(*) OVER (PARTITION BY b.id),
      (t.plain AND pr.plain AND rk.plain AND ag.plain AND sc.plain AND rs.plain AND ofc.plain AND oc.plain)
    FROM disputed b
    JOIN ${candidates('ACTION_TYPE', 'b.action_type', 'x.value', 'b.action_type', 't(id, action_type, plain)')} ON t.id = b.id
    JOIN ${candidates('PROVINCE', 'b.province_code', 'x.value', 'b.province_code', 'pr(id, province_code, plain)')} ON pr.id = b.id
    JOIN ${candidates('RANK', 'b.rank_code', 'x.value', 'b.rank_code', 'rk(id, rank_code, plain)')} ON rk.id = b.id
    JOIN ${candidates('AGENCY', 'b.agency_code', 'x.value', 'b.agency_code', 'ag(id, agency_code, plain)')} ON ag.id = b.id
    JOIN ${candidates('SUBJECT_COUNT', 'b.subject_count', 'x.value::integer', 'b.subject_count::text', 'sc(id, subject_count, plain)')} ON sc.id = b.id
    JOIN ${candidates(
      'REASONS',
      'b.reason_codes, b.reason_counts',
      "string_to_array(x.value, ','), NULL::integer[]",
      "array_to_string(b.reason_codes, ',')",
      'rs(id, reason_codes, reason_counts, plain)',
    )} ON rs.id = b.id
    JOIN ${candidates(
      'OFFICER',
      'b.officer_id',
      `CASE WHEN x.value ~* ${uuid} THEN x.value::uuid END`,
      'b.officer_id::text',
      'ofc(id, officer_id, plain)',
    )} ON ofc.id = b.id
    JOIN ${candidates(
      'OCCURRED',
      'b.occurred_from, b.occurred_to',
      'x.occurred_from, x.occurred_to',
      'b.occurred',
      'oc(id, occurred_from, occurred_to, plain)',
    )} ON oc.id = b.id)`;
}
