import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
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

const COLUMNS: Record<keyof FigureFields, string> = {
  value: 'value',
  qualifier: 'qualifier',
  tolerance: 'tolerance',
  scopeActionTypes: 'scope_action_types',
  scopeReasonCodes: 'scope_reason_codes',
  scopeProvinceCodes: 'scope_province_codes',
  scopeRankCodes: 'scope_rank_codes',
  scopeFrom: 'scope_from',
  scopeTo: 'scope_to',
  statedBy: 'stated_by',
  statedOn: 'stated_on',
  sourceId: 'source_id',
  excerpt: 'excerpt',
  locator: 'locator',
  parentId: 'parent_id',
  partsAreExhaustive: 'parts_are_exhaustive',
  description: 'description',
};

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
  if (scope.from) where.push(`(f.scope_to IS NULL OR f.scope_to >= ${p(scope.from)}::date)`);
  if (scope.to) where.push(`(f.scope_from IS NULL OR f.scope_from <= ${p(scope.to)}::date)`);
  return where.join(' AND ');
}

@Injectable()
export class ReportedFigureRepository {
  constructor(private readonly dataSource: DataSource) {}

  getByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<ReportedFigureEntity[]> {
    return manager.getRepository(ReportedFigureEntity).findBy({ id: In([...ids]) });
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

  /** Figures with exactly this scope except, possibly, its `to` day (list order ignored): candidates for running totals. */
  sameScopeExceptTo(f: ReportedFigureEntity): Promise<ReportedFigureEntity[]> {
    const sorted = (list: readonly string[]) => [...list].sort();
    const norm = (column: string) => `ARRAY(SELECT x FROM unnest(f.${column}) x ORDER BY x COLLATE "C")`;
    const cmp = (column: string, i: number) => `${norm(column)} = $${i}::text[]`;
    return this.dataSource
      .query(
        `SELECT f.id FROM reported_figure f
         WHERE ${cmp('scope_action_types', 1)} AND ${cmp('scope_reason_codes', 2)} AND ${cmp('scope_province_codes', 3)}
           AND ${cmp('scope_rank_codes', 4)} AND f.scope_from IS NOT DISTINCT FROM $5::date`,
        [
          sorted(f.scopeActionTypes),
          sorted(f.scopeReasonCodes),
          sorted(f.scopeProvinceCodes),
          sorted(f.scopeRankCodes),
          f.scopeFrom,
        ],
      )
      .then((rows: { id: string }[]) => this.getByIds(rows.map((r) => r.id)));
  }

  childrenOf(parentIds: readonly string[]): Promise<ReportedFigureEntity[]> {
    return this.dataSource.getRepository(ReportedFigureEntity).find({ where: { parentId: In([...parentIds]) }, order: { seq: 'ASC' } });
  }

  async insert(manager: EntityManager, f: FigureFields): Promise<string> {
    const names = Object.keys(COLUMNS) as (keyof FigureFields)[];
    const rows = (await manager.query(
      `INSERT INTO reported_figure (${names.map((n) => COLUMNS[n]).join(', ')})
       VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      names.map((n) => f[n]),
    )) as { id: string }[];
    return rows[0].id;
  }

  update(manager: EntityManager, id: string, expectedVersion: number, patch: Partial<FigureFields>): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[COLUMNS[key as keyof FigureFields]] = value;
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
