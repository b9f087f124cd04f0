/**
 * Browser code (also run in Node by the unit tests): the running-total chart as an inline SVG
 * string, and its description, note and table. The band is the recorded range (min to max) of the
 * cumulative count of the chart's filter. A published figure is drawn at the last day it counts
 * (its check's countedUntil) with its claimed range as a whisker, coloured by verdict, beside the
 * recorded range of its own scope and period (a dark bar: the numbers of its card), never against
 * the band, which counts the chart's filter from the chart's start.
 */
import { esc } from '../html-escape.js';
import type { Texts } from '../i18n/texts.js';
import type { ChartFigure, FigureView, PageContext, RunningTotalView } from './factcheck.types.js';
import { figureLink } from './figures.client.js';
import { periodIndexOf, periodsUntil } from './periods.client.js';
import { pageHref, queryOf, type Filter } from './url-state.client.js';
import {
  periodWords,
  qualifierWords,
  rangeWords,
  shortPeriod,
  verdictLabel,
} from '../i18n/words.js';

export interface ChartInput {
  points: RunningTotalView[];
  figures: ChartFigure[];
  /** Pixel width of the container: the SVG is drawn 1:1 so its text stays readable on a phone. */
  width: number;
  /** Link of a period's drill-down (records up to the end of that period). */
  periodHref: (period: string) => string;
  figureHref: (id: string) => string;
}

/** Round step for about `ticks` ticks between 0 and max: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, ticks: number): number {
  const raw = Math.max(max, 1) / ticks;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}

/** A verdict's colour (the same as the stylesheet's); grey for an unchecked or unknown verdict. */
export function verdictColour(verdict: string | undefined): string {
  const colours: Record<string, string> = {
    CORROBORATED: '#1a7f37',
    UNDER_RECORDED: '#9a6700',
    CONTRADICTED: '#cf222e',
    INCONCLUSIVE: '#6639ba',
  };
  return (verdict && colours[verdict]) || '#57606a';
}

export function renderChart(t: Texts, input: ChartInput): string {
  const { points, figures } = input;
  const width = Math.max(300, Math.round(input.width));
  const height = width < 500 ? 260 : 320;
  const left = 44;
  const right = 12;
  const top = 18;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = points.length;
  if (n === 0) {
    const empty = esc(t.text('chart.empty'));
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 80" width="${width}" height="80" role="img" aria-label="${empty}"><text x="${width / 2}" y="44" text-anchor="middle" font-size="14" fill="#57606a">${empty}</text></svg>`;
  }

  let yMax = 0;
  for (const p of points) yMax = Math.max(yMax, p.cumulative.max, p.cumulative.min);
  for (const f of figures) {
    yMax = Math.max(yMax, f.figure.value);
    const c = f.figure.check?.claimed;
    if (c) yMax = Math.max(yMax, c.max ?? c.min);
    const rec = f.figure.check?.recorded;
    if (rec) yMax = Math.max(yMax, rec.max);
  }
  const step = niceStep(yMax, 4);
  const top0 = Math.max(step, Math.ceil((yMax * 1.08) / step) * step);
  const x = (i: number) => left + ((i + 0.5) * plotW) / n;
  const y = (v: number) => top + plotH - (Math.min(v, top0) / top0) * plotH;
  const r = (v: number) => Math.round(v * 10) / 10;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-labelledby="chart-title chart-desc" class="chart-svg">`,
  );
  // Grid and y axis.
  for (let v = 0; v <= top0; v += step) {
    out.push(
      `<line x1="${left}" x2="${width - right}" y1="${r(y(v))}" y2="${r(y(v))}" stroke="#d0d7de" stroke-width="1"/>`,
    );
    out.push(
      `<text x="${left - 6}" y="${r(y(v)) + 4}" text-anchor="end" font-size="12" fill="#57606a">${esc(t.number(v))}</text>`,
    );
  }
  // X labels: at most one every 70 px.
  const every = Math.max(1, Math.ceil((70 * n) / plotW));
  for (let i = 0; i < n; i++) {
    if (i % every !== 0 && i !== n - 1) continue;
    // Labels near an edge are anchored inside the drawing, not cut off.
    const anchor = x(i) - left < 32 ? 'start' : width - right - x(i) < 32 ? 'end' : 'middle';
    const lx =
      anchor === 'start'
        ? Math.max(left, x(i) - 16)
        : anchor === 'end'
          ? Math.min(width - right, x(i) + 16)
          : x(i);
    out.push(
      `<text x="${r(lx)}" y="${height - bottom + 18}" text-anchor="${anchor}" font-size="12" fill="#57606a">${esc(shortPeriod(t, points[i].period))}</text>`,
    );
  }
  out.push(
    `<text x="${left}" y="${height - 6}" font-size="12" fill="#57606a">${esc(t.text('chart.axis'))}</text>`,
  );

  // The band: min to max of the cumulative count.
  const half = Math.min(plotW / n / 2, 24);
  const upper = points.map((p, i) => `${r(x(i))},${r(y(p.cumulative.max))}`);
  const lower = points.map((p, i) => `${r(x(i))},${r(y(p.cumulative.min))}`).reverse();
  if (n === 1) {
    const p = points[0];
    out.push(
      `<rect class="band" x="${r(x(0) - half)}" y="${r(y(p.cumulative.max))}" width="${r(2 * half)}" height="${Math.max(2, r(y(p.cumulative.min) - y(p.cumulative.max)))}" fill="#0969da" fill-opacity="0.25" stroke="#0969da"/>`,
    );
  } else {
    out.push(
      `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="#0969da" fill-opacity="0.22" stroke="none"/>`,
    );
    out.push(
      `<polyline points="${upper.join(' ')}" fill="none" stroke="#0969da" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
    out.push(
      `<polyline points="${points.map((p, i) => `${r(x(i))},${r(y(p.cumulative.min))}`).join(' ')}" fill="none" stroke="#0969da" stroke-width="2"/>`,
    );
  }
  // Period points: each a link to the records up to the end of that period.
  points.forEach((p, i) => {
    const words = { period: periodWords(t, p.period), range: rangeWords(t, p.cumulative) };
    out.push(
      `<a href="${esc(input.periodHref(p.period))}" data-nav="records" class="period-point" aria-label="${esc(t.text('chart.point.label', words))}">` +
        `<title>${esc(t.text('chart.point.title', { ...words, count: p.count }))}</title>` +
        `<rect x="${r(x(i) - half)}" y="${top}" width="${r(2 * half)}" height="${plotH}" fill="transparent"/>` +
        `<circle cx="${r(x(i))}" cy="${r(y(p.cumulative.min))}" r="4" fill="#0969da"/></a>`,
    );
  });
  // The latest total, written out: the number a reader compares the figures with.
  const last = points[n - 1];
  out.push(
    `<text x="${r(x(n - 1) - 8)}" y="${r(y(last.cumulative.max)) - 10}" text-anchor="end" font-size="13" font-weight="600" fill="#0969da">${esc(t.text('chart.total', { range: rangeWords(t, last.cumulative) }))}</text>`,
  );
  // Published figures: the claim as a whisker, the stated value as a diamond, and beside them the
  // records of the figure's own scope and period as a dark bar. Figures of one period side by side.
  for (const f of figures) {
    const fig = f.figure;
    const colour = verdictColour(fig.check?.verdict);
    const cx = r(Math.min(width - right - 12, x(f.at) + 8 + f.slot * 18));
    const label = qualifierWords(t, fig.qualifier, fig.value);
    const claimed = fig.check?.claimed;
    const parts: string[] = [];
    if (claimed) {
      const y1 = r(y(claimed.min));
      const y2 = claimed.max === null || claimed.max === undefined ? top : r(y(claimed.max));
      parts.push(
        `<line x1="${cx}" x2="${cx}" y1="${y1}" y2="${y2}" stroke="${colour}" stroke-width="2"/>`,
      );
      parts.push(
        `<line x1="${cx - 5}" x2="${cx + 5}" y1="${y1}" y2="${y1}" stroke="${colour}" stroke-width="2"/>`,
      );
      if (claimed.max !== null && claimed.max !== undefined)
        parts.push(
          `<line x1="${cx - 5}" x2="${cx + 5}" y1="${y2}" y2="${y2}" stroke="${colour}" stroke-width="2"/>`,
        );
    }
    const recorded = fig.check?.recorded;
    if (recorded) {
      const top1 = r(y(recorded.max));
      parts.push(
        `<rect class="figure-recorded" x="${cx + 5}" y="${top1}" width="5" height="${Math.max(2, r(y(recorded.min) - top1))}" fill="#24292f"/>`,
      );
    }
    const cy = r(y(fig.value));
    parts.push(
      `<path d="M${cx} ${cy - 7} L${cx + 7} ${cy} L${cx} ${cy + 7} L${cx - 7} ${cy} Z" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`,
    );
    const anchorEnd = x(f.at) > width * 0.7;
    parts.push(
      `<text x="${anchorEnd ? cx - 11 : cx + 11}" y="${cy + 4}" text-anchor="${anchorEnd ? 'end' : 'start'}" font-size="13" font-weight="600" fill="${colour}">${esc(label)}</text>`,
    );
    const verdict = verdictLabel(t, fig.check?.verdict);
    const words = { label, verdict, recorded: recorded ? rangeWords(t, recorded) : '–' };
    const data = recorded
      ? ` data-recorded-min="${recorded.min}" data-recorded-max="${recorded.max}"`
      : '';
    out.push(
      `<a href="${esc(input.figureHref(fig.id))}" data-nav="figure" class="figure-point" data-figure="${esc(fig.id)}" data-period="${esc(points[f.at].period)}"${data} aria-label="${esc(t.text('chart.figure.label', words))}">` +
        `<title>${esc(t.text('chart.figure.title', words))}</title>${parts.join('')}</a>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

const sameSet = (a: string[], b: string[] | undefined) => {
  const bb = b ?? [];
  return a.length === bb.length && a.every((x) => bb.includes(x));
};

/**
 * Figures that count what the chart counts: the same actions, reasons, provinces, ranks and
 * agencies. Their periods may differ from the chart's: each is drawn with the records of its own
 * period.
 */
export function comparable(f: FigureView, filter: Filter): boolean {
  const s = f.scope;
  return (
    sameSet(s.actionTypes, filter.actionTypes) &&
    sameSet(s.reasonCodes, filter.reasonCodes) &&
    sameSet(s.provinceCodes, filter.provinceCodes) &&
    sameSet(s.rankCodes, filter.rankCodes) &&
    sameSet(s.agencyCodes ?? [], filter.agencyCodes)
  );
}

// At most 120 periods added after the last recorded one (ten years of months) to reach a figure
// stated later: beyond that the chart's columns would be too thin to read, and the figure is listed
// below the chart instead.
const MAX_EXTRA_PERIODS = 120;

/** The last day a figure counts: its check's countedUntil, else its scope's end, else the day it was stated. */
export function figureDay(f: FigureView): string | null {
  return f.check?.countedUntil ?? f.scope.to ?? f.statedOn ?? null;
}

export interface FigurePlacement {
  /** The periods drawn: the running totals, extended past the last one to figures stated later. */
  points: RunningTotalView[];
  drawn: ChartFigure[];
  /** Figures that count something else than the chart. */
  other: FigureView[];
  /** Figures whose last day lies outside the chart's period (before it starts, or after its `to`). */
  outside: FigureView[];
}

/**
 * Where each comparable figure goes: in the period that holds its last day. A figure stated after
 * the last recorded period extends the axis to its day (the cumulative count stays flat there: no
 * record of the view reaches past the last period); one outside the filter's own period is listed
 * instead of being pinned to an edge.
 */
export function placeFigures(
  figures: FigureView[],
  points: RunningTotalView[],
  filter: Filter,
): FigurePlacement {
  const other: FigureView[] = [];
  const outside: FigureView[] = [];
  const candidates: { figure: FigureView; day: string }[] = [];
  for (const f of figures) {
    const day = figureDay(f);
    if (!comparable(f, filter)) other.push(f);
    else if (!day || !f.check || !points.length) outside.push(f);
    else if ((filter.from && day < filter.from) || (filter.to && day > filter.to)) outside.push(f);
    else candidates.push({ figure: f, day });
  }
  // The axis runs on to the latest figure it can reach; one too far beyond is listed below.
  const last = points[points.length - 1];
  let extra: string[] = [];
  for (const c of candidates) {
    const needed = last ? periodsUntil(last.period, c.day, MAX_EXTRA_PERIODS) : null;
    if (needed && needed.length > extra.length) extra = needed;
  }
  const all = [
    ...points,
    ...extra.map((period) => ({ period, count: 0, cumulative: { ...last.cumulative } })),
  ];
  const periods = all.map((p) => p.period);
  const drawn: ChartFigure[] = [];
  const perPeriod = new Map<number, number>();
  for (const c of candidates) {
    const at = periodIndexOf(c.day, periods);
    if (at < 0) {
      outside.push(c.figure);
      continue;
    }
    const slot = perPeriod.get(at) ?? 0;
    perPeriod.set(at, slot + 1);
    drawn.push({ figure: c.figure, at, slot });
  }
  return { points: all, drawn, other, outside };
}

export interface ChartView {
  svg: string;
  description: string;
  noteHtml: string;
  tableHtml: string;
  drawn: string[];
  /** Periods on the axis (the recorded ones and those added to reach a later figure). */
  periods: number;
}

/** The chart of a view and the words around it: the description, what is not drawn, the table. */
export function chartView(
  ctx: PageContext,
  recordedPoints: RunningTotalView[],
  filter: Filter,
  interval: string,
  width: number,
): ChartView {
  const { t } = ctx;
  const { points, drawn, other, outside } = placeFigures(ctx.figures, recordedPoints, filter);
  const periodHref = (period: string) =>
    pageHref(ctx.url, queryOf(filter, { show: `period:${period}` }), '#records');
  const svg = renderChart(t, {
    points,
    figures: drawn,
    width,
    periodHref,
    figureHref: (id) => `#figure-${id}`,
  });
  const last = points[points.length - 1];
  const description = last
    ? [
        t.text('chart.desc', {
          first: periodWords(t, points[0].period),
          last: periodWords(t, last.period),
          total: rangeWords(t, last.cumulative),
        }),
        t.count('chart.drawn', drawn.length),
        drawn.length ? t.text('chart.ownScope') : '',
      ]
        .filter(Boolean)
        .join(' ')
    : t.text('chart.empty');
  const list = (figures: FigureView[]) =>
    t.list(
      figures.map((f) => figureLink(ctx, f.id)),
      'and',
    );
  const notes: string[] = [];
  if (other.length)
    notes.push(
      t.countHtml('chart.notDrawn', other.length, {
        figures: list(other),
        action: esc(t.text('figure.chartLink')),
      }),
    );
  if (outside.length && points.length)
    notes.push(t.countHtml('chart.outside', outside.length, { figures: list(outside) }));
  const captionKey = `chart.caption.${interval}`;
  const tableHtml = points.length
    ? `<table><caption>${esc(t.has(captionKey) ? t.text(captionKey) : interval)}</caption>
      <thead><tr><th scope="col">${esc(t.text('chart.table.period'))}</th><th scope="col">${esc(t.text('chart.table.inPeriod'))}</th><th scope="col">${esc(t.text('chart.table.certain'))}</th><th scope="col">${esc(t.text('chart.table.possible'))}</th><th scope="col">${esc(t.text('chart.table.records'))}</th></tr></thead>
      <tbody>${points
        .map((p) => {
          const period = periodWords(t, p.period);
          return `<tr><th scope="row">${esc(period)}</th><td>${esc(t.number(p.count))}</td><td>${esc(t.number(p.cumulative.min))}</td><td>${esc(t.number(p.cumulative.max))}</td>
            <td><a data-nav="records" href="${esc(periodHref(p.period))}">${esc(t.text('chart.table.upTo', { period }))}</a></td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';
  return {
    svg,
    description,
    noteHtml: notes.join(' '),
    tableHtml,
    drawn: drawn.map((d) => d.figure.id),
    periods: points.length,
  };
}
