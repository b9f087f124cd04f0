/// <reference lib="dom" />
/**
 * Browser code: the fact-check page's entry (bundled by scripts/build-web.mjs into
 * /factcheck/app.js). Reads the filters from the address, loads figures, running totals and
 * records from the API, and fills the regions of the page shell (factcheck.page.ts) in the page's
 * language (`<html lang>`, chosen by the server).
 */
import { isLanguage, Texts } from '../i18n/texts.js';
import { loadFigures, loadLabels, loadRecords, loadRunningTotals } from './api.client.js';
import { chartView } from './chart.client.js';
import { copyField, prepareCitation } from './cite-control.client.js';
import type { FigureView, Labels, PageContext, RecordEdgeView } from './factcheck.types.js';
import { timelineHtml } from './figures.client.js';
import { recordHtml, recordsSumHtml, recordsViewOf } from './records.client.js';
import {
  csvHref,
  filterOf,
  intervalOf,
  languageHref,
  pageHref,
  queryOf,
  scopeOfFilter,
  type Filter,
} from './url-state.client.js';
import { provinceOption, reasonLabel, scopeHtml } from '../i18n/words.js';
import { esc } from '../html-escape.js';
import { actionsFeedHref } from '../feed-links.js';

const lang = document.documentElement.lang;
const t = new Texts(isLanguage(lang) ? lang : 'en');

let labels: Labels = { reasons: {}, provinces: {}, ranks: {}, agencies: {} };
let figures: FigureView[] = [];
const byId = new Map<string, FigureView>();
let recordsCursor: string | null = null;
let recordsFilter: Filter = {};
let recordsEdges: RecordEdgeView[] = [];
let recordsRecorded: { min: number; max: number } | undefined;

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the renderers read, for the current address. */
function context(): PageContext {
  return { t, labels, figures, byId, url: new URL(location.href) };
}

function say(message: string, isError = false): void {
  const status = el('status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function fillFilterOptions(): void {
  const reason = el<HTMLSelectElement>('f-reason');
  for (const code of Object.keys(labels.reasons)) {
    const label = reasonLabel(t, code, labels);
    const option = new Option(label.text, code);
    if (label.lang) option.lang = label.lang;
    reason.add(option);
  }
  const province = el<HTMLSelectElement>('f-province');
  for (const p of Object.values(labels.provinces)) {
    const option = new Option(provinceOption(t, p), p.code);
    // Place names are data, shown as stored.
    option.translate = false;
    province.add(option);
  }
}

function renderFigures(): void {
  el('figures-list').innerHTML = timelineHtml(context());
  el('figures-count').textContent = `(${t.number(figures.length)})`;
}

async function renderChart(filter: Filter, interval: string): Promise<void> {
  const box = el('chart-box');
  el('chart-scope').innerHTML = scopeHtml(t, scopeOfFilter(filter), labels);
  const points = await loadRunningTotals(filter, interval);
  lastChart = { filter, interval, points };
  drawChart(box, filter, interval, points);
}

type ChartPoints = Awaited<ReturnType<typeof loadRunningTotals>>;
let lastChart: { filter: Filter; interval: string; points: ChartPoints } | null = null;

// Draws the chart from points already loaded (a resize redraws without asking the API again).
function drawChart(box: HTMLElement, filter: Filter, interval: string, points: ChartPoints): void {
  const view = chartView(context(), points, filter, interval, box.clientWidth || 640);
  box.innerHTML = view.svg;
  box.dataset.points = String(view.periods);
  box.dataset.figures = view.drawn.join(' ');
  el('chart-desc').textContent = view.description;
  el('chart-note').innerHTML = view.noteHtml;
  el('chart-table').innerHTML = view.tableHtml;
}

async function renderRecordsPage(append: boolean): Promise<void> {
  const page = await loadRecords(recordsFilter, append ? recordsCursor : null);
  const list = el('records-list');
  const ctx = context();
  const html = page.nodes.map((edge) => recordHtml(ctx, edge)).join('');
  list.innerHTML = append ? list.innerHTML + html : html;
  recordsEdges = append ? [...recordsEdges, ...page.nodes] : page.nodes;
  recordsCursor = page.endCursor;
  el('records-more').hidden = !page.hasNextPage;
  el('records-count').textContent = t.count('records.count', page.totalCount);
  el('records-sum').innerHTML = recordsSumHtml(ctx, recordsEdges, page.totalCount, recordsRecorded);
  if (!page.totalCount) list.innerHTML = `<li class="muted">${esc(t.text('records.none'))}</li>`;
}

async function renderRecords(): Promise<void> {
  const ctx = context();
  const view = recordsViewOf(ctx);
  recordsFilter = view.filter;
  recordsRecorded = view.recorded;
  el('records-title').textContent = view.title;
  el('records-context').innerHTML = view.contextHtml;
  el<HTMLAnchorElement>('csv-link').href = csvHref(view.filter);
  const back = el<HTMLAnchorElement>('records-back');
  back.hidden = !view.back;
  const q = new URLSearchParams(ctx.url.search);
  q.delete('show');
  back.href = pageHref(ctx.url, q, '#records');
  await renderRecordsPage(false);
}

/** The form shows the address's filters; the language links keep them. */
function syncForm(url: URL): void {
  const f = filterOf(url.searchParams);
  el<HTMLSelectElement>('f-action').value = f.actionTypes?.[0] ?? '';
  el<HTMLSelectElement>('f-reason').value = f.reasonCodes?.[0] ?? '';
  el<HTMLSelectElement>('f-province').value = f.provinceCodes?.[0] ?? '';
  el<HTMLInputElement>('f-from').value = f.from ?? '';
  el<HTMLInputElement>('f-to').value = f.to ?? '';
  el<HTMLSelectElement>('f-interval').value = intervalOf(url.searchParams);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-lang]'))
    a.href = languageHref(url, a.dataset.lang ?? 'en');
  // Feed readers that look at the page find the feed of the view it shows now.
  const feed = document.querySelector<HTMLLinkElement>('link[data-feed="actions"]');
  if (feed) feed.setAttribute('href', actionsFeedHref(queryOf(f)));
}

async function refreshView(): Promise<void> {
  document.body.dataset.ready = 'false';
  const url = new URL(location.href);
  syncForm(url);
  renderFigures();
  try {
    await Promise.all([
      renderChart(filterOf(url.searchParams), intervalOf(url.searchParams)),
      renderRecords(),
    ]);
    say('');
  } catch (err) {
    say(t.text('status.error', { message: (err as Error).message }), true);
  }
  document.body.dataset.ready = 'true';
}

function focusHash(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  const heading = target.querySelector<HTMLElement>('h2[tabindex], [tabindex="-1"]') ?? target;
  target.scrollIntoView();
  heading.focus({ preventScroll: true });
}

async function navigate(href: string, push = true): Promise<void> {
  if (push) history.pushState(null, '', href);
  await refreshView();
  focusHash();
}

function wireEvents(): void {
  el<HTMLFormElement>('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const q = new URLSearchParams();
    for (const [k, v] of form.entries()) if (typeof v === 'string' && v) q.append(k, v);
    // Keep the parameters the form does not show (rank, agency, from a shared link).
    const url = new URL(location.href);
    for (const v of url.searchParams.getAll('rank')) q.append('rank', v);
    for (const v of url.searchParams.getAll('agency')) q.append('agency', v);
    navigate(pageHref(url, q, '#chart')).then(
      () => say(t.text('status.filtered')),
      () => undefined,
    );
  });

  document.addEventListener('click', (event) => {
    const a = (event.target as Element).closest?.('a[data-nav]') as HTMLAnchorElement | null;
    if (
      !a ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    void navigate(url.pathname + url.search + url.hash);
  });

  // "Cite this check": filled when opened; its copy buttons.
  document.addEventListener(
    'toggle',
    (event) => {
      const details = event.target as HTMLDetailsElement;
      if (!details.matches?.('details.cite') || !details.open) return;
      const f = byId.get(details.dataset.figure ?? '');
      if (f) void prepareCitation(t, details, f);
    },
    true,
  );
  document.addEventListener('click', (event) => {
    const button = (event.target as Element).closest?.('button[data-copy]');
    if (button) void copyField(t, button as HTMLButtonElement);
  });

  el('records-more').addEventListener('click', () => {
    renderRecordsPage(true).catch((err: Error) =>
      say(t.text('status.moreError', { message: err.message }), true),
    );
  });

  window.addEventListener('popstate', () => {
    void refreshView();
  });

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      if (lastChart)
        drawChart(el('chart-box'), lastChart.filter, lastChart.interval, lastChart.points);
    }, 200);
  });
}

async function start(): Promise<void> {
  wireEvents();
  say(t.text('status.loading'));
  [labels, figures] = await Promise.all([loadLabels(), loadFigures()]);
  for (const f of figures) byId.set(f.id, f);
  fillFilterOptions();
  await refreshView();
  if (location.hash) focusHash();
}

start().catch((err: Error) => {
  say(t.text('status.error', { message: err.message }), true);
  document.body.dataset.ready = 'error';
});
