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
 * The edit history, written by the database itself: AFTER statement triggers (over transition
 * tables) on every record and reference table append to `change_log`, so no write path (API, CLI, import, psql) can skip it.
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

    // Statement-level triggers over transition tables: one INSERT into change_log per statement,
    // whatever its row count, so a bulk import of a million rows costs a few set-based statements
    // instead of a trigger call (and its subqueries) per row.
    await q.query(`
      CREATE FUNCTION change_log_key(entity text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN entity IN ('province', 'rank', 'reason') THEN 'code' ELSE 'id' END
      $$`);

    await q.query(`
      CREATE FUNCTION change_log_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE k text := change_log_key(TG_TABLE_NAME);
      BEGIN
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        SELECT TG_TABLE_NAME, x.j->>k, 'INSERT', change_log_actor(), NULL, change_log_snapshot(TG_TABLE_NAME, x.j)
        FROM (SELECT to_jsonb(n) AS j FROM new_rows n) x;
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE FUNCTION change_log_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE k text := change_log_key(TG_TABLE_NAME);
      BEGIN
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        SELECT TG_TABLE_NAME, c.id,
               CASE WHEN TG_TABLE_NAME = 'disciplinary_action' AND c.b->>'retracted_at' IS NULL AND c.a->>'retracted_at' IS NOT NULL
                    THEN 'RETRACT' ELSE 'UPDATE' END,
               change_log_actor(), c.b, c.a
        FROM (
          SELECT nj->>k AS id, change_log_snapshot(TG_TABLE_NAME, oj) AS b, change_log_snapshot(TG_TABLE_NAME, nj) AS a
          FROM (SELECT to_jsonb(n) AS nj FROM new_rows n) nn
          JOIN (SELECT to_jsonb(o) AS oj FROM old_rows o) oo ON oo.oj->>k = nn.nj->>k
        ) c
        WHERE c.b IS DISTINCT FROM c.a;
        RETURN NULL;
      END $$`);

    // A deleted action's parts are gone by the time a statement trigger runs (the foreign keys
    // cascade first): its last logged state, which has them, is the "before".
    await q.query(`
      CREATE FUNCTION change_log_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE k text := change_log_key(TG_TABLE_NAME);
      BEGIN
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        SELECT TG_TABLE_NAME, x.j->>k, 'DELETE', change_log_actor(),
               coalesce((SELECT l.after FROM change_log l
                         WHERE l.entity_type = TG_TABLE_NAME AND l.entity_id = x.j->>k AND l.after IS NOT NULL
                         ORDER BY l.id DESC LIMIT 1),
                        change_log_snapshot(TG_TABLE_NAME, x.j)),
               NULL
        FROM (SELECT to_jsonb(o) AS j FROM old_rows o) x;
        RETURN NULL;
      END $$`);

    // Reasons and citations changed: refresh the snapshot of each affected action, set-based. The
    // entry written by this transaction is refreshed in place; an action without one (its parts
    // changed alone, e.g. from psql) gets an UPDATE entry.
    const partsBody = (rows: string) => `
      BEGIN
        WITH affected AS (SELECT DISTINCT action_id FROM ${rows}),
        snap AS (
          SELECT a.id::text AS eid, change_log_snapshot('disciplinary_action', to_jsonb(a)) AS s
          FROM disciplinary_action a JOIN affected f ON f.action_id = a.id
        ),
        latest AS (
          SELECT DISTINCT ON (l.entity_id) l.entity_id, l.id, l.tx_id, l.after
          FROM change_log l JOIN snap ON l.entity_type = 'disciplinary_action' AND l.entity_id = snap.eid
          ORDER BY l.entity_id, l.id DESC
        ),
        refreshed AS (
          UPDATE change_log c SET after = snap.s
          FROM latest JOIN snap ON snap.eid = latest.entity_id
          WHERE c.id = latest.id AND latest.tx_id = txid_current()
          RETURNING c.id
        )
        INSERT INTO change_log (entity_type, entity_id, operation, changed_by, before, after)
        SELECT 'disciplinary_action', snap.eid, 'UPDATE', change_log_actor(), latest.after, snap.s
        FROM snap LEFT JOIN latest ON latest.entity_id = snap.eid
        WHERE latest.tx_id IS DISTINCT FROM txid_current() AND latest.after IS DISTINCT FROM snap.s;
        RETURN NULL;
      END`;
    await q.query(
      `CREATE FUNCTION change_log_parts_new() RETURNS trigger LANGUAGE plpgsql AS $$${partsBody('new_rows')}$$`,
    );
    await q.query(
      `CREATE FUNCTION change_log_parts_old() RETURNS trigger LANGUAGE plpgsql AS $$${partsBody('old_rows')}$$`,
    );

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

    for (const table of RECORD_TABLES) {
      await q.query(`CREATE TRIGGER change_log_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION change_log_inserted()`);
      await q.query(`CREATE TRIGGER change_log_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION change_log_updated()`);
      await q.query(`CREATE TRIGGER change_log_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION change_log_deleted()`);
    }
    for (const table of ['action_reason', 'citation']) {
      await q.query(`CREATE TRIGGER change_log_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION change_log_parts_new()`);
      await q.query(`CREATE TRIGGER change_log_update AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS new_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION change_log_parts_new()`);
      await q.query(`CREATE TRIGGER change_log_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION change_log_parts_old()`);
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
      for (const trigger of ['change_log_insert', 'change_log_update', 'change_log_delete']) {
        await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
      }
    }
    await q.query(`DROP TABLE IF EXISTS change_log`);
    for (const fn of [
      'change_log_append_only()',
      'change_log_parts_new()',
      'change_log_parts_old()',
      'change_log_deleted()',
      'change_log_updated()',
      'change_log_inserted()',
      'change_log_key(text)',
      'change_log_snapshot(text, jsonb)',
      'change_log_actor()',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
  }
}
