import { seesConfidential, type Viewer } from '../common/viewer.js';

/**
 * "As recorded at T": rewrites a query over the current tables into the same query over the
 * records as the database held them at T, rebuilt from the edit history (change_log, written by
 * triggers, so no write path escapes it). The CTEs shadow the tables `disciplinary_action`,
 * `action_reason` and `citation` by name, so the tally, running-total, list and export SQL runs
 * unchanged. Event time (occurred) and record time (changed_at) are separate axes: this moves only
 * the second.
 *
 * Confidential material stays hidden in the past as in the present: for callers who may not see
 * INTERNAL records, an action that is INTERNAL now is left out even if it was PUBLIC at T (and the
 * query's own filter leaves out those that were INTERNAL at T).
 *
 * Record time is each change's transaction time (`now()` in the trigger).
 */
export function asRecordedSql(
  sql: string,
  params: unknown[],
  at: Date | null | undefined,
  viewer: Viewer,
): string {
  if (!at) return sql;
  params.push(at.toISOString());
  const t = `$${params.length}::timestamptz`;
  const hideNowInternal = seesConfidential(viewer)
    ? ''
    : `AND NOT EXISTS (SELECT 1 FROM public.disciplinary_action cur WHERE cur.id = (l.after->>'id')::uuid AND cur.visibility = 'INTERNAL')`;
  const ctes = `
    recorded_action_log AS MATERIALIZED (
      SELECT DISTINCT ON (entity_id) entity_id, operation, after FROM change_log
      WHERE entity_type = 'disciplinary_action' AND changed_at <= ${t}
      ORDER BY entity_id, id DESC
    ),
    disciplinary_action AS (
      SELECT (jsonb_populate_record(NULL::public.disciplinary_action, l.after || jsonb_build_object('seq', cur.seq))).*
      FROM recorded_action_log l LEFT JOIN public.disciplinary_action cur ON cur.id = (l.after->>'id')::uuid
      WHERE l.operation <> 'DELETE' ${hideNowInternal}
    ),
    action_reason AS (
      SELECT (l.after->>'id')::uuid AS action_id, r.code AS reason_code
      FROM recorded_action_log l CROSS JOIN LATERAL jsonb_array_elements_text(l.after->'reason_codes') AS r(code)
      WHERE l.operation <> 'DELETE'
    ),
    citation AS (
      SELECT (l.after->>'id')::uuid AS action_id, (c.value->>'source_id')::uuid AS source_id,
             c.value->>'excerpt' AS excerpt, c.value->>'locator' AS locator, c.ordinality::int AS ordinal
      FROM recorded_action_log l CROSS JOIN LATERAL jsonb_array_elements(l.after->'citations') WITH ORDINALITY AS c(value, ordinality)
      WHERE l.operation <> 'DELETE'
    )`;
  return /^\s*WITH\s/i.test(sql)
    ? sql.replace(/^\s*WITH\s/i, `WITH ${ctes},\n`)
    : `WITH ${ctes}\n${sql}`;
}
