import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OFFICERS } from './officer.repository.js';
import { OfficerMergeEntity, type OfficerEntity } from './officer.entity.js';
import { EntityTable } from '../common/entity-columns.js';

/** The officer_merge table's reads, derived from its entity. */
export const OFFICER_MERGES = new EntityTable<OfficerMergeEntity, keyof OfficerMergeEntity>(
  OfficerMergeEntity,
  ['id'],
);

/**
 * The writes of a merge and of a split (README "Merging officers"), each a set of plain statements
 * in the caller's transaction. They move `officer_id` themselves: the transaction setting
 * `app.officer_merge` keeps the entered officer of each action as it was (migration OfficerMerges).
 */
@Injectable()
export class OfficerMergeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** These officers, locked for the merge (in id order: two merges never wait on each other in a cycle). */
  async lock(m: EntityManager, ids: readonly string[]): Promise<Map<string, OfficerEntity>> {
    const rows = (await m.query(
      `SELECT ${OFFICERS.selectList('o')} FROM officer o WHERE o.id = ANY($1::uuid[]) ORDER BY o.id FOR UPDATE`,
      [ids],
    )) as Record<string, unknown>[];
    return new Map(rows.map((r) => [r.id as string, OFFICERS.fromRow(r)]));
  }

  async mergesInto(m: EntityManager, survivorId: string): Promise<OfficerMergeEntity[]> {
    const rows = (await m.query(
      `SELECT ${OFFICER_MERGES.selectList('x')} FROM officer_merge x WHERE x.survivor_id = $1 ORDER BY x.seq`,
      [survivorId],
    )) as Record<string, unknown>[];
    return rows.map((r) => OFFICER_MERGES.fromRow(r));
  }

  /** The ids merged into each of these officers, oldest merge first. */
  async mergedFrom(survivorIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = (await this.dataSource.query(
      `SELECT survivor_id::text AS survivor, merged_id::text AS merged FROM officer_merge WHERE survivor_id = ANY($1::uuid[]) ORDER BY seq`,
      [survivorIds],
    )) as { survivor: string; merged: string }[];
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.survivor, [...(out.get(r.survivor) ?? []), r.merged]);
    return out;
  }

  private async moving(m: EntityManager): Promise<void> {
    await m.query(`SELECT set_config('app.officer_merge', 'on', true)`);
  }

  private async moved(m: EntityManager): Promise<void> {
    await m.query(`SELECT set_config('app.officer_merge', '', true)`);
  }

  /**
   * Merges `merged` into `survivorId`: the survivor takes `aliases`; each merged officer points to it
   * (and so do the officers merged into them before); their actions count under it; one merge row
   * each, with the names it gave the survivor.
   */
  async merge(
    m: EntityManager,
    survivorId: string,
    merged: readonly { id: string; movedAliases: string[] }[],
    aliases: string[],
    reason: string,
  ): Promise<void> {
    const ids = merged.map((x) => x.id);
    await this.moving(m);
    await m.query(
      `UPDATE officer SET aliases = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [survivorId, aliases],
    );
    await m.query(
      `UPDATE officer SET merged_into = $1, version = version + 1, updated_at = now()
       WHERE id = ANY($2::uuid[]) OR merged_into = ANY($2::uuid[])`,
      [survivorId, ids],
    );
    await m.query(
      `UPDATE officer_merge SET survivor_id = $1, version = version + 1, updated_at = now() WHERE survivor_id = ANY($2::uuid[])`,
      [survivorId, ids],
    );
    await m.query(
      `UPDATE disciplinary_action SET officer_id = $1, version = version + 1, updated_at = now() WHERE officer_id = ANY($2::uuid[])`,
      [survivorId, ids],
    );
    await m.query(
      `INSERT INTO officer_merge (survivor_id, merged_id, reason, moved_aliases)
       SELECT $1, x.merged_id, $3, ARRAY(SELECT jsonb_array_elements_text(x.moved)) FROM jsonb_to_recordset($2::jsonb) AS x(merged_id uuid, moved jsonb)`,
      [
        survivorId,
        JSON.stringify(merged.map((x) => ({ merged_id: x.id, moved: x.movedAliases }))),
        reason,
      ],
    );
    await this.moved(m);
  }

  /** Undoes one merge: the merged officer's own actions (as entered) and names go back to it. */
  async split(
    m: EntityManager,
    merge: OfficerMergeEntity,
    survivorAliases: string[],
  ): Promise<void> {
    await this.moving(m);
    await m.query(
      `UPDATE disciplinary_action SET officer_id = $2, version = version + 1, updated_at = now()
       WHERE officer_id = $1 AND entered_officer_id = $2`,
      [merge.survivorId, merge.mergedId],
    );
    await m.query(
      `UPDATE officer SET aliases = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [merge.survivorId, survivorAliases],
    );
    await m.query(
      `UPDATE officer SET merged_into = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
      [merge.mergedId],
    );
    await m.query(`DELETE FROM officer_merge WHERE id = $1`, [merge.id]);
    await this.moved(m);
  }
}
