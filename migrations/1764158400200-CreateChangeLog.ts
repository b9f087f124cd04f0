import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_TABLES = [
  'officer',
  'source',
  'disciplinary_action',
  'reported_figure',
  'reason',
  'province',
  'rank',
];

/**
 * The edit history, written by the database itself: AFTER row triggers on every record and
 * reference table append to `change_log`, so no write path (API, CLI, import, psql) can skip it.
 *
 * An action's reasons and citations are part of the action: they are folded into the action's
 * own entry (its snapshot carries `reason_codes` and `citations`) rather than logged as rows of
 * their own, so one edit is one entry whose before/after a reader can compare. The triggers on
 * `action_reason` and `citation` refresh the `after` of the action's entry of the same transaction
 * (or add an UPDATE entry when only the parts changed, e.g. from psql).
 *
 * `changed_by` is `app.actor`, set by the API per transaction with set_config(..., true);
 * changes made outside the API are attributed to 'database'.
 */
export class CreateChangeLog1764158400200 implements MigrationInterface {
  name = 'CreateChangeLog1764158400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE change_log (
        id          bigserial PRIMARY KEY,
        entity_type text NOT NULL,
        entity_id   text NOT NULL,
        operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'RETRACT')),
        changed_at  timestamptz NOT NULL DEFAULT now(),
        changed_by  text NOT NULL,
        tx_id       bigint NOT NULL DEFAULT txid_current(),
        before      jsonb,
        after       jsonb
      )`);
    await q.query(`CREATE INDEX change_log_entity_idx ON change_log (entity_type, entity_id, id)`);
    await q.query(`CREATE INDEX change_log_changed_at_idx ON change_log (changed_at, id)`);

    await q.query(`
      CREATE FUNCTION change_log_actor() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('app.actor', true), ''), 'database')
      $$`);

    // A record as the history shows it: the row without derived columns; an action with its parts.
    await q.query(`
      CREATE FUNCTION change_log_snapshot(entity text, row_data jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN entity = 'disciplinary_action' THEN
          (row_data - 'seq') || jsonb_build_object(
            'reason_codes', coalesce((SELECT jsonb_agg(r.reason_code ORDER BY r.reason_code)
                                      FROM action_reason r WHERE r.action_id = (row_data->>'id')::uuid), '[]'::jsonb),
            'citations', coalesce((SELECT jsonb_agg(jsonb_build_object('source_id', c.source_id, 'excerpt', c.excerpt, 'locator', c.locator) ORDER BY c.ordinal)
                                   FROM citation c WHERE c.action_id = (row_data->>'id')::uuid), '[]'::jsonb))
        ELSE row_data - 'seq' - 'search_text' END
      $$`);

    await q.query(`
      CREATE FUNCTION change_log_record() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_row jsonb;
        after_row  jsonb;
        op text := TG_OP;
      BEGIN
        IF TG_OP <> 'INSERT' THEN before_row := change_log_snapshot(TG_TABLE_NAME, to_jsonb(OLD)); END IF;
        IF TG_OP <> 'DELETE' THEN after_row := change_log_snapshot(TG_TABLE_NAME, to_jsonb(NEW)); END IF;
        IF TG_OP = 'UPDATE' THEN
          IF before_row = after_row THEN RETURN NULL; END IF;
          IF TG_TABLE_NAME = 'disciplinary_action' AND before_row->>'retracted_at' IS NULL AND after_row->>'retracted_at' IS NOT NULL THEN
            op := 'RETRACT';
          END IF;
        END IF;
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        VALUES (TG_TABLE_NAME,
                coalesce(after_row, before_row)->>(CASE WHEN TG_TABLE_NAME IN ('province', 'rank', 'reason') THEN 'code' ELSE 'id' END),
                op, change_log_actor(), before_row, after_row);
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE FUNCTION change_log_action_part() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        aid uuid;
        current_row jsonb;
        refreshed integer;
      BEGIN
        IF TG_OP = 'DELETE' THEN aid := OLD.action_id; ELSE aid := NEW.action_id; END IF;
        SELECT change_log_snapshot('disciplinary_action', to_jsonb(a)) INTO current_row FROM disciplinary_action a WHERE a.id = aid;
        -- The action itself is being deleted: its own DELETE entry has the parts.
        IF current_row IS NULL THEN RETURN NULL; END IF;
        UPDATE change_log SET after = current_row
        WHERE id = (SELECT max(id) FROM change_log
                    WHERE entity_type = 'disciplinary_action' AND entity_id = aid::text AND tx_id = txid_current());
        GET DIAGNOSTICS refreshed = ROW_COUNT;
        IF refreshed = 0 THEN
          INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
          SELECT 'disciplinary_action', aid::text, 'UPDATE', change_log_actor(),
                 (SELECT l.after FROM change_log l WHERE l.entity_type = 'disciplinary_action' AND l.entity_id = aid::text ORDER BY l.id DESC LIMIT 1),
                 current_row;
        END IF;
        RETURN NULL;
      END $$`);

    // Append-only: an entry can be refreshed only by the transaction that wrote it (the parts trigger above).
    await q.query(`
      CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.tx_id = txid_current() THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'change_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
      FOR EACH ROW EXECUTE FUNCTION change_log_append_only()`);

    // Named "A_..." so it sorts (and fires) before the foreign keys' "RI_..." cascade triggers:
    // a deleted action's snapshot still has its reasons and citations.
    for (const table of RECORD_TABLES) {
      await q.query(`
        CREATE TRIGGER "A_change_log" AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION change_log_record()`);
    }
    for (const table of ['action_reason', 'citation']) {
      await q.query(`
        CREATE TRIGGER "A_change_log" AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION change_log_action_part()`);
    }

    // Reference data loaded before this migration gets one INSERT entry each, so every record has a first entry.
    for (const table of ['province', 'rank', 'reason']) {
      await q.query(`
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        SELECT '${table}', t.code, 'INSERT', 'migration', NULL, to_jsonb(t) FROM ${table} t ORDER BY t.code`);
    }
    // Records written before this migration (a database seeded earlier) get their first entry too,
    // so that "as recorded at" reconstructs them.
    for (const table of ['officer', 'source', 'disciplinary_action', 'reported_figure']) {
      await q.query(`
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        SELECT '${table}', t.id::text, 'INSERT', 'migration', NULL, change_log_snapshot('${table}', to_jsonb(t)) FROM ${table} t ORDER BY t.seq`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...RECORD_TABLES, 'action_reason', 'citation']) {
      await q.query(`DROP TRIGGER IF EXISTS "A_change_log" ON ${table}`);
    }
    await q.query(`DROP TABLE IF EXISTS change_log`);
    for (const fn of [
      'change_log_append_only()',
      'change_log_action_part()',
      'change_log_record()',
      'change_log_snapshot(text, jsonb)',
      'change_log_actor()',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
  }
}
