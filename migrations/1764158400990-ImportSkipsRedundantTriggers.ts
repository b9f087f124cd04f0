import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import skips the citation statement triggers whose work it has already done (issue 15: an
 * import near the speed of a raw load).
 *
 * Within an import every citation written or removed belongs to an action the same import inserted
 * or updated a statement before. So the citation "touch" finds nothing to do (that action already
 * carries this transaction's version: its `recorded_at` is now()) but still has to look: 0.43 s
 * for 130k citations at 100k rows. And the queue of records to score for duplicates already holds
 * those actions (queued by the actions' own INSERT or UPDATE trigger), which the citation triggers
 * re-queue through 130k conflicting inserts: 0.57 s.
 *
 * The import sets the transaction-local `app.import` to 'on' (ImportSession.begin); with it, the
 * four functions return at once. Every other writer (the API, migrations, a DBA's SQL) is as before.
 */
export class ImportSkipsRedundantTriggers1764158400990 implements MigrationInterface {
  name = 'ImportSkipsRedundantTriggers1764158400990';

  async up(q: QueryRunner): Promise<void> {
    for (const [fn, body] of Object.entries(BODIES)) await q.query(define(fn, body, true));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [fn, body] of Object.entries(BODIES)) await q.query(define(fn, body, false));
  }
}

// The bodies as CompiledHistoryTriggers (the touch) and CreateDuplicateCandidates (the queue) left them.
const touch = (rows: string) => `
        IF EXISTS (SELECT 1 FROM disciplinary_action a
                   WHERE a.id IN (SELECT action_id FROM ${rows}) AND a.recorded_at <> now()) THEN
          UPDATE disciplinary_action a SET version = a.version + 1, updated_at = now()
          WHERE a.id IN (SELECT DISTINCT action_id FROM ${rows}) AND a.recorded_at <> now();
        END IF;`;
const BODIES: Record<string, string> = {
  citation_touch_new: touch('new_rows'),
  citation_touch_old: touch('old_rows'),
  duplicate_dirty_citation_new: `
        INSERT INTO duplicate_dirty SELECT DISTINCT 'action', action_id FROM new_rows ON CONFLICT DO NOTHING;`,
  duplicate_dirty_citation_old: `
        INSERT INTO duplicate_dirty SELECT DISTINCT 'action', o.action_id FROM old_rows o
        WHERE EXISTS (SELECT 1 FROM disciplinary_action a WHERE a.id = o.action_id) ON CONFLICT DO NOTHING;`,
};

function define(fn: string, body: string, skipInImport: boolean): string {
  const skip = skipInImport
    ? `
        IF current_setting('app.import', true) = 'on' THEN RETURN NULL; END IF;`
    : '';
  return `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN${skip}${body}
        RETURN NULL;
      END $$`;
}
