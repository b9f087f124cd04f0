import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OfficerEntity } from './officer.entity.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { asDate } from '../common/query-result.js';
import { selectedProperties, type PropertySelection } from '../common/selection.js';

export interface OfficerFields {
  fullName: string;
  fullNameKm: string | null;
  aliases: string[];
  gender: string | null;
  notes: string | null;
}

/** Each property of an officer with its column (also its key in officerJsonSql's JSON), in table order; writes use the same names. */
const OFFICER_COLUMNS: Record<OfficerProperty, string> = {
  id: 'id',
  seq: 'seq',
  fullName: 'full_name',
  fullNameKm: 'full_name_km',
  aliases: 'aliases',
  gender: 'gender',
  notes: 'notes',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
};
const OFFICER_PROPERTIES = Object.keys(OFFICER_COLUMNS) as OfficerProperty[];
// What a partial officer always has: the id.
const OFFICER_KEYS: OfficerProperty[] = ['id'];

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
      `SELECT id, seq, full_name, full_name_km, aliases, gender, notes, created_at, updated_at, version FROM officer o WHERE id = ANY($1::uuid[]) AND ${visible}`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map(officerFromRow);
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
      `SELECT o.id, o.seq, o.full_name, o.full_name_km, o.aliases, o.gender, o.notes, o.created_at, o.updated_at, o.version
       FROM officer o WHERE ${visible}${beforeSeq ? ' AND o.seq < $2' : ''} ORDER BY o.seq DESC LIMIT $1`,
      params,
    )) as Record<string, unknown>[];
    return rows.map(officerFromRow);
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
         SELECT o.*, round(word_similarity($1, o.search_text)::numeric, 4)::float8 AS score
         FROM officer o
         WHERE ($1 <% o.search_text OR strpos(o.search_text, $1) > 0) AND ${visible}
       ) m WHERE true ${keyset}
       ORDER BY score DESC, seq ASC LIMIT $2`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({ ...officerFromRow(r), score: r.score as number }));
  }

  async count(query: string | undefined, visible: string): Promise<number> {
    const rows = (await (query
      ? this.dataSource.query(
          `SELECT count(*)::int AS n FROM officer o WHERE ($1 <% o.search_text OR strpos(o.search_text, $1) > 0) AND ${visible}`,
          [query.toLowerCase()],
        )
      : this.dataSource.query(`SELECT count(*)::int AS n FROM officer o WHERE ${visible}`))) as {
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
      if (value !== undefined) columns[OFFICER_COLUMNS[key as keyof OfficerFields]] = value;
    }
    return versionedUpdate(manager, 'officer', 'Officer', id, expectedVersion, columns);
  }
}

/**
 * An officer as one JSON value (`alias` is the officer table's alias), with the column names of
 * getByIds: lets a query of another table bring its officers in the same statement (officerFromRow
 * reads it). With a selection, only those properties (and the id).
 */
export function officerJsonSql(
  alias: string,
  selection: PropertySelection<OfficerProperty> = 'all',
): string {
  const properties = selectedProperties(OFFICER_PROPERTIES, selection, OFFICER_KEYS);
  return `json_build_object(${properties.map((p) => `'${OFFICER_COLUMNS[p]}', ${alias}.${OFFICER_COLUMNS[p]}`).join(', ')})`;
}

/** An officer from a row of getByIds or from officerJsonSql's JSON (timestamps as text there); a partial row makes a partial officer. */
export function officerFromRow(r: Record<string, unknown>): OfficerEntity {
  const e = new OfficerEntity();
  e.id = r.id as string;
  e.seq = String(r.seq);
  e.fullName = r.full_name as string;
  e.fullNameKm = (r.full_name_km as string) ?? null;
  e.aliases = (r.aliases as string[]) ?? [];
  e.gender = (r.gender as string) ?? null;
  e.notes = (r.notes as string) ?? null;
  if (r.created_at !== undefined) e.createdAt = asDate(r.created_at);
  if (r.updated_at !== undefined) e.updatedAt = asDate(r.updated_at);
  e.version = r.version as number;
  return e;
}
