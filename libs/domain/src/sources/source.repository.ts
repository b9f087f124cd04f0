import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SourceEntity, type SourceKind } from './source.entity.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { asDate } from '../common/query-result.js';
import { selectedProperties, type PropertySelection } from '../common/selection.js';

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

/** Each property of a source with its column (also its key in sourceJsonSql's JSON), in table order; writes use the same names. */
const SOURCE_COLUMNS: Record<SourceProperty, string> = {
  id: 'id',
  seq: 'seq',
  title: 'title',
  publisher: 'publisher',
  url: 'url',
  publishedOn: 'published_on',
  language: 'language',
  kind: 'kind',
  archiveUrl: 'archive_url',
  accessedOn: 'accessed_on',
  confidential: 'confidential',
  notes: 'notes',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
};
const SOURCE_PROPERTIES = Object.keys(SOURCE_COLUMNS) as SourceProperty[];
// What a partial source always has: the id, and `confidential`, which decides whether the identifying fields may be shown.
const SOURCE_KEYS: SourceProperty[] = ['id', 'confidential'];

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
      `SELECT id, seq, title, publisher, url, to_char(published_on, 'YYYY-MM-DD') AS published_on, language, kind, archive_url,
              to_char(accessed_on, 'YYYY-MM-DD') AS accessed_on, confidential, notes, created_at, updated_at, version
       FROM source WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map(sourceFromRow);
  }

  async existingIds(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows = (await manager.query('SELECT id FROM source WHERE id = ANY($1::uuid[])', [ids])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  listPage(limit: number, beforeSeq: string | undefined, includeConfidential: boolean): Promise<SourceEntity[]> {
    const qb = this.dataSource.getRepository(SourceEntity).createQueryBuilder('s').where('true');
    if (beforeSeq) qb.andWhere('s.seq < :beforeSeq', { beforeSeq });
    if (!includeConfidential) qb.andWhere('s.confidential = false');
    return qb.orderBy('s.seq', 'DESC').limit(limit + 1).getMany();
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
      [f.title, f.publisher, f.url, f.publishedOn, f.language, f.kind, f.archiveUrl, f.accessedOn, f.confidential, f.notes],
    )) as { id: string }[];
    return rows[0].id;
  }

  update(manager: EntityManager, id: string, expectedVersion: number, patch: Partial<SourceFields>): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[SOURCE_COLUMNS[key as keyof SourceFields]] = value;
    }
    return versionedUpdate(manager, 'source', 'Source', id, expectedVersion, columns);
  }

  async findIdByTitleAndPublisher(manager: EntityManager, title: string, publisher: string): Promise<string | undefined> {
    const rows = (await manager.query(
      'SELECT id FROM source WHERE title = $1 AND publisher = $2 AND url IS NULL ORDER BY seq LIMIT 1',
      [title, publisher],
    )) as { id: string }[];
    return rows[0]?.id;
  }
}

/**
 * A source as one JSON value (`alias` is the source table's alias), with the column names of
 * getByIds: lets a query of citations bring their sources in the same statement (sourceFromRow
 * reads it). With a selection, only those properties (and the id and confidentiality).
 */
export function sourceJsonSql(alias: string, selection: PropertySelection<SourceProperty> = 'all'): string {
  const properties = selectedProperties(SOURCE_PROPERTIES, selection, SOURCE_KEYS);
  return `json_build_object(${properties.map((p) => `'${SOURCE_COLUMNS[p]}', ${alias}.${SOURCE_COLUMNS[p]}`).join(', ')})`;
}

/** A source from a row of getByIds or from sourceJsonSql's JSON (timestamps as text there); a partial row makes a partial source. */
export function sourceFromRow(r: Record<string, unknown>): SourceEntity {
  const e = Object.assign(new SourceEntity(), {
    id: r.id as string,
    seq: String(r.seq),
    title: r.title as string,
    publisher: r.publisher as string,
    url: (r.url as string) ?? null,
    publishedOn: (r.published_on as string) ?? null,
    language: (r.language as string) ?? null,
    kind: r.kind as SourceKind,
    archiveUrl: (r.archive_url as string) ?? null,
    accessedOn: (r.accessed_on as string) ?? null,
    confidential: r.confidential as boolean,
    notes: (r.notes as string) ?? null,
    version: r.version as number,
  });
  if (r.created_at !== undefined) e.createdAt = asDate(r.created_at);
  if (r.updated_at !== undefined) e.updatedAt = asDate(r.updated_at);
  return e;
}
