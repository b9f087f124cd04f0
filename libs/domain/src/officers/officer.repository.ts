import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OfficerEntity } from './officer.entity.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { EntityTable } from '../common/entity-columns.js';

export interface OfficerFields {
  fullName: string;
  fullNameKm: string | null;
  aliases: string[];
  gender: string | null;
  notes: string | null;
}

/** The officer table's reads and writes, derived from its entity. What a partial officer always has: the id. */
export const OFFICERS = new EntityTable<OfficerEntity, OfficerProperty>(OfficerEntity, ['id']);

/** A property of an officer (a selection names these). */
export type OfficerProperty = keyof OfficerEntity;

export interface OfficerSearchRow extends OfficerEntity {
  score: number | null;
}

@Injectable()
export class OfficerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By id, one plain statement on the primary (reads back writes too); no entity hydration. `visible`: the caller's officer predicate over `o`. */
  async getByIds(ids: readonly string[], visible = 'true'): Promise<OfficerEntity[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${OFFICERS.selectList('o')} FROM officer o WHERE o.id = ANY($1::uuid[]) AND ${visible}`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => OFFICERS.fromRow(r));
  }

  /** One officer by id, or the survivor it was merged into (a merged id stays resolvable). */
  async getResolved(id: string, visible = 'true'): Promise<OfficerEntity | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${OFFICERS.selectList('o')} FROM officer o
       WHERE o.id = (SELECT coalesce(x.merged_into, x.id) FROM officer x WHERE x.id = $1) AND ${visible}`,
      [id],
    )) as Record<string, unknown>[];
    return rows.length ? OFFICERS.fromRow(rows[0]) : undefined;
  }

  /** The survivor this officer was merged into (null: not merged, or no such officer). */
  async mergedInto(manager: EntityManager, id: string): Promise<string | null> {
    const rows = (await manager.query('SELECT merged_into::text AS m FROM officer WHERE id = $1', [
      id,
    ])) as { m: string | null }[];
    return rows[0]?.m ?? null;
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query('SELECT 1 FROM officer WHERE id = $1', [id])) as unknown[];
    return rows.length > 0;
  }

  /** Newest first, keyset on `seq`; `visible` is the caller's officer predicate over `o`. */
  async listPage(
    limit: number,
    beforeSeq: string | undefined,
    visible: string,
  ): Promise<OfficerEntity[]> {
    const params: unknown[] = [limit + 1];
    if (beforeSeq) params.push(beforeSeq);
    const rows = (await this.dataSource.query(
      `SELECT ${OFFICERS.selectList('o')} FROM officer o WHERE o.merged_into IS NULL AND ${visible}${beforeSeq ? ' AND o.seq < $2' : ''} ORDER BY o.seq DESC LIMIT $1`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => OFFICERS.fromRow(r));
  }

  /**
   * Trigram word similarity against every spelling of the name (full name, Khmer name, aliases):
   * tolerant of spelling variants and of word order. Best match first; keyset on (score, seq).
   */
  async search(
    query: string,
    limit: number,
    after: { score: number; seq: string } | undefined,
    visible: string,
  ): Promise<OfficerSearchRow[]> {
    const params: unknown[] = [query.toLowerCase(), limit + 1];
    let keyset = '';
    if (after) {
      params.push(after.score, after.seq);
      keyset = 'AND (score < $3 OR (score = $3 AND seq > $4))';
    }
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${OFFICERS.selectList('o')}, round(word_similarity($1, o.search_text)::numeric, 4)::float8 AS score
         FROM officer o
         WHERE ($1 <% o.search_text OR strpos(o.search_text, $1) > 0) AND o.merged_into IS NULL AND ${visible}
       ) m WHERE true ${keyset}
       ORDER BY score DESC, seq ASC LIMIT $2`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => Object.assign(OFFICERS.fromRow(r), { score: r.score as number }));
  }

  async count(query: string | undefined, visible: string): Promise<number> {
    const rows = (await (query
      ? this.dataSource.query(
          `SELECT count(*)::int AS n FROM officer o WHERE ($1 <% o.search_text OR strpos(o.search_text, $1) > 0) AND o.merged_into IS NULL AND ${visible}`,
          [query.toLowerCase()],
        )
      : this.dataSource.query(
          `SELECT count(*)::int AS n FROM officer o WHERE o.merged_into IS NULL AND ${visible}`,
        ))) as {
      n: number;
    }[];
    return rows[0].n;
  }

  async insert(manager: EntityManager, fields: OfficerFields): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO officer (full_name, full_name_km, aliases, gender, notes) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [fields.fullName, fields.fullNameKm, fields.aliases, fields.gender, fields.notes],
    )) as { id: string }[];
    return rows[0].id;
  }

  update(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    patch: Partial<OfficerFields>,
  ): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[OFFICERS.column(key as keyof OfficerFields)] = value;
    }
    return versionedUpdate(manager, 'officer', 'Officer', id, expectedVersion, columns);
  }
}
