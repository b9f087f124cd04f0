import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DisciplinaryActionEntity, type ActionType, type Visibility } from './action.entities.js';
import { FULL_ACTION_SELECTION, type ActionProperty, type ActionSelection } from './action-selection.js';
import { actionFilterSql, type ActionFilter } from './action-filter.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { returnedRows } from '../common/query-result.js';
import { asRecordedSql } from '../history/as-recorded.js';
import type { Viewer } from '../common/viewer.js';
import { readQuery } from '../common/read-query.js';
import { selectedProperties } from '../common/selection.js';
import { officerFromRow, officerJsonSql } from '../officers/officer.repository.js';
import type { OfficerEntity } from '../officers/officer.entity.js';
import { sourceFromRow, sourceJsonSql } from '../sources/source.repository.js';
import type { SourceEntity } from '../sources/source.entity.js';

export interface ActionFields {
  actionType: ActionType;
  officerId: string | null;
  subjectCount: number;
  subjectDescription: string | null;
  rankCode: string | null;
  rankText: string | null;
  position: string | null;
  provinceCode: string | null;
  reasonDetail: string | null;
  occurred: string;
  occurredFrom: string;
  occurredTo: string;
  decidedBy: string | null;
  visibility: Visibility;
  externalId: string | null;
}

export interface CitationFields {
  sourceId: string;
  excerpt: string | null;
  locator: string | null;
}

export interface CitationRow extends CitationFields {
  actionId: string;
  ordinal: number;
}

/**
 * What the page statement brought of one action besides its own columns, each part only when the
 * selection reads it (undefined otherwise): its reasons, its citations in order, its officer's id
 * (null: none; the officer itself is in the page's `officers`).
 */
export interface PrefetchedParts {
  reasonCodes?: string[];
  citations?: CitationRow[];
  officerId?: string | null;
}

export interface ListedActions {
  actions: DisciplinaryActionEntity[];
  parts: Map<string, PrefetchedParts>;
  /** The page's officers and cited sources, by id (brought by the same statement; partial when the selection is). */
  officers: Map<string, OfficerEntity>;
  sources: Map<string, SourceEntity>;
}

const COLUMNS: Record<keyof ActionFields, string> = {
  actionType: 'action_type',
  officerId: 'officer_id',
  subjectCount: 'subject_count',
  subjectDescription: 'subject_description',
  rankCode: 'rank_code',
  rankText: 'rank_text',
  position: 'position',
  provinceCode: 'province_code',
  reasonDetail: 'reason_detail',
  occurred: 'occurred',
  occurredFrom: 'occurred_from',
  occurredTo: 'occurred_to',
  decidedBy: 'decided_by',
  visibility: 'visibility',
  externalId: 'external_id',
};

/** Constraint name -> the input field a client would correct. */
export const ACTION_CONSTRAINTS: Record<string, string> = {
  disciplinary_action_external_id_key: 'externalId',
  named_officer_is_one: 'subjectCount',
  disciplinary_action_officer_id_fkey: 'officerId',
  citation_source_id_fkey: 'citations',
};

/** Each property of an action with the expression that selects it (as its column name), in table order. */
const ACTION_SELECT: Record<ActionProperty, string> = {
  id: 'a.id',
  seq: 'a.seq',
  actionType: 'a.action_type',
  officerId: 'a.officer_id',
  subjectCount: 'a.subject_count',
  subjectDescription: 'a.subject_description',
  rankCode: 'a.rank_code',
  rankText: 'a.rank_text',
  position: 'a.position',
  provinceCode: 'a.province_code',
  reasonDetail: 'a.reason_detail',
  occurred: 'a.occurred',
  occurredFrom: "to_char(a.occurred_from, 'YYYY-MM-DD') AS occurred_from",
  occurredTo: "to_char(a.occurred_to, 'YYYY-MM-DD') AS occurred_to",
  decidedBy: 'a.decided_by',
  visibility: 'a.visibility',
  externalId: 'a.external_id',
  retractedAt: 'a.retracted_at',
  retractionReason: 'a.retraction_reason',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  version: 'a.version',
};
const ACTION_PROPERTIES = Object.keys(ACTION_SELECT) as ActionProperty[];
// What a partial action always has: its id and its keyset position (the cursor).
const ACTION_KEYS: ActionProperty[] = ['id', 'seq'];
const SELECT_COLUMNS = Object.values(ACTION_SELECT).join(', ');

/** The page statement's select list for `selection`: the action's columns, then the parts it reads. */
function pageSelectList(selection: ActionSelection): string {
  const action = selectedProperties(ACTION_PROPERTIES, selection.action, ACTION_KEYS);
  // The officer field answers null from officer_id without a lookup.
  if (selection.officer && !action.includes('officerId')) action.push('officerId');
  const list = action.map((p) => ACTION_SELECT[p]);
  if (selection.reasons) {
    list.push(`(SELECT coalesce(json_agg(ar.reason_code ORDER BY ar.reason_code), '[]') FROM action_reason ar WHERE ar.action_id = a.id) AS part_reasons`);
  }
  if (selection.citations) {
    list.push(`(SELECT coalesce(json_agg(json_build_object('e', c.excerpt, 'l', c.locator, 'o', c.ordinal, 's', ${sourceJsonSql('s', selection.citations.source)}) ORDER BY c.ordinal), '[]')
         FROM citation c JOIN source s ON s.id = c.source_id WHERE c.action_id = a.id) AS part_citations`);
  }
  if (selection.officer) list.push(`(SELECT ${officerJsonSql('o', selection.officer)} FROM officer o WHERE o.id = a.officer_id) AS part_officer`);
  return list.join(',\n        ');
}

@Injectable()
export class ActionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async getByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<DisciplinaryActionEntity[]> {
    const rows = (await manager.query(`SELECT ${SELECT_COLUMNS} FROM disciplinary_action a WHERE a.id = ANY($1::uuid[])`, [ids])) as Record<string, unknown>[];
    return rows.map(toAction);
  }

  /**
   * One page in keyset order (newest first): a single indexed statement, never OFFSET, that also
   * brings each action's reasons, citations, officer and cited sources, so that a page of actions
   * with everything they refer to costs one round trip to the database.
   */
  async listPage(
    filter: ActionFilter,
    viewer: Viewer,
    limit: number,
    beforeSeq?: string,
    selection: ActionSelection = FULL_ACTION_SELECTION,
  ): Promise<ListedActions> {
    const params: unknown[] = [];
    let where = actionFilterSql(filter, viewer, params);
    // The same plan serves every value only when no filter value is a parameter (the cursor's seq is
    // a range on the key the page is read by); a filtered page is planned for its values each time.
    const planStable = params.length === 0 && !filter.asRecordedAt;
    if (beforeSeq) {
      params.push(beforeSeq);
      where += ` AND a.seq < $${params.length}`;
    }
    // The limit is written into the statement, not bound: PostgreSQL plans a bound LIMIT as if it
    // could be large and never settles on a generic plan. It is an integer checked by checkPageSize.
    if (!Number.isInteger(limit)) throw new Error(`page size ${String(limit)} is not an integer`);
    const sql = `SELECT ${pageSelectList(selection)}
      FROM disciplinary_action a WHERE ${where} ORDER BY a.seq DESC LIMIT ${limit + 1}`;
    const rows = (await readQuery(this.dataSource, asRecordedSql(sql, params, filter.asRecordedAt, viewer), params, {
      prepare: planStable,
    })) as Record<string, unknown>[];
    const parts = new Map<string, PrefetchedParts>();
    const officers = new Map<string, OfficerEntity>();
    const sources = new Map<string, SourceEntity>();
    for (const r of rows) {
      const id = r.id as string;
      const prefetched: PrefetchedParts = {};
      if (selection.reasons) prefetched.reasonCodes = r.part_reasons as string[];
      if (selection.citations) {
        const citations = r.part_citations as { e: string | null; l: string | null; o: number; s: Record<string, unknown> }[];
        for (const c of citations) if (!sources.has(c.s.id as string)) sources.set(c.s.id as string, sourceFromRow(c.s));
        prefetched.citations = citations.map((c) => ({ actionId: id, sourceId: c.s.id as string, excerpt: c.e, locator: c.l, ordinal: c.o }));
      }
      if (selection.officer) {
        const officer = r.part_officer as Record<string, unknown> | null;
        if (officer && !officers.has(officer.id as string)) officers.set(officer.id as string, officerFromRow(officer));
        prefetched.officerId = officer ? (officer.id as string) : null;
      }
      parts.set(id, prefetched);
    }
    return { actions: rows.map(toAction), parts, officers, sources };
  }

  async count(filter: ActionFilter, viewer: Viewer): Promise<number> {
    const params: unknown[] = [];
    const where = actionFilterSql(filter, viewer, params);
    const sql = `SELECT count(*)::int AS n FROM disciplinary_action a WHERE ${where}`;
    const rows = (await readQuery(this.dataSource, asRecordedSql(sql, params, filter.asRecordedAt, viewer), params)) as { n: number }[];
    return rows[0].n;
  }

  async reasonCodesByActionIds(ids: readonly string[]): Promise<{ actionId: string; reasonCode: string }[]> {
    const rows = (await readQuery(
      this.dataSource,
      'SELECT action_id, reason_code FROM action_reason WHERE action_id = ANY($1::uuid[]) ORDER BY reason_code',
      [ids],
    )) as { action_id: string; reason_code: string }[];
    return rows.map((r) => ({ actionId: r.action_id, reasonCode: r.reason_code }));
  }

  async citationsByActionIds(ids: readonly string[]): Promise<CitationRow[]> {
    const rows = (await readQuery(
      this.dataSource,
      'SELECT action_id, source_id, excerpt, locator, ordinal FROM citation WHERE action_id = ANY($1::uuid[]) ORDER BY action_id, ordinal',
      [ids],
    )) as { action_id: string; source_id: string; excerpt: string | null; locator: string | null; ordinal: number }[];
    return rows.map((r) => ({ actionId: r.action_id, sourceId: r.source_id, excerpt: r.excerpt, locator: r.locator, ordinal: r.ordinal }));
  }

  async insert(manager: EntityManager, f: ActionFields): Promise<string> {
    const names = Object.keys(COLUMNS) as (keyof ActionFields)[];
    const rows = (await manager.query(
      `INSERT INTO disciplinary_action (${names.map((n) => COLUMNS[n]).join(', ')})
       VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      names.map((n) => f[n]),
    )) as { id: string }[];
    return rows[0].id;
  }

  update(manager: EntityManager, id: string, expectedVersion: number, patch: Partial<ActionFields>): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[COLUMNS[key as keyof ActionFields]] = value;
    }
    return versionedUpdate(manager, 'disciplinary_action', 'Action', id, expectedVersion, columns);
  }

  /** Replaces the reasons of an action (one multi-row statement). */
  async setReasons(manager: EntityManager, actionId: string, reasonCodes: readonly string[], replace: boolean): Promise<void> {
    if (replace) await manager.query('DELETE FROM action_reason WHERE action_id = $1', [actionId]);
    await manager.query(
      'INSERT INTO action_reason (action_id, reason_code) SELECT $1, unnest($2::text[])',
      [actionId, reasonCodes],
    );
  }

  /** Replaces the citations of an action (one multi-row statement), keeping their order. */
  async setCitations(manager: EntityManager, actionId: string, citations: readonly CitationFields[], replace: boolean): Promise<void> {
    if (replace) await manager.query('DELETE FROM citation WHERE action_id = $1', [actionId]);
    await manager.query(
      `INSERT INTO citation (action_id, source_id, excerpt, locator, ordinal)
       SELECT $1, s, e, l, o FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[]) AS t(s, e, l, o)`,
      [
        actionId,
        citations.map((c) => c.sourceId),
        citations.map((c) => c.excerpt),
        citations.map((c) => c.locator),
        citations.map((_, i) => i + 1),
      ],
    );
  }

  /** Marks an action retracted; false when it was already retracted. */
  async retract(manager: EntityManager, id: string, reason: string): Promise<'retracted' | 'already' | 'missing'> {
    const rows = returnedRows(
      await manager.query(
        `UPDATE disciplinary_action SET retracted_at = now(), retraction_reason = $2, version = version + 1, updated_at = now()
         WHERE id = $1 AND retracted_at IS NULL RETURNING id`,
        [id, reason],
      ),
    );
    if (rows.length) return 'retracted';
    const exists = (await manager.query('SELECT 1 FROM disciplinary_action WHERE id = $1', [id])) as unknown[];
    return exists.length ? 'already' : 'missing';
  }

}

export function toAction(r: Record<string, unknown>): DisciplinaryActionEntity {
  const a = new DisciplinaryActionEntity();
  a.id = r.id as string;
  a.seq = String(r.seq);
  a.actionType = r.action_type as ActionType;
  a.officerId = (r.officer_id as string) ?? null;
  a.subjectCount = r.subject_count as number;
  a.subjectDescription = (r.subject_description as string) ?? null;
  a.rankCode = (r.rank_code as string) ?? null;
  a.rankText = (r.rank_text as string) ?? null;
  a.position = (r.position as string) ?? null;
  a.provinceCode = (r.province_code as string) ?? null;
  a.reasonDetail = (r.reason_detail as string) ?? null;
  a.occurred = r.occurred as string;
  a.occurredFrom = r.occurred_from as string;
  a.occurredTo = r.occurred_to as string;
  a.decidedBy = (r.decided_by as string) ?? null;
  a.visibility = r.visibility as Visibility;
  a.externalId = (r.external_id as string) ?? null;
  a.retractedAt = (r.retracted_at as Date) ?? null;
  a.retractionReason = (r.retraction_reason as string) ?? null;
  a.createdAt = r.created_at as Date;
  a.updatedAt = r.updated_at as Date;
  a.version = r.version as number;
  return a;
}
