import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publicOfficerSql } from '../access/visibility.js';
import { SqlParams } from '../common/sql-params.js';
import { columnsOf } from '../common/entity-columns.js';
import { VERSIONED_TABLES, type VersionedTable } from './record-time.js';

/** The record tables whose history the API shows (`changes.entityType`); citations are part of their action's. */
export const HISTORY_ENTITY_TYPES = [
  'officer',
  'source',
  'disciplinary_action',
  'reported_figure',
  'reason',
  'province',
  'rank',
  'agency',
  'action_link',
  'officer_merge',
  'action_alternative',
] as const;
export type HistoryEntityType = (typeof HISTORY_ENTITY_TYPES)[number];
export type ChangeOperation = 'INSERT' | 'UPDATE' | 'DELETE' | 'RETRACT';

export interface ChangeRow {
  /** The change's number (its place in the order of every change). */
  id: string;
  /** The same, as the keyset position of the feed's cursors. */
  seq: string;
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
  /** false: entries of INTERNAL actions and of unpublished officers are left out (anonymous callers and readers). */
  includeInternal: boolean;
}

const KEYS: Record<HistoryEntityType, string> = {
  officer: 'id',
  source: 'id',
  disciplinary_action: 'id',
  reported_figure: 'id',
  reason: 'code',
  province: 'code',
  rank: 'code',
  agency: 'code',
  action_link: 'id',
  officer_merge: 'id',
  action_alternative: 'id',
};

/** Columns of the versioned tables that are bookkeeping, not the record: left out of snapshots. */
const NOT_IN_SNAPSHOT = [
  'seq',
  'search_text',
  'recorded_at',
  'recorded_by',
  'change_seq',
  'superseded_at',
  'superseded_by',
  'end_seq',
  'end_how',
];
const SNAPSHOT_MINUS = NOT_IN_SNAPSHOT.map((c) => `'${c}'`).join(', ');

/** An event of the history: a version became current ('V'), or the last version was deleted ('D'). */
interface EventRow {
  seq: string;
  entity_type: HistoryEntityType;
  entity_id: string;
  kind: 'V' | 'D';
  changed_at: Date;
  changed_by: string;
}

function columnList(table: VersionedTable, alias: string): string {
  return columnsOf(VERSIONED_TABLES[table])
    .map((c) => `${alias}."${c.column}"`)
    .join(', ');
}

/**
 * The history as it is kept by the versioned tables (migration VersionRecordTables): every version
 * of a record, current or superseded, is an entry (an INSERT for the first, an UPDATE or RETRACT for
 * the next ones), and a deletion is an entry of its own. An entry's `before` is the version it
 * replaced; `after` the version itself; an action's snapshot carries its citations as they were at
 * that moment. Entries are numbered by `change_seq`, the order of every change.
 */
@Injectable()
export class HistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Now by the database's clock, the clock that stamps record times (the API's may differ), in
   * milliseconds rounded up (a JavaScript date's precision): every record stamped by now is by then.
   */
  async now(): Promise<Date> {
    const [row] = (await this.dataSource.query(
      'SELECT ceil(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms',
    )) as { ms: number | string }[];
    return new Date(Number(row.ms));
  }

  /** Every entry of these records, oldest first: one indexed query per kind of record. */
  async forEntities(
    keys: readonly { entityType: HistoryEntityType; entityId: string }[],
  ): Promise<ChangeRow[]> {
    if (keys.length === 0) return [];
    const events: EventRow[] = [];
    for (const type of new Set(keys.map((k) => k.entityType))) {
      const ids = keys.filter((k) => k.entityType === type).map((k) => k.entityId);
      const p = new SqlParams();
      const list = p.add(ids, 'text[]');
      const key = KEYS[type];
      const rows = (await this.dataSource.query(
        `SELECT * FROM (${this.eventsSql(type, `${key}::text = ANY(${list})`, `${key}::text = ANY(${list})`)}) e ORDER BY seq`,
        p.values,
      )) as EventRow[];
      events.push(...rows);
    }
    events.sort((a, b) => Number(a.seq) - Number(b.seq));
    return this.withSnapshots(events);
  }

  /** One page of the feed in change order (keyset on the change number), `limit + 1` rows. */
  async feed(q: FeedQuery): Promise<ChangeRow[]> {
    const p = new SqlParams();
    const branches = this.feedBranches(q, p);
    const limit = p.add(q.limit + 1, 'int');
    const events = (await this.dataSource.query(
      `SELECT * FROM (${branches.map((b) => `(${b} ORDER BY seq LIMIT ${limit})`).join(' UNION ALL ')}) e ORDER BY seq LIMIT ${limit}`,
      p.values,
    )) as EventRow[];
    return this.withSnapshots(events);
  }

  async count(q: Omit<FeedQuery, 'limit' | 'afterId'>): Promise<number> {
    const p = new SqlParams();
    const branches = this.feedBranches(q, p);
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (${branches.join(' UNION ALL ')}) e`,
      p.values,
    )) as { n: number }[];
    return rows[0].n;
  }

  /** Which of these sources are confidential now. */
  async confidentialSourceIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT id::text AS id FROM source WHERE confidential AND id::text = ANY($1::text[])`,
      [ids],
    )) as {
      id: string;
    }[];
    return new Set(rows.map((r) => r.id));
  }

  /** The feed's query per kind of record, each with the filters (time, cursor, what a caller may see). */
  private feedBranches(q: Omit<FeedQuery, 'limit'>, p: SqlParams): string[] {
    const types = q.entityType ? [q.entityType] : [...HISTORY_ENTITY_TYPES];
    const since = q.since ? p.add(q.since, 'timestamptz') : null;
    const after = q.afterId ? p.add(q.afterId, 'bigint') : null;
    return types.map((type) => {
      const version: string[] = ['true'];
      const deletion: string[] = ['true'];
      if (since) {
        version.push(`recorded_at >= ${since}`);
        deletion.push(`superseded_at >= ${since}`);
      }
      if (after) {
        version.push(`change_seq > ${after}`);
        deletion.push(`end_seq > ${after}`);
      }
      if (!q.includeInternal && type === 'officer') {
        version.push(publicOfficerSql('x', 'x.id'));
        deletion.push(publicOfficerSql('x', 'x.id'));
      }
      if (!q.includeInternal && type === 'disciplinary_action') {
        // An action entry is internal when the action is INTERNAL now, or neither side of it was PUBLIC.
        const notInternalNow = `NOT EXISTS (SELECT 1 FROM disciplinary_action n WHERE n.id = x.id AND n.visibility = 'INTERNAL')`;
        version.push(
          notInternalNow,
          `(x.visibility = 'PUBLIC' OR EXISTS (SELECT 1 FROM disciplinary_action_history b WHERE b.end_seq = x.change_seq AND b.visibility = 'PUBLIC'))`,
        );
        deletion.push(notInternalNow, `x.visibility = 'PUBLIC'`);
      }
      if (!q.includeInternal && type === 'action_link') {
        // A link is shown when neither of its actions is INTERNAL now (links never join PUBLIC and INTERNAL).
        const ends = `NOT EXISTS (SELECT 1 FROM disciplinary_action n WHERE n.id IN (x.from_id, x.to_id) AND n.visibility = 'INTERNAL')`;
        version.push(ends);
        deletion.push(ends);
      }
      if (!q.includeInternal && type === 'action_alternative') {
        // An alternative is shown when its action is not INTERNAL now.
        const action = `NOT EXISTS (SELECT 1 FROM disciplinary_action n WHERE n.id = x.action_id AND n.visibility = 'INTERNAL')`;
        version.push(action);
        deletion.push(action);
      }
      if (!q.includeInternal && type === 'officer_merge') {
        // A merge names both officers (and moves names): shown when the survivor is public.
        version.push(publicOfficerSql('x', 'x.survivor_id'));
        deletion.push(publicOfficerSql('x', 'x.survivor_id'));
      }
      return this.eventsSql(type, version.join(' AND '), deletion.join(' AND '));
    });
  }

  /** The events of one kind of record: each version's start, and each deletion (conditions over `x`). */
  private eventsSql(type: HistoryEntityType, versionWhere: string, deletionWhere: string): string {
    const key = KEYS[type];
    const event = (seq: string, at: string, by: string, kind: string) =>
      `SELECT ${seq} AS seq, '${type}'::text AS entity_type, x.${key}::text AS entity_id, '${kind}'::text AS kind, ${at} AS changed_at, ${by} AS changed_by`;
    return `${event('x.change_seq', 'x.recorded_at', 'x.recorded_by', 'V')} FROM ${type} x WHERE ${versionWhere}
      UNION ALL ${event('x.change_seq', 'x.recorded_at', 'x.recorded_by', 'V')} FROM ${type}_history x WHERE ${versionWhere}
      UNION ALL ${event('x.end_seq', 'x.superseded_at', 'x.superseded_by', 'D')} FROM ${type}_history x WHERE x.end_how = 'D' AND ${deletionWhere}`;
  }

  /** Each event with its before and after snapshots, one query per kind of record in the page. */
  private async withSnapshots(events: EventRow[]): Promise<ChangeRow[]> {
    const snapshots = new Map<
      string,
      { before: Record<string, unknown> | null; after: Record<string, unknown> | null }
    >();
    for (const type of new Set(events.map((e) => e.entity_type))) {
      const seqs = events.filter((e) => e.entity_type === type).map((e) => e.seq);
      const citations = (alias: string) =>
        type === 'disciplinary_action'
          ? ` || jsonb_build_object('citations', (
              SELECT coalesce(jsonb_agg(jsonb_build_object('source_id', c.source_id, 'excerpt', c.excerpt, 'locator', c.locator) ORDER BY c.ordinal), '[]')
              FROM (SELECT action_id, source_id, excerpt, locator, ordinal FROM citation WHERE action_id = ${alias}.id AND recorded_at <= ${alias}.recorded_at
                    UNION ALL SELECT action_id, source_id, excerpt, locator, ordinal FROM citation_history
                    WHERE action_id = ${alias}.id AND recorded_at <= ${alias}.recorded_at AND superseded_at > ${alias}.recorded_at) c))`
          : '';
      const rows = (await this.dataSource.query(
        `SELECT e.seq::text AS seq,
           (SELECT to_jsonb(v) - ARRAY[${SNAPSHOT_MINUS}]${citations('v')} FROM (
              SELECT ${columnList(type, 't')} FROM ${type} t WHERE t.change_seq = e.seq
              UNION ALL SELECT ${columnList(type, 'h')} FROM ${type}_history h WHERE h.change_seq = e.seq) v LIMIT 1) AS after,
           (SELECT to_jsonb(b) - ARRAY[${SNAPSHOT_MINUS}]${citations('b')} FROM ${type}_history b WHERE b.end_seq = e.seq LIMIT 1) AS before
         FROM unnest($1::bigint[]) AS e(seq)`,
        [seqs],
      )) as {
        seq: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }[];
      for (const r of rows) snapshots.set(`${type}:${r.seq}`, r);
    }
    return events.map((e) => {
      const { before, after } = snapshots.get(`${e.entity_type}:${e.seq}`) ?? {
        before: null,
        after: null,
      };
      const deleted = e.kind === 'D';
      let operation: ChangeOperation = deleted ? 'DELETE' : before ? 'UPDATE' : 'INSERT';
      if (
        operation === 'UPDATE' &&
        e.entity_type === 'disciplinary_action' &&
        before?.retracted_at == null &&
        after?.retracted_at != null
      ) {
        operation = 'RETRACT';
      }
      return {
        id: String(e.seq),
        seq: String(e.seq),
        entityType: e.entity_type,
        entityId: e.entity_id,
        operation,
        changedAt: e.changed_at,
        changedBy: e.changed_by,
        before: deleted ? (before ?? after) : before,
        after: deleted ? null : after,
      };
    });
  }
}
