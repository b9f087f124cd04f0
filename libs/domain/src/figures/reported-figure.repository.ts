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

  async count(): Promise<number> {
    const rows = (await this.dataSource.query('SELECT count(*)::int AS n FROM reported_figure')) as { n: number }[];
    return rows[0].n;
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
