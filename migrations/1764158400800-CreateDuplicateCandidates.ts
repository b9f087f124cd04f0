import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates (issue 16, README "Counting once" > "Duplicate candidates").
 *
 * - `duplicate_dismissal`: a pair of actions an editor says are not the same action; never proposed
 *   again. The pair is stored in id order (`a_id < b_id`), so dismissing (x, y) and (y, x) is one row.
 * - `action_duplicate_candidate` and `officer_duplicate_candidate`: the scored pairs, kept in id
 *   order, so a page is one index scan on (score DESC, a_id, b_id) whatever the table size. Derived
 *   data, not records: no history.
 * - `duplicate_dirty`: the records whose pairs need scoring again, queued by triggers from any write
 *   path (API, import, psql): an action or its citations written, an officer written (and then its
 *   actions too). The service drains the queue before it answers a page. Every record already
 *   there is queued once here.
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
    await q.query(`
      CREATE TABLE duplicate_dirty (
        kind text NOT NULL CHECK (kind IN ('action', 'officer')),
        id   uuid NOT NULL,
        PRIMARY KEY (kind, id)
      )`);
    const queue = (name: string, body: string) =>
      q.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${body} RETURN NULL; END $$`);
    await queue(
      'duplicate_dirty_action',
      `INSERT INTO duplicate_dirty SELECT 'action', id FROM new_rows ON CONFLICT DO NOTHING;`,
    );
    await queue(
      'duplicate_dirty_officer',
      `
      INSERT INTO duplicate_dirty SELECT 'officer', id FROM new_rows ON CONFLICT DO NOTHING;
      INSERT INTO duplicate_dirty SELECT 'action', a.id FROM new_rows n JOIN disciplinary_action a ON a.officer_id = n.id ON CONFLICT DO NOTHING;`,
    );
    await queue(
      'duplicate_dirty_citation_new',
      `INSERT INTO duplicate_dirty SELECT DISTINCT 'action', action_id FROM new_rows ON CONFLICT DO NOTHING;`,
    );
    await queue(
      'duplicate_dirty_citation_old',
      `
      INSERT INTO duplicate_dirty SELECT DISTINCT 'action', o.action_id FROM old_rows o
      WHERE EXISTS (SELECT 1 FROM disciplinary_action a WHERE a.id = o.action_id) ON CONFLICT DO NOTHING;`,
    );
    for (const [table, fn, events] of [
      ['disciplinary_action', 'duplicate_dirty_action', ['INSERT', 'UPDATE']],
      ['officer', 'duplicate_dirty_officer', ['INSERT', 'UPDATE']],
      ['citation', 'duplicate_dirty_citation_new', ['INSERT', 'UPDATE']],
      ['citation', 'duplicate_dirty_citation_old', ['DELETE']],
    ] as const) {
      for (const event of events) {
        const rows = event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'NEW TABLE AS new_rows';
        await q.query(`CREATE TRIGGER ${fn}_${event.toLowerCase()} AFTER ${event} ON ${table}
          REFERENCING ${rows} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
    }
    await q.query(`INSERT INTO duplicate_dirty SELECT 'action', id FROM disciplinary_action`);
    await q.query(`INSERT INTO duplicate_dirty SELECT 'officer', id FROM officer`);
    await q.query(
      `CREATE INDEX action_type_occurred_idx ON disciplinary_action (action_type, occurred_from) WHERE officer_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS action_type_occurred_idx`);
    for (const fn of [
      'duplicate_dirty_action',
      'duplicate_dirty_officer',
      'duplicate_dirty_citation_new',
      'duplicate_dirty_citation_old',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}() CASCADE`);
    }
    for (const table of [
      'duplicate_dirty',
      'officer_duplicate_candidate',
      'action_duplicate_candidate',
      'duplicate_dismissal',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
