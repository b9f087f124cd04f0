import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SourceEntity, type SourceKind } from './source.entity.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { EntityTable } from '../common/entity-columns.js';

export interface SourceFields {
  title: string;
  publisher: string;
  url: string | null;
  publishedOn: string | null;
  language: string | null;
  kind: SourceKind;
  archiveUrl: string | null;
  accessedOn: string | null;
  confidential: boolean;
  notes: string | null;
}

/** The source table's reads and writes, derived from its entity. A partial source always has its id, and `confidential`, which decides whether the identifying fields may be shown. */
export const SOURCES = new EntityTable<SourceEntity, SourceProperty>(SourceEntity, [
  'id',
  'confidential',
]);

/** A property of a source (a selection names these). */
export type SourceProperty = keyof SourceEntity;

/** Unique constraints of this table, by the field a client would correct. */
export const SOURCE_CONSTRAINTS = { source_url_key: 'url' };

@Injectable()
export class SourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * By id, one plain statement on the primary (it also reads back a write just made, which a
   * lagging replica might not have yet); no entity hydration on this hot path (every citation).
   */
  async getByIds(ids: readonly string[]): Promise<SourceEntity[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${SOURCES.selectList('s')} FROM source s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => SOURCES.fromRow(r));
  }

  async existingIds(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows = (await manager.query('SELECT id FROM source WHERE id = ANY($1::uuid[])', [
      ids,
    ])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  listPage(
    limit: number,
    beforeSeq: string | undefined,
    includeConfidential: boolean,
  ): Promise<SourceEntity[]> {
    const qb = this.dataSource.getRepository(SourceEntity).createQueryBuilder('s').where('true');
    if (beforeSeq) qb.andWhere('s.seq < :beforeSeq', { beforeSeq });
    if (!includeConfidential) qb.andWhere('s.confidential = false');
    return qb
      .orderBy('s.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  async count(includeConfidential: boolean): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM source ${includeConfidential ? '' : 'WHERE confidential = false'}`,
    )) as { n: number }[];
    return rows[0].n;
  }

  async insert(manager: EntityManager, f: SourceFields): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO source (title, publisher, url, published_on, language, kind, archive_url, accessed_on, confidential, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        f.title,
        f.publisher,
        f.url,
        f.publishedOn,
        f.language,
        f.kind,
        f.archiveUrl,
        f.accessedOn,
        f.confidential,
        f.notes,
      ],
    )) as { id: string }[];
    return rows[0].id;
  }

  update(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    patch: Partial<SourceFields>,
  ): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[SOURCES.column(key as keyof SourceFields)] = value;
    }
    return versionedUpdate(manager, 'source', 'Source', id, expectedVersion, columns);
  }

  async findIdByTitleAndPublisher(
    manager: EntityManager,
    title: string,
    publisher: string,
  ): Promise<string | undefined> {
    const rows = (await manager.query(
      'SELECT id FROM source WHERE title = $1 AND publisher = $2 AND url IS NULL ORDER BY seq LIMIT 1',
      [title, publisher],
    )) as { id: string }[];
    return rows[0]?.id;
  }
}
