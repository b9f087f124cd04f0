import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_POOLS, type DatabasePools } from '@app/core';
import { visibleActionSql, type ActionFilter, type RankTier } from '../actions/action-filter.js';
import { visibilityOf } from '../access/visibility.js';
import type { ActionType } from '../actions/action.entities.js';
import type { Viewer } from '../common/viewer.js';
import {
  readQuery,
  readQueryWithSettings,
  readQueryWithoutJit,
  type PlannerSettings,
} from '../common/read-query.js';
import { SqlParams } from '../common/sql-params.js';
import { RecordTime, type RecordTimePart } from '../history/record-time.js';
import { countingSql, disputedActionsSql, reasonShareSql } from './counting-sql.js';
import type {
  CountRange,
  Interval,
  RunningTotalPoint,
  TallyAdjustments,
  TallyDimension,
  TallyGroup,
  TallyKey,
} from './tally.types.js';

/** Column expressions per dimension; MONTH carries its year so an unknown month keeps its year. */
const DIMENSION_COLUMNS: Record<
  TallyDimension,
  { sql: string; as: string; type: 'text' | 'integer' }[]
> = {
  ACTION_TYPE: [{ sql: 'a.action_type', as: 'action_type', type: 'text' }],
  REASON: [{ sql: 'r.code', as: 'reason_code', type: 'text' }],
  PROVINCE: [{ sql: 'a.province_code', as: 'province_code', type: 'text' }],
  RANK: [{ sql: 'a.rank_code', as: 'rank_code', type: 'text' }],
  RANK_TIER: [{ sql: 'rk.tier', as: 'rank_tier', type: 'text' }],
  MONTH: [
    { sql: 'a.occurred_year', as: 'year', type: 'integer' },
    { sql: 'a.occurred_month', as: 'month', type: 'integer' },
  ],
  YEAR: [{ sql: 'a.occurred_year', as: 'year', type: 'integer' }],
  AGENCY: [{ sql: 'a.agency_code', as: 'agency_code', type: 'text' }],
};

const INTERVAL_SQL: Record<Interval, { unit: string; step: string; label: string }> = {
  DAY: { unit: 'day', step: '1 day', label: 'YYYY-MM-DD' },
  WEEK: { unit: 'week', step: '1 week', label: 'IYYY-"W"IW' },
  MONTH: { unit: 'month', step: '1 month', label: 'YYYY-MM' },
  YEAR: { unit: 'year', step: '1 year', label: 'YYYY' },
};

export interface TallyRows {
  total: CountRange;
  groups: TallyGroup[];
  multiReason: CountRange | null;
  adjustments: TallyAdjustments;
}

/** One scope to count for a figure check: its filter, and the source whose records are not independent of it. */
export interface CheckScope {
  filter: ActionFilter;
  /** The statement's own sources (the figure's, and its original's and repeats' when it is repeated): `independent` counts only actions citing some other source. */
  ownSourceIds: readonly string[];
}

export interface CheckRanges {
  recorded: CountRange;
  independent: CountRange;
}

type Row = Record<string, unknown> & {
  kind: 'T' | 'G' | 'M';
  min: string | number;
  max: string | number;
};

function range(
  row: { min: string | number | null; max: string | number | null } | undefined,
): CountRange {
  return { min: Number(row?.min ?? 0), max: Number(row?.max ?? 0) };
}

function monthLabel(key: number): string {
  return `${Math.floor(key / 100)}-${String(key % 100).padStart(2, '0')}`;
}

function keyOf(row: Row, dimensions: readonly TallyDimension[]): TallyKey {
  const key: TallyKey = {};
  for (const d of dimensions) {
    if (d === 'ACTION_TYPE') key.actionType = row.action_type as ActionType;
    if (d === 'REASON') key.reasonCode = row.reason_code as string;
    if (d === 'PROVINCE') key.provinceCode = (row.province_code as string) ?? null;
    if (d === 'RANK') key.rankCode = (row.rank_code as string) ?? null;
    if (d === 'RANK_TIER') key.rankTier = (row.rank_tier as RankTier) ?? null;
    if (d === 'AGENCY') key.agencyCode = (row.agency_code as string) ?? null;
    if (d === 'MONTH' || d === 'YEAR') key.year = row.year === null ? null : Number(row.year);
    if (d === 'MONTH') key.month = row.month === null ? null : monthLabel(Number(row.month));
  }
  return key;
}

// Sums of a contribution subquery's columns: people for certain, people possibly, records counted.
const SUMS = `coalesce(sum(lo) FILTER (WHERE counted AND certain), 0)::bigint AS min, coalesce(sum(hi) FILTER (WHERE counted), 0)::bigint AS max,
  count(*) FILTER (WHERE counted) AS records`;
// What the counting rules changed (README "Counting once"): people in folded duplicates, named members
// taken off their groups, people left out as reversed or as earlier steps of a case.
const ADJUSTMENT_SUMS = `coalesce(sum(sc) FILTER (WHERE folded), 0)::bigint AS duplicates_folded,
  coalesce(sum(named) FILTER (WHERE counted), 0)::bigint AS named_members,
  coalesce(sum(n) FILTER (WHERE reversed AND NOT folded), 0)::bigint AS reversed_people,
  coalesce(sum(n) FILTER (WHERE earlier AND NOT folded), 0)::bigint AS earlier_steps`;
const NO_ADJUSTMENTS = `0::bigint AS duplicates_folded, 0::bigint AS named_members, 0::bigint AS reversed_people, 0::bigint AS earlier_steps`;

/**
 * The aggregate SQL of tallies, running totals and figure checks (DOMAIN.md §2, §3). Every method
 * is one statement over the actions as the caller may see them, live or as recorded at a moment
 * (RecordTime), with each action's contribution from counting-sql.ts; nothing is read into Node
 * per action.
 */
@Injectable()
export class TallyRepository {
  constructor(@Inject(DATABASE_POOLS) private readonly pools: DatabasePools) {}

  /**
   * Total and groups in one statement. With REASON, the groups come from each action's reasons (an
   * action with two reasons is in two groups, a group's share per reason as reasonShareSql says)
   * while the total counts each action once.
   */
  async tally(
    filter: ActionFilter,
    dimensions: readonly TallyDimension[],
    viewer: Viewer,
    withAdjustments = true,
  ): Promise<TallyRows> {
    if (filter.disputedAs === 'UNCERTAIN') return this.tallyUncertain(filter, dimensions, viewer);
    const p = new SqlParams();
    const rt = new RecordTime(filter.asRecordedAt, p);
    const noCases = !(await this.casesRecorded());
    const c = countingSql(filter, viewer, p, rt, 'a', { noCases });
    const columns = dimensions.flatMap((d) => DIMENSION_COLUMNS[d]);
    // Deduplicated (MONTH and YEAR share the year column).
    const unique = [...new Map(columns.map((col) => [col.as, col])).values()];
    const rankJoin = dimensions.includes('RANK_TIER')
      ? 'LEFT JOIN rank rk ON rk.code = a.rank_code'
      : '';
    const from = `${rt.of('disciplinary_action')} a ${rankJoin}`;
    // The rows below are selected from each part of the record time's relation in turn (the table
    // live; as recorded, its current rows and its history rows valid then), each part grouped on its
    // own where the form groups: see RecordTime.parts.
    const parts = rt.parts('disciplinary_action').map((part) => ({
      from: `${part.sql} a ${rankJoin}`,
      where: partWhere(viewer, filter, rt, part, c.match),
    }));
    const order = unique.map((col) => `${col.as} NULLS LAST`).join(', ');
    // Each row's contribution and why it might not count (the adjustments the tally reports). When
    // the adjustments are not asked for, rows that do not count are left out by the WHERE clause
    // instead (the same sums; no per-row flags for what the answer does not show).
    const flags = withAdjustments
      ? `${c.counted} AS counted, ${c.certain} AS certain, ${c.lo} AS lo, ${c.hi} AS hi, ${c.people} AS n,
      a.subject_count AS sc, ${c.folded} AS folded, ${c.earlierStep} AS earlier, ${c.reversed} AS reversed, ${c.namedMembers} AS named`
      : `true AS counted, ${c.certain} AS certain, ${c.lo} AS lo, ${c.hi} AS hi, ${c.people} AS n`;
    const where = withAdjustments ? c.where : `${c.where} AND ${c.countedWhere}`;
    const adjustments = withAdjustments ? ADJUSTMENT_SUMS : NO_ADJUSTMENTS;
    // Every row left counts: the sums need no flag, and the same sum written the same way is
    // computed once (with no period and no reason split, min and max are one sum).
    const plainSums = `coalesce(sum(lo)${c.certain === 'true' ? '' : ' FILTER (WHERE certain)'}, 0)::bigint AS min,
      coalesce(sum(${c.lo === c.hi ? 'lo' : 'hi'}), 0)::bigint AS max, count(*) AS records`;
    const sums = withAdjustments ? SUMS : plainSums;
    // People as records less corrections: when each row's people is its subject_count unless it is
    // a folded duplicate (0) or a group with named members (fewer), and no other rule applies (no
    // case, reason filter, reversal or adjustment asked for), the sums are those of the records
    // (a scan of the row's first columns) plus one negative row per exception, found by partial
    // indexes: the same numbers as `lo`/`hi` per row, without reading the counting columns of every row.
    // As recorded, each part (current rows, history rows) is grouped on its own: grouped over the
    // parts' UNION, PostgreSQL could not estimate the groups and sorted a million rows on disk
    // (5.9x live at 1M, three dimensions).
    const linear =
      !withAdjustments &&
      noCases &&
      !filter.reasonCodes &&
      !filter.netOfReversals &&
      !filter.countDuplicates &&
      !dimensions.includes('REASON');
    // Each branch is grouped on its own first (PostgreSQL estimates the groups of a table, not of a
    // UNION: grouping the union of a million rows it would sort them on disk); the outer grouping
    // then adds up a few thousand partial sums.
    const rows = (cols: string) => {
      if (!linear) {
        const counted = withAdjustments ? '' : ` AND ${c.countedWhere}`;
        return parts
          .map((part) => `SELECT ${flags}${cols} FROM ${part.from} WHERE ${part.where}${counted}`)
          .join('\n           UNION ALL\n           ');
      }
      const by = unique.length ? `GROUP BY ${unique.map((col) => col.sql).join(', ')}` : '';
      const certainSum = (x: string) =>
        c.certain === 'true' ? `sum(${x})` : `sum(${x}) FILTER (WHERE ${c.certain})`;
      const correction = `-(a.subject_count - CASE WHEN ${c.folded} THEN 0 ELSE ${c.people} END)`;
      return parts
        .map(
          (
            part,
          ) => `SELECT ${certainSum('a.subject_count')} AS lo_certain, sum(a.subject_count) AS lo_all, count(*) AS rec${cols}
           FROM ${part.from} WHERE ${part.where} ${by}
           UNION ALL
           SELECT ${certainSum(correction)}, sum(${correction}), sum(CASE WHEN ${c.folded} THEN -1 ELSE 0 END)${cols}
           FROM ${part.from} WHERE ${part.where} AND ${c.exceptional} ${by}`,
        )
        .join('\n           UNION ALL\n           ');
    };
    const linearSums = `coalesce(sum(lo_certain), 0)::bigint AS min, coalesce(sum(lo_all), 0)::bigint AS max,
      sum(rec) AS records`;
    const sumsOf = linear ? linearSums : sums;
    let sql: string;
    if (unique.length === 0) {
      sql = `SELECT 'T' AS kind, ${sumsOf}, ${adjustments} FROM (${rows('')}) m`;
    } else if (!dimensions.includes('REASON')) {
      const names = unique.map((col) => col.as).join(', ');
      sql = `
        SELECT CASE WHEN GROUPING(${names}) = 0 THEN 'G' ELSE 'T' END AS kind, ${names}, ${sumsOf}, ${adjustments}
        FROM (${rows(unique.map((col) => `, ${col.sql} AS ${col.as}`).join(''))}) m
        GROUP BY GROUPING SETS ((), (${names}))
        ORDER BY kind DESC, ${order}`;
    } else {
      const others = unique.filter((col) => col.as !== 'reason_code');
      const names = unique.map((col) => col.as).join(', ');
      const nulls = unique.map((col) => `NULL::${col.type} AS ${col.as}`).join(', ');
      const share = reasonShareSql('m', 'r.k', 'm.n');
      // Reason groups are limited to the filter's reasons, when it names some; only counted rows are in groups.
      const reasonOn = filter.reasonCodes
        ? `AND r.code = ANY(${p.add(filter.reasonCodes, 'text[]')})`
        : '';
      sql = `
        WITH m AS MATERIALIZED (
          SELECT a.id, a.subject_count, a.reason_codes, a.reason_counts, ${flags}${others.map((col) => `, ${col.sql} AS ${col.as}`).join('')}
          FROM ${from} WHERE ${where}
        ),
        j AS (
          SELECT m.id, m.certain, m.counted, m.lo AS whole_lo, m.hi AS whole_hi, r.code AS reason_code, ${share.lo} AS lo, ${share.hi} AS hi
                 ${others.map((col) => `, m.${col.as}`).join('')}
          FROM m CROSS JOIN LATERAL unnest(m.reason_codes, m.reason_counts) AS r(code, k) WHERE m.counted ${reasonOn}
        ),
        multi AS (
          SELECT certain, counted, min(whole_lo) AS lo, min(whole_hi) AS hi FROM j GROUP BY id, certain, counted HAVING count(*) > 1
        )
        SELECT 'T' AS kind, ${nulls}, ${SUMS}, ${adjustments} FROM m
        UNION ALL
        SELECT 'M', ${nulls}, ${SUMS}, ${NO_ADJUSTMENTS} FROM multi
        UNION ALL
        SELECT 'G', ${names}, ${SUMS}, ${NO_ADJUSTMENTS} FROM j GROUP BY ${names}
        ORDER BY kind DESC, ${order}`;
    }
    const result = rt.live
      ? await readQuery(this.pools, sql, p.values)
      : await readQueryWithSettings(this.pools, sql, p.values, AS_OF_SETTINGS);
    return this.tallyRows(result as Row[], dimensions);
  }

  /**
   * Whether any action is, or ever was, a step of a FOLLOWS case (two index probes). Until one is,
   * the later-step rule changes no count, and tallies leave its per-row check out.
   */
  private async casesRecorded(): Promise<boolean> {
    const [row] = (await readQuery(
      this.pools,
      `SELECT EXISTS (SELECT 1 FROM disciplinary_action WHERE case_id IS NOT NULL)
           OR EXISTS (SELECT 1 FROM disciplinary_action_history WHERE case_id IS NOT NULL) AS found`,
      [],
    )) as { found: boolean }[];
    return row.found;
  }

  private tallyRows(rows: Row[], dimensions: readonly TallyDimension[]): TallyRows {
    const total = rows.find((r) => r.kind === 'T');
    return {
      total: range(total),
      groups: rows
        // A group whose every record is a folded duplicate (or an earlier step) counts nobody: it is not a group.
        .filter((r) => r.kind === 'G' && Number(r.records) > 0)
        .map((r) => {
          const rg = range(r);
          return { key: keyOf(r, dimensions), count: rg.min, range: rg };
        }),
      multiReason: dimensions.includes('REASON') ? range(rows.find((r) => r.kind === 'M')) : null,
      adjustments: {
        duplicatesFolded: Number(total?.duplicates_folded ?? 0),
        namedMembersOfGroups: Number(total?.named_members ?? 0),
        reversed: Number(total?.reversed_people ?? 0),
        earlierSteps: Number(total?.earlier_steps ?? 0),
      },
    };
  }

  /**
   * The tally with disputedAs UNCERTAIN (README "Disagreeing sources"), over one row per
   * combination of an action's non-deprecated values (disputedActionsSql). Per action and group: for
   * certain (its smallest count) when every row of the action matches, counts and is certain in that
   * group; possibly (its largest count) when some row does. Adjustments are those of the actions as
   * they stand.
   */
  private async tallyUncertain(
    filter: ActionFilter,
    dimensions: readonly TallyDimension[],
    viewer: Viewer,
  ): Promise<TallyRows> {
    const p = new SqlParams();
    const rt = new RecordTime(filter.asRecordedAt, p);
    const c = countingSql(filter, viewer, p, rt);
    const columns = dimensions.flatMap((d) => DIMENSION_COLUMNS[d]);
    const unique = [...new Map(columns.map((col) => [col.as, col])).values()];
    const others = unique.filter((col) => col.as !== 'reason_code');
    const rankJoin = dimensions.includes('RANK_TIER')
      ? 'LEFT JOIN rank rk ON rk.code = a.rank_code'
      : '';
    const v = `SELECT a.id, a.alt_variants AS nv, a.alt_plain AS plain, (${c.match}) AS matched, ${c.counted} AS counted, ${c.certain} AS certain,
        ${c.lo} AS lo, ${c.hi} AS hi, ${c.people} AS n, a.subject_count, a.reason_codes, a.reason_counts,
        a.subject_count AS sc, ${c.folded} AS folded, ${c.earlierStep} AS earlier, ${c.reversed} AS reversed, ${c.namedMembers} AS named
        ${others.map((col) => `, ${col.sql} AS ${col.as}`).join('')}
      FROM ${disputedActionsSql(rt)} a ${rankJoin} WHERE ${c.visible}`;
    // Every row of the action in this group matches, counts and is certain: its smallest count; some row does: its largest.
    const perAction = `CASE WHEN count(*) FILTER (WHERE matched AND counted AND certain) = max(nv) THEN min(lo) ELSE 0 END AS lo,
      coalesce(max(hi) FILTER (WHERE matched AND counted), 0) AS hi, bool_or(matched AND counted) AS any_counted`;
    const sums = `coalesce(sum(lo), 0)::bigint AS min, coalesce(sum(hi), 0)::bigint AS max, count(*) FILTER (WHERE any_counted) AS records`;
    const names = unique.map((col) => col.as).join(', ');
    const lead = unique.map((col) => `NULL::${col.type} AS ${col.as}, `).join('');
    let reasonRows = '';
    let groups = '';
    let multi = '';
    if (dimensions.includes('REASON')) {
      const share = reasonShareSql('v', 'r.k', 'v.n');
      const reasonOn = filter.reasonCodes
        ? `AND r.code = ANY(${p.add(filter.reasonCodes, 'text[]')})`
        : '';
      reasonRows = `, vr AS (
          SELECT v.id, v.nv, v.plain, v.matched, v.counted, v.certain, v.lo AS whole_lo, v.hi AS whole_hi, r.code AS reason_code,
                 ${share.lo} AS lo, ${share.hi} AS hi ${others.map((col) => `, v.${col.as}`).join('')}
          FROM v CROSS JOIN LATERAL unnest(v.reason_codes, v.reason_counts) AS r(code, k) WHERE true ${reasonOn}
        )`;
      groups = `UNION ALL SELECT 'G', ${names}, ${sums}, ${NO_ADJUSTMENTS} FROM (
          SELECT id, ${names}, ${perAction} FROM vr GROUP BY id, ${names}) g
        GROUP BY ${names} HAVING bool_or(any_counted)`;
      multi = `UNION ALL SELECT 'M', ${lead}coalesce(sum(lo) FILTER (WHERE c), 0)::bigint, coalesce(sum(hi), 0)::bigint, count(*), ${NO_ADJUSTMENTS} FROM (
          SELECT id, bool_and(certain) AS c, min(whole_lo) AS lo, min(whole_hi) AS hi FROM vr WHERE plain AND matched AND counted
          GROUP BY id HAVING count(*) > 1) mm`;
    } else if (unique.length) {
      groups = `UNION ALL SELECT 'G', ${names}, ${sums}, ${NO_ADJUSTMENTS} FROM (
          SELECT id, ${names}, ${perAction} FROM v GROUP BY id, ${names}) g
        GROUP BY ${names} HAVING bool_or(any_counted)`;
    }
    const order = unique.map((col) => `, ${col.as} NULLS LAST`).join('');
    const sql = `
      WITH v AS MATERIALIZED (${v})${reasonRows},
      adj AS (SELECT ${ADJUSTMENT_SUMS} FROM v WHERE plain AND matched)
      SELECT 'T' AS kind, ${lead}t.min, t.max, t.records, adj.* FROM (
        SELECT ${sums} FROM (SELECT id, ${perAction} FROM v GROUP BY id) x) t CROSS JOIN adj
      ${groups}
      ${multi}
      ORDER BY kind DESC${order}`;
    return this.tallyRows(
      (await readQueryWithoutJit(this.pools, sql, p.values)) as Row[],
      dimensions,
    );
  }

  /**
   * The recorded and the independent range of several figure scopes, in one scan of the actions
   * (the common visibility once, each scope's conditions as aggregate filters). `independent`
   * counts only actions that cite a source other than the figure's own. All scopes share the record
   * time and the retraction rule of the first (figure checks never count retractions).
   */
  async checkRanges(
    scopes: readonly CheckScope[],
    viewer: Viewer,
    asRecordedAt: Date | null | undefined,
  ): Promise<CheckRanges[]> {
    if (scopes.length === 0) return [];
    if (scopes[0].filter.disputedAs === 'UNCERTAIN')
      return this.checkRangesUncertain(scopes, viewer, asRecordedAt);
    const p = new SqlParams();
    const rt = new RecordTime(asRecordedAt, p);
    const audience = visibilityOf(viewer).seesAll ? 'all' : 'public';
    const columns = scopes.map((s, i) => {
      const c = countingSql(s.filter, viewer, p, rt);
      // c.where repeats the common visibility below; every parameter it adds must appear in the SQL.
      const match = `(${c.where} AND ${c.counted})`;
      const independent = independentSql(s.ownSourceIds, audience, p, rt);
      const m = `m${i}`;
      return {
        inner: `CASE WHEN ${match} THEN ${c.lo} END AS ${m}_lo, CASE WHEN ${match} THEN ${c.hi} END AS ${m}_hi,
                CASE WHEN ${match} THEN ${c.certain} END AS ${m}_certain,
                CASE WHEN ${match} THEN ${independent} END AS ${m}_independent`,
        outer: `coalesce(sum(${m}_lo) FILTER (WHERE ${m}_certain), 0)::bigint AS ${m}_rmin, coalesce(sum(${m}_hi), 0)::bigint AS ${m}_rmax,
                coalesce(sum(${m}_lo) FILTER (WHERE ${m}_certain AND ${m}_independent), 0)::bigint AS ${m}_imin,
                coalesce(sum(${m}_hi) FILTER (WHERE ${m}_independent), 0)::bigint AS ${m}_imax`,
      };
    });
    const visible = visibleActionSql(viewer, false, rt);
    const sql = `SELECT ${columns.map((c) => c.outer).join(',\n')}
      FROM (SELECT ${columns.map((c) => c.inner).join(',\n')} FROM ${rt.of('disciplinary_action')} a WHERE ${visible}) x`;
    const [row] = (await readQuery(this.pools, sql, p.values)) as Record<string, string>[];
    return scopes.map((_, i) => ({
      recorded: { min: Number(row[`m${i}_rmin`]), max: Number(row[`m${i}_rmax`]) },
      independent: { min: Number(row[`m${i}_imin`]), max: Number(row[`m${i}_imax`]) },
    }));
  }

  /** checkRanges with disputedAs UNCERTAIN: per action over its rows of disputedActionsSql, then summed (see tallyUncertain). */
  private async checkRangesUncertain(
    scopes: readonly CheckScope[],
    viewer: Viewer,
    asRecordedAt: Date | null | undefined,
  ): Promise<CheckRanges[]> {
    const p = new SqlParams();
    const rt = new RecordTime(asRecordedAt, p);
    const audience = visibilityOf(viewer).seesAll ? 'all' : 'public';
    const columns = scopes.map((s, i) => {
      const c = countingSql(s.filter, viewer, p, rt);
      const match = `(${c.where} AND ${c.counted})`;
      const independent = independentSql(s.ownSourceIds, audience, p, rt);
      const m = `m${i}`;
      return {
        inner: `${match} AS ${m}_match, ${c.lo} AS ${m}_lo, ${c.hi} AS ${m}_hi, ${c.certain} AS ${m}_certain, ${independent} AS ${m}_independent`,
        action: `CASE WHEN count(*) FILTER (WHERE ${m}_match AND ${m}_certain) = max(nv) THEN min(${m}_lo) ELSE 0 END AS ${m}_lo,
                 coalesce(max(${m}_hi) FILTER (WHERE ${m}_match), 0) AS ${m}_hi, bool_or(${m}_independent) AS ${m}_independent`,
        outer: `coalesce(sum(${m}_lo), 0)::bigint AS ${m}_rmin, coalesce(sum(${m}_hi), 0)::bigint AS ${m}_rmax,
                coalesce(sum(${m}_lo) FILTER (WHERE ${m}_independent), 0)::bigint AS ${m}_imin,
                coalesce(sum(${m}_hi) FILTER (WHERE ${m}_independent), 0)::bigint AS ${m}_imax`,
      };
    });
    const visible = visibleActionSql(viewer, false, rt);
    const sql = `SELECT ${columns.map((c) => c.outer).join(',\n')} FROM (
        SELECT ${columns.map((c) => c.action).join(',\n')} FROM (
          SELECT a.id, a.alt_variants AS nv, ${columns.map((c) => c.inner).join(',\n')} FROM ${disputedActionsSql(rt)} a WHERE ${visible}) x
        GROUP BY id) y`;
    const [row] = (await readQueryWithoutJit(this.pools, sql, p.values)) as Record<
      string,
      string
    >[];
    return scopes.map((_, i) => ({
      recorded: { min: Number(row[`m${i}_rmin`]), max: Number(row[`m${i}_rmax`]) },
      independent: { min: Number(row[`m${i}_imin`]), max: Number(row[`m${i}_imax`]) },
    }));
  }

  /**
   * Cumulative counts per period in one statement: the matching actions are first reduced to their
   * distinct date ranges (a GROUP BY on two date columns), the few resulting rows are bucketed
   * into periods, and window sums run over generate_series so that empty periods are present.
   * The series runs from the period of the first possible day to that of the last one, within the
   * filter's from/to; the last period is cut at `to`, so its cumulative equals tally(filter).
   * At most `maxPeriods + 1` rows are returned (the caller refuses longer series).
   */
  async runningTotals(
    filter: ActionFilter,
    interval: Interval,
    viewer: Viewer,
    maxPeriods: number,
  ): Promise<RunningTotalPoint[]> {
    const p = new SqlParams();
    const rt = new RecordTime(filter.asRecordedAt, p);
    // The period is applied by the buckets below: here, who counts and a group's reason share.
    const noCases = !(await this.casesRecorded());
    const c = countingSql(filter, viewer, p, rt, 'a', { ignorePeriod: true, noCases });
    // UNCERTAIN: each action once, over the widened range of its matching rows; certain only when all of them match.
    const pairs =
      filter.disputedAs === 'UNCERTAIN'
        ? `SELECT f, t, sum(lo)::bigint AS lo, sum(hi)::bigint AS hi FROM (
             SELECT id, min(f) FILTER (WHERE ok) AS f, max(t) FILTER (WHERE ok) AS t,
                    CASE WHEN count(*) FILTER (WHERE ok) = max(nv) THEN min(lo) ELSE 0 END AS lo, max(hi) FILTER (WHERE ok) AS hi
             FROM (SELECT a.id, a.alt_variants AS nv, (${c.match} AND ${c.counted}) AS ok, a.occurred_from AS f, a.occurred_to AS t, ${c.lo} AS lo, ${c.hi} AS hi
                   FROM ${disputedActionsSql(rt)} a WHERE ${c.visible}) v
             GROUP BY id HAVING bool_or(ok)) x
           GROUP BY f, t`
        : rt
            .parts('disciplinary_action')
            .map(
              // Each part grouped on its own (RecordTime.parts), with the visibility rule written for
              // it: a pair of dates may come twice, once a part, and every use below adds them up.
              (
                part,
              ) => `SELECT a.occurred_from AS f, a.occurred_to AS t, sum(${c.lo})::bigint AS lo, sum(${c.hi})::bigint AS hi
           FROM ${part.sql} a
           WHERE ${partWhere(viewer, filter, rt, part, c.match)} AND ${c.countedWhere}
           GROUP BY a.occurred_from, a.occurred_to`,
            )
            .join('\n           UNION ALL\n           ');
    const { unit, step, label } = INTERVAL_SQL[interval];
    const u = p.add(unit);
    const s = `${p.add(step)}::interval`;
    const from = p.add(filter.from ?? null, 'date');
    const to = p.add(filter.to ?? null, 'date');
    const trunc = (d: string) => `date_trunc(${u}, (${d})::timestamp)::date`;
    const sql = `
      WITH pairs AS (${pairs}),
      bounds AS (
        SELECT ${trunc(`greatest(min(f), ${from})`)} AS lo, ${trunc(`least(max(t), ${to})`)} AS hi FROM pairs
        HAVING count(*) > 0
      ),
      events AS (
        SELECT ${trunc(`greatest(f, coalesce(${from}, f))`)} AS b, hi AS possible, 0::bigint AS certain, 0::bigint AS within FROM pairs
        UNION ALL
        SELECT ${trunc('t')}, 0, lo, CASE WHEN ${trunc('f')} = ${trunc('t')} THEN lo ELSE 0 END FROM pairs
        WHERE (${from} IS NULL OR f >= ${from}) AND (${to} IS NULL OR t <= ${to})
      ),
      per AS (
        SELECT b, sum(possible) AS possible, sum(certain) AS certain, sum(within) AS within FROM events GROUP BY b
      )
      SELECT to_char(g.p, ${p.add(label)}) AS period, coalesce(per.within, 0)::bigint AS count,
             sum(coalesce(per.certain, 0)) OVER w AS min, sum(coalesce(per.possible, 0)) OVER w AS max
      FROM bounds CROSS JOIN generate_series(bounds.lo::timestamp, bounds.hi::timestamp, ${s}) AS g(p)
      LEFT JOIN per ON per.b = g.p::date
      WINDOW w AS (ORDER BY g.p)
      ORDER BY g.p
      LIMIT ${p.add(maxPeriods + 1)}`;
    const rows = (
      filter.disputedAs === 'UNCERTAIN'
        ? await readQueryWithoutJit(this.pools, sql, p.values)
        : rt.live
          ? await readQuery(this.pools, sql, p.values)
          : await readQueryWithSettings(this.pools, sql, p.values, AS_OF_SETTINGS)
    ) as {
      period: string;
      count: string;
      min: string;
      max: string;
    }[];
    return rows.map((r) => ({
      period: r.period,
      count: Number(r.count),
      cumulative: { min: Number(r.min), max: Number(r.max) },
    }));
  }
}

/**
 * As recorded, a query over the parts (current rows, history rows) runs without Parallel Append:
 * with it PostgreSQL gave the million current rows to one worker as a whole (its per-part
 * aggregate is not partial), 1.98x live at the midpoint of 1M actions; without, each part is
 * scanned in parallel under its own Gather (three dimensions: 0.70 s to 0.59 s).
 */
const AS_OF_SETTINGS: PlannerSettings = { enable_parallel_append: 'off' };

/**
 * Which rows of one part of the actions at a record time (RecordTime.parts) a viewer counts: the
 * visibility rule written for the part, then the filter's own conditions (`match`). A current row
 * needs no probe of whether its action is INTERNAL now; a history row's probe is an anti-join.
 * Queries over the parts run with AS_OF_SETTINGS.
 */
function partWhere(
  viewer: Viewer,
  filter: ActionFilter,
  rt: RecordTime,
  part: RecordTimePart,
  match: string,
): string {
  return `${visibleActionSql(viewer, filter.includeRetracted ?? false, rt, 'a', part.kind)} AND ${match}`;
}

/**
 * Independent (README "How a figure is checked"): the action `a`, or a duplicate folded into it (a
 * SAME_AS set shows all its members' citations), cites a source other than the figure's own.
 */
function independentSql(
  ownSourceIds: readonly string[],
  audience: 'all' | 'public',
  p: SqlParams,
  rt: RecordTime,
): string {
  const own = `ALL(${p.add(ownSourceIds, 'uuid[]')})`;
  return `(EXISTS (SELECT 1 FROM ${rt.of('citation')} ic WHERE ic.action_id = a.id AND ic.source_id <> ${own})
    OR EXISTS (SELECT 1 FROM ${rt.of('disciplinary_action')} d JOIN ${rt.of('citation')} dc ON dc.action_id = d.id
               WHERE d.fold_${audience} = a.id AND dc.source_id <> ${own}))`;
}
