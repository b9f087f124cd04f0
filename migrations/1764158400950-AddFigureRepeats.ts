import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repeated statements (issue 17, item 3): `reported_figure.repeats_id` names the figure another one
 * repeats (the same statement reported by another outlet). A repeat always names an original: the
 * figure it repeats is never itself a repeat (the service refuses a chain, so the column is one step
 * deep and a repeat's original is read without recursion). Versioned with the figure: the history
 * table gets the column too, so "as recorded at" sees a repeat as it stood.
 */
export class AddFigureRepeats1764158400950 implements MigrationInterface {
  name = 'AddFigureRepeats1764158400950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reported_figure
        ADD COLUMN repeats_id uuid REFERENCES reported_figure (id),
        ADD CONSTRAINT figure_repeats_not_self CHECK (repeats_id <> id)`);
    await q.query(`ALTER TABLE reported_figure_history ADD COLUMN repeats_id uuid`);
    await q.query(
      `CREATE INDEX figure_repeats_idx ON reported_figure (repeats_id) WHERE repeats_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS figure_repeats_idx`);
    await q.query(`ALTER TABLE reported_figure_history DROP COLUMN IF EXISTS repeats_id`);
    await q.query(`ALTER TABLE reported_figure DROP COLUMN IF EXISTS repeats_id`);
  }
}
