// Hand-written baselines: the minimal SQL a DBA would write for the benchmark's questions, written
// here from the counting rules (DOMAIN.md §2) and the export's column list, never taken from the
// app. Each answer is compared with the app's (run.mjs aborts when they differ), so a baseline that
// counts something else cannot pass for a fast one.
//
// The benchmark asks as an anonymous caller: PUBLIC, unretracted actions; confidential sources
// withheld. Its tallies have no reason filter and no REASON grouping, so an action counts its
// people: with no period, for certain; with a period, for certain when its whole date range lies
// inside, possibly when the ranges only overlap.
//
// People, not records (README "Counting once"): the schema keeps, per action, the representative
// of its SAME_AS set when it is a folded duplicate (`fold_public`), the named members recorded
// apart from a group (`named_members_public`) and its case (`case_id`, `case_step`, FOLLOWS links).
// A DBA counting people reads them directly: a folded duplicate does not count, a group counts
// subject_count less its named members, and a step of a case counts only when no later step of the
// case also matches. The cost of these rules against counting records is measured on its own
// (tally_counting_once_vs_records, with 5 % of the actions linked).

// Whether any action is (or was) a step of a FOLLOWS case: a DBA who knows the data has none leaves
// the later-step check out (run.mjs asks once per run, before anything is timed).
let casesPresent = true;
export function setCasesPresent(present) {
  casesPresent = present;
}

const VISIBLE = `a.visibility = 'PUBLIC' AND a.retracted_at IS NULL`;
const PEOPLE = `greatest(a.subject_count - a.named_members_public, 0)`;
/** A folded duplicate and an earlier step of a case do not count (`later` has the same filter). */
const COUNTED = (rel, hidden, laterMatch = '') =>
  !casesPresent
    ? ' AND a.fold_public IS NULL'
    : ` AND a.fold_public IS NULL
  AND NOT EXISTS (SELECT 1 FROM ${rel} l WHERE l.case_id IS NOT NULL AND l.case_id = a.case_id AND l.case_step > a.case_step
                  AND l.fold_public IS NULL AND l.visibility = 'PUBLIC' AND l.retracted_at IS NULL${hidden.replaceAll('a.id', 'l.id')}${laterMatch})`;
const AS_OF_COLUMNS =
  'id, action_type, province_code, subject_count, occurred_from, occurred_to, occurred_year, visibility, retracted_at, fold_public, named_members_public, case_id, case_step';

/**
 * The actions as recorded at `at` (an ISO timestamp, or null for now), written by hand for the
 * check of the app's as-of answers: the current rows recorded by then, and the superseded versions
 * that were current then. An action INTERNAL now stays hidden from the public in the past too.
 */
export function actionsAt(at) {
  if (!at) return { rel: 'disciplinary_action', hidden: '' };
  const t = `'${new Date(at).toISOString()}'::timestamptz`;
  return {
    rel: `(SELECT ${AS_OF_COLUMNS} FROM disciplinary_action WHERE recorded_at <= ${t}
           UNION ALL SELECT ${AS_OF_COLUMNS} FROM disciplinary_action_history WHERE recorded_at <= ${t} AND superseded_at > ${t})`,
    hidden: ` AND a.id NOT IN (SELECT id FROM disciplinary_action WHERE visibility = 'INTERNAL')`,
  };
}

/** People per group of `columns` and in all, for an optional period [from, to]. */
function tallySql(columns, { at = null, from = null, to = null } = {}) {
  const { rel, hidden } = actionsAt(at);
  const overlaps = (x) => ` AND ${x}.occurred_to >= '${from}' AND ${x}.occurred_from <= '${to}'`;
  const period = from ? overlaps('a') : '';
  const min = from
    ? `coalesce(sum(${PEOPLE}) FILTER (WHERE a.occurred_from >= '${from}' AND a.occurred_to <= '${to}'), 0)`
    : `coalesce(sum(${PEOPLE}), 0)`;
  const cols = columns.map((c) => `a.${c}`).join(', ');
  return `SELECT GROUPING(${cols}) <> 0 AS total, ${cols}, ${min}::bigint AS min, coalesce(sum(${PEOPLE}), 0)::bigint AS max
    FROM ${rel} a WHERE ${VISIBLE}${hidden}${period}${COUNTED(rel, hidden, from ? overlaps('l') : '')}
    GROUP BY GROUPING SETS ((), (${cols}))`;
}

/** Cumulative people per month, from the first possible month to the last. */
function runningTotalsSql({ at = null } = {}) {
  const { rel, hidden } = actionsAt(at);
  // The distinct date ranges first (a few thousand rows), then their months: an action counts
  // possibly from its first possible month, for certain from its last, and in its month's own
  // count when both are the same month.
  return `WITH ranges AS (
      SELECT a.occurred_from AS f, a.occurred_to AS t, sum(${PEOPLE}) AS n
      FROM ${rel} a WHERE ${VISIBLE}${hidden}${COUNTED(rel, hidden)} GROUP BY a.occurred_from, a.occurred_to
    ), months AS (
      SELECT date_trunc('month', f::timestamp) AS fm, date_trunc('month', t::timestamp) AS tm, n FROM ranges
    ), starts AS (
      SELECT fm AS m, sum(n) AS possible, sum(n) FILTER (WHERE fm = tm) AS within FROM months GROUP BY fm
    ), ends AS (
      SELECT tm AS m, sum(n) AS certain FROM months GROUP BY tm
    )
    SELECT to_char(g.m, 'YYYY-MM') AS period, coalesce(s.within, 0)::bigint AS count,
           (sum(coalesce(e.certain, 0)) OVER w)::bigint AS min, (sum(coalesce(s.possible, 0)) OVER w)::bigint AS max
    FROM generate_series((SELECT min(fm) FROM months), (SELECT max(tm) FROM months), interval '1 month') AS g(m)
    LEFT JOIN starts s ON s.m = g.m LEFT JOIN ends e ON e.m = g.m
    WINDOW w AS (ORDER BY g.m) ORDER BY g.m`;
}

// ---------------------------------------------------------------- answers in one shape
// A tally: its total and its groups, each `key -> [min, max]`; running totals: one line per period.
const keyText = (parts) =>
  parts.map((p) => (p === null || p === undefined ? '-' : String(p))).join('/');
function tallyFromRows(rows, keyOf) {
  const total = rows.find((r) => r.total);
  return {
    total: [Number(total?.min ?? 0), Number(total?.max ?? 0)],
    groups: rows
      .filter((r) => !r.total)
      .map((r) => `${keyText(keyOf(r))} ${r.min} ${r.max}`)
      .sort(),
  };
}
function tallyFromApp(json, keyOf) {
  const t = json.data.tally;
  const bad = [t, ...t.groups].find((g) => g.count !== g.range.min);
  if (bad) throw new Error(`tally: count ${bad.count} differs from range.min ${bad.range.min}`);
  return {
    total: [t.range.min, t.range.max],
    groups: t.groups.map((g) => `${keyText(keyOf(g.key))} ${g.range.min} ${g.range.max}`).sort(),
  };
}
const runningFromRows = (rows) => rows.map((r) => `${r.period} ${r.count} ${r.min} ${r.max}`);
const runningFromApp = (json) =>
  json.data.runningTotals.map(
    (p) => `${p.period} ${p.count} ${p.cumulative.min} ${p.cumulative.max}`,
  );

const TALLY_FIELDS = 'count range { min max }';
const PERIOD = { from: '2023-11-01', to: '2024-01-23' };

/**
 * The tally scenarios: the GraphQL query (with `$at` for as-of runs), the hand-written SQL for a
 * record time, and both answers in one shape for the comparison.
 */
export const TALLIES = [
  {
    name: 'tally_one_dimension',
    label: 'tally by PROVINCE',
    query: `query T($at: DateTime) { tally(asRecordedAt: $at, groupBy: [PROVINCE]) { ${TALLY_FIELDS} groups { key { province { code } } ${TALLY_FIELDS} } } }`,
    sql: (at) => tallySql(['province_code'], { at }),
    fromRows: (rows) => tallyFromRows(rows, (r) => [r.province_code]),
    fromApp: (json) => tallyFromApp(json, (k) => [k.province?.code]),
  },
  {
    name: 'tally_one_dimension_period',
    label: `tally by PROVINCE, ${PERIOD.from}..${PERIOD.to}`,
    query: `query T($at: DateTime) { tally(asRecordedAt: $at, filter: { from: "${PERIOD.from}", to: "${PERIOD.to}" }, groupBy: [PROVINCE]) {
      ${TALLY_FIELDS} groups { key { province { code } } ${TALLY_FIELDS} } } }`,
    sql: (at) => tallySql(['province_code'], { at, ...PERIOD }),
    fromRows: (rows) => tallyFromRows(rows, (r) => [r.province_code]),
    fromApp: (json) => tallyFromApp(json, (k) => [k.province?.code]),
  },
  {
    name: 'tally_by_month_running_totals',
    label: 'running totals by MONTH',
    query: `query T($at: DateTime) { runningTotals(asRecordedAt: $at, interval: MONTH) { period count cumulative { min max } } }`,
    sql: (at) => runningTotalsSql({ at }),
    fromRows: runningFromRows,
    fromApp: runningFromApp,
  },
  {
    name: 'tally_three_dimensions',
    label: 'tally by PROVINCE, ACTION_TYPE, YEAR',
    query: `query T($at: DateTime) { tally(asRecordedAt: $at, groupBy: [PROVINCE, ACTION_TYPE, YEAR]) {
      ${TALLY_FIELDS} groups { key { province { code } actionType year } ${TALLY_FIELDS} } } }`,
    sql: (at) => tallySql(['province_code', 'action_type', 'occurred_year'], { at }),
    fromRows: (rows) =>
      tallyFromRows(rows, (r) => [r.province_code, r.action_type, r.occurred_year]),
    fromApp: (json) => tallyFromApp(json, (k) => [k.province?.code, k.actionType, k.year]),
  },
];

/** The first difference between two answers in one shape, or null when they are the same. */
export function firstDifference(app, baseline) {
  const a = Array.isArray(app) ? app : [`total ${app.total.join(' ')}`, ...app.groups];
  const b = Array.isArray(baseline)
    ? baseline
    : [`total ${baseline.total.join(' ')}`, ...baseline.groups];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1} of ${a.length} (app) / ${b.length} (baseline): app "${a[i] ?? '(none)'}", baseline "${b[i] ?? '(none)'}"`;
  }
  return null;
}

// ---------------------------------------------------------------- actions.csv
// A spreadsheet evaluates a cell that starts (after apostrophes and spaces) with = + - @, a tab or a
// line break, or their full-width forms: such cells get a leading apostrophe (README "Exports").
const FORMULA = `'^''*[ \u00A0\u3000]*[-=+@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]'`;
const cell = (x) => `CASE WHEN ${x} ~ ${FORMULA} THEN '''' || ${x} ELSE NULLIF(${x}, '') END`;
// Several values in one cell, `|` between them, `\` and `|` inside a value escaped; empty when all are.
const joined = (x) => {
  const v = `coalesce(${x}, '')`;
  return `CASE WHEN bool_or(${v} <> '') THEN string_agg(replace(replace(${v}, '\\', '\\\\'), '|', '\\|'), '|' ORDER BY c.ordinal) END`;
};
const iso = (x) => `to_char(${x} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * actions.csv as one COPY: the actions with their officer, and their citations with the cited
 * sources aggregated per action in one pass (a join on the set grouped by action, no subquery per
 * row); confidential sources withheld. The columns of the file, in its order, without its header.
 */
export const EXPORT_COPY = `COPY (
  SELECT a.id, ${cell('a.external_id')}, a.action_type, ${cell('o.full_name')}, ${cell('o.full_name_km')}, a.subject_count,
    ${cell('a.subject_description')}, ${cell('a.rank_code')}, ${cell('a.rank_text')}, ${cell('a.position')}, ${cell('a.province_code')}, ${cell('a.agency_code')},
    NULLIF(array_to_string(a.reason_codes, '|'), ''), array_to_string(a.reason_counts, '|'), ${cell('a.reason_detail')}, ${cell('a.occurred')},
    a.occurred_from, a.occurred_to, ${cell('a.decided_by')}, a.visibility,
    ${cell('cit.titles')}, ${cell('cit.publishers')}, ${cell('cit.urls')}, ${cell('cit.excerpts')}, ${cell('cit.locators')},
    ${iso('a.retracted_at')}, ${cell('a.retraction_reason')}, ${iso('a.created_at')}, ${iso('a.updated_at')},
    'certain' -- no filter: every listed action counts whole
  FROM disciplinary_action a
  LEFT JOIN officer o ON o.id = a.officer_id
  LEFT JOIN (
    SELECT c.action_id,
      ${joined(`CASE WHEN s.confidential THEN '[confidential source]' ELSE s.title END`)} AS titles,
      ${joined(`CASE WHEN s.confidential THEN '[withheld]' ELSE s.publisher END`)} AS publishers,
      ${joined(`CASE WHEN s.confidential THEN NULL ELSE s.url END`)} AS urls,
      ${joined(`CASE WHEN s.confidential THEN NULL ELSE c.excerpt END`)} AS excerpts,
      ${joined(`CASE WHEN s.confidential THEN NULL ELSE c.locator END`)} AS locators
    FROM citation c JOIN source s ON s.id = c.source_id
    GROUP BY c.action_id
  ) cit ON cit.action_id = a.id
  WHERE ${VISIBLE}
  ORDER BY a.seq
) TO STDOUT WITH (FORMAT csv)`;
