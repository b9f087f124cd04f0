// The history of the benchmark's dataset: after the load (which writes current rows only), a share
// of the actions is corrected, retracted, published or deleted through SQL with the triggers on, in
// HISTORY_BATCHES transactions about a second apart, so that the history tables hold superseded
// versions at distinct record times, as an editing team's work over time would leave them.
import { setTimeout as sleep } from 'node:timers/promises';

export const HISTORY_BATCHES = 8;
// Distinct record times: a transaction's record time is its start (now()), in microseconds; a
// second apart keeps the batches apart in any log or query a person reads.
const BATCH_GAP_MS = 1000;

// A number 0..999 per action, from its seq (a multiplicative hash): which edit it gets, if any.
const PICK = `(((a.seq * 2654435761) % 4294967296) % 1000)`;
// The batch of an action's edit (0..HISTORY_BATCHES-1). Actions edited twice (PICK < 20) have their
// first edit in the first half of the batches and the second in the second half.
const BATCH = `(a.seq % ${HISTORY_BATCHES})`;
const FIRST_HALF = `(a.seq % ${HISTORY_BATCHES / 2})`;
const SECOND_HALF = `(${HISTORY_BATCHES / 2} + a.seq % ${HISTORY_BATCHES / 2})`;

const RANKS = ['COL', 'LT_COL', 'MAJ', 'CAPT', 'LT', 'NCO'];
const RANK_TEXT = {
  COL: 'Col',
  LT_COL: 'Lt-Col',
  MAJ: 'Major',
  CAPT: 'Captain',
  LT: '1st Lt',
  NCO: 'Sergeant',
};
// Sorted, as reason_codes always is.
const REASON_SETS = [
  '{DRUG_POSITIVE_TEST}',
  '{CORRUPTION,DRUG_TRAFFICKING}',
  '{INTERNAL_REGULATION_VIOLATION}',
  '{ABSENCE,INTERNAL_REGULATION_VIOLATION}',
  '{ABUSE_OF_POWER,CRIMINAL_OFFENCE}',
  '{DRUG_POSITIVE_TEST,DRUG_TRAFFICKING}',
];

/** `choices[seq % n]`, or the next one when that is the current value: always a change. */
function differentChoice(current, choices, cast = 'text') {
  const n = choices.length;
  const pick = (offset) =>
    `(CASE (a.seq + ${offset}) % ${n} ${choices.map((c, i) => `WHEN ${i} THEN '${c}'::${cast}`).join(' ')} END)`;
  return `CASE WHEN ${current} IS DISTINCT FROM ${pick(0)} THEN ${pick(0)} ELSE ${pick(1)} END`;
}

/**
 * The edits, by PICK range (per mille of the actions), each one statement per batch:
 * - [0, 60): province corrected (those below 20 get their reasons changed too, in a later batch);
 * - [60, 90): rank corrected; [90, 120): reasons changed (a group with two reasons gets its split);
 * - [120, 150): a citation added (the citation trigger writes a new version of the action);
 * - [150, 160): retracted; [160, 165): deleted (with its citations, by cascade);
 * - INTERNAL actions with PICK >= 500 (about half of them): published (visibility PUBLIC).
 * About 17 % of the actions change; 2 % twice.
 */
function editStatements(batch, nSources) {
  const at = (range, batchExpr = BATCH) => `${range} AND ${batchExpr} = ${batch}`;
  const bump = 'version = a.version + 1, updated_at = now()';
  const newReasons = differentChoice('a.reason_codes', REASON_SETS, 'text[]');
  const reasonUpdate = (where) => `
    UPDATE disciplinary_action a SET reason_codes = r.codes,
      reason_counts = CASE WHEN a.subject_count > 1 AND cardinality(r.codes) = 2
                           THEN ARRAY[a.subject_count - greatest(1, a.subject_count / 3), greatest(1, a.subject_count / 3)] END,
      ${bump}
    FROM (SELECT a.id, ${newReasons} AS codes FROM disciplinary_action a WHERE ${where}) r
    WHERE r.id = a.id`;
  const rank = differentChoice('a.rank_code', RANKS);
  return [
    [
      'province corrected',
      `UPDATE disciplinary_action a SET province_code = ${differentChoice(
        'a.province_code',
        Array.from({ length: 25 }, (_, i) => `KH-${i + 1}`),
      )}, ${bump}
       WHERE ${at(`${PICK} < 60`, `CASE WHEN ${PICK} < 20 THEN ${FIRST_HALF} ELSE ${BATCH} END`)}`,
    ],
    ['reasons changed (second edit)', reasonUpdate(at(`${PICK} < 20`, SECOND_HALF))],
    [
      'rank corrected',
      `UPDATE disciplinary_action a SET rank_code = x.rank, rank_text = (${`CASE x.rank ${RANKS.map((r) => `WHEN '${r}' THEN '${RANK_TEXT[r]}'`).join(' ')} END`}), ${bump}
       FROM (SELECT a.id, ${rank} AS rank FROM disciplinary_action a WHERE ${at(`${PICK} >= 60 AND ${PICK} < 90`)}) x
       WHERE x.id = a.id`,
    ],
    ['reasons changed', reasonUpdate(at(`${PICK} >= 90 AND ${PICK} < 120`))],
    [
      'citation added',
      `INSERT INTO citation (action_id, source_id, excerpt, locator, ordinal)
       SELECT a.id, s.id, '"The ministry confirmed the decision" (follow-up ' || a.seq || ')', NULL,
              (SELECT max(c.ordinal) FROM citation c WHERE c.action_id = a.id) + 1
       FROM disciplinary_action a JOIN source s ON s.seq = 1 + (a.seq * 31) % ${nSources}
       WHERE ${at(`${PICK} >= 120 AND ${PICK} < 150`)}
         AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.action_id = a.id AND c.source_id = s.id)`,
    ],
    [
      'retracted',
      `UPDATE disciplinary_action a SET retracted_at = now(), retraction_reason = 'Duplicate of another record', ${bump}
       WHERE ${at(`${PICK} >= 150 AND ${PICK} < 160`)} AND a.retracted_at IS NULL`,
    ],
    [
      'published',
      `UPDATE disciplinary_action a SET visibility = 'PUBLIC', ${bump} WHERE ${at(`${PICK} >= 500`)} AND a.visibility = 'INTERNAL'`,
    ],
    [
      'deleted',
      `DELETE FROM disciplinary_action a WHERE ${at(`${PICK} >= 160 AND ${PICK} < 165`)}`,
    ],
  ];
}

/**
 * Writes the history (triggers on, as the app's own writes run them). Returns the record time of
 * each batch, the record time halfway between the middle two batches (the "midpoint" the as-of
 * scenarios read at: half the edits are visible there) and the number of rows each kind of edit
 * touched.
 */
export async function writeHistory(client, nSources) {
  const batchTimes = [];
  const edits = {};
  for (let b = 0; b < HISTORY_BATCHES; b++) {
    if (b > 0) await sleep(BATCH_GAP_MS);
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL app.actor = 'Bench editor (EDITOR)'`);
      await client.query('SET LOCAL statement_timeout = 0');
      const { rows } = await client.query('SELECT now() AS at');
      batchTimes.push(rows[0].at);
      for (const [kind, sql] of editStatements(b, nSources)) {
        const r = await client.query(sql);
        edits[kind] = (edits[kind] ?? 0) + r.rowCount;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  const mid = HISTORY_BATCHES / 2;
  const midpoint = new Date((batchTimes[mid - 1].getTime() + batchTimes[mid].getTime()) / 2);
  return { batchTimes, midpoint, edits };
}
