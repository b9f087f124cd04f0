import { esc } from './factcheck-format.client.js';

/** Action types in the order of DOMAIN.md §1, with their plural for the filter. */
const ACTION_TYPE_OPTIONS: [string, string][] = [
  ['DISMISSAL', 'Dismissals'],
  ['SUSPENSION', 'Suspensions'],
  ['DEMOTION', 'Demotions'],
  ['REMOVAL_FROM_POST', 'Removals from post'],
  ['TRANSFER', 'Transfers'],
  ['SALARY_CUT', 'Salary cuts'],
  ['WARNING', 'Warnings'],
  ['PROPOSED_DISMISSAL', 'Proposed dismissals'],
  ['REINSTATEMENT', 'Reinstatements'],
];

/**
 * The fact-check page's HTML shell: the filter form (a plain GET form, so it also works as links),
 * and the regions the script fills. Script and stylesheet come from our own origin only.
 */
export function renderFactCheckPage(paths: {
  script: string;
  style: string;
  icon: string;
}): string {
  const types = ACTION_TYPE_OPTIONS.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join(
    '',
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fact check: published figures on police discipline in Cambodia</title>
<meta name="description" content="Published figures on police disciplinary actions, checked against the tracker's records.">
<link rel="icon" href="${paths.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${paths.style}">
<script src="${paths.script}" defer></script>
</head><body>
<a class="skip" href="#figures">Skip to the figures</a>
<header class="site">
  <h1>Fact check: police discipline figures</h1>
  <p>What officials and the press said, checked against the records this tracker holds. <span lang="km">ការត្រួតពិនិត្យតួលេខ</span></p>
  <nav aria-label="Sections"><ul class="top">
    <li><a href="#figures">Published figures</a></li><li><a href="#chart">Chart</a></li><li><a href="#records">Records</a></li>
    <li><a href="/explorer">For developers: GraphQL explorer</a> (<a href="/graphql">/graphql</a>)</li>
  </ul></nav>
</header>
<main>
  <p id="status" role="status" aria-live="polite"></p>
  <noscript><p>This page needs JavaScript to load the figures. The same data is at <a href="/exports/actions.csv">/exports/actions.csv</a>.</p></noscript>

  <section id="figures" aria-labelledby="figures-title">
    <h2 id="figures-title" tabindex="-1">Published figures <small class="muted" id="figures-count"></small></h2>
    <p class="muted">Each figure as it was published, oldest first, with what the records say. <strong>Under-recorded</strong>: the records hold fewer cases than claimed (the tracker is incomplete, not the claim wrong). <strong>Contradicted</strong>: the records already hold more than the claim allows. <strong>Corroborated</strong>: the records and the claim agree.</p>
    <ol class="timeline" id="figures-list"><li class="muted">Loading the figures…</li></ol>
  </section>

  <section id="chart" aria-labelledby="chart-title">
    <h2 id="chart-title" tabindex="-1">Running total of recorded actions</h2>
    <form id="filters" method="get" action="" aria-describedby="filters-help">
      <div><label for="f-action">Action</label><select id="f-action" name="actionType"><option value="">All actions</option>${types}</select></div>
      <div><label for="f-reason">Reason</label><select id="f-reason" name="reason"><option value="">All reasons</option></select></div>
      <div><label for="f-province">Province <span lang="km">(ខេត្ត)</span></label><select id="f-province" name="province"><option value="">All provinces</option></select></div>
      <div><label for="f-from">From (day)</label><input id="f-from" name="from" type="date"></div>
      <div><label for="f-to">To (day)</label><input id="f-to" name="to" type="date"></div>
      <div><label for="f-interval">Step</label><select id="f-interval" name="interval"><option value="DAY">Day</option><option value="WEEK">Week</option><option value="MONTH" selected>Month</option><option value="YEAR">Year</option></select></div>
      <div class="form-actions"><button type="submit">Apply filters</button><a class="button secondary" href="?">Clear</a></div>
    </form>
    <p id="filters-help" class="muted">The filters are kept in the page address: copy it to share or cite this view.</p>
    <p>Counting: <span id="chart-scope"></span>.</p>
    <div id="chart-box" aria-describedby="chart-desc"></div>
    <p id="chart-desc" class="muted"></p>
    <ul class="legend" aria-label="Legend">
      <li><span class="sw band"></span>Recorded: possible range (dates not precise enough to be certain)</li>
      <li><span class="sw line"></span>Recorded for certain</li>
      <li><span class="sw ok"></span>Figure corroborated</li><li><span class="sw under"></span>Figure under-recorded</li><li><span class="sw bad"></span>Figure contradicted</li>
    </ul>
    <p id="chart-note" class="muted"></p>
    <details><summary>The chart's numbers as a table</summary><div class="table-wrap" id="chart-table"></div></details>
  </section>

  <section id="records" aria-labelledby="records-title">
    <h2 id="records-title" tabindex="-1">Records in this view</h2>
    <p id="records-context" class="muted"></p>
    <div class="records-head">
      <strong id="records-count"></strong>
      <a id="csv-link" class="button secondary" href="/exports/actions.csv" download>Download these records (CSV)</a>
      <a id="records-back" href="?" data-nav="records" hidden>Back to the records of the chart's view</a>
    </div>
    <ol class="records" id="records-list"></ol>
    <button type="button" id="records-more" class="secondary" hidden>Show more records</button>
  </section>
</main>
<footer>
  <p>Counts are ranges: a record whose date is imprecise counts for certain only when its whole date range lies in the period. Confidential sources are not shown. Data: <a href="/exports/actions.csv">actions (CSV)</a>, <a href="/schema.graphql">GraphQL schema</a>.</p>
</footer>
</body></html>`;
}

/** A small icon, so the browser does not ask for a missing /favicon.ico. */
export const FACTCHECK_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0969da"/><path d="M8 17l5 5 11-12" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
