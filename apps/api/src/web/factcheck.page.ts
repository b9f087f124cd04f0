import { actionsFeedHref, FEED_HREFS } from './feed-links.js';
import { esc } from './html-escape.js';
import { LANGUAGE_NAMES, LANGUAGES, Texts, type Language } from './i18n/texts.js';

/** Action types in the order of DOMAIN.md §1, for the filter. */
const ACTION_TYPES = [
  'DISMISSAL',
  'SUSPENSION',
  'DEMOTION',
  'REMOVAL_FROM_POST',
  'TRANSFER',
  'SALARY_CUT',
  'WARNING',
  'PROPOSED_DISMISSAL',
  'REINSTATEMENT',
] as const;
const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

export const FACTCHECK_ASSETS = {
  /** The script of each language: its catalogue only. */
  scripts: { en: '/factcheck/app.js', km: '/factcheck/app.km.js' },
  style: '/factcheck/app.css',
  icon: '/factcheck/icon.svg',
} as const;
export const FACTCHECK_ICON_PATH = FACTCHECK_ASSETS.icon;

export interface FactCheckPageRequest {
  lang: Language;
  /** Whether the address chose the language (`?lang=`): then links and the form keep it. */
  langInAddress: boolean;
  /** The address's query string, for the language links (every filter kept). */
  query: URLSearchParams;
  path: string;
  /** Who publishes the checks (PUBLISHER_NAME): named in the citations the page suggests. */
  publisher: string;
}

/** The same view in a language: the address's parameters with `lang` set. */
function languageHref(page: FactCheckPageRequest, lang: Language): string {
  const q = new URLSearchParams(page.query);
  q.set('lang', lang);
  return `${page.path}?${q.toString()}`;
}

/**
 * The fact-check page's HTML shell in one language: the filter form (a plain GET form, so it also
 * works as links), the language switch, and the regions the script fills. Script, stylesheet and
 * icon come from our own origin only.
 */
export function renderFactCheckPage(page: FactCheckPageRequest): string {
  const t = new Texts(page.lang);
  const x = (key: Parameters<Texts['text']>[0]) => esc(t.text(key));
  const types = ACTION_TYPES.map(
    (v) => `<option value="${v}">${esc(t.capitalise(t.text(`actionType.${v}.other`)))}</option>`,
  ).join('');
  const intervals = INTERVALS.map(
    (v) => `<option value="${v}"${v === 'MONTH' ? ' selected' : ''}>${x(`interval.${v}`)}</option>`,
  ).join('');
  const languages = LANGUAGES.map(
    (l) =>
      `<li><a data-lang="${l}" hreflang="${l}" lang="${l}" href="${esc(languageHref(page, l))}"${l === page.lang ? ' aria-current="true"' : ''}>${esc(LANGUAGE_NAMES[l])}</a></li>`,
  ).join('');
  // The verdicts the catalogue words (a key built from a code falls back to the code).
  const worded = (key: string, fallback: string) => (t.has(key) ? t.text(key) : fallback);
  const verdicts = t.verdictCodes();
  const verdictList = verdicts
    .map(
      (code) =>
        `<li>${t.html('verdict.legendItem', {
          verdict: `<strong>${esc(worded(`verdict.${code}`, code))}</strong>`,
          help: esc(worded(`verdict.${code}.help`, '')),
        })}</li>`,
    )
    .join('');
  const verdictLegend = verdicts
    .map(
      (code) =>
        `<li><span class="sw v-${esc(code.toLowerCase())}"></span>${esc(t.text('legend.figure', { verdict: worded(`verdict.${code}`, code) }))}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${page.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${x('page.title')}</title>
<meta name="description" content="${x('page.description')}">
<meta property="og:site_name" content="${esc(page.publisher)}">
<link rel="icon" href="${FACTCHECK_ASSETS.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${FACTCHECK_ASSETS.style}">
<link rel="alternate" type="application/atom+xml" title="${x('feed.actions')}" href="${esc(actionsFeedHref(page.query))}" data-feed="actions">
<link rel="alternate" type="application/atom+xml" title="${x('feed.figures')}" href="${FEED_HREFS.figures}">
<script type="module" src="${FACTCHECK_ASSETS.scripts[page.lang]}"></script>
</head><body>
<a class="skip" href="#figures">${x('page.skip')}</a>
<header class="site">
  <div class="site-top">
    <h1>${x('page.heading')}</h1>
    <nav class="languages" aria-label="${x('nav.language')}"><ul>${languages}</ul></nav>
  </div>
  <p>${x('page.lede')}</p>
  <nav aria-label="${x('nav.sections')}"><ul class="top">
    <li><a href="#figures">${x('nav.figures')}</a></li><li><a href="#chart">${x('nav.chart')}</a></li><li><a href="#records">${x('nav.records')}</a></li>
    <li><a href="/explorer">${x('nav.explorer')}</a> (<a href="/graphql" translate="no">/graphql</a>)</li>
  </ul></nav>
</header>
<main>
  <p id="status" role="status" aria-live="polite"></p>
  <noscript><p>${x('noscript.text')} <a href="/exports/actions.csv">${x('download.actions')}</a></p></noscript>

  <section id="figures" aria-labelledby="figures-title">
    <h2 id="figures-title" tabindex="-1">${x('figures.title')} <small class="muted" id="figures-count"></small></h2>
    <p class="muted">${x('figures.intro')}</p>
    <ul class="verdicts">${verdictList}</ul>
    <ol class="timeline" id="figures-list"><li class="muted">${x('figures.loading')}</li></ol>
  </section>

  <section id="chart" aria-labelledby="chart-title">
    <h2 id="chart-title" tabindex="-1">${x('chart.title')}</h2>
    <form id="filters" method="get" action="" aria-describedby="filters-help">
      <div><label for="f-action">${x('filter.action')}</label><select id="f-action" name="actionType"><option value="">${x('filter.allActions')}</option>${types}</select></div>
      <div><label for="f-reason">${x('filter.reason')}</label><select id="f-reason" name="reason"><option value="">${x('filter.allReasons')}</option></select></div>
      <div><label for="f-province">${x('filter.province')}</label><select id="f-province" name="province"><option value="">${x('filter.allProvinces')}</option></select></div>
      <div><label for="f-from">${x('filter.from')}</label><input id="f-from" name="from" type="date"></div>
      <div><label for="f-to">${x('filter.to')}</label><input id="f-to" name="to" type="date"></div>
      <div><label for="f-interval">${x('filter.interval')}</label><select id="f-interval" name="interval">${intervals}</select></div>
      ${page.langInAddress ? `<input type="hidden" name="lang" value="${page.lang}">` : ''}
      <div class="form-actions"><button type="submit">${x('filter.apply')}</button><a class="button secondary" href="?${page.langInAddress ? `lang=${page.lang}` : ''}">${x('filter.clear')}</a></div>
    </form>
    <p id="filters-help" class="muted">${x('filter.help')}</p>
    <p>${t.html('chart.counting', { scope: '<span id="chart-scope"></span>' })}</p>
    <div id="chart-box" aria-describedby="chart-desc"></div>
    <p id="chart-desc" class="muted"></p>
    <ul class="legend" aria-label="${x('legend.label')}">
      <li><span class="sw band"></span>${x('legend.band')}</li>
      <li><span class="sw line"></span>${x('legend.line')}</li>
      <li><span class="sw recorded"></span>${x('legend.recorded')}</li>
      ${verdictLegend}
    </ul>
    <p id="chart-note" class="muted"></p>
    <details><summary>${x('chart.tableSummary')}</summary><div class="table-wrap" id="chart-table"></div></details>
  </section>

  <section id="records" aria-labelledby="records-title">
    <h2 id="records-title" tabindex="-1">${x('records.title')}</h2>
    <p id="records-context" class="muted"></p>
    <div class="records-head">
      <strong id="records-count"></strong>
      <a id="csv-link" class="button secondary" href="/exports/actions.csv" download>${x('records.csv')}</a>
      <a id="records-back" href="?" data-nav="records" hidden>${x('records.back')}</a>
    </div>
    <p id="records-sum" class="records-sum"></p>
    <ol class="records" id="records-list"></ol>
    <button type="button" id="records-more" class="secondary" hidden>${x('records.more')}</button>
  </section>
</main>
<footer>
  <p>${x('footer.counts')} ${x('footer.data')} <a href="/exports/actions.csv">${x('download.actions')}</a>, <a href="/schema.graphql">${x('footer.schema')}</a>.</p>
</footer>
</body></html>`;
}

/** A small icon, so the browser does not ask for a missing /favicon.ico. */
export const FACTCHECK_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0969da"/><path d="M8 17l5 5 11-12" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
