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
  scopeAgencyCodes: string[];
  scopeFrom: string | null;
  scopeTo: string | null;
  statedBy: string | null;
  statedOn: string | null;
  sourceId: string;
  excerpt: string | null;
  locator: string | null;
  parentId: string | null;
  repeatsId: string | null;
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
  /** The agencies of the filter with those above and below them (ReportedFigureService expands them). */
  agencyCodes?: readonly string[] | null;
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
    ['agencyCodes', 'scope_agency_codes'],
  ] as const;
  for (const [key, column] of lists) {
    const list = scope[key];
    if (list?.length) where.push(`(f.${column} = '{}' OR f.${column} && ${p(list)}::text[])`);
  }
  // A figure's period ends on scope_to, else on the day it was stated.
  if (scope.from)
    where.push(
      `(coalesce(f.scope_to, f.stated_on) IS NULL OR coalesce(f.scope_to, f.stated_on) >= ${p(scope.from)}::date)`,
    );
  if (scope.to) where.push(`(f.scope_from IS NULL OR f.scope_from <= ${p(scope.to)}::date)`);
  return where.join(' AND ');
}

@Injectable()
export class ReportedFigureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By id, as they are or (asOf) as they were recorded at a moment; a figure recorded later is not found. */
  async getByIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
    asOf?: Date | null,
  ): Promise<ReportedFigureEntity[]> {
    const p = new SqlParams([ids]);
    const rt = new RecordTime(asOf, p);
    const rows = (await manager.query(
      `SELECT ${FIGURES.selectList('f')} FROM ${rt.of('reported_figure')} f WHERE f.id = ANY($1::uuid[])`,
      p.values,
    )) as Record<string, unknown>[];
    return rows.map((r) => FIGURES.fromRow(r));
  }

  /** Every figure (as recorded at `asOf`): the candidates of the consistency checks, which compare scopes in memory. */
  async all(asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    const p = new SqlParams();
    const rt = new RecordTime(asOf, p);
    // 10,000 figures: far more than any campaign's published figures; bounds one check's memory.
    const rows = (await this.dataSource.query(
      `SELECT ${FIGURES.selectList('f')} FROM ${rt.of('reported_figure')} f ORDER BY f.seq LIMIT 10000`,
      p.values,
    )) as Record<string, unknown>[];
    return rows.map((r) => FIGURES.fromRow(r));
  }

  /** Ordered by the day each figure was stated (a timeline), then by entry; keyset on `seq` within it. */
  listPage(limit: number, beforeSeq?: string): Promise<ReportedFigureEntity[]> {
    const qb = this.dataSource.getRepository(ReportedFigureEntity).createQueryBuilder('f');
    if (beforeSeq) qb.where('f.seq < :beforeSeq', { beforeSeq });
    return qb
      .orderBy('f.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  async count(scope?: FigureScopeOverlap | null): Promise<number> {
    const params: unknown[] = [];
    const where = overlapSql(scope, params);
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM reported_figure f WHERE ${where}`,
      params,
    )) as { n: number }[];
    return rows[0].n;
  }

  /**
   * One page of figures whose scope overlaps `scope`: newest entry first, or (STATED_ON) the
   * timeline, oldest statement first, undated last, each repeat right after the original it repeats
   * (at the original's day, whatever day it was reported). The keyset cursor is the `seq` of the
   * last row; its timeline position is computed in the same statement.
   */
  async listPageFiltered(
    options: FigureListOptions,
    limit: number,
    afterSeq?: string,
  ): Promise<ReportedFigureEntity[]> {
    const params: unknown[] = [];
    let where = overlapSql(options.scope, params);
    const timeline = options.orderBy === 'STATED_ON';
    // (the original's day, the original's entry, original before its repeats, entry)
    const position = (f: string, o: string) =>
      `(coalesce(CASE WHEN ${f}.repeats_id IS NULL THEN ${f}.stated_on ELSE ${o}.stated_on END, 'infinity'::date), coalesce(${o}.seq, ${f}.seq), ${f}.repeats_id IS NOT NULL, ${f}.seq)`;
    if (afterSeq) {
      params.push(afterSeq);
      where += timeline
        ? ` AND ${position('f', 'o')} > (SELECT ${position('c', 'co').slice(1, -1)} FROM reported_figure c LEFT JOIN reported_figure co ON co.id = c.repeats_id WHERE c.seq = $${params.length})`
        : ` AND f.seq < $${params.length}`;
    }
    params.push(limit + 1);
    const order = timeline ? position('f', 'o').slice(1, -1) : 'f.seq DESC';
    const rows = (await this.dataSource.query(
      `SELECT f.id FROM reported_figure f LEFT JOIN reported_figure o ON o.id = f.repeats_id WHERE ${where} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    )) as {
      id: string;
    }[];
    const byId = new Map((await this.getByIds(rows.map((r) => r.id))).map((f) => [f.id, f]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  async childrenOf(
    parentIds: readonly string[],
    asOf?: Date | null,
  ): Promise<ReportedFigureEntity[]> {
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

  update(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    patch: Partial<FigureFields>,
  ): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[FIGURES.column(key as keyof FigureFields)] = value;
    }
    return versionedUpdate(
      manager,
      'reported_figure',
      'Reported figure',
      id,
      expectedVersion,
      columns,
    );
  }

  /** True when `candidateParentId` is `id` itself or one of its descendants (a cycle). */
  async wouldCycle(
    manager: EntityManager,
    id: string,
    candidateParentId: string,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `WITH RECURSIVE down(id) AS (
         SELECT $1::uuid UNION SELECT f.id FROM reported_figure f JOIN down d ON f.parent_id = d.id
       ) SELECT 1 FROM down WHERE id = $2::uuid LIMIT 1`,
      [id, candidateParentId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Locks the rows of `ids` (in id order: no deadlock between two editors) and answers their repeats_id. */
  async lockRepeats(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { repeatsId: string | null }>> {
    const rows = (await manager.query(
      `SELECT id, repeats_id FROM reported_figure WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    )) as { id: string; repeats_id: string | null }[];
    return new Map(rows.map((r) => [r.id, { repeatsId: r.repeats_id }]));
  }

  /** The ids of the figures that repeat one of `ids`. */
  async repeatedByIds(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM reported_figure WHERE repeats_id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The figures that repeat one of `ids` (as recorded at `asOf`), oldest entry first. */
  async repeatsOf(ids: readonly string[], asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    const p = new SqlParams([ids]);
    const rt = new RecordTime(asOf, p);
    const rows = (await this.dataSource.query(
      `SELECT ${FIGURES.selectList('f')} FROM ${rt.of('reported_figure')} f WHERE f.repeats_id = ANY($1::uuid[]) ORDER BY f.seq`,
      p.values,
    )) as Record<string, unknown>[];
    return rows.map((r) => FIGURES.fromRow(r));
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = (await manager.query('SELECT 1 FROM reported_figure WHERE id = $1', [
      id,
    ])) as unknown[];
    return rows.length > 0;
  }
}
