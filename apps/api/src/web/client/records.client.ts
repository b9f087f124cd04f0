/**
 * Browser code (also run in Node by the unit tests): the records behind a view, a figure or a point
 * of the chart, each with its officer (or counted group), rank, province, reasons and citations.
 */
import { esc } from '../html-escape.js';
import type { PageContext, RecordEdgeView } from './factcheck.types.js';
import { figureName, figureWordingHtml, sourceHtml } from './figures.client.js';
import { countedScope } from '../i18n/check-words.js';
import { periodEnd } from './periods.client.js';
import { filterOf, scopeFilter, scopeOfFilter, type Filter } from './url-state.client.js';
import {
  actionTypeWords,
  dataHtml,
  partialDateWords,
  peopleRangeWords,
  peopleWords,
  periodWords,
  rangeWords,
  placeHtml,
  reasonHtml,
  scopeHtml,
} from '../i18n/words.js';

export interface RecordsView {
  title: string;
  contextHtml: string;
  filter: Filter;
  /** A drill-down, with a way back to the chart's view. */
  back: boolean;
  /** For a figure's records: its check's recorded range, which the records add up to. */
  recorded?: { min: number; max: number };
}

/** Which records the address asks for: a figure's (`show=figure:<id>`), up to a period's end, or the view's. */
export function recordsViewOf(ctx: PageContext): RecordsView {
  const { t } = ctx;
  const p = ctx.url.searchParams;
  const filter = filterOf(p);
  const show = p.get('show') ?? '';
  if (show.startsWith('figure:')) {
    const f = ctx.byId.get(show.slice(7));
    if (f)
      return {
        title: t.text('records.behind', { figure: figureName(ctx, f) }),
        contextHtml: `${f.description ? `${figureWordingHtml(ctx, f)}. ` : ''}${t.html(
          'records.behindContext',
          { scope: scopeHtml(t, countedScope(f), ctx.labels) },
        )}`,
        filter: scopeFilter(f),
        back: true,
        recorded: f.check?.recorded,
      };
  }
  if (show.startsWith('period:')) {
    const period = show.slice(7);
    const end = periodEnd(period);
    if (end) {
      const to = filter.to && filter.to < end ? filter.to : end;
      return {
        title: t.text('records.upTo', { period: periodWords(t, period) }),
        contextHtml: t.html('records.context', {
          scope: scopeHtml(t, scopeOfFilter({ ...filter, to }), ctx.labels),
        }),
        filter: { ...filter, to },
        back: true,
      };
    }
  }
  return {
    title: t.text('records.title'),
    contextHtml: t.html('records.context', {
      scope: scopeHtml(t, scopeOfFilter(filter), ctx.labels),
    }),
    filter,
    back: false,
  };
}

/**
 * What the records listed so far add up to, read against the range: "Added up, these records count
 * 5 people for certain and 8 people at most: 5 to 8." (all loaded), or so far (more to load).
 */
export function recordsSumHtml(
  ctx: PageContext,
  edges: RecordEdgeView[],
  total: number,
  recorded?: { min: number; max: number },
): string {
  const { t } = ctx;
  if (!edges.length) return '';
  const certain = edges.reduce((n, e) => n + e.counted.min, 0);
  const max = edges.reduce((n, e) => n + e.counted.max, 0);
  const sum =
    edges.length < total
      ? t.text('records.sum.partial', {
          shown: edges.length,
          total,
          certain: peopleWords(t, certain),
          max: peopleWords(t, max),
        })
      : t.text('records.sum', {
          certain: peopleWords(t, certain),
          max: peopleWords(t, max),
          range: rangeWords(t, { min: certain, max }),
        });
  const figure = recorded
    ? ` ${t.text('records.sum.figure', { range: rangeWords(t, recorded) })}`
    : '';
  return `${esc(sum)}${esc(figure)}`;
}

/** A record with how it counts towards the view (for certain, or only possibly). */
export function recordHtml(ctx: PageContext, edge: RecordEdgeView): string {
  const { t } = ctx;
  const a = edge.node;
  const count = t.count('record.officers', a.subjectCount);
  const who = a.officer
    ? t.lang === 'km' && a.officer.fullNameKm
      ? `${dataHtml(a.officer.fullNameKm, 'km')} ${dataHtml(a.officer.fullName)}`
      : `${dataHtml(a.officer.fullName)}${a.officer.fullNameKm ? ` ${dataHtml(a.officer.fullNameKm, 'km')}` : ''}`
    : a.subjectDescription
      ? t.html('record.group.described', {
          count: esc(count),
          description: dataHtml(a.subjectDescription),
        })
      : t.html('record.group.unnamed', { count: esc(count) });
  const rank = a.rank ? placeHtml(t, a.rank) : a.rankText ? dataHtml(a.rankText) : '';
  const province = a.province ? placeHtml(t, a.province) : esc(t.text('record.provinceUnknown'));
  const what = [
    esc(t.capitalise(actionTypeWords(t, a.actionType, false))),
    rank,
    a.position ? dataHtml(a.position) : '',
    province,
  ].filter(Boolean);
  const reasons = t.list(
    a.reasons.map((r) =>
      reasonHtml(t, r.code, {
        ...ctx.labels,
        reasons: { ...ctx.labels.reasons, [r.code]: r.label },
      }),
    ),
    'and',
  );
  const detail = a.reasonDetail
    ? ` ${t.html('record.reasonDetail', { detail: dataHtml(a.reasonDetail) })}`
    : '';
  const citations = a.citations
    .map((c) => {
      const quote = c.excerpt
        ? `<blockquote translate="no"${c.source.language ? ` lang="${esc(c.source.language)}"` : ''}>${esc(c.excerpt)}</blockquote>`
        : '';
      return `<li>${quote}<p class="cite-src">${sourceHtml(ctx, c.source)}${c.locator ? `, ${dataHtml(c.locator)}` : ''}</p></li>`;
    })
    .join('');
  const alternatives = (a.alternatives ?? [])
    .filter((alt) => alt.value !== null)
    .map((alt) => {
      const c = alt.citation;
      const quote = c.excerpt
        ? `<blockquote translate="no"${c.source.language ? ` lang="${esc(c.source.language)}"` : ''}>${esc(c.excerpt)}</blockquote>`
        : '';
      const status =
        alt.status === 'PREFERRED' || alt.status === 'DEPRECATED'
          ? ` ${esc(t.text(`record.alternative.${alt.status}`))}`
          : '';
      return `<li class="alternative" data-attribute="${esc(alt.attribute)}" data-status="${esc(alt.status)}"><p><strong>${esc(
        t.text(`record.alternative.${alt.attribute}` as 'record.alternative.RANK'),
      )}</strong> ${alternativeValueHtml(ctx, alt.attribute, alt.value!)}${status}</p>${quote}<p class="cite-src">${sourceHtml(ctx, c.source)}${
        c.locator ? `, ${dataHtml(c.locator)}` : ''
      }</p></li>`;
    })
    .join('');
  const field = (
    key: 'record.when' | 'record.people' | 'record.reason' | 'record.decidedBy',
    html: string,
  ) => `<strong>${esc(t.text(key))}</strong> ${html}`;
  const facts = [
    field('record.when', esc(partialDateWords(t, a.occurred))),
    field('record.people', esc(t.number(a.subjectCount))),
    field('record.reason', reasons + detail),
    a.decidedBy ? field('record.decidedBy', dataHtml(a.decidedBy)) : '',
  ].filter(Boolean);
  const certain = edge.countsAs === 'CERTAIN';
  const none = edge.countsAs === 'NOT_COUNTED';
  const counts = certain
    ? t.text('record.counts.certain', { people: peopleWords(t, edge.counted.max) })
    : none
      ? t.text('record.counts.none')
      : t.text('record.counts.possible', { people: peopleRangeWords(t, edge.counted) });
  const once = countedOnceHtml(ctx, a);
  return `<li class="record" id="record-${esc(a.id)}" data-counts-as="${esc(edge.countsAs)}" data-counted-min="${edge.counted.min}" data-counted-max="${edge.counted.max}">
    <p class="counts ${certain ? 'certain' : none ? 'none' : 'possible'}">${esc(counts)}</p>
    ${once ? `<p class="counted-once">${once}</p>` : ''}
    <h3>${who}</h3>
    <p>${what.join(' · ')}</p>
    <p class="facts">${facts.join(' <span class="sep" aria-hidden="true">·</span> ')}</p>
    ${citations ? `<ul class="citations" aria-label="${esc(t.text('record.sources'))}">${citations}</ul>` : ''}
    ${alternatives ? `<h4>${esc(t.text('record.alternatives'))}</h4><ul class="alternatives" aria-label="${esc(t.text('record.alternatives'))}">${alternatives}</ul>` : ''}
  </li>`;
}

/**
 * How the counting rules (README "Counting once") count this record: the reports of one action
 * folded into one ("Counted once: 2 reports of the same dismissal"), a group's named members
 * recorded apart ("1 named member of a group of 10, recorded apart: the group counts 9"), a named
 * member of a group. Empty when no rule applies.
 */
export function countedOnceHtml(ctx: PageContext, a: RecordEdgeView['node']): string {
  const { t } = ctx;
  const what = actionTypeWords(t, a.actionType, false);
  const recordLink = (id: string) =>
    `<a href="#record-${esc(id)}">${esc(t.text('record.another'))}</a>`;
  const lines: string[] = [];
  if (a.duplicates?.length)
    lines.push(esc(t.text('record.countedOnce', { n: a.duplicates.length + 1, what })));
  if (a.countedAs)
    lines.push(
      t.html('record.duplicateOf', { what: esc(what), record: recordLink(a.countedAs.id) }),
    );
  const links = a.links ?? [];
  const members = new Set(
    links.filter((l) => l.kind === 'MEMBER_OF' && l.to.id === a.id).map((l) => l.from.id),
  );
  if (members.size)
    lines.push(
      esc(
        t.count('record.namedMembers', members.size, {
          size: a.subjectCount,
          rest: Math.max(0, a.subjectCount - members.size),
        }),
      ),
    );
  for (const l of links.filter((x) => x.kind === 'MEMBER_OF' && x.from.id === a.id))
    lines.push(
      t.html('record.memberOf', {
        size: esc(t.number(l.to.subjectCount)),
        record: recordLink(l.to.id),
      }),
    );
  return lines.join(' ');
}

/** An alternative value in words: a rank, province or agency by name, a date, reasons by label. */
function alternativeValueHtml(ctx: PageContext, attribute: string, value: string): string {
  const { t, labels } = ctx;
  switch (attribute) {
    case 'RANK':
      return labels.ranks[value] ? placeHtml(t, labels.ranks[value]) : dataHtml(value);
    case 'PROVINCE':
      return labels.provinces[value] ? placeHtml(t, labels.provinces[value]) : dataHtml(value);
    case 'AGENCY':
      return labels.agencies[value] ? placeHtml(t, labels.agencies[value]) : dataHtml(value);
    case 'ACTION_TYPE':
      return esc(t.capitalise(actionTypeWords(t, value, false)));
    case 'OCCURRED':
      return esc(partialDateWords(t, value));
    case 'SUBJECT_COUNT':
      return esc(t.number(Number(value)));
    case 'REASONS':
      return t.list(
        value.split(',').map((code) => reasonHtml(t, code, labels)),
        'and',
      );
    default:
      return dataHtml(value);
  }
}
