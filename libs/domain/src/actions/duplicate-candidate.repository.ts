import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ScoredAction } from './duplicate-scoring.js';
import { returnedRows } from '../common/query-result.js';

/** A stored candidate pair, in id order. */
export interface CandidateRow {
  aId: string;
  bId: string;
  score: string;
  reasons: string[];
}

/** A keyset position: score descending, then ids ascending. */
export interface CandidateCursor {
  score: string;
  aId: string;
  bId: string;
}

/** The spellings of an officer's name, for scoring. */
export interface OfficerNames {
  id: string;
  fullName: string;
  fullNameKm: string | null;
  aliases: string[];
}

export type CandidateKind = 'action' | 'officer';

// Partners looked at per record and per similar name: bounds a refresh on common names (thousands
// of "Sok Dara"); the closest come first, so a real duplicate is not crowded out.
const PARTNERS_PER_NAME = 50;
const PARTNER_ACTIONS = 200;

/** Pairs not to propose: dismissed, already linked as the same action or as a member, or folded into one set. */
const OPEN_ACTION_PAIR = `
  a.retracted_at IS NULL AND b.retracted_at IS NULL
  AND coalesce(a.fold_all, a.id) <> coalesce(b.fold_all, b.id)
  AND NOT EXISTS (SELECT 1 FROM duplicate_dismissal d WHERE d.a_id = c.a_id AND d.b_id = c.b_id)
  AND NOT EXISTS (SELECT 1 FROM action_link l WHERE l.kind IN ('SAME_AS', 'MEMBER_OF')
                  AND ((l.from_id = c.a_id AND l.to_id = c.b_id) OR (l.from_id = c.b_id AND l.to_id = c.a_id)))`;

const OPEN_OFFICER_PAIR = `a.merged_into IS NULL AND b.merged_into IS NULL`;

/**
 * Duplicate candidates: finding the pairs worth scoring (blocked in SQL by action type, dates,
 * province and trigram name similarity on `officer.search_text`), storing the scored pairs and
 * paging through them.
 */
@Injectable()
export class DuplicateCandidateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The scoring lock (one scorer at a time), without waiting: false when another transaction holds it. */
  async tryLock(m: EntityManager): Promise<boolean> {
    const [row] = (await m.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('duplicate_candidates')) AS locked`,
    )) as { locked: boolean }[];
    return row.locked;
  }

  /** Records of one kind waiting to be scored (at most `limit`, to say "some" cheaply). */
  async queued(kind: CandidateKind, limit: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM duplicate_dirty WHERE kind = $1 LIMIT $2) q`,
      [kind, limit],
    )) as { n: number }[];
    return row.n;
  }

  /** Takes up to `limit` queued records of one kind (queued by triggers on every write; see the migration). */
  async drainDirty(m: EntityManager, kind: CandidateKind, limit: number): Promise<string[]> {
    const rows = returnedRows(
      await m.query(
        `DELETE FROM duplicate_dirty WHERE kind = $1
         AND id IN (SELECT id FROM duplicate_dirty WHERE kind = $1 LIMIT $2) RETURNING id`,
        [kind, limit],
      ),
    ) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** What scoring needs of these actions (with their officer's spellings and their sources). */
  async scoredActions(m: EntityManager | null, ids: readonly string[]): Promise<ScoredAction[]> {
    if (!ids.length) return [];
    const rows = (await (m ?? this.dataSource).query(
      `SELECT a.id, a.action_type, a.officer_id, a.subject_count, a.subject_description, a.province_code,
              to_char(a.occurred_from, 'YYYY-MM-DD') AS occurred_from, to_char(a.occurred_to, 'YYYY-MM-DD') AS occurred_to,
              o.full_name, o.full_name_km, o.aliases,
              ARRAY(SELECT DISTINCT c.source_id::text FROM citation c WHERE c.action_id = a.id) AS source_ids
       FROM disciplinary_action a LEFT JOIN officer o ON o.id = a.officer_id
       WHERE a.id = ANY($1::uuid[]) AND a.retracted_at IS NULL`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      actionType: r.action_type as string,
      officerId: r.officer_id as string | null,
      names: r.officer_id
        ? [
            r.full_name as string,
            r.full_name_km as string | null,
            ...(r.aliases as string[]),
          ].filter((s): s is string => Boolean(s && s.trim()))
        : [],
      subjectCount: r.subject_count as number,
      subjectDescription: r.subject_description as string | null,
      provinceCode: r.province_code as string | null,
      occurredFrom: r.occurred_from as string,
      occurredTo: r.occurred_to as string,
      sourceIds: r.source_ids as string[],
    }));
  }

  /**
   * For each key, the officers whose name, in any spelling, is like one of its `spellings` (pg_trgm
   * word similarity on `officer.search_text`, nearest first through its GiST index; tolerant of word
   * order), at most PARTNERS_PER_NAME a spelling. One statement for the whole batch.
   */
  async similarOfficers(
    m: EntityManager,
    entries: readonly { key: string; spellings: readonly string[] }[],
  ): Promise<Map<string, string[]>> {
    const keys = entries.flatMap((e) => e.spellings.map(() => e.key));
    const names = entries.flatMap((e) => e.spellings.map((s) => s.toLowerCase()));
    const found = new Map<string, string[]>(entries.map((e) => [e.key, []]));
    if (!names.length) return found;
    // 0.5 rather than pg_trgm's 0.6: "Nhem Kosal" and "Nhim Kosal" share 8 of 14 trigrams (0.57).
    // The nearest officers by word-similarity distance (1 - word_similarity), walked in order from
    // the GiST index (officer_search_gist) and stopped after PARTNERS_PER_NAME; of those, the ones
    // at least 0.5 similar.
    const rows = (await m.query(
      `SELECT DISTINCT v.key, s.id FROM unnest($1::text[], $2::text[]) v(key, name)
       CROSS JOIN LATERAL (
         SELECT o.id, v.name <<-> o.search_text AS distance FROM officer o
         WHERE o.merged_into IS NULL
         ORDER BY v.name <<-> o.search_text LIMIT $3
       ) s
       WHERE s.distance <= 0.5`,
      [keys, names, PARTNERS_PER_NAME],
    )) as { key: string; id: string }[];
    for (const r of rows) found.get(r.key)!.push(r.id);
    return found;
  }

  /**
   * For each action, the actions that might record the same action: same type, overlapping dates,
   * same or unknown province, and either an officer among its `officerIds` or, for an unnamed
   * group, no officer and the same size. At most PARTNER_ACTIONS each, nearest dates first.
   */
  async partners(
    m: EntityManager,
    named: readonly { actionId: string; officerIds: readonly string[] }[],
    groupIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const same = `b.action_type = a.action_type AND b.occurred_from <= a.occurred_to
         AND b.occurred_to >= a.occurred_from AND b.id <> a.id AND b.retracted_at IS NULL
         AND (a.province_code IS NULL OR b.province_code IS NULL OR b.province_code = a.province_code)`;
    const order = `ORDER BY abs(b.occurred_from - a.occurred_from), b.seq LIMIT ${PARTNER_ACTIONS}`;
    const rows = (await m.query(
      `WITH wanted(action_id, officer_id) AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       SELECT a.id AS action_id, p.id FROM disciplinary_action a
       CROSS JOIN LATERAL (
         SELECT b.id FROM disciplinary_action b
         WHERE b.officer_id IN (SELECT w.officer_id FROM wanted w WHERE w.action_id = a.id) AND ${same}
         ${order}
       ) p
       WHERE a.id IN (SELECT action_id FROM wanted)
       UNION ALL
       SELECT a.id, p.id FROM disciplinary_action a
       CROSS JOIN LATERAL (
         SELECT b.id FROM disciplinary_action b
         WHERE b.officer_id IS NULL AND b.subject_count = a.subject_count AND ${same}
         ${order}
       ) p
       WHERE a.id = ANY($3::uuid[])`,
      [
        named.flatMap((n) => n.officerIds.map(() => n.actionId)),
        named.flatMap((n) => n.officerIds),
        groupIds,
      ],
    )) as { action_id: string; id: string }[];
    for (const r of rows) {
      const list = found.get(r.action_id) ?? [];
      list.push(r.id);
      found.set(r.action_id, list);
    }
    return found;
  }

  async officerNames(m: EntityManager | null, ids: readonly string[]): Promise<OfficerNames[]> {
    if (!ids.length) return [];
    const rows = (await (m ?? this.dataSource).query(
      `SELECT id, full_name, full_name_km, aliases FROM officer WHERE id = ANY($1::uuid[]) AND merged_into IS NULL`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      fullName: r.full_name as string,
      fullNameKm: r.full_name_km as string | null,
      aliases: r.aliases as string[],
    }));
  }

  /** Replaces the stored pairs of `ids` with `pairs` (each in id order). */
  async replacePairs(
    m: EntityManager,
    kind: CandidateKind,
    ids: readonly string[],
    pairs: readonly { aId: string; bId: string; score: number; reasons: string[] }[],
  ): Promise<void> {
    const table = `${kind}_duplicate_candidate`;
    await m.query(`DELETE FROM ${table} WHERE a_id = ANY($1::uuid[]) OR b_id = ANY($1::uuid[])`, [
      ids,
    ]);
    // 1,000 pairs a statement: four parameters each, well under the 65,535 a statement takes.
    for (let i = 0; i < pairs.length; i += 1000) {
      const chunk = pairs.slice(i, i + 1000);
      await m.query(
        `INSERT INTO ${table} (a_id, b_id, score, reasons)
         SELECT a, b, s, ARRAY(SELECT json_array_elements_text(r)) FROM
           unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::json[]) t(a, b, s, r)
         ON CONFLICT (a_id, b_id) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, computed_at = now()`,
        [
          chunk.map((p) => p.aId),
          chunk.map((p) => p.bId),
          chunk.map((p) => p.score),
          chunk.map((p) => JSON.stringify(p.reasons)),
        ],
      );
    }
  }

  /** One page of open pairs, score descending then ids; `limit + 1` rows to tell a next page. */
  async page(
    kind: CandidateKind,
    minScore: number,
    limit: number,
    after: CandidateCursor | undefined,
  ): Promise<CandidateRow[]> {
    const params: unknown[] = [minScore, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after.score, after.aId, after.bId);
      keyset = `AND (c.score < $3::numeric OR (c.score = $3::numeric AND (c.a_id, c.b_id) > ($4::uuid, $5::uuid)))`;
    }
    const rows = (await this.dataSource.query(
      `SELECT c.a_id, c.b_id, c.score::text AS score, c.reasons FROM ${this.from(kind)}
       AND c.score >= $1 ${keyset}
       ORDER BY c.score DESC, c.a_id, c.b_id LIMIT $2`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      aId: r.a_id as string,
      bId: r.b_id as string,
      score: r.score as string,
      reasons: r.reasons as string[],
    }));
  }

  /**
   * The number of open pairs. For actions, the same rule as OPEN_ACTION_PAIR written for one pass
   * over the stored pairs: each pair is looked up in hashes of the few actions that can close it
   * (retracted, folded into a set, linked, dismissed) rather than joined twice to every action
   * (measured at 1M actions and 300,000 stored pairs: 0.28 s against 0.68 s).
   */
  async count(kind: CandidateKind, minScore: number): Promise<number> {
    const sql =
      kind === 'action'
        ? `SELECT count(*)::int AS n FROM action_duplicate_candidate c
           LEFT JOIN (SELECT id, fold_all FROM disciplinary_action WHERE fold_all IS NOT NULL) fa ON fa.id = c.a_id
           LEFT JOIN (SELECT id, fold_all FROM disciplinary_action WHERE fold_all IS NOT NULL) fb ON fb.id = c.b_id
           WHERE c.score >= $1
             AND coalesce(fa.fold_all, c.a_id) <> coalesce(fb.fold_all, c.b_id)
             AND NOT EXISTS (SELECT 1 FROM disciplinary_action r WHERE r.retracted_at IS NOT NULL AND r.id = c.a_id)
             AND NOT EXISTS (SELECT 1 FROM disciplinary_action r WHERE r.retracted_at IS NOT NULL AND r.id = c.b_id)
             AND NOT EXISTS (SELECT 1 FROM duplicate_dismissal d WHERE d.a_id = c.a_id AND d.b_id = c.b_id)
             AND NOT EXISTS (SELECT 1 FROM action_link l WHERE l.kind IN ('SAME_AS', 'MEMBER_OF')
                             AND l.from_id = c.a_id AND l.to_id = c.b_id)
             AND NOT EXISTS (SELECT 1 FROM action_link l WHERE l.kind IN ('SAME_AS', 'MEMBER_OF')
                             AND l.from_id = c.b_id AND l.to_id = c.a_id)`
        : `SELECT count(*)::int AS n FROM ${this.from(kind)} AND c.score >= $1`;
    const rows = (await this.dataSource.query(sql, [minScore])) as { n: number }[];
    return rows[0].n;
  }

  /** Which of these pairs (in id order) are dismissed or already linked: not to be proposed. */
  async closedPairs(pairs: readonly [string, string][]): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT c.a_id, c.b_id FROM unnest($1::uuid[], $2::uuid[]) c(a_id, b_id)
       JOIN disciplinary_action a ON a.id = c.a_id JOIN disciplinary_action b ON b.id = c.b_id
       WHERE NOT (${OPEN_ACTION_PAIR})`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    )) as { a_id: string; b_id: string }[];
    return new Set(rows.map((r) => `${r.a_id}:${r.b_id}`));
  }

  /** Records a dismissal (idempotent). */
  async dismiss(
    m: EntityManager,
    aId: string,
    bId: string,
    note: string | null,
    by: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO duplicate_dismissal (a_id, b_id, note, dismissed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (a_id, b_id) DO NOTHING`,
      [aId, bId, note, by],
    );
  }

  async existingActionIds(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows = (await m.query(`SELECT id FROM disciplinary_action WHERE id = ANY($1::uuid[])`, [
      ids,
    ])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  private from(kind: CandidateKind): string {
    return kind === 'action'
      ? `action_duplicate_candidate c JOIN disciplinary_action a ON a.id = c.a_id
         JOIN disciplinary_action b ON b.id = c.b_id WHERE ${OPEN_ACTION_PAIR}`
      : `officer_duplicate_candidate c JOIN officer a ON a.id = c.a_id
         JOIN officer b ON b.id = c.b_id WHERE ${OPEN_OFFICER_PAIR}`;
  }
}
