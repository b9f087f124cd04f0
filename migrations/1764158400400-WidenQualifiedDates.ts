import type { MigrationInterface, QueryRunner } from 'typeorm';
import { parsePartialDate } from '../libs/domain/src/common/partial-date.js';

/**
 * Approximate and uncertain dates (`~`, `?`, `%`) are counted over a widened range (a week, a month
 * or a year either side, by precision; README "Counting"): their stored occurred_from/occurred_to
 * are recomputed, in the current rows and in the history alike. This changes how a rule derives
 * two columns, not what anyone recorded: no new version is written (triggers are off for it).
 */
export class WidenQualifiedDates1764158400400 implements MigrationInterface {
  name = 'WidenQualifiedDates1764158400400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL app.migrating = 'on'`);
    await q.query(`SET LOCAL session_replication_role = replica`);
    for (const table of ['disciplinary_action', 'disciplinary_action_history']) {
      const rows = (await q.query(
        `SELECT DISTINCT occurred FROM ${table} WHERE occurred ~ '[~?%]'`,
      )) as { occurred: string }[];
      for (const { occurred } of rows) {
        const date = parsePartialDate(occurred);
        await q.query(
          `UPDATE ${table} SET occurred_from = $2, occurred_to = $3 WHERE occurred = $1`,
          [occurred, date.from, date.to],
        );
      }
      // History rows keep plain columns: their month and year keys follow the widened range too.
      if (table.endsWith('_history')) {
        await q.query(`
          UPDATE ${table} SET
            occurred_year = CASE WHEN extract(year FROM occurred_from) = extract(year FROM occurred_to) THEN extract(year FROM occurred_from)::integer END,
            occurred_month = CASE WHEN extract(year FROM occurred_from) = extract(year FROM occurred_to) AND extract(month FROM occurred_from) = extract(month FROM occurred_to)
                                  THEN (extract(year FROM occurred_from) * 100 + extract(month FROM occurred_from))::integer END
          WHERE occurred ~ '[~?%]'`);
      }
    }
    await q.query(`SET LOCAL session_replication_role = DEFAULT`);
  }

  async down(): Promise<void> {
    // The unwidened ranges are not kept; recomputing them needs the previous rule, which this project no longer has.
    throw new Error('WidenQualifiedDates cannot be undone: restore a backup taken before it.');
  }
}
