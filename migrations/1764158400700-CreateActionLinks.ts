import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting each person once (issue 16): links between actions, officer merges, and the derived
 * columns that let a tally count people, not records, in one scan.
 *
 * - `action_link`: SAME_AS (both record the same action), MEMBER_OF (`from`, naming one officer,
 *   is one of the people counted by the group `to`), FOLLOWS (`from` is a later step of the case of
 *   `to`), REVERSES (`from` reverses `to`). A versioned record table, like every other.
 * - On each action, derived from the links by `action_links_refresh` and versioned with it (so
 *   "as recorded at" sees the links as they stood), per audience (`public`: what anonymous callers
 *   and readers count; `all`: editors): `fold_*`, the representative a SAME_AS duplicate is folded
 *   into (null: counted itself); `named_members_*`, the distinct named members of a group (the group
 *   counts subject_count minus them, never below 0); and `case_id`/`case_step`, the FOLLOWS case it
 *   belongs to and its place in it (a tally counts a case once, at its latest matching step).
 * - Officers: `merged_into` (a merged officer stays resolvable and points to its survivor);
 *   `officer_merge` records each merge and what it moved; an action keeps `entered_officer_id`, the
 *   officer it named when entered, so a split gives the merged officer its own actions back.
 */
export class CreateActionLinks1764158400700 implements MigrationInterface {
  name = 'CreateActionLinks1764158400700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action_link (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        from_id    uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        to_id      uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        kind       text NOT NULL CHECK (kind IN ('SAME_AS', 'MEMBER_OF', 'FOLLOWS', 'REVERSES')),
        note       text,
        source_id  uuid REFERENCES source (id),
        excerpt    text,
        locator    text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version    integer NOT NULL DEFAULT 1,
        CONSTRAINT action_link_not_self CHECK (from_id <> to_id),
        CONSTRAINT action_link_once UNIQUE (from_id, to_id, kind)
      )`);
    await q.query(`CREATE INDEX action_link_to_idx ON action_link (to_id, kind)`);
    await q.query(`CREATE INDEX action_link_from_idx ON action_link (from_id, kind)`);
    await q.query(`SELECT versioning_enable('action_link', 'id')`);

    const actionColumns = `
      ADD COLUMN fold_public uuid,
      ADD COLUMN fold_all uuid,
      ADD COLUMN named_members_public integer NOT NULL DEFAULT 0,
      ADD COLUMN named_members_all integer NOT NULL DEFAULT 0,
      ADD COLUMN case_id uuid,
      ADD COLUMN case_step integer,
      ADD COLUMN entered_officer_id uuid`;
    await q.query(`ALTER TABLE disciplinary_action ${actionColumns}`);
    await q.query(
      `ALTER TABLE disciplinary_action_history ${actionColumns.replace(/ NOT NULL DEFAULT 0/g, '')}`,
    );
    await q.query(
      `UPDATE disciplinary_action SET entered_officer_id = officer_id WHERE officer_id IS NOT NULL`,
    );
    await q.query(`SET LOCAL app.migrating = 'on'`);
    await q.query(
      `UPDATE disciplinary_action_history SET entered_officer_id = officer_id, named_members_public = 0, named_members_all = 0`,
    );
    await q.query(
      `CREATE INDEX action_fold_public_idx ON disciplinary_action (fold_public) WHERE fold_public IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX action_fold_all_idx ON disciplinary_action (fold_all) WHERE fold_all IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX action_case_idx ON disciplinary_action (case_id, case_step) WHERE case_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX action_entered_officer_idx ON disciplinary_action (entered_officer_id) WHERE entered_officer_id IS NOT NULL`,
    );

    await q.query(`ALTER TABLE officer ADD COLUMN merged_into uuid REFERENCES officer (id)`);
    await q.query(`ALTER TABLE officer_history ADD COLUMN merged_into uuid`);
    await q.query(
      `CREATE INDEX officer_merged_into_idx ON officer (merged_into) WHERE merged_into IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE officer_merge (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        survivor_id   uuid NOT NULL REFERENCES officer (id),
        merged_id     uuid NOT NULL REFERENCES officer (id) UNIQUE,
        reason        text NOT NULL,
        moved_aliases text[] NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        version       integer NOT NULL DEFAULT 1,
        CONSTRAINT officer_merge_not_self CHECK (survivor_id <> merged_id)
      )`);
    await q.query(`SELECT versioning_enable('officer_merge', 'id')`);

    /**
     * Recomputes the derived counting columns of the actions linked (by any kind) to `seeds`, and of
     * the seeds: SAME_AS components and their representative per audience, named members of groups,
     * FOLLOWS cases and steps. Writes only the rows whose values change.
     */
    await q.query(`
      CREATE FUNCTION action_links_refresh(seeds uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Every action connected to a seed by links of any kind (components are small).
        CREATE TEMP TABLE IF NOT EXISTS refresh_scope (id uuid PRIMARY KEY) ON COMMIT DROP;
        TRUNCATE refresh_scope;
        INSERT INTO refresh_scope
        WITH RECURSIVE reach(id) AS (
          SELECT unnest(seeds)
          UNION
          SELECT CASE WHEN l.from_id = r.id THEN l.to_id ELSE l.from_id END
          FROM reach r JOIN action_link l ON l.from_id = r.id OR l.to_id = r.id
        )
        SELECT DISTINCT id FROM reach WHERE id IS NOT NULL;

        -- SAME_AS components: each action's component is labelled by its smallest member id.
        CREATE TEMP TABLE IF NOT EXISTS refresh_component (id uuid PRIMARY KEY, component uuid) ON COMMIT DROP;
        TRUNCATE refresh_component;
        INSERT INTO refresh_component
        WITH RECURSIVE walk(start, id) AS (
          SELECT s.id, s.id FROM refresh_scope s
          UNION
          SELECT w.start, CASE WHEN l.from_id = w.id THEN l.to_id ELSE l.from_id END
          FROM walk w JOIN action_link l ON l.kind = 'SAME_AS' AND (l.from_id = w.id OR l.to_id = w.id)
        )
        SELECT start, min(id::text)::uuid FROM walk GROUP BY start;

        -- The representative of each component, per audience: its earliest-created counted member.
        WITH members AS (
          SELECT c.id, c.component, a.created_at, a.seq,
                 (a.retracted_at IS NULL AND a.visibility = 'PUBLIC') AS public_ok,
                 (a.retracted_at IS NULL) AS all_ok
          FROM refresh_component c JOIN disciplinary_action a ON a.id = c.id
        ),
        reps AS (
          SELECT DISTINCT component,
                 first_value(id) OVER (PARTITION BY component ORDER BY NOT public_ok, created_at, seq) AS rep_public,
                 bool_or(public_ok) OVER (PARTITION BY component) AS any_public,
                 first_value(id) OVER (PARTITION BY component ORDER BY NOT all_ok, created_at, seq) AS rep_all,
                 bool_or(all_ok) OVER (PARTITION BY component) AS any_all
          FROM members
        ),
        wanted AS (
          SELECT m.id,
                 CASE WHEN m.public_ok AND r.any_public AND m.id <> r.rep_public THEN r.rep_public END AS fold_public,
                 CASE WHEN m.all_ok AND r.any_all AND m.id <> r.rep_all THEN r.rep_all END AS fold_all
          FROM members m JOIN reps r USING (component)
        )
        UPDATE disciplinary_action a SET fold_public = w.fold_public, fold_all = w.fold_all
        FROM wanted w WHERE a.id = w.id AND (a.fold_public IS DISTINCT FROM w.fold_public OR a.fold_all IS DISTINCT FROM w.fold_all);

        -- Named members of each group (of its whole SAME_AS component), counted once each.
        WITH groups AS (
          SELECT a.id, coalesce(c.component, a.id) AS component FROM refresh_scope s
          JOIN disciplinary_action a ON a.id = s.id LEFT JOIN refresh_component c ON c.id = a.id
        ),
        named AS (
          SELECT g.id,
                 count(DISTINCT coalesce(m.fold_public, m.id)) FILTER (WHERE m.retracted_at IS NULL AND m.visibility = 'PUBLIC') AS n_public,
                 count(DISTINCT coalesce(m.fold_all, m.id)) FILTER (WHERE m.retracted_at IS NULL) AS n_all
          FROM groups g
          JOIN groups gg ON gg.component = g.component
          JOIN action_link l ON l.kind = 'MEMBER_OF' AND l.to_id = gg.id
          JOIN disciplinary_action m ON m.id = l.from_id
          GROUP BY g.id
        ),
        wanted AS (
          SELECT g.id, coalesce(n.n_public, 0)::int AS n_public, coalesce(n.n_all, 0)::int AS n_all
          FROM groups g LEFT JOIN named n ON n.id = g.id
        )
        UPDATE disciplinary_action a SET named_members_public = w.n_public, named_members_all = w.n_all
        FROM wanted w WHERE a.id = w.id AND (a.named_members_public <> w.n_public OR a.named_members_all <> w.n_all);

        -- FOLLOWS cases: the root is the first step (it follows nothing); a step's place is its
        -- longest distance from the root.
        WITH RECURSIVE steps(root, id, step) AS (
          SELECT s.id, s.id, 0 FROM refresh_scope s
          WHERE EXISTS (SELECT 1 FROM action_link l WHERE l.kind = 'FOLLOWS' AND l.to_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM action_link l WHERE l.kind = 'FOLLOWS' AND l.from_id = s.id)
          UNION ALL
          SELECT st.root, l.from_id, st.step + 1 FROM steps st JOIN action_link l ON l.kind = 'FOLLOWS' AND l.to_id = st.id
          WHERE st.step < 100
        ),
        placed AS (SELECT id, min(root::text)::uuid AS case_id, max(step) AS case_step FROM steps GROUP BY id),
        wanted AS (
          SELECT s.id, p.case_id, p.case_step FROM refresh_scope s LEFT JOIN placed p ON p.id = s.id
        )
        UPDATE disciplinary_action a SET case_id = w.case_id, case_step = w.case_step
        FROM wanted w WHERE a.id = w.id AND (a.case_id IS DISTINCT FROM w.case_id OR a.case_step IS DISTINCT FROM w.case_step);
      END $$`);

    // Who counts changes when an action's visibility or retraction changes, or it is deleted.
    await q.query(`
      CREATE FUNCTION action_links_refresh_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids uuid[];
      BEGIN
        SELECT array_agg(DISTINCT n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.visibility IS DISTINCT FROM o.visibility OR n.retracted_at IS DISTINCT FROM o.retracted_at OR n.created_at IS DISTINCT FROM o.created_at)
          AND EXISTS (SELECT 1 FROM action_link l WHERE l.from_id = n.id OR l.to_id = n.id);
        IF ids IS NOT NULL THEN PERFORM action_links_refresh(ids); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER action_links_refresh_changed AFTER UPDATE ON disciplinary_action
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION action_links_refresh_changed()`);
    // A link written or removed: refresh both ends (from any write path, psql included).
    const linkRefresh = (rows: string) => `
      BEGIN
        PERFORM action_links_refresh(ARRAY(SELECT from_id FROM ${rows} UNION SELECT to_id FROM ${rows}));
        RETURN NULL;
      END`;
    await q.query(
      `CREATE FUNCTION action_link_refresh_new() RETURNS trigger LANGUAGE plpgsql AS $$${linkRefresh('new_rows')}$$`,
    );
    await q.query(
      `CREATE FUNCTION action_link_refresh_old() RETURNS trigger LANGUAGE plpgsql AS $$${linkRefresh('old_rows')}$$`,
    );
    await q.query(`CREATE TRIGGER action_link_refresh_insert AFTER INSERT ON action_link REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION action_link_refresh_new()`);
    await q.query(`CREATE TRIGGER action_link_refresh_update AFTER UPDATE ON action_link REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION action_link_refresh_new()`);
    await q.query(`CREATE TRIGGER action_link_refresh_delete AFTER DELETE ON action_link REFERENCING OLD TABLE AS old_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION action_link_refresh_old()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS action_links_refresh_changed ON disciplinary_action`);
    for (const fn of [
      'action_link_refresh_new()',
      'action_link_refresh_old()',
      'action_links_refresh_changed()',
      'action_links_refresh(uuid[])',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn} CASCADE`);
    }
    await q.query(`SET LOCAL app.migrating = 'on'`);
    for (const table of [
      'officer_merge_history',
      'officer_merge',
      'action_link_history',
      'action_link',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    await q.query(`ALTER TABLE officer DROP COLUMN IF EXISTS merged_into`);
    await q.query(`ALTER TABLE officer_history DROP COLUMN IF EXISTS merged_into`);
    for (const table of ['disciplinary_action', 'disciplinary_action_history']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS fold_public, DROP COLUMN IF EXISTS fold_all, DROP COLUMN IF EXISTS named_members_public,
        DROP COLUMN IF EXISTS named_members_all, DROP COLUMN IF EXISTS case_id, DROP COLUMN IF EXISTS case_step, DROP COLUMN IF EXISTS entered_officer_id`);
    }
  }
}
