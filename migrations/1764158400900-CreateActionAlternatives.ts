import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disagreeing sources (issue 17, README "Disagreeing sources"): alternative values of an action's
 * attributes, each with the source that reports it.
 *
 * - `action_alternative`: one value of one attribute (ACTION_TYPE, OCCURRED, RANK, PROVINCE,
 *   AGENCY, SUBJECT_COUNT, REASONS, OFFICER) in its canonical text form, with its citation and a
 *   status: PREFERRED (at most one per action and attribute: the action's own column then holds
 *   it), ALTERNATIVE or DEPRECATED. `record_value` marks the row that keeps the record's own value
 *   once another value was preferred. OCCURRED values carry the date range they are counted over.
 *   A versioned record table, like every other.
 */
export class CreateActionAlternatives1764158400900 implements MigrationInterface {
  name = 'CreateActionAlternatives1764158400900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action_alternative (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        action_id     uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        attribute     text NOT NULL CHECK (attribute IN ('ACTION_TYPE', 'OCCURRED', 'RANK', 'PROVINCE', 'AGENCY', 'SUBJECT_COUNT', 'REASONS', 'OFFICER')),
        value         text,
        occurred_from date,
        occurred_to   date,
        status        text NOT NULL DEFAULT 'ALTERNATIVE' CHECK (status IN ('PREFERRED', 'ALTERNATIVE', 'DEPRECATED')),
        record_value  boolean NOT NULL DEFAULT false,
        note          text,
        source_id     uuid NOT NULL REFERENCES source (id),
        excerpt       text,
        locator       text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        version       integer NOT NULL DEFAULT 1,
        CONSTRAINT action_alternative_value CHECK (value IS NOT NULL OR record_value),
        CONSTRAINT action_alternative_dates CHECK ((attribute = 'OCCURRED') = (occurred_from IS NOT NULL AND occurred_to IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX action_alternative_action_idx ON action_alternative (action_id, attribute)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX action_alternative_one_preferred ON action_alternative (action_id, attribute) WHERE status = 'PREFERRED'`,
    );
    await q.query(`SELECT versioning_enable('action_alternative', 'id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL app.migrating = 'on'`);
    for (const table of ['action_alternative_history', 'action_alternative'])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
