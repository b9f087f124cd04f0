import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates at scale (issue 16): the officers nearest to a spelling are found by a GiST
 * trigram index ordered by word-similarity distance (`name <<-> search_text`, nearest first, stops
 * after the first 50), instead of collecting through the GIN index every officer above the
 * threshold and sorting them (thousands when names share common words). The GIN index stays for
 * the officer search.
 *
 * Tallies ask whether any action is, or ever was, a step of a FOLLOWS case before counting (until
 * one is, they leave the later-step check out): a partial index on the history table answers that
 * as the current table's action_case_idx does. Tallies with no other rule in play count records
 * less one correction per folded duplicate or group with named members: partial indexes find those
 * rows (with action_fold_public_idx and action_fold_all_idx).
 */
export class NearestNameAndCaseIndexes1764158400960 implements MigrationInterface {
  name = 'NearestNameAndCaseIndexes1764158400960';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX officer_search_gist ON officer USING gist (search_text gist_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX action_history_case_idx ON disciplinary_action_history (case_id) WHERE case_id IS NOT NULL`,
    );
    for (const audience of ['public', 'all']) {
      await q.query(
        `CREATE INDEX action_named_${audience}_idx ON disciplinary_action (id) WHERE named_members_${audience} > 0`,
      );
      // The same exceptions among superseded versions, for tallies as recorded at a moment.
      await q.query(
        `CREATE INDEX action_history_fold_${audience}_idx ON disciplinary_action_history (id) WHERE fold_${audience} IS NOT NULL`,
      );
      await q.query(
        `CREATE INDEX action_history_named_${audience}_idx ON disciplinary_action_history (id) WHERE named_members_${audience} > 0`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const audience of ['public', 'all']) {
      await q.query(`DROP INDEX IF EXISTS action_history_named_${audience}_idx`);
      await q.query(`DROP INDEX IF EXISTS action_history_fold_${audience}_idx`);
      await q.query(`DROP INDEX IF EXISTS action_named_${audience}_idx`);
    }
    await q.query(`DROP INDEX IF EXISTS action_history_case_idx`);
    await q.query(`DROP INDEX IF EXISTS officer_search_gist`);
  }
}
