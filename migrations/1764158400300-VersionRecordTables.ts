import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Record tables, with their key column, in the order they are converted. */
const TABLES: [table: string, key: string][] = [
  ['province', 'code'],
  ['rank', 'code'],
  ['reason', 'code'],
  ['officer', 'id'],
  ['source', 'id'],
  ['disciplinary_action', 'id'],
  ['citation', 'id'],
  ['reported_figure', 'id'],
];

/**
 * System-versioned record tables (SQL:2011 system versioning, as MariaDB's and SQL Server's temporal
 * tables and PostgreSQL's temporal_tables pattern), replacing the JSON edit log (change_log).
 *
 * Each record table keeps its current rows with `recorded_at` (the record-time moment the row
 * version became current: its transaction's start), `recorded_by` (who made it: `app.actor`) and
 * `change_seq` (its place in the order of every change, from one sequence). Its `<table>_history`
 * twin has the same columns plus `superseded_at`, `superseded_by`, `end_seq` and `end_how` (U:
 * replaced by an update, D: deleted): each row there is a version that was current during
 * [recorded_at, superseded_at). An INSERT writes no history; an UPDATE or DELETE writes exactly one
 * history row per affected row, set-based, from a statement trigger over its transition table.
 * Nothing is rewritten in place; the history tables are append-only (a trigger refuses updates,
 * deletes and truncation unless a migration sets app.migrating).
 *
 * An action's reasons move into the action row (`reason_codes`, sorted; `reason_counts`, the number
 * of people per reason when an editor records how a group splits between its reasons), so they are
 * versioned with it. Its citations keep their own versioned table; a change to citations made
 * without a change to the action in the same transaction (from psql, say) writes a new version of
 * the action too, so that the action's history shows every change to what it cites.
 *
 * `versioning_enable(table, key)` is kept in the database for later migrations' new tables.
 * The existing change_log is converted without loss: every logged version becomes a history row (or
 * the current row's record time), deletions included; citations are rebuilt per action version.
 */
export class VersionRecordTables1764158400300 implements MigrationInterface {
  name = 'VersionRecordTables1764158400300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL app.migrating = 'on'`);
    // The old log's triggers go first: nothing below is a change to the records.
    for (const table of [...TABLES.map(([t]) => t), 'action_reason']) {
      for (const trigger of ['change_log_insert', 'change_log_update', 'change_log_delete']) {
        await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
      }
    }

    // Reasons into the action row.
    await q.query(`
      ALTER TABLE disciplinary_action
        ADD COLUMN reason_codes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN reason_counts integer[],
        ADD CONSTRAINT reason_counts_per_reason CHECK (reason_counts IS NULL OR cardinality(reason_counts) = cardinality(reason_codes))`);
    await q.query(`
      UPDATE disciplinary_action a SET reason_codes = r.codes
      FROM (SELECT action_id, array_agg(reason_code ORDER BY reason_code) AS codes FROM action_reason GROUP BY action_id) r
      WHERE r.action_id = a.id`);
    await q.query(
      `CREATE INDEX action_reason_codes_idx ON disciplinary_action USING gin (reason_codes)`,
    );
    // "INTERNAL now" (hidden from the public in the past too) without a scan of every action.
    await q.query(
      `CREATE INDEX action_internal_idx ON disciplinary_action (id) WHERE visibility = 'INTERNAL'`,
    );
    // What the foreign key did: every code is a known reason (checked once per statement, set-based).
    await q.query(`
      CREATE FUNCTION action_reasons_known() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unknown text;
      BEGIN
        SELECT c INTO unknown FROM new_rows n CROSS JOIN LATERAL unnest(n.reason_codes) AS c
        WHERE NOT EXISTS (SELECT 1 FROM reason r WHERE r.code = c) LIMIT 1;
        IF unknown IS NOT NULL THEN
          RAISE EXCEPTION 'unknown reason code %', unknown USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'action_reason_code_fkey';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER action_reasons_known_insert AFTER INSERT ON disciplinary_action REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION action_reasons_known()`);
    await q.query(`CREATE TRIGGER action_reasons_known_update AFTER UPDATE ON disciplinary_action REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION action_reasons_known()`);
    await q.query(`
      CREATE FUNCTION reason_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM disciplinary_action a WHERE a.reason_codes @> ARRAY[OLD.code]) THEN
          RAISE EXCEPTION 'reason % is in use', OLD.code USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'action_reason_code_fkey';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(
      `CREATE TRIGGER reason_in_use BEFORE DELETE ON reason FOR EACH ROW EXECUTE FUNCTION reason_in_use()`,
    );

    // The machinery, kept in the database for the migrations that add tables later.
    await q.query(`CREATE SEQUENCE record_change_seq`);
    await q.query(`
      CREATE FUNCTION record_actor() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('app.actor', true), ''), 'database')
      $$`);
    // A new version of a row: its record time, author and place in the order of changes.
    await q.query(`
      CREATE FUNCTION versioning_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.recorded_at := now();
        NEW.recorded_by := record_actor();
        NEW.change_seq := nextval('record_change_seq');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION versioning_key_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the key of a % record cannot change (its history is kept under it)', TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    // The columns of a table, as a list for dynamic SQL (prefix 'o.' or none).
    await q.query(`
      CREATE FUNCTION versioning_columns(rel regclass, prefix text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT string_agg(prefix || quote_ident(attname), ', ' ORDER BY attnum)
        FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped
      $$`);
    // UPDATE: every replaced version goes to the history, ended by the new version's change.
    await q.query(`
      CREATE FUNCTION versioning_superseded() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'INSERT INTO %I (%s, superseded_at, superseded_by, end_seq, end_how)
           SELECT %s, now(), record_actor(), n.change_seq, ''U'' FROM old_rows o JOIN new_rows n ON n.%I = o.%I',
          TG_TABLE_NAME || '_history', versioning_columns(TG_RELID, ''), versioning_columns(TG_RELID, 'o.'), TG_ARGV[0], TG_ARGV[0]);
        RETURN NULL;
      END $$`);
    // DELETE: every deleted version goes to the history, with a change of its own.
    await q.query(`
      CREATE FUNCTION versioning_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'INSERT INTO %I (%s, superseded_at, superseded_by, end_seq, end_how)
           SELECT %s, now(), record_actor(), nextval(''record_change_seq''), ''D'' FROM old_rows o',
          TG_TABLE_NAME || '_history', versioning_columns(TG_RELID, ''), versioning_columns(TG_RELID, 'o.'));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION versioning_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('app.migrating', true) = 'on' THEN RETURN NULL; END IF;
        RAISE EXCEPTION '% is append-only: only migrations change the history', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE FUNCTION versioning_enable(tbl text, key text) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE h text := tbl || '_history'; col record;
      BEGIN
        EXECUTE format('ALTER TABLE %I
          ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now(),
          ADD COLUMN recorded_by text NOT NULL DEFAULT record_actor(),
          ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval(''record_change_seq'')', tbl);
        EXECUTE format('CREATE TABLE %I (LIKE %I)', h, tbl);
        -- A history row is a snapshot: the table's rules applied when it was current, not now.
        FOR col IN SELECT attname FROM pg_attribute WHERE attrelid = h::regclass AND attnum > 0 AND NOT attisdropped AND attnotnull LOOP
          EXECUTE format('ALTER TABLE %I ALTER COLUMN %I DROP NOT NULL', h, col.attname);
        END LOOP;
        EXECUTE format('ALTER TABLE %I
          ADD COLUMN superseded_at timestamptz NOT NULL,
          ADD COLUMN superseded_by text NOT NULL,
          ADD COLUMN end_seq bigint NOT NULL,
          ADD COLUMN end_how char(1) NOT NULL CHECK (end_how IN (''U'', ''D''))', h);
        EXECUTE format('CREATE INDEX %I ON %I (change_seq)', tbl || '_change_seq_idx', tbl);
        EXECUTE format('CREATE INDEX %I ON %I (%I, recorded_at)', h || '_key_idx', h, key);
        EXECUTE format('CREATE INDEX %I ON %I (superseded_at)', h || '_superseded_idx', h);
        EXECUTE format('CREATE INDEX %I ON %I (change_seq)', h || '_change_seq_idx', h);
        EXECUTE format('CREATE INDEX %I ON %I (end_seq)', h || '_end_seq_idx', h);
        EXECUTE format('CREATE TRIGGER versioning_stamp BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION versioning_stamp()', tbl);
        EXECUTE format('CREATE TRIGGER versioning_key_fixed BEFORE UPDATE OF %I ON %I FOR EACH ROW WHEN (OLD.%I IS DISTINCT FROM NEW.%I)
                        EXECUTE FUNCTION versioning_key_fixed()', key, tbl, key, key);
        EXECUTE format('CREATE TRIGGER versioning_superseded AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION versioning_superseded(%L)', tbl, key);
        EXECUTE format('CREATE TRIGGER versioning_deleted AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION versioning_deleted()', tbl);
        -- Per statement: refused even when no row matches, and for TRUNCATE.
        EXECUTE format('CREATE TRIGGER versioning_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION versioning_append_only()', h);
      END $$`);

    // Reason codes are referred to by actions' arrays: their key is fixed like every key.
    for (const [table, key] of TABLES)
      await q.query(`SELECT versioning_enable($1, $2)`, [table, key]);

    // The conversion sets record times itself: no trigger may stamp or log its writes.
    await q.query(`SET LOCAL session_replication_role = replica`);
    await this.convertChangeLog(q);
    await q.query(`SET LOCAL session_replication_role = DEFAULT`);

    // Citations changed on their own (psql): the action gets a new version showing them.
    const touch = (rows: string) => `
      BEGIN
        UPDATE disciplinary_action a SET version = a.version + 1, updated_at = now()
        WHERE a.id IN (SELECT DISTINCT action_id FROM ${rows}) AND a.recorded_at <> now();
        RETURN NULL;
      END`;
    await q.query(
      `CREATE FUNCTION citation_touch_new() RETURNS trigger LANGUAGE plpgsql AS $$${touch('new_rows')}$$`,
    );
    await q.query(
      `CREATE FUNCTION citation_touch_old() RETURNS trigger LANGUAGE plpgsql AS $$${touch('old_rows')}$$`,
    );
    await q.query(`CREATE TRIGGER citation_touch_insert AFTER INSERT ON citation REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION citation_touch_new()`);
    await q.query(`CREATE TRIGGER citation_touch_update AFTER UPDATE ON citation REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION citation_touch_new()`);
    await q.query(`CREATE TRIGGER citation_touch_delete AFTER DELETE ON citation REFERENCING OLD TABLE AS old_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION citation_touch_old()`);
    await q.query(
      `CREATE INDEX citation_history_action_idx ON citation_history (action_id, recorded_at)`,
    );

    await q.query(`DROP TABLE action_reason`);
    await q.query(`DROP TABLE change_log`);
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

  /**
   * change_log -> versions. Every entry with an `after` was a version of its record, current from
   * its time until the record's next entry (an update, or a deletion). The last version of a live
   * record is the current row: it takes that entry's time, author and number; the others become
   * history rows. Changes are numbered in log order. An action's citations are rebuilt from each
   * version's snapshot; the current citations take the current version's time.
   */
  private async convertChangeLog(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TEMP TABLE log_entry ON COMMIT DROP AS
      SELECT l.entity_type, l.entity_id, l.operation, l.after, l.changed_at, l.changed_by,
             row_number() OVER (ORDER BY l.id) AS seq,
             lead(l.changed_at) OVER w AS next_at, lead(l.changed_by) OVER w AS next_by,
             lead(l.operation) OVER w AS next_op, lead(l.id) OVER w AS next_id, l.id
      FROM change_log l
      WINDOW w AS (PARTITION BY l.entity_type, l.entity_id ORDER BY l.id)`);
    await q.query(`ALTER TABLE log_entry ADD COLUMN next_seq bigint`);
    await q.query(
      `UPDATE log_entry e SET next_seq = n.seq FROM log_entry n WHERE n.id = e.next_id`,
    );
    await q.query(
      `SELECT setval('record_change_seq', greatest((SELECT max(seq) FROM log_entry), 0) + 1, false)`,
    );

    for (const [table, key] of TABLES) {
      if (table === 'citation') continue;
      const keyType = key === 'id' ? 'uuid' : 'text';
      // The current row: its last version's time, author and number; a row the log never saw
      // (loaded with the triggers off) keeps its creation time and gets a number now.
      const created = table === 'province' || table === 'rank' ? 'now()' : 't.created_at';
      await q.query(`
        UPDATE ${table} t SET recorded_at = coalesce(e.changed_at, ${created}), recorded_by = coalesce(e.changed_by, 'migration'),
               change_seq = coalesce(e.seq, nextval('record_change_seq'))
        FROM ${table} t2 LEFT JOIN log_entry e
          ON e.entity_type = '${table}' AND e.entity_id = t2.${key}::text AND e.next_id IS NULL AND e.after IS NOT NULL
        WHERE t2.${key} = t.${key}`);
      // Every earlier version, and every version of a deleted record.
      const seq =
        table === 'province' || table === 'rank' || table === 'reason'
          ? ''
          : `, 'seq', coalesce(cur.seq, nextval(pg_get_serial_sequence('${table}', 'seq')))`;
      await q.query(`
        INSERT INTO ${table}_history
        SELECT (jsonb_populate_record(NULL::${table}_history, e.after || jsonb_build_object(
          'recorded_at', e.changed_at, 'recorded_by', e.changed_by, 'change_seq', e.seq,
          'superseded_at', e.next_at, 'superseded_by', e.next_by, 'end_seq', e.next_seq,
          'end_how', CASE WHEN e.next_op = 'DELETE' THEN 'D' ELSE 'U' END${seq}))).*
        FROM log_entry e LEFT JOIN ${table} cur ON cur.${key} = e.entity_id::${keyType}
        WHERE e.entity_type = '${table}' AND e.after IS NOT NULL AND e.next_id IS NOT NULL
        ORDER BY e.seq`);
    }

    // Citations: each action version that is history had the citations of its snapshot.
    await q.query(`
      INSERT INTO citation_history (id, action_id, source_id, excerpt, locator, ordinal, recorded_at, recorded_by, change_seq,
                                    superseded_at, superseded_by, end_seq, end_how)
      SELECT gen_random_uuid(), e.entity_id::uuid, (c.value->>'source_id')::uuid, c.value->>'excerpt', c.value->>'locator', c.ordinality::int,
             e.changed_at, e.changed_by, e.seq, e.next_at, e.next_by, e.next_seq, CASE WHEN e.next_op = 'DELETE' THEN 'D' ELSE 'U' END
      FROM log_entry e CROSS JOIN LATERAL jsonb_array_elements(e.after->'citations') WITH ORDINALITY AS c(value, ordinality)
      WHERE e.entity_type = 'disciplinary_action' AND e.after IS NOT NULL AND e.next_id IS NOT NULL
      ORDER BY e.seq, c.ordinality`);
    // The current citations were current from the current version of their action.
    await q.query(`
      UPDATE citation c SET recorded_at = a.recorded_at, recorded_by = a.recorded_by, change_seq = a.change_seq
      FROM disciplinary_action a WHERE a.id = c.action_id`);
  }

  async down(): Promise<void> {
    throw new Error(
      'VersionRecordTables cannot be undone: the edit log it replaced is gone. Restore a backup taken before it.',
    );
  }
}
