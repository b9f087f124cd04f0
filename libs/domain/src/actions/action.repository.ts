import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_POOLS, type DatabasePools } from '@app/core';
import { DataSource, type EntityManager } from 'typeorm';
import { DisciplinaryActionEntity, type ActionType, type Visibility } from './action.entities.js';
import {
  FULL_ACTION_SELECTION,
  type ActionProperty,
  type ActionSelection,
} from './action-selection.js';
import { actionFilterSql, type ActionFilter } from './action-filter.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { returnedRows } from '../common/query-result.js';
import type { Viewer } from '../common/viewer.js';
import { readQuery } from '../common/read-query.js';
import { EntityTable } from '../common/entity-columns.js';
import { SqlParams } from '../common/sql-params.js';
import { RecordTime } from '../history/record-time.js';
import { countingSql } from '../tallies/counting-sql.js';
import { OFFICERS } from '../officers/officer.repository.js';
import type { OfficerEntity } from '../officers/officer.entity.js';
import { SOURCES } from '../sources/source.repository.js';
import type { SourceEntity } from '../sources/source.entity.js';

/** What a write sets of an action (the columns the database does not derive itself). */
export interface ActionFields {
  actionType: ActionType;
  officerId: string | null;
  subjectCount: number;
  subjectDescription: string | null;
  rankCode: string | null;
  rankText: string | null;
  position: string | null;
  provinceCode: string | null;
  agencyCode: string | null;
  reasonCodes: string[];
  reasonCounts: number[] | null;
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

/** Whether an action counts for certain or only possibly towards the filter it was listed with. */
export type CountsAs = 'CERTAIN' | 'POSSIBLE' | 'NOT_COUNTED';

/**
 * What the page statement brought of one action besides its own columns, each part only when the
 * selection reads it (undefined otherwise): its citations in order, its officer's id (null: none;
 * the officer itself is in the page's `officers`), and how it counts towards the page's filter.
 */
export interface PrefetchedParts {
  reasonCodes?: string[];
  citations?: CitationRow[];
  officerId?: string | null;
  countsAs?: CountsAs;
  counted?: { min: number; max: number };
}

export interface ListedActions {
  actions: DisciplinaryActionEntity[];
  parts: Map<string, PrefetchedParts>;
  /** The page's officers and cited sources, by id (brought by the same statement; partial when the selection is). */
  officers: Map<string, OfficerEntity>;
  sources: Map<string, SourceEntity>;
}

/** The action table's reads and writes, derived from its entity. What a partial action always has: its id, keyset position and people (for what it counts). */
export const ACTIONS = new EntityTable<DisciplinaryActionEntity, ActionProperty>(
  DisciplinaryActionEntity,
  ['id', 'seq', 'subjectCount'],
);

/** Constraint name -> the input field a client would correct. */
export const ACTION_CONSTRAINTS: Record<string, string> = {
  disciplinary_action_external_id_key: 'externalId',
  named_officer_is_one: 'subjectCount',
  disciplinary_action_officer_id_fkey: 'officerId',
  citation_source_id_fkey: 'citations',
  action_reason_code_fkey: 'reasonCodes',
  reason_counts_per_reason: 'reasonCounts',
  disciplinary_action_agency_code_fkey: 'agencyCode',
};

/** The page statement's select list for `selection`: the action's columns, then the parts it reads. */
function pageSelectList(selection: ActionSelection, rt: RecordTime): string {
  const properties = ACTIONS.selected(selection.action);
  // The officer field answers null from officer_id without a lookup; reasons are a column.
  if (selection.officer && !properties.includes('officerId')) properties.push('officerId');
  if (
    (selection.reasons || properties.includes('reasonCounts')) &&
    !properties.includes('reasonCodes')
  )
    properties.push('reasonCodes');
  const list = [ACTIONS.selectList('a', properties)];
  if (selection.citations) {
    list.push(`(SELECT coalesce(json_agg(json_build_object('e', c.excerpt, 'l', c.locator, 'o', c.ordinal, 's', ${SOURCES.jsonSql('s', selection.citations.source)}) ORDER BY c.ordinal), '[]')
         FROM ${rt.of('citation')} c JOIN ${rt.of('source')} s ON s.id = c.source_id WHERE c.action_id = a.id) AS part_citations`);
  }
  if (selection.officer)
    list.push(
      `(SELECT ${OFFICERS.jsonSql('o', selection.officer)} FROM ${rt.of('officer')} o WHERE o.id = a.officer_id) AS part_officer`,
    );
  return list.join(',\n        ');
}

@Injectable()
export class ActionRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_POOLS) private readonly pools: DatabasePools,
  ) {}

  async getByIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DisciplinaryActionEntity[]> {
    const rows = (await manager.query(
      `SELECT ${ACTIONS.selectList('a')} FROM disciplinary_action a WHERE a.id = ANY($1::uuid[])`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => ACTIONS.fromRow(r));
  }

  /**
   * The actions with these ids, each locked FOR UPDATE until the transaction ends: a writer that
   * reads an action to change it holds it against concurrent writers. Locked in id order, so that
   * two writers locking the same actions cannot deadlock.
   */
  async lockByIds(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<DisciplinaryActionEntity[]> {
    const rows = (await manager.query(
      `SELECT ${ACTIONS.selectList('a')} FROM disciplinary_action a WHERE a.id = ANY($1::uuid[])
       ORDER BY a.id FOR UPDATE`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => ACTIONS.fromRow(r));
  }

  /**
   * One page in keyset order (newest first): a single indexed statement, never OFFSET, that also
   * brings each action's citations, officer and cited sources, so that a page of actions with
   * everything they refer to costs one round trip to the database; and how each action counts
   * towards the filter (certain or possible, and between how many people).
   */
  async listPage(
    filter: ActionFilter,
    viewer: Viewer,
    limit: number,
    beforeSeq?: string,
    selection: ActionSelection = FULL_ACTION_SELECTION,
  ): Promise<ListedActions> {
    const p = new SqlParams();
    const rt = new RecordTime(filter.asRecordedAt, p);
    const c = countingSql(filter, viewer, p, rt);
    let where = c.where;
    // The same plan serves every value only when no filter value is a parameter (the cursor's seq is
    // a range on the key the page is read by); a filtered page is planned for its values each time.
    const planStable = p.values.length === 0;
    const counting = `, ${c.counted} AS part_counted, ${c.certain} AS part_certain, ${c.lo} AS part_lo, ${c.hi} AS part_hi`;
    if (beforeSeq) where += ` AND a.seq < ${p.add(beforeSeq, 'bigint')}`;
    // The limit is written into the statement, not bound: PostgreSQL plans a bound LIMIT as if it
    // could be large and never settles on a generic plan. It is an integer checked by checkPageSize.
    if (!Number.isInteger(limit)) throw new Error(`page size ${String(limit)} is not an integer`);
    const sql = `SELECT ${pageSelectList(selection, rt)}${counting}
      FROM ${rt.of('disciplinary_action')} a WHERE ${where} ORDER BY a.seq DESC LIMIT ${limit + 1}`;
    const rows = (await readQuery(this.pools, sql, p.values, { prepare: planStable })) as Record<
      string,
      unknown
    >[];
    const parts = new Map<string, PrefetchedParts>();
    const officers = new Map<string, OfficerEntity>();
    const sources = new Map<string, SourceEntity>();
    for (const r of rows) {
      const id = r.id as string;
      const prefetched: PrefetchedParts = {};
      if (selection.reasons) prefetched.reasonCodes = r.reason_codes as string[];
      if (selection.citations) {
        const citations = r.part_citations as {
          e: string | null;
          l: string | null;
          o: number;
          s: Record<string, unknown>;
        }[];
        for (const cit of citations)
          if (!sources.has(cit.s.id as string))
            sources.set(cit.s.id as string, SOURCES.fromRow(cit.s));
        prefetched.citations = citations.map((cit) => ({
          actionId: id,
          sourceId: cit.s.id as string,
          excerpt: cit.e,
          locator: cit.l,
          ordinal: cit.o,
        }));
      }
      if (selection.officer) {
        const officer = r.part_officer as Record<string, unknown> | null;
        if (officer && !officers.has(officer.id as string))
          officers.set(officer.id as string, OFFICERS.fromRow(officer));
        prefetched.officerId = officer ? (officer.id as string) : null;
      }
      // How the action counts towards the page's filter: not at all (a folded duplicate, an earlier
      // step, reversed), for certain, or possibly.
      const counted = Boolean(r.part_counted);
      const lo = Number(r.part_lo);
      const hi = Number(r.part_hi);
      const certain = Boolean(r.part_certain);
      prefetched.counted = counted ? { min: certain ? lo : 0, max: hi } : { min: 0, max: 0 };
      prefetched.countsAs =
        !counted || hi === 0 ? 'NOT_COUNTED' : certain && lo === hi ? 'CERTAIN' : 'POSSIBLE';
      parts.set(id, prefetched);
    }
    return { actions: rows.map((r) => ACTIONS.fromRow(r)), parts, officers, sources };
  }

  async count(filter: ActionFilter, viewer: Viewer): Promise<number> {
    const p = new SqlParams();
    const rt = new RecordTime(filter.asRecordedAt, p);
    const where = actionFilterSql(filter, viewer, p, rt);
    const rows = (await readQuery(
      this.pools,
      `SELECT count(*)::int AS n FROM ${rt.of('disciplinary_action')} a WHERE ${where}`,
      p.values,
    )) as {
      n: number;
    }[];
    return rows[0].n;
  }

  async citationsByActionIds(ids: readonly string[]): Promise<CitationRow[]> {
    const rows = (await readQuery(
      this.pools,
      'SELECT action_id, source_id, excerpt, locator, ordinal FROM citation WHERE action_id = ANY($1::uuid[]) ORDER BY action_id, ordinal',
      [ids],
    )) as {
      action_id: string;
      source_id: string;
      excerpt: string | null;
      locator: string | null;
      ordinal: number;
    }[];
    return rows.map((r) => ({
      actionId: r.action_id,
      sourceId: r.source_id,
      excerpt: r.excerpt,
      locator: r.locator,
      ordinal: r.ordinal,
    }));
  }

  async insert(manager: EntityManager, f: ActionFields): Promise<string> {
    const names = Object.keys(f) as (keyof ActionFields)[];
    const rows = (await manager.query(
      `INSERT INTO disciplinary_action (${names.map((n) => ACTIONS.column(n)).join(', ')})
       VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      names.map((n) => f[n]),
    )) as { id: string }[];
    return rows[0].id;
  }

  update(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    patch: Partial<ActionFields>,
  ): Promise<number> {
    const columns: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) columns[ACTIONS.column(key as keyof ActionFields)] = value;
    }
    return versionedUpdate(manager, 'disciplinary_action', 'Action', id, expectedVersion, columns);
  }

  /**
   * Makes the citations of an action these, in this order, in two set-based statements that touch
   * only what differs: citations that stay as they are keep their row (and write no history).
   */
  async setCitations(
    manager: EntityManager,
    actionId: string,
    citations: readonly CitationFields[],
  ): Promise<void> {
    const arrays = [
      citations.map((c) => c.sourceId),
      citations.map((c) => c.excerpt),
      citations.map((c) => c.locator),
      citations.map((_, i) => i + 1),
    ];
    const wanted = `SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[]) AS w(source_id, excerpt, locator, ordinal)`;
    await manager.query(
      `DELETE FROM citation c WHERE c.action_id = $1 AND NOT EXISTS (
         SELECT 1 FROM (${wanted}) w WHERE w.source_id = c.source_id AND w.excerpt IS NOT DISTINCT FROM c.excerpt
           AND w.locator IS NOT DISTINCT FROM c.locator AND w.ordinal = c.ordinal)`,
      [actionId, ...arrays],
    );
    await manager.query(
      `INSERT INTO citation (action_id, source_id, excerpt, locator, ordinal)
       SELECT $1, w.source_id, w.excerpt, w.locator, w.ordinal FROM (${wanted}) w
       WHERE NOT EXISTS (SELECT 1 FROM citation c WHERE c.action_id = $1 AND c.ordinal = w.ordinal)`,
      [actionId, ...arrays],
    );
  }

  /** Marks an action retracted; 'already' when it was, 'missing' when there is none. */
  async retract(
    manager: EntityManager,
    id: string,
    reason: string,
  ): Promise<'retracted' | 'already' | 'missing'> {
    const rows = returnedRows(
      await manager.query(
        `UPDATE disciplinary_action SET retracted_at = now(), retraction_reason = $2, version = version + 1, updated_at = now()
         WHERE id = $1 AND retracted_at IS NULL RETURNING id`,
        [id, reason],
      ),
    );
    if (rows.length) return 'retracted';
    const exists = (await manager.query('SELECT 1 FROM disciplinary_action WHERE id = $1', [
      id,
    ])) as unknown[];
    return exists.length ? 'already' : 'missing';
  }
}
