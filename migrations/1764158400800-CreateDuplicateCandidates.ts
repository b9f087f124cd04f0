import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates (issue 16, README "Counting once" > "Duplicate candidates").
 *
 * - `duplicate_dismissal`: a pair of actions an editor says are not the same action; never proposed
 *   again. The pair is stored in id order (`a_id < b_id`), so dismissing (x, y) and (y, x) is one row.
 * - `action_duplicate_candidate` and `officer_duplicate_candidate`: the scored pairs, kept in id
 *   order, refreshed by the service for the records written since its last refresh (the watermark in
 *   `app_state`), so a page is one index scan on (score DESC, a_id, b_id) whatever the table size.
 *   Derived data, not records: no history.
 * - An index on actions by (action_type, occurred_from) for the partners of unnamed group actions.
 */
export class CreateDuplicateCandidates1764158400800 implements MigrationInterface {
  name = 'CreateDuplicateCandidates1764158400800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duplicate_dismissal (
        a_id         uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        b_id         uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        note         text,
        dismissed_by text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (a_id, b_id),
        CONSTRAINT duplicate_dismissal_in_order CHECK (a_id < b_id)
      )`);
    await q.query(`CREATE INDEX duplicate_dismissal_b_idx ON duplicate_dismissal (b_id)`);
    for (const [table, ref] of [
      ['action_duplicate_candidate', 'disciplinary_action'],
      ['officer_duplicate_candidate', 'officer'],
    ]) {
      await q.query(`
        CREATE TABLE ${table} (
          a_id        uuid NOT NULL REFERENCES ${ref} (id) ON DELETE CASCADE,
          b_id        uuid NOT NULL REFERENCES ${ref} (id) ON DELETE CASCADE,
          score       numeric(4, 3) NOT NULL CHECK (score >= 0 AND score <= 1),
          reasons     text[] NOT NULL,
          computed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (a_id, b_id),
          CONSTRAINT ${table}_in_order CHECK (a_id < b_id)
        )`);
      await q.query(`CREATE INDEX ${table}_rank_idx ON ${table} (score DESC, a_id, b_id)`);
      await q.query(`CREATE INDEX ${table}_b_idx ON ${table} (b_id)`);
    }
    await q.query(`CREATE INDEX action_type_occurred_idx ON disciplinary_action (action_type, occurred_from) WHERE officer_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS action_type_occurred_idx`);
    for (const table of ['officer_duplicate_candidate', 'action_duplicate_candidate', 'duplicate_dismissal']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DELETE FROM app_state WHERE key LIKE 'duplicates.%'`);
  }
}
