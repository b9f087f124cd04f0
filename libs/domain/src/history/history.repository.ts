import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publicOfficerSql } from '../access/visibility.js';

/** The tables whose rows have a history; `change_log.entity_type` holds the table name. */
export const HISTORY_ENTITY_TYPES = [
  'officer',
  'source',
  'disciplinary_action',
  'reported_figure',
  'reason',
  'province',
  'rank',
] as const;
export type HistoryEntityType = (typeof HISTORY_ENTITY_TYPES)[number];
export type ChangeOperation = 'INSERT' | 'UPDATE' | 'DELETE' | 'RETRACT';

export interface ChangeRow {
  id: string;
  entityType: HistoryEntityType;
  entityId: string;
  operation: ChangeOperation;
  changedAt: Date;
  changedBy: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface FeedQuery {
  since?: Date | null;
  entityType?: HistoryEntityType | null;
  afterId?: string;
  limit: number;
  /** false: entries of INTERNAL actions are left out (anonymous callers and readers). */
  includeInternal: boolean;
}

const COLUMNS = `l.id::text AS id, l.entity_type AS "entityType", l.entity_id AS "entityId", l.operation,
  l.changed_at AS "changedAt", l.changed_by AS "changedBy", l.before, l.after`;

// An action entry is internal when the action is INTERNAL now, or neither side of the entry was PUBLIC;
// an officer's entries are internal while the officer appears in no PUBLIC action (access/visibility.ts).
const NOT_INTERNAL = `NOT (l.entity_type = 'disciplinary_action' AND (
    coalesce(l.before->>'visibility', 'INTERNAL') = 'INTERNAL' AND coalesce(l.after->>'visibility', 'INTERNAL') = 'INTERNAL'
    OR EXISTS (SELECT 1 FROM disciplinary_action a WHERE a.id::text = l.entity_id AND a.visibility = 'INTERNAL')))
  AND NOT (l.entity_type = 'officer' AND NOT ${publicOfficerSql('l', 'l.entity_id::uuid')})`;

/** Reads of the edit history that the database triggers write (migration 1764158400200). */
@Injectable()
export class HistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every entry of these records, oldest first: one indexed query for a whole page of records. */
  async forEntities(
    keys: readonly { entityType: HistoryEntityType; entityId: string }[],
  ): Promise<ChangeRow[]> {
    if (keys.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM change_log l
       JOIN unnest($1::text[], $2::text[]) AS k(entity_type, entity_id) USING (entity_type, entity_id)
       ORDER BY l.id`,
      [keys.map((k) => k.entityType), keys.map((k) => k.entityId)],
    )) as ChangeRow[];
  }

  /** One page of the feed in change order (keyset on the entry id), `limit + 1` rows. */
  async feed(q: FeedQuery): Promise<ChangeRow[]> {
    const { where, params } = this.feedWhere(q);
    params.push(q.limit + 1);
    return (await this.dataSource.query(
      `SELECT ${COLUMNS}, l.id::text AS seq FROM change_log l WHERE ${where} ORDER BY l.id LIMIT $${params.length}`,
      params,
    )) as ChangeRow[];
  }

  async count(q: Omit<FeedQuery, 'limit' | 'afterId'>): Promise<number> {
    const { where, params } = this.feedWhere(q);
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM change_log l WHERE ${where}`,
      params,
    )) as { n: number }[];
    return rows[0].n;
  }

  /** Which of these sources are confidential now. */
  async confidentialSourceIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT id::text AS id FROM source WHERE confidential AND id::text = ANY($1::text[])`,
      [ids],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  private feedWhere(q: Omit<FeedQuery, 'limit'>): { where: string; params: unknown[] } {
    const clauses = ['true'];
    const params: unknown[] = [];
    if (q.since) {
      params.push(q.since);
      clauses.push(`l.changed_at >= $${params.length}`);
    }
    if (q.entityType) {
      params.push(q.entityType);
      clauses.push(`l.entity_type = $${params.length}`);
    }
    if (q.afterId) {
      params.push(q.afterId);
      clauses.push(`l.id > $${params.length}::bigint`);
    }
    if (!q.includeInternal) clauses.push(NOT_INTERNAL);
    return { where: clauses.join(' AND '), params };
  }
}
