import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actionMatchSql, visibleActionSql } from '../actions/action-filter.js';
import type { ReportedFigureEntity } from '../figures/reported-figure.entity.js';
import { RecordTime } from '../history/record-time.js';
import { SqlParams } from '../common/sql-params.js';
import { ANONYMOUS } from '../common/viewer.js';
import { scopeFilter, type AgenciesWithin } from '../tallies/figure-check.service.js';

/** A figure's record-time moments (epoch milliseconds, rounded up): when it was recorded, and after that, newest first. */
export interface FigureMoments {
  figureId: string;
  recordedMs: number;
  moments: number[];
}

export interface VerdictCacheState {
  /** Moments before this (epoch ms) can no longer change: no transaction that could still commit began before it. */
  settledBeforeMs: number;
  /** Changes whenever the set of actions INTERNAL now changes (they are hidden from the public in the past too). */
  internalActions: string;
}

// Figures per statement: each figure is a branch of its own (its scope's conditions); 50 branches
// keep a statement's text and plan small.
const FIGURES_PER_STATEMENT = 50;
// Replicas may lag the primary (DATABASE_READ_URLS) and the checks may read one: with replicas, a
// moment is treated as settled only once it is this much older than any running transaction
// (replication delay is usually milliseconds; a minute covers a replica catching up after a pause).
const REPLICA_MARGIN_MS = 60_000;

/** Epoch milliseconds of a timestamptz, rounded up: `asRecordedAt` at that millisecond includes the change. */
const CEIL_MS = (expr: string) => `ceil(extract(epoch FROM ${expr}) * 1000)::bigint`;

/**
 * When the records a figure counts changed, in record time. Records are versioned (migration
 * VersionRecordTables): each version of an action was current during [recorded_at, superseded_at).
 * What a figure counts for an anonymous caller changes only when a counted version (in the figure's
 * scope, PUBLIC, not retracted, of an action that is not INTERNAL now) begins or ends: those moments
 * are the only ones at which its verdict can change.
 */
@Injectable()
export class FigureMomentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each figure's moments after it was recorded, newest first, at most `perFigure` of them. */
  async moments(
    figures: readonly ReportedFigureEntity[],
    perFigure: number,
    within: AgenciesWithin,
  ): Promise<FigureMoments[]> {
    if (!Number.isInteger(perFigure))
      throw new Error(`perFigure ${String(perFigure)} is not an integer`);
    const out: FigureMoments[] = [];
    for (let i = 0; i < figures.length; i += FIGURES_PER_STATEMENT) {
      out.push(
        ...(await this.momentsOf(figures.slice(i, i + FIGURES_PER_STATEMENT), perFigure, within)),
      );
    }
    return out;
  }

  private async momentsOf(
    figures: readonly ReportedFigureEntity[],
    perFigure: number,
    within: AgenciesWithin,
  ): Promise<FigureMoments[]> {
    if (figures.length === 0) return [];
    const p = new SqlParams();
    // Any past moment: the visibility policy then also hides the past of actions INTERNAL now.
    const past = new RecordTime(new Date(0), new SqlParams());
    const live = new RecordTime(null, p);
    const branches = figures.map((f) => {
      const id = p.add(f.id, 'uuid');
      const match = actionMatchSql(scopeFilter(f, within), p, live, 'a');
      const counted = `${visibleActionSql(ANONYMOUS, false, past, 'a', 'history')} AND ${match}`;
      const countedNow = `${visibleActionSql(ANONYMOUS, false, past, 'a', 'current')} AND ${match}`;
      return `(SELECT ${id} AS figure_id, m.ms FROM (
          SELECT DISTINCT ${CEIL_MS('v.t')} AS ms FROM (
            SELECT a.recorded_at AS t FROM disciplinary_action a WHERE ${countedNow}
            UNION ALL SELECT a.recorded_at FROM disciplinary_action_history a WHERE ${counted}
            UNION ALL SELECT a.superseded_at FROM disciplinary_action_history a WHERE ${counted}
          ) v) m
        WHERE m.ms > (SELECT ${CEIL_MS('created_at')} FROM reported_figure WHERE id = ${id})
        ORDER BY m.ms DESC LIMIT ${perFigure})`;
    });
    const created = (await this.dataSource.query(
      `SELECT id, ${CEIL_MS('created_at')} AS ms FROM reported_figure WHERE id = ANY($1::uuid[])`,
      [figures.map((f) => f.id)],
    )) as { id: string; ms: string }[];
    const rows = (await this.dataSource.query(branches.join('\nUNION ALL\n'), p.values)) as {
      figure_id: string;
      ms: string;
    }[];
    const byFigure = new Map<string, FigureMoments>(
      created.map((r) => [r.id, { figureId: r.id, recordedMs: Number(r.ms), moments: [] }]),
    );
    for (const r of rows) byFigure.get(r.figure_id)?.moments.push(Number(r.ms));
    for (const m of byFigure.values()) m.moments.sort((a, b) => b - a);
    return figures
      .map((f) => byFigure.get(f.id))
      .filter((m): m is FigureMoments => m !== undefined);
  }

  /**
   * What decides whether a verdict computed for a past moment can be reused. A transaction stamps
   * its versions with its start time but is seen only once it commits, so a moment is settled only
   * when no running transaction began before it (pg_stat_activity; on the embedded database,
   * whose one connection is ours now, nothing else is running). Call it before evaluating: a
   * transaction that starts later is stamped later than every moment settled now.
   */
  async cacheState(): Promise<VerdictCacheState> {
    const [row] = (await this.dataSource.query(`
      SELECT extract(epoch FROM least(now(), (
               SELECT min(xact_start) FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL))) * 1000 AS horizon_ms,
             (SELECT coalesce(md5(string_agg(id::text || ':' || change_seq, ',' ORDER BY id)), '')
                FROM disciplinary_action WHERE visibility = 'INTERNAL') AS internal_actions`)) as {
      horizon_ms: string;
      internal_actions: string;
    }[];
    const replicas =
      (this.dataSource.driver as unknown as { slaves?: unknown[] }).slaves?.length ?? 0;
    return {
      settledBeforeMs: Math.floor(Number(row.horizon_ms)) - (replicas ? REPLICA_MARGIN_MS : 0),
      internalActions: row.internal_actions,
    };
  }
}
