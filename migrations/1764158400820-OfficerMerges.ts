import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officer merges (issue 16): the officer an action names as entered stays on the action.
 *
 * `disciplinary_action.entered_officer_id` (added by CreateActionLinks) is the officer as entered;
 * `officer_id` the person it counts under (the survivor of a merge). A trigger keeps the invariant on
 * every write path (API, import, seed, psql): an insert, or an update that changes `officer_id`,
 * records the officer as entered and points `officer_id` at its survivor when it was merged. The
 * merge and the split move `officer_id` themselves (transaction setting `app.officer_merge`) and
 * leave the entered officer as it was, so a split gives a merged officer back its own actions.
 */
export class OfficerMerges1764158400820 implements MigrationInterface {
  name = 'OfficerMerges1764158400820';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION action_entered_officer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('app.officer_merge', true) = 'on' THEN RETURN NEW; END IF;
        NEW.entered_officer_id := NEW.officer_id;
        IF NEW.officer_id IS NOT NULL THEN
          NEW.officer_id := coalesce((SELECT o.merged_into FROM officer o WHERE o.id = NEW.officer_id), NEW.officer_id);
        END IF;
        RETURN NEW;
      END $$`);
    // Writers that set entered_officer_id themselves (the import, set-based) skip the row trigger.
    await q.query(`CREATE TRIGGER action_entered_officer_insert BEFORE INSERT ON disciplinary_action FOR EACH ROW
                   WHEN (NEW.entered_officer_id IS DISTINCT FROM NEW.officer_id) EXECUTE FUNCTION action_entered_officer()`);
    await q.query(`CREATE TRIGGER action_entered_officer_update BEFORE UPDATE OF officer_id ON disciplinary_action FOR EACH ROW
                   WHEN (NEW.officer_id IS DISTINCT FROM OLD.officer_id AND NEW.entered_officer_id IS NOT DISTINCT FROM OLD.entered_officer_id)
                   EXECUTE FUNCTION action_entered_officer()`);
    // "Which officers were merged into this one", and the merge of an action's entered officer.
    await q.query(`CREATE INDEX officer_merge_survivor_idx ON officer_merge (survivor_id)`);
    await q.query(`CREATE INDEX officer_lower_name_idx ON officer (lower(full_name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS action_entered_officer_insert ON disciplinary_action`);
    await q.query(`DROP TRIGGER IF EXISTS action_entered_officer_update ON disciplinary_action`);
    await q.query(`DROP FUNCTION IF EXISTS action_entered_officer()`);
    await q.query(`DROP INDEX IF EXISTS officer_merge_survivor_idx`);
    await q.query(`DROP INDEX IF EXISTS officer_lower_name_idx`);
  }
}
