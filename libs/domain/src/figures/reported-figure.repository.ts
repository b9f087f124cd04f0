import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EntityTable } from '../common/entity-columns.js';
import { SqlParams } from '../common/sql-params.js';
import { RecordTime } from '../history/record-time.js';
import { ReportedFigureEntity, type FigureQualifier } from './reported-figure.entity.js';
import type { ActionType } from '../actions/action.entities.js';
import { versionedUpdate } from '../common/versioned-update.js';

export interface FigureFields {
  value: number;
  qualifier: FigureQualifier;
  tolerance: number;
  scopeActionTypes: ActionType[];
  scopeReasonCodes: string[];
  scopeProvinceCodes: string[];
  scopeRankCodes: string[];
  scopeFrom: string | null;
  scopeTo: string | null;
  statedBy: string | null;
  statedOn: string | null;
  sourceId: string;
  excerpt: string | null;
  locator: string | null;
  parentId: string | null;
  partsAreExhaustive: boolean;
  description: string | null;
}

/** The figure table's reads and writes, derived from its entity. */
export const FIGURES = new EntityTable<ReportedFigureEntity>(ReportedFigureEntity, ['id']);

/** Figures whose scope overlaps this one (DOMAIN.md §1 scope; null and empty mean "any"). */
export interface FigureScopeOverlap {
  actionTypes?: readonly string[] | null;
  reasonCodes?: readonly string[] | null;
  provinceCodes?: readonly string[] | null;
  rankCodes?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
}

export type FigureOrder = 'NEWEST_FIRST' | 'STATED_ON';

export interface FigureListOptions {
  scope?: FigureScopeOverlap | null;
  orderBy?: FigureOrder | null;
}

/** SQL conditions of a scope overlap on `reported_figure f`: a figure counting "any" overlaps everything. */
function overlapSql(scope: FigureScopeOverlap | null | undefined, params: unknown[]): string {
  const where: string[] = ['true'];
  if (!scope) return 'true';
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const lists = [
    ['actionTypes', 'scope_action_types'],
    ['reasonCodes', 'scope_reason_codes'],
    ['provinceCodes', 'scope_province_codes'],
    ['rankCodes', 'scope_rank_codes'],
  ] as const;
  for (const [key, column] of lists) {
    const list = scope[key];
    if (list?.length) where.push(`(f.${column} = '{}' OR f.${column} && ${p(list)}::text[])`);
  }
  // A figure's period ends on scope_to, else on the day it was stated.
  if (scope.from) where.push(`(coalesce(f.scope_to, f.stated_on) IS NULL OR coalesce(f.scope_to, f.stated_on) >= ${p(scope.from)}::date)`);
  if (scope.to) where.push(`(f.scope_from IS NULL OR f.scope_from <= ${p(scope.to)}::date)`);
  return where.join(' AND ');
}

@Injectable()
export class ReportedFigureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By id, as they are or (asOf) as they were recorded at a moment; a figure recorded later is not found. */
  async getByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager, asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    const p = new SqlParams([ids]);
    const rt = new RecordTime(asOf, p);
    const rows = (await manager.query(`SELECT ${FIGURES.selectList('f')} FROM ${rt.of('reported_figure')} f WHERE f.id = ANY($1::uuid[])`, p.values)) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => FIGURES.fromRow(r));
  }

  /** Every figure (as recorded at `asOf`): the candidates of the consistency checks, which compare scopes in memory. */
  async all(asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    const p = new SqlParams();
    const rt = new RecordTime(asOf, p);
    // 10,000 figures: far more than any campaign's published figures; bounds one check's memory.
    const rows = (await this.dataSource.query(`SELECT ${FIGURES.selectList('f')} FROM ${rt.of('reported_figure')} f ORDER BY f.seq LIMIT 10000`, p.values)) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => FIGURES.fromRow(r));
  }

  /** Ordered by the day each figure was stated (a timeline), then by entry; keyset on `seq` within it. */
  listPage(limit: number, beforeSeq?: string): Promise<ReportedFigureEntity[]> {
    const qb = this.dataSource.getRepository(ReportedFigureEntity).createQueryBuilder('f');
    if (beforeSeq) qb.where('f.seq < :beforeSeq', { beforeSeq });
    return qb.orderBy('f.seq', 'DESC').limit(limit + 1).getMany();
  }

  async count(scope?: FigureScopeOverlap | null): Promise<number> {
    const params: unknown[] = [];
    const where = overlapSql(scope, params);
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM reported_figure f WHERE ${where}`, params)) as { n: number }[];
    return rows[0].n;
  }

  /**
   * One page of figures whose scope overlaps `scope`: newest entry first, or (STATED_ON) the
   * timeline, oldest statement first, undated last. The keyset cursor is the `seq` of the last row;
   * its (stated_on, seq) position is looked up in the same statement (index figure_stated_idx).
   */
  async listPageFiltered(options: FigureListOptions, limit: number, afterSeq?: string): Promise<ReportedFigureEntity[]> {
    const params: unknown[] = [];
    let where = overlapSql(options.scope, params);
    const timeline = options.orderBy === 'STATED_ON';
    const position = `(coalesce(f.stated_on, 'infinity'::date), f.seq)`;
    if (afterSeq) {
      params.push(afterSeq);
      where += timeline
        ? ` AND ${position} > (SELECT coalesce(c.stated_on, 'infinity'::date), c.seq FROM reported_figure c WHERE c.seq = $${params.length})`
        : ` AND f.seq < $${params.length}`;
    }
    params.push(limit + 1);
    const order = timeline ? `coalesce(f.stated_on, 'infinity'::date), f.seq` : 'f.seq DESC';
    const rows = (await this.dataSource.query(`SELECT f.id FROM reported_figure f WHERE ${where} ORDER BY ${order} LIMIT $${params.length}`, params)) as {
      id: string;
    }[];
    const byId = new Map((await this.getByIds(rows.map((r) => r.id))).map((f) => [f.id, f]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  async childrenOf(parentIds: readonly string[], asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    const p = new SqlParams([parentIds]);
    const rt = new RecordTime(asOf, p);
    const rows = (await this.dataSource.query(
      `SELECT ${FIGURES.selectList('f')} FROM ${rt.of('reported_figure')} f WHERE f.parent_id = ANY($1::uuid[]) ORDER BY f.seq`,
      p.values,
    )) as Record<string, unknown>[];
    return rows.map((r) => FIGURES.fromRow(r));
  }

  async insert(manager: EntityManager, f: FigureFields): Promise<string> {
    const names = Object.keys(f) as (keyof FigureFields)[];
    const rows = (await manager.query(
      `INSERT INTO reported_figure (${names.map((n) => FIGURES.column(n)).join(', ')})
       VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      names.map((n) => f[n]),
    )) as { id: string }[];
    return rows[0].id;
  }

  update(manager: EntityManager, id: string, expectedVersion: number, patch: Partial<FigureFields>): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[FIGURES.column(key as keyof FigureFields)] = value;
    }
    return versionedUpdate(manager, 'reported_figure', 'Reported figure', id, expectedVersion, columns);
  }

  /** True when `candidateParentId` is `id` itself or one of its descendants (a cycle). */
  async wouldCycle(manager: EntityManager, id: string, candidateParentId: string): Promise<boolean> {
    const rows = (await manager.query(
      `WITH RECURSIVE down(id) AS (
         SELECT $1::uuid UNION SELECT f.id FROM reported_figure f JOIN down d ON f.parent_id = d.id
       ) SELECT 1 FROM down WHERE id = $2::uuid LIMIT 1`,
      [id, candidateParentId],
    )) as unknown[];
    return rows.length > 0;
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = (await manager.query('SELECT 1 FROM reported_figure WHERE id = $1', [id])) as unknown[];
    return rows.length > 0;
  }
}
