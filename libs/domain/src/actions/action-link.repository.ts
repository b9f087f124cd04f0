import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_POOLS, type DatabasePools } from '@app/core';
import type { EntityManager } from 'typeorm';
import {
  ActionLinkEntity,
  type ActionLinkKind,
  type DisciplinaryActionEntity,
} from './action.entities.js';
import { EntityTable } from '../common/entity-columns.js';
import { readQuery } from '../common/read-query.js';
import { returnedRows } from '../common/query-result.js';

/** The link table's reads and writes, derived from its entity. */
export const LINKS = new EntityTable<ActionLinkEntity, keyof ActionLinkEntity>(ActionLinkEntity, [
  'id',
]);

export interface LinkFields {
  fromId: string;
  toId: string;
  kind: ActionLinkKind;
  note: string | null;
  sourceId: string | null;
  excerpt: string | null;
  locator: string | null;
}

/** What a link check needs to know of an action. */
export type LinkEnd = Pick<
  DisciplinaryActionEntity,
  'id' | 'officerId' | 'subjectCount' | 'visibility' | 'retractedAt' | 'foldAll' | 'namedMembersAll'
>;

/** A group with more named members than it counts (README "Counting once": GROUP_OVERFLOW). */
export interface GroupOverflow {
  actionId: string;
  subjectCount: number;
  namedMembers: number;
}

/**
 * Links between actions (SAME_AS, MEMBER_OF, FOLLOWS, REVERSES). Writing a link runs the database's
 * `action_links_refresh` by trigger, which keeps the actions' derived counting columns (fold_*,
 * named_members_*, case_*) in step, whatever wrote the link.
 */
@Injectable()
export class ActionLinkRepository {
  constructor(@Inject(DATABASE_POOLS) private readonly pools: DatabasePools) {}

  /** One link writer at a time: the cycle checks read the links they then extend. */
  async lockLinks(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('action_link'))`);
  }

  async ends(m: EntityManager, ids: readonly string[]): Promise<Map<string, LinkEnd>> {
    const rows = (await m.query(
      `SELECT id, officer_id, subject_count, visibility, retracted_at, fold_all, named_members_all
       FROM disciplinary_action WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as Record<string, unknown>[];
    return new Map(
      rows.map((r) => [
        r.id as string,
        {
          id: r.id as string,
          officerId: r.officer_id as string | null,
          subjectCount: r.subject_count as number,
          visibility: r.visibility as LinkEnd['visibility'],
          retractedAt: r.retracted_at as Date | null,
          foldAll: r.fold_all as string | null,
          namedMembersAll: r.named_members_all as number,
        },
      ]),
    );
  }

  /** Whether `to` is reachable from `from` by links of `kinds`, followed from->to (directed) or both ways. */
  async reaches(
    m: EntityManager,
    from: string,
    to: string,
    kinds: readonly ActionLinkKind[],
    directed: boolean,
  ): Promise<boolean> {
    const step = directed
      ? `SELECT l.to_id FROM walk w JOIN action_link l ON l.from_id = w.id AND l.kind = ANY($3::text[])`
      : `SELECT CASE WHEN l.from_id = w.id THEN l.to_id ELSE l.from_id END FROM walk w
         JOIN action_link l ON (l.from_id = w.id OR l.to_id = w.id) AND l.kind = ANY($3::text[])`;
    const rows = (await m.query(
      `WITH RECURSIVE walk(id) AS (SELECT $1::uuid UNION ${step})
       SELECT 1 FROM walk WHERE id = $2::uuid LIMIT 1`,
      [from, to, kinds],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The size of the SAME_AS set of `id`, counted up to `cap`. */
  async sameAsSetSize(m: EntityManager, id: string, cap: number): Promise<number> {
    const rows = (await m.query(
      `WITH RECURSIVE walk(id) AS (
         SELECT $1::uuid
         UNION SELECT CASE WHEN l.from_id = w.id THEN l.to_id ELSE l.from_id END FROM walk w
         JOIN action_link l ON (l.from_id = w.id OR l.to_id = w.id) AND l.kind = 'SAME_AS')
       SELECT count(*)::int AS n FROM (SELECT id FROM walk LIMIT $2) s`,
      [id, cap],
    )) as { n: number }[];
    return rows[0].n;
  }

  async insert(m: EntityManager, f: LinkFields): Promise<string> {
    const rows = (await m.query(
      `INSERT INTO action_link (from_id, to_id, kind, note, source_id, excerpt, locator)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [f.fromId, f.toId, f.kind, f.note, f.sourceId, f.excerpt, f.locator],
    )) as { id: string }[];
    return rows[0].id;
  }

  /** The deleted link, or null when there was none. */
  async delete(m: EntityManager, id: string): Promise<ActionLinkEntity | null> {
    const rows = returnedRows(
      await m.query(
        `DELETE FROM action_link WHERE id = $1 RETURNING ${LINKS.selectList('action_link')}`,
        [id],
      ),
    ) as Record<string, unknown>[];
    return rows.length ? LINKS.fromRow(rows[0]) : null;
  }

  async getById(id: string, m?: EntityManager): Promise<ActionLinkEntity | null> {
    const sql = `SELECT ${LINKS.selectList('l')} FROM action_link l WHERE l.id = $1`;
    const rows = (m ? await m.query(sql, [id]) : await readQuery(this.pools, sql, [id])) as Record<
      string,
      unknown
    >[];
    return rows.length ? LINKS.fromRow(rows[0]) : null;
  }

  /** The ids of the records folded into each of these (SAME_AS duplicates), oldest first, for one audience. */
  async duplicatesOf(
    ids: readonly string[],
    audience: 'public' | 'all',
  ): Promise<{ id: string; into: string }[]> {
    return (await readQuery(
      this.pools,
      `SELECT a.id, a.fold_${audience} AS into FROM disciplinary_action a
       WHERE a.fold_${audience} = ANY($1::uuid[]) ORDER BY a.created_at, a.seq`,
      [ids],
    )) as { id: string; into: string }[];
  }

  /**
   * The links of these actions (either end), oldest first, leaving out those with an end the
   * caller may not see (`visible`: the caller's action predicate over `a`).
   */
  async ofActions(ids: readonly string[], visible: string): Promise<ActionLinkEntity[]> {
    const rows = (await readQuery(
      this.pools,
      `SELECT ${LINKS.selectList('l')} FROM action_link l
       WHERE (l.from_id = ANY($1::uuid[]) OR l.to_id = ANY($1::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM disciplinary_action a WHERE a.id IN (l.from_id, l.to_id) AND NOT (${visible}))
       ORDER BY l.seq`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => LINKS.fromRow(r));
  }
}
