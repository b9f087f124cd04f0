/// <reference lib="dom" />
/**
 * Browser code: the fact-check page's behaviour. Reads the filters from the URL, asks the API's own
 * GraphQL endpoint for figures, running totals and records, and renders them. Serialised into
 * /factcheck/app.js with Function.prototype.toString (see factcheck.script.ts): it may call the
 * other client helpers by name but must not use module state or imports other than types.
 */
import { renderChart } from './factcheck-chart.client.js';
import {
  actionTypeWords,
  esc,
  formatDay,
  formatPartialDate,
  issueKindWords,
  periodEnd,
  periodIndexOf,
  periodWords,
  qualifierWords,
  rangeWords,
  scopeHtml,
  sumOfClaims,
  verdictExplanation,
  verdictWords,
} from './factcheck-format.client.js';
import type {
  ChartFigure,
  FigureCheckView,
  FigureView,
  Labels,
  RunningTotalView,
} from './factcheck.types.js';

export function startFactCheckPage(): void {
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
  ];
  const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'];
  const DAY = /^\d{4}-\d{2}-\d{2}$/;
  const CODE = /^[A-Za-z0-9_-]{1,64}$/;
  const CHECK_FIELDS =
    'claimed { min max } recorded { min max } verdict coverage issues { kind message figures { id } }';
  const ACTION_FIELDS = `id actionType occurred occurredFrom occurredTo subjectCount subjectDescription
    officer { fullName fullNameKm } rank { code name nameKm } rankText position province { code name nameKm }
    reasons { code label } reasonDetail decidedBy
    citations { excerpt locator source { title publisher url redacted language } }`;
  // Page sizes under the API's query-cost limit (a connection costs `first` times its nodes): a
  // checked figure with its citation costs ~200 points, a record with citations ~160, of 5000.
  const FIGURE_PAGE = 20;
  const RECORD_PAGE = 20;

  interface Filter {
    actionTypes?: string[];
    reasonCodes?: string[];
    provinceCodes?: string[];
    rankCodes?: string[];
    from?: string;
    to?: string;
  }
  interface RecordsView {
    title: string;
    context: string;
    filter: Filter;
    back: boolean;
  }

  const caps = { runningTotals: false, check: false, checkFigure: false };
  const labels: Labels = { reasons: {}, provinces: {} };
  let figures: FigureView[] = [];
  const byId = new Map<string, FigureView>();
  let recordsCursor: string | null = null;
  let recordsFilter: Filter = {};

  const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

  function say(message: string, isError = false): void {
    const status = el('status');
    status.textContent = message;
    status.classList.toggle('error', isError);
  }

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors && body.errors.length)
      throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }

  // ---- URL state ------------------------------------------------------------------------------
  function current(): URLSearchParams {
    return new URLSearchParams(location.search);
  }

  /** The filters of a query string, with anything malformed dropped (a hand-edited URL must not break the page). */
  function filterOf(p: URLSearchParams): Filter {
    const f: Filter = {};
    const list = (key: string, ok: (v: string) => boolean) =>
      p.getAll(key).filter((v) => v && ok(v));
    const actionTypes = list('actionType', (v) => ACTION_TYPES.includes(v));
    const reasonCodes = list('reason', (v) => CODE.test(v));
    const provinceCodes = list('province', (v) => CODE.test(v));
    const rankCodes = list('rank', (v) => CODE.test(v));
    if (actionTypes.length) f.actionTypes = actionTypes;
    if (reasonCodes.length) f.reasonCodes = reasonCodes;
    if (provinceCodes.length) f.provinceCodes = provinceCodes;
    if (rankCodes.length) f.rankCodes = rankCodes;
    const from = p.get('from');
    const to = p.get('to');
    if (from && DAY.test(from)) f.from = from;
    if (to && DAY.test(to)) f.to = to;
    return f;
  }

  function intervalOf(p: URLSearchParams): string {
    const i = p.get('interval') ?? '';
    return INTERVALS.includes(i) ? i : 'MONTH';
  }

  /** The query string of a filter, with the export's parameter names (DOMAIN.md §4). */
  function queryOf(f: Filter, extra: Record<string, string> = {}): URLSearchParams {
    const q = new URLSearchParams();
    for (const v of f.actionTypes ?? []) q.append('actionType', v);
    for (const v of f.reasonCodes ?? []) q.append('reason', v);
    for (const v of f.provinceCodes ?? []) q.append('province', v);
    for (const v of f.rankCodes ?? []) q.append('rank', v);
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
    return q;
  }

  function pageHref(q: URLSearchParams, hash: string): string {
    const s = q.toString();
    return `${location.pathname}${s ? `?${s}` : ''}${hash}`;
  }

  function csvHref(f: Filter): string {
    const s = queryOf(f).toString();
    return `/exports/actions.csv${s ? `?${s}` : ''}`;
  }

  function scopeFilter(fig: FigureView): Filter {
    const s = fig.scope;
    const f: Filter = {};
    if (s.actionTypes.length) f.actionTypes = s.actionTypes;
    if (s.reasonCodes.length) f.reasonCodes = s.reasonCodes;
    if (s.provinceCodes.length) f.provinceCodes = s.provinceCodes;
    if (s.rankCodes.length) f.rankCodes = s.rankCodes;
    if (s.from) f.from = s.from;
    if (s.to) f.to = s.to;
    return f;
  }

  function filterWords(f: Filter): string {
    return scopeHtml(
      {
        actionTypes: f.actionTypes ?? [],
        reasonCodes: f.reasonCodes ?? [],
        provinceCodes: f.provinceCodes ?? [],
        rankCodes: f.rankCodes ?? [],
        from: f.from ?? null,
        to: f.to ?? null,
      },
      labels,
    );
  }

  // ---- Loading ----------------------------------------------------------------------------------
  async function loadCapabilities(): Promise<void> {
    const data = await gql<{
      q: { fields: { name: string }[] } | null;
      f: { fields: { name: string }[] } | null;
    }>(
      '{ q: __type(name: "Query") { fields { name } } f: __type(name: "ReportedFigure") { fields { name } } }',
    );
    const q = (data.q?.fields ?? []).map((x) => x.name);
    const f = (data.f?.fields ?? []).map((x) => x.name);
    caps.runningTotals = q.includes('runningTotals');
    caps.checkFigure = q.includes('checkFigure');
    caps.check = f.includes('check');
  }

  async function loadReference(): Promise<void> {
    const data = await gql<{
      provinces: { code: string; name: string; nameKm: string | null }[];
      reasons: { code: string; label: string }[];
    }>('{ provinces { code name nameKm } reasons { code label } }');
    for (const p of data.provinces) labels.provinces[p.code] = { name: p.name, nameKm: p.nameKm };
    for (const r of data.reasons) labels.reasons[r.code] = r.label;
    const reason = el<HTMLSelectElement>('f-reason');
    for (const r of data.reasons) reason.add(new Option(r.label, r.code));
    const province = el<HTMLSelectElement>('f-province');
    for (const p of data.provinces) {
      const option = new Option(p.nameKm ? `${p.name} · ${p.nameKm}` : p.name, p.code);
      province.add(option);
    }
  }

  async function loadFigures(): Promise<void> {
    const fields = `id value qualifier tolerance statedBy statedOn description partsAreExhaustive
      scope { actionTypes reasonCodes provinceCodes rankCodes from to }
      parent { id } parts { id }
      citation { excerpt locator source { title publisher url language redacted } }
      ${caps.check ? `check { ${CHECK_FIELDS} }` : ''}`;
    const all: FigureView[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const data: {
        reportedFigures: {
          edges: { node: FigureView }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await gql(
        `query Figures($after: String) { reportedFigures(first: ${FIGURE_PAGE}, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      all.push(...data.reportedFigures.edges.map((e) => e.node));
      if (!data.reportedFigures.pageInfo.hasNextPage) break;
      after = data.reportedFigures.pageInfo.endCursor;
    }
    if (!caps.check && caps.checkFigure) {
      for (let i = 0; i < all.length; i += 20) {
        const batch = all.slice(i, i + 20);
        const query = `{ ${batch.map((f, j) => `c${j}: checkFigure(id: ${JSON.stringify(f.id)}) { ${CHECK_FIELDS} }`).join(' ')} }`;
        const data = await gql<Record<string, FigureCheckView>>(query);
        batch.forEach((f, j) => (f.check = data[`c${j}`]));
      }
    }
    // The timeline: oldest statement first; a whole before its parts; undated figures last.
    const when = (f: FigureView) => f.statedOn ?? f.scope.to ?? '9999';
    all.sort(
      (a, b) =>
        when(a).localeCompare(when(b)) ||
        (a.parent ? 1 : 0) - (b.parent ? 1 : 0) ||
        b.value - a.value,
    );
    figures = all;
    byId.clear();
    for (const f of all) byId.set(f.id, f);
  }

  // ---- Figures ----------------------------------------------------------------------------------
  function figureName(f: FigureView): string {
    return qualifierWords(f.qualifier, f.value);
  }

  function figureLink(id: string): string {
    const f = byId.get(id);
    return `<a href="#figure-${esc(id)}">${esc(f ? `“${figureName(f)}”` : 'another figure')}</a>`;
  }

  function sourceHtml(source: FigureView['citation']['source']): string {
    if (source.redacted || (!source.title && !source.publisher)) return 'a confidential source';
    const title = source.title ? `<cite>${esc(source.title)}</cite>` : '';
    const publisher = source.publisher ? esc(source.publisher) : '';
    const text = [title, publisher].filter(Boolean).join(', ');
    return source.url && /^https?:\/\//.test(source.url)
      ? `${text} (<a href="${esc(source.url)}" rel="noopener noreferrer">original</a>)`
      : text;
  }

  function consistencyHtml(f: FigureView): string {
    const items: string[] = [];
    for (const issue of f.check?.issues ?? []) {
      const others = issue.figures.filter((x) => x.id !== f.id).map((x) => figureLink(x.id));
      items.push(
        `<li class="issue"><strong>${esc(issueKindWords(issue.kind))}.</strong> ${esc(issue.message)}${others.length ? ` See ${others.join(', ')}.` : ''}</li>`,
      );
    }
    const parts = f.parts.map((p) => byId.get(p.id)).filter((p): p is FigureView => !!p);
    const hasPartIssue = (f.check?.issues ?? []).some((i) => i.kind.startsWith('PARTS_'));
    if (parts.length && f.check && parts.every((p) => p.check) && !hasPartIssue) {
      const sum = sumOfClaims(parts.map((p) => (p.check as FigureCheckView).claimed));
      const words = parts.map((p) => figureName(p)).join(' + ');
      const relation = f.partsAreExhaustive ? 'consistent with' : 'within';
      items.push(
        `<li class="consistent">Its parts add up: ${esc(words)} = ${esc(rangeWords(sum))}, ${relation} ${esc(figureName(f))} (${esc(rangeWords(f.check.claimed))}).</li>`,
      );
    }
    return items.length ? `<ul class="consistency">${items.join('')}</ul>` : '';
  }

  function figureHtml(f: FigureView): string {
    const check = f.check;
    const verdict = check?.verdict ?? 'UNCHECKED';
    const src = f.citation.source;
    const stated = [
      f.statedBy ? `Stated by <strong>${esc(f.statedBy)}</strong>` : 'Stated',
      f.statedOn
        ? ` on <time datetime="${esc(f.statedOn)}">${esc(formatDay(f.statedOn))}</time>`
        : '',
      `, reported in ${sourceHtml(src)}`,
      f.citation.locator ? ` (${esc(f.citation.locator)})` : '',
      '.',
    ].join('');
    const excerpt = f.citation.excerpt
      ? `<blockquote${src.language ? ` lang="${esc(src.language)}"` : ''}>${esc(f.citation.excerpt)}</blockquote>`
      : '<p class="muted">The exact wording is not public.</p>';
    const numbers = check
      ? `<dl class="numbers">
          <div><dt>Claimed</dt><dd class="claimed">${esc(rangeWords(check.claimed))}</dd></div>
          <div><dt>Recorded</dt><dd class="recorded">${esc(rangeWords(check.recorded))}</dd></div>
          <div><dt>Coverage</dt><dd class="coverage">${check.coverage === null || check.coverage === undefined ? '–' : `${Math.round(check.coverage * 100)} %`}</dd></div>
        </dl><p class="explain">${esc(verdictExplanation(f))}</p>`
      : '<p class="muted">Verdict pending: this server does not check figures yet.</p>';
    const family: string[] = [];
    if (f.parent) family.push(`Part of ${figureLink(f.parent.id)}.`);
    if (f.parts.length)
      family.push(
        `Parts: ${f.parts.map((p) => figureLink(p.id)).join(', ')}${f.partsAreExhaustive ? ' (meant to add up to it)' : ''}.`,
      );
    const scope = scopeFilter(f);
    return `<article class="figure" id="figure-${esc(f.id)}" data-verdict="${esc(verdict)}" tabindex="-1" aria-labelledby="figure-${esc(f.id)}-title">
      <header>
        <h3 id="figure-${esc(f.id)}-title"><span class="claim">${esc(figureName(f))}</span> <span class="what">${scopeHtml(f.scope, labels)}</span></h3>
        <p class="verdict verdict-${esc(verdict.toLowerCase())}">${esc(verdictWords(check?.verdict))}</p>
      </header>
      <p class="meta">${stated}</p>
      ${excerpt}
      ${f.description ? `<p class="desc">${esc(f.description)}</p>` : ''}
      ${numbers}
      ${consistencyHtml(f)}
      ${family.length ? `<p class="family">${family.join(' ')}</p>` : ''}
      <p class="links">
        <a class="button" data-nav="records" href="${esc(pageHref(queryOf(filterOf(current()), { interval: current().get('interval') ?? '', show: `figure:${f.id}` }), '#records'))}">Records behind this figure</a>
        <a class="button secondary" data-nav="chart" href="${esc(pageHref(queryOf(scope, { interval: current().get('interval') ?? '' }), '#chart'))}">Show on the chart</a>
      </p>
    </article>`;
  }

  function renderFigures(): void {
    const list = el('figures-list');
    if (!figures.length) {
      list.innerHTML = '<p class="muted">No figures have been recorded yet.</p>';
      return;
    }
    const groups = new Map<string, FigureView[]>();
    for (const f of figures) {
      const key = f.statedOn ?? '';
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    list.innerHTML = [...groups.entries()]
      .map(
        ([day, group]) => `<li class="moment">
          <h3 class="when">${day ? `<time datetime="${esc(day)}">${esc(formatDay(day))}</time>` : 'Date not known'}</h3>
          ${group.map(figureHtml).join('')}
        </li>`,
      )
      .join('');
    el('figures-count').textContent = `(${figures.length})`;
  }

  // ---- Chart ------------------------------------------------------------------------------------
  const sameSet = (a: string[], b: string[] | undefined) => {
    const bb = b ?? [];
    return a.length === bb.length && a.every((x) => bb.includes(x));
  };

  /** Figures that count what the chart counts (same actions, reasons, provinces and ranks; same start when one is chosen). */
  function comparable(f: FigureView, filter: Filter): boolean {
    const s = f.scope;
    return (
      sameSet(s.actionTypes, filter.actionTypes) &&
      sameSet(s.reasonCodes, filter.reasonCodes) &&
      sameSet(s.provinceCodes, filter.provinceCodes) &&
      sameSet(s.rankCodes, filter.rankCodes) &&
      (!filter.from || !s.from || filter.from === s.from)
    );
  }

  async function renderChartView(filter: Filter, interval: string): Promise<void> {
    const box = el('chart-box');
    const table = el('chart-table');
    const note = el('chart-note');
    el('chart-scope').innerHTML = filterWords(filter);
    if (!caps.runningTotals) {
      box.innerHTML =
        '<p class="muted">The running-total chart is pending: this server does not offer <code>runningTotals</code> yet.</p>';
      box.dataset.points = '0';
      table.innerHTML = '';
      note.textContent = '';
      return;
    }
    const data = await gql<{ runningTotals: RunningTotalView[] }>(
      'query Totals($filter: ActionFilter, $interval: Interval!) { runningTotals(filter: $filter, interval: $interval) { period count cumulative { min max } } }',
      { filter, interval },
    );
    const points = data.runningTotals;
    const periods = points.map((p) => p.period);
    const lastEnd = periods.length ? periodEnd(periods[periods.length - 1]) : null;
    const drawn: ChartFigure[] = [];
    const notDrawn: FigureView[] = [];
    for (const f of figures) {
      const day = f.scope.to ?? f.statedOn;
      let at = day ? periodIndexOf(day, periods) : -1;
      if (at < 0 && day && lastEnd && day > lastEnd) at = periods.length - 1;
      if (comparable(f, filter) && at >= 0) drawn.push({ figure: f, at });
      else notDrawn.push(f);
    }
    const q = current();
    box.innerHTML = renderChart({
      points,
      figures: drawn,
      width: box.clientWidth || 640,
      periodHref: (period) =>
        pageHref(
          queryOf(filter, { interval: q.get('interval') ?? '', show: `period:${period}` }),
          '#records',
        ),
      figureHref: (id) => `#figure-${id}`,
    });
    box.dataset.points = String(points.length);
    box.dataset.figures = drawn.map((d) => d.figure.id).join(' ');
    const last = points[points.length - 1];
    el('chart-desc').textContent = last
      ? `From ${periodWords(points[0].period)} to ${periodWords(last.period)}, ${rangeWords(last.cumulative)} people recorded in total. ${drawn.length} published ${drawn.length === 1 ? 'figure' : 'figures'} drawn.`
      : 'No records in this view.';
    note.innerHTML = notDrawn.length
      ? `${notDrawn.length} published ${notDrawn.length === 1 ? 'figure counts' : 'figures count'} something else and ${notDrawn.length === 1 ? 'is' : 'are'} not drawn: ${notDrawn
          .map((f) => figureLink(f.id))
          .join(', ')}. Use “Show on the chart” on a figure to switch to what it counts.`
      : '';
    table.innerHTML = points.length
      ? `<table><caption>Running total by ${esc(interval.toLowerCase())}</caption>
        <thead><tr><th scope="col">Period</th><th scope="col">In the period</th><th scope="col">Cumulative, certain</th><th scope="col">Cumulative, possible</th><th scope="col">Records</th></tr></thead>
        <tbody>${points
          .map(
            (
              p,
            ) => `<tr><th scope="row">${esc(periodWords(p.period))}</th><td>${p.count}</td><td>${p.cumulative.min}</td><td>${p.cumulative.max}</td>
              <td><a data-nav="records" href="${esc(pageHref(queryOf(filter, { interval: q.get('interval') ?? '', show: `period:${p.period}` }), '#records'))}">up to ${esc(periodWords(p.period))}</a></td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
  }

  // ---- Records ----------------------------------------------------------------------------------
  function recordsViewOf(p: URLSearchParams): RecordsView {
    const filter = filterOf(p);
    const show = p.get('show') ?? '';
    if (show.startsWith('figure:')) {
      const f = byId.get(show.slice(7));
      if (f)
        return {
          title: `Records behind “${figureName(f)}”`,
          context: `Records that may count towards it: ${scopeHtml(f.scope, labels)}.`,
          filter: scopeFilter(f),
          back: true,
        };
    }
    if (show.startsWith('period:')) {
      const period = show.slice(7);
      const end = periodEnd(period);
      if (end) {
        const to = filter.to && filter.to < end ? filter.to : end;
        return {
          title: `Records up to the end of ${periodWords(period)}`,
          context: `${filterWords({ ...filter, to })}.`,
          filter: { ...filter, to },
          back: true,
        };
      }
    }
    return {
      title: 'Records in this view',
      context: `${filterWords(filter)}.`,
      filter,
      back: false,
    };
  }

  function recordHtml(a: any): string {
    const who = a.officer
      ? `${esc(a.officer.fullName)}${a.officer.fullNameKm ? ` <span lang="km">${esc(a.officer.fullNameKm)}</span>` : ''}`
      : `${a.subjectCount} ${a.subjectCount === 1 ? 'officer' : 'officers'}${a.subjectDescription ? `: ${esc(a.subjectDescription)}` : ', not named'}`;
    const rank = a.rank
      ? `${esc(a.rank.name)}${a.rank.nameKm ? ` (<span lang="km">${esc(a.rank.nameKm)}</span>)` : ''}`
      : a.rankText
        ? esc(a.rankText)
        : '';
    const province = a.province
      ? `${esc(a.province.name)}${a.province.nameKm ? ` (<span lang="km">${esc(a.province.nameKm)}</span>)` : ''}`
      : 'national or unknown province';
    const what = [
      esc(actionTypeWords(a.actionType, false).replace(/^./, (c: string) => c.toUpperCase())),
      rank,
      a.position ? esc(a.position) : '',
      province,
    ].filter(Boolean);
    const reasons = a.reasons.map((r: { label: string }) => esc(r.label)).join(', ');
    const citations = a.citations
      .map((c: any) => {
        const quote = c.excerpt
          ? `<blockquote${c.source.language ? ` lang="${esc(c.source.language)}"` : ''}>${esc(c.excerpt)}</blockquote>`
          : '';
        return `<li>${quote}<p class="cite-src">${sourceHtml(c.source)}${c.locator ? `, ${esc(c.locator)}` : ''}</p></li>`;
      })
      .join('');
    return `<li class="record" id="record-${esc(a.id)}">
      <h3>${who}</h3>
      <p>${what.join(' · ')}</p>
      <p><strong>When:</strong> ${esc(formatPartialDate(a.occurred))}. <strong>People:</strong> ${a.subjectCount}. <strong>Reason:</strong> ${reasons}${a.reasonDetail ? ` (“${esc(a.reasonDetail)}”)` : ''}.${a.decidedBy ? ` <strong>Decided by:</strong> ${esc(a.decidedBy)}.` : ''}</p>
      ${citations ? `<ul class="citations" aria-label="Sources">${citations}</ul>` : ''}
    </li>`;
  }

  async function loadRecords(append: boolean): Promise<void> {
    const data = await gql<{
      actions: {
        totalCount: number;
        edges: { node: any }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(
      `query Records($filter: ActionFilter, $after: String) { actions(filter: $filter, first: ${RECORD_PAGE}, after: $after) { totalCount edges { node { ${ACTION_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
      { filter: recordsFilter, after: append ? recordsCursor : null },
    );
    const list = el('records-list');
    const html = data.actions.edges.map((e) => recordHtml(e.node)).join('');
    list.innerHTML = append ? list.innerHTML + html : html;
    recordsCursor = data.actions.pageInfo.endCursor;
    el('records-more').hidden = !data.actions.pageInfo.hasNextPage;
    const n = data.actions.totalCount;
    el('records-count').textContent = `${n} ${n === 1 ? 'record' : 'records'}`;
    if (!n) list.innerHTML = '<li class="muted">No records match.</li>';
  }

  async function renderRecords(p: URLSearchParams): Promise<void> {
    const view = recordsViewOf(p);
    recordsFilter = view.filter;
    el('records-title').textContent = view.title;
    el('records-context').innerHTML = view.context;
    const csv = el<HTMLAnchorElement>('csv-link');
    csv.href = csvHref(view.filter);
    const back = el<HTMLAnchorElement>('records-back');
    back.hidden = !view.back;
    const q = new URLSearchParams(p);
    q.delete('show');
    back.href = pageHref(q, '#records');
    await loadRecords(false);
  }

  // ---- The form and navigation ----------------------------------------------------------------
  function syncForm(p: URLSearchParams): void {
    const f = filterOf(p);
    el<HTMLSelectElement>('f-action').value = f.actionTypes?.[0] ?? '';
    el<HTMLSelectElement>('f-reason').value = f.reasonCodes?.[0] ?? '';
    el<HTMLSelectElement>('f-province').value = f.provinceCodes?.[0] ?? '';
    el<HTMLInputElement>('f-from').value = f.from ?? '';
    el<HTMLInputElement>('f-to').value = f.to ?? '';
    el<HTMLSelectElement>('f-interval').value = intervalOf(p);
  }

  async function refreshView(): Promise<void> {
    document.body.dataset.ready = 'false';
    const p = current();
    syncForm(p);
    renderFigures();
    try {
      await Promise.all([renderChartView(filterOf(p), intervalOf(p)), renderRecords(p)]);
      say('');
    } catch (err) {
      say(`Could not load the data: ${(err as Error).message}`, true);
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

  el<HTMLFormElement>('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const q = new URLSearchParams();
    for (const [k, v] of form.entries()) if (typeof v === 'string' && v) q.append(k, v);
    // Keep the parameters the form does not show (e.g. rank, from a shared link).
    for (const v of current().getAll('rank')) q.append('rank', v);
    navigate(pageHref(q, '#chart')).then(
      () => say('The chart and the records now show your filters.'),
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

  el('records-more').addEventListener('click', () => {
    loadRecords(true).catch((err: Error) =>
      say(`Could not load more records: ${err.message}`, true),
    );
  });

  window.addEventListener('popstate', () => {
    void refreshView();
  });

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      const p = current();
      renderChartView(filterOf(p), intervalOf(p)).catch(() => undefined);
    }, 200);
  });

  (async () => {
    say('Loading…');
    await loadCapabilities();
    await Promise.all([loadReference(), loadFigures()]);
    await refreshView();
    if (location.hash) focusHash();
  })().catch((err: Error) => {
    say(`Could not load the data: ${err.message}`, true);
    document.body.dataset.ready = 'error';
  });
}
