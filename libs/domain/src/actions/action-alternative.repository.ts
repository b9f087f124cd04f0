import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_POOLS, type DatabasePools } from '@app/core';
import type { EntityManager } from 'typeorm';
import {
  ActionAlternativeEntity,
  type ActionAttribute,
  type AlternativeStatus,
} from './action.entities.js';
import { EntityTable } from '../common/entity-columns.js';
import { readQuery } from '../common/read-query.js';

/** The alternative table's reads and writes, derived from its entity. */
export const ALTERNATIVES = new EntityTable<ActionAlternativeEntity, keyof ActionAlternativeEntity>(
  ActionAlternativeEntity,
  ['id'],
);

export interface AlternativeFields {
  actionId: string;
  attribute: ActionAttribute;
  value: string | null;
  occurredFrom: string | null;
  occurredTo: string | null;
  status: AlternativeStatus;
  recordValue: boolean;
  note: string | null;
  sourceId: string;
  excerpt: string | null;
  locator: string | null;
}

/** Alternative values of actions' attributes (README "Disagreeing sources"). */
@Injectable()
export class ActionAlternativeRepository {
  constructor(@Inject(DATABASE_POOLS) private readonly pools: DatabasePools) {}

  async insert(m: EntityManager, f: AlternativeFields): Promise<string> {
    const rows = (await m.query(
      `INSERT INTO action_alternative (action_id, attribute, value, occurred_from, occurred_to, status, record_value, note, source_id, excerpt, locator)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        f.actionId,
        f.attribute,
        f.value,
        f.occurredFrom,
        f.occurredTo,
        f.status,
        f.recordValue,
        f.note,
        f.sourceId,
        f.excerpt,
        f.locator,
      ],
    )) as { id: string }[];
    return rows[0].id;
  }

  async setStatus(m: EntityManager, id: string, status: AlternativeStatus): Promise<void> {
    await m.query(
      `UPDATE action_alternative SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 AND status <> $2`,
      [id, status],
    );
  }

  /** Demotes the PREFERRED value of an attribute (other than `exceptId`) to ALTERNATIVE. */
  async demotePreferred(
    m: EntityManager,
    actionId: string,
    attribute: ActionAttribute,
    exceptId: string,
  ): Promise<void> {
    await m.query(
      `UPDATE action_alternative SET status = 'ALTERNATIVE', version = version + 1, updated_at = now()
       WHERE action_id = $1 AND attribute = $2 AND status = 'PREFERRED' AND id <> $3`,
      [actionId, attribute, exceptId],
    );
  }

  async ofAttribute(
    m: EntityManager,
    actionId: string,
    attribute: ActionAttribute,
  ): Promise<ActionAlternativeEntity[]> {
    const rows = (await m.query(
      `SELECT ${ALTERNATIVES.selectList('x')} FROM action_alternative x WHERE x.action_id = $1 AND x.attribute = $2 ORDER BY x.seq`,
      [actionId, attribute],
    )) as Record<string, unknown>[];
    return rows.map((r) => ALTERNATIVES.fromRow(r));
  }

  async getById(id: string, m?: EntityManager): Promise<ActionAlternativeEntity | null> {
    const sql = `SELECT ${ALTERNATIVES.selectList('x')} FROM action_alternative x WHERE x.id = $1`;
    const rows = (m ? await m.query(sql, [id]) : await readQuery(this.pools, sql, [id])) as Record<
      string,
      unknown
    >[];
    return rows.length ? ALTERNATIVES.fromRow(rows[0]) : null;
  }

  /** The alternatives of these actions, oldest first. */
  async ofActions(ids: readonly string[]): Promise<ActionAlternativeEntity[]> {
    const rows = (await readQuery(
      this.pools,
      `SELECT ${ALTERNATIVES.selectList('x')} FROM action_alternative x WHERE x.action_id = ANY($1::uuid[]) ORDER BY x.seq`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => ALTERNATIVES.fromRow(r));
  }

  /** The action's first citation: what a kept record value cites. */
  async firstCitation(
    m: EntityManager,
    actionId: string,
  ): Promise<{ sourceId: string; excerpt: string | null; locator: string | null } | null> {
    const rows = (await m.query(
      `SELECT source_id, excerpt, locator FROM citation WHERE action_id = $1 ORDER BY ordinal LIMIT 1`,
      [actionId],
    )) as {
      source_id: string;
      excerpt: string | null;
      locator: string | null;
    }[];
    return rows.length
      ? { sourceId: rows[0].source_id, excerpt: rows[0].excerpt, locator: rows[0].locator }
      : null;
  }

  /** An officer by exact name (full name, Khmer name or alias, case-insensitive); null unless exactly one. */
  async officerByName(m: EntityManager, name: string): Promise<string | null> {
    const rows = (await m.query(
      `SELECT id FROM officer WHERE merged_into IS NULL AND (lower(full_name) = lower($1) OR full_name_km = $1
         OR EXISTS (SELECT 1 FROM unnest(aliases) al WHERE lower(al) = lower($1))) LIMIT 2`,
      [name],
    )) as { id: string }[];
    return rows.length === 1 ? rows[0].id : null;
  }
}
