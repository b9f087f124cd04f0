import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asRecordedSql } from '../history/as-recorded.js';
import { actionFilterSql, type ActionFilter, type RankTier } from '../actions/action-filter.js';
import type { ActionType } from '../actions/action.entities.js';
import type { Viewer } from '../common/viewer.js';
import { readQuery } from '../common/read-query.js';
import type { CountRange, Interval, RunningTotalPoint, TallyDimension, TallyGroup, TallyKey } from './tally.types.js';

/** Column expressions per dimension; MONTH carries its year so an unknown month keeps its year. */
const DIMENSION_COLUMNS: Record<TallyDimension, { sql: string; as: string; type: 'text' | 'integer' }[]> = {
  ACTION_TYPE: [{ sql: 'a.action_type', as: 'action_type', type: 'text' }],
  REASON: [{ sql: 'ar.reason_code', as: 'reason_code', type: 'text' }],
  PROVINCE: [{ sql: 'a.province_code', as: 'province_code', type: 'text' }],
  RANK: [{ sql: 'a.rank_code', as: 'rank_code', type: 'text' }],
  RANK_TIER: [{ sql: 'rk.tier', as: 'rank_tier', type: 'text' }],
  MONTH: [
    { sql: 'a.occurred_year', as: 'year', type: 'integer' },
    { sql: 'a.occurred_month', as: 'month', type: 'integer' },
  ],
  YEAR: [{ sql: 'a.occurred_year', as: 'year', type: 'integer' }],
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
}

type Row = Record<string, unknown> & { kind: 'T' | 'G' | 'M'; min: string | number; max: string | number };

function range(row: { min: string | number | null; max: string | number | null } | undefined): CountRange {
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
    if (d === 'MONTH' || d === 'YEAR') key.year = row.year === null ? null : Number(row.year);
    if (d === 'MONTH') key.month = row.month === null ? null : monthLabel(Number(row.month));
  }
  return key;
}

/**
 * The aggregate SQL of tallies and running totals (DOMAIN.md §2). Every method is one statement
 * over disciplinary_action filtered by actionFilterSql; nothing is read into Node per action.
 */
@Injectable()
export class TallyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Total and groups in one statement. `min` sums the people whose whole date range lies in the
   * filter's period; `max` those whose range overlaps it (what actionFilterSql keeps).
   * With REASON, the groups come from a join with action_reason (an action with two reasons is in
   * two groups) while the total counts each action once.
   */
  async tally(filter: ActionFilter, dimensions: readonly TallyDimension[], viewer: Viewer): Promise<TallyRows> {
    const params: unknown[] = [];
    const where = actionFilterSql(filter, viewer, params);
    const certain = this.certainSql(filter, params);
    const columns = dimensions.flatMap((d) => DIMENSION_COLUMNS[d]);
    // Deduplicated (MONTH and YEAR share the year column).
    const unique = [...new Map(columns.map((c) => [c.as, c])).values()];
    const rankJoin = dimensions.includes('RANK_TIER') ? 'LEFT JOIN rank rk ON rk.code = a.rank_code' : '';
    const sums = `coalesce(sum(n) FILTER (WHERE certain), 0)::bigint AS min, coalesce(sum(n), 0)::bigint AS max`;
    const order = unique.map((c) => `${c.as} NULLS LAST`).join(', ');
    let sql: string;
    if (unique.length === 0) {
      sql = `SELECT 'T' AS kind, ${sums} FROM (SELECT a.subject_count AS n, ${certain} AS certain FROM disciplinary_action a WHERE ${where}) m`;
    } else if (!dimensions.includes('REASON')) {
      const names = unique.map((c) => c.as).join(', ');
      sql = `
        SELECT CASE WHEN GROUPING(${names}) = 0 THEN 'G' ELSE 'T' END AS kind, ${names}, ${sums}
        FROM (
          SELECT a.subject_count AS n, ${certain} AS certain, ${unique.map((c) => `${c.sql} AS ${c.as}`).join(', ')}
          FROM disciplinary_action a ${rankJoin}
          WHERE ${where}
        ) m
        GROUP BY GROUPING SETS ((), (${names}))
        ORDER BY kind DESC, ${order}`;
    } else {
      const others = unique.filter((c) => c.as !== 'reason_code');
      const names = unique.map((c) => c.as).join(', ');
      // Typed: the total's and the groups' rows are one UNION, whose column types must agree.
      const nulls = unique.map((c) => `NULL::${c.type} AS ${c.as}`).join(', ');
      // Reason groups are limited to the filter's reasons, when it names some.
      let reasonOn = '';
      if (filter.reasonCodes) {
        params.push(filter.reasonCodes);
        reasonOn = ` AND ar.reason_code = ANY($${params.length}::text[])`;
      }
      sql = `
        WITH m AS MATERIALIZED (
          SELECT a.id, a.subject_count AS n, ${certain} AS certain${others.map((c) => `, ${c.sql} AS ${c.as}`).join('')}
          FROM disciplinary_action a ${rankJoin}
          WHERE ${where}
        ),
        j AS (
          SELECT m.*, ar.reason_code FROM m JOIN action_reason ar ON ar.action_id = m.id${reasonOn}
        ),
        multi AS (
          SELECT n, certain FROM j GROUP BY id, n, certain HAVING count(*) > 1
        )
        SELECT 'T' AS kind, ${nulls}, ${sums} FROM m
        UNION ALL
        SELECT 'M', ${nulls}, ${sums} FROM multi
        UNION ALL
        SELECT 'G', ${names}, ${sums} FROM j GROUP BY ${names}
        ORDER BY kind DESC, ${order}`;
    }
    const rows = (await readQuery(this.dataSource, asRecordedSql(sql, params, filter.asRecordedAt, viewer), params)) as Row[];
    return {
      total: range(rows.find((r) => r.kind === 'T')),
      groups: rows
        .filter((r) => r.kind === 'G')
        .map((r) => {
          const rg = range(r);
          return { key: keyOf(r, dimensions), count: rg.min, range: rg };
        }),
      multiReason: dimensions.includes('REASON') ? range(rows.find((r) => r.kind === 'M')) : null,
    };
  }

  /**
   * Cumulative counts per period in one statement: the matching actions are first reduced to their
   * distinct date ranges (a GROUP BY on two date columns), the few resulting rows are bucketed
   * into periods, and window sums run over generate_series so that empty periods are present.
   * The series runs from the period of the first possible day to that of the last one, within the
   * filter's from/to; the last period is cut at `to`, so its cumulative equals tally(filter).
   * At most `maxPeriods + 1` rows are returned (the caller refuses longer series).
   */
  async runningTotals(filter: ActionFilter, interval: Interval, viewer: Viewer, maxPeriods: number): Promise<RunningTotalPoint[]> {
    const params: unknown[] = [];
    const where = actionFilterSql(filter, viewer, params);
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { unit, step, label } = INTERVAL_SQL[interval];
    const u = p(unit);
    const s = `${p(step)}::interval`;
    const from = `${p(filter.from ?? null)}::date`;
    const to = `${p(filter.to ?? null)}::date`;
    const trunc = (d: string) => `date_trunc(${u}, (${d})::timestamp)::date`;
    const sql = `
      WITH pairs AS (
        SELECT a.occurred_from AS f, a.occurred_to AS t, sum(a.subject_count)::bigint AS n
        FROM disciplinary_action a WHERE ${where}
        GROUP BY a.occurred_from, a.occurred_to
      ),
      bounds AS (
        SELECT ${trunc(`greatest(min(f), ${from})`)} AS lo, ${trunc(`least(max(t), ${to})`)} AS hi FROM pairs
        HAVING count(*) > 0
      ),
      events AS (
        SELECT ${trunc(`greatest(f, coalesce(${from}, f))`)} AS b, n AS possible, 0::bigint AS certain, 0::bigint AS within FROM pairs
        UNION ALL
        SELECT ${trunc('t')}, 0, n, CASE WHEN ${trunc('f')} = ${trunc('t')} THEN n ELSE 0 END FROM pairs
        WHERE (${from} IS NULL OR f >= ${from}) AND (${to} IS NULL OR t <= ${to})
      ),
      per AS (
        SELECT b, sum(possible) AS possible, sum(certain) AS certain, sum(within) AS within FROM events GROUP BY b
      )
      SELECT to_char(g.p, ${p(label)}) AS period, coalesce(per.within, 0)::bigint AS count,
             sum(coalesce(per.certain, 0)) OVER w AS min, sum(coalesce(per.possible, 0)) OVER w AS max
      FROM bounds CROSS JOIN generate_series(bounds.lo::timestamp, bounds.hi::timestamp, ${s}) AS g(p)
      LEFT JOIN per ON per.b = g.p::date
      WINDOW w AS (ORDER BY g.p)
      ORDER BY g.p
      LIMIT ${p(maxPeriods + 1)}`;
    const rows = (await readQuery(this.dataSource, asRecordedSql(sql, params, filter.asRecordedAt, viewer), params)) as {
      period: string;
      count: string;
      min: string;
      max: string;
    }[];
    return rows.map((r) => ({ period: r.period, count: Number(r.count), cumulative: { min: Number(r.min), max: Number(r.max) } }));
  }

  /** "The whole date range lies in the filter's period" as SQL over alias `a`. */
  private certainSql(filter: ActionFilter, params: unknown[]): string {
    const parts: string[] = [];
    if (filter.from) {
      params.push(filter.from);
      parts.push(`a.occurred_from >= $${params.length}::date`);
    }
    if (filter.to) {
      params.push(filter.to);
      parts.push(`a.occurred_to <= $${params.length}::date`);
    }
    return parts.length ? `(${parts.join(' AND ')})` : 'true';
  }
}
