/**
 * Browser code (also run in Node by the unit tests, and by the server for a check's permalink
 * page): the timeline of published figures, each with who said it, the wording, the verdict, the
 * claimed and recorded ranges and its consistency with the figures it belongs to.
 */
import { esc } from '../html-escape.js';
import type { FigureCheckView, FigureView, PageContext, SourceView } from './factcheck.types.js';
import { filterOf, pageHref, queryOf, scopeFilter } from './url-state.client.js';
import { dataHtml, qualifierWords, rangeWords, scopeHtml, verdictLabel } from '../i18n/words.js';
import {
  countedScope,
  issueItemHtml,
  issueSentence,
  numbersHtml,
  sentenceHtml,
  sumOfClaims,
  verdictSentence,
} from '../i18n/check-words.js';
import { citeHtml } from './cite.client.js';

export { sumOfClaims };

/** A figure's claim in words: "about 70". */
export function figureName(ctx: PageContext, f: FigureView): string {
  return qualifierWords(ctx.t, f.qualifier, f.value);
}

/** A figure named by its wording (its description, as stored), else by its claim: “about 70”. */
export function figureWordingHtml(ctx: PageContext, f: FigureView): string {
  return f.description
    ? `“${dataHtml(f.description)}”`
    : esc(ctx.t.text('explain.figure', { figure: figureName(ctx, f) }));
}

export function figureLink(ctx: PageContext, id: string): string {
  const f = ctx.byId.get(id);
  const href = ctx.figureHref ? ctx.figureHref(id) : `#figure-${id}`;
  return `<a href="${esc(href)}">${f ? figureWordingHtml(ctx, f) : esc(ctx.t.text('figure.another'))}</a>`;
}

/** A source's title and publisher (data), or "a confidential source". */
export function sourceHtml(ctx: PageContext, source: SourceView): string {
  if (source.redacted || (!source.title && !source.publisher))
    return esc(ctx.t.text('source.confidential'));
  const title = source.title ? `<cite>${dataHtml(source.title, source.language)}</cite>` : '';
  const publisher = source.publisher ? dataHtml(source.publisher) : '';
  const text = [title, publisher].filter(Boolean).join(', ');
  return source.url && /^https?:\/\//.test(source.url)
    ? `${text} (<a href="${esc(source.url)}" rel="noopener noreferrer">${esc(ctx.t.text('source.original'))}</a>)`
    : text;
}

/** The figure's consistency issues and, for a whole, how its parts add up. */
export function consistencyHtml(ctx: PageContext, f: FigureView): string {
  const { t } = ctx;
  const items: string[] = [];
  for (const issue of f.check?.issues ?? []) {
    const others = issue.figures.filter((x) => x.id !== f.id).map((x) => figureLink(ctx, x.id));
    const see = others.length ? ` ${t.html('figure.see', { figures: t.list(others, 'and') })}` : '';
    items.push(issueItemHtml(t, issue, issueSentence(t, issue, ctx.byId), see));
  }
  const parts = f.parts.map((p) => ctx.byId.get(p.id)).filter((p): p is FigureView => !!p);
  const hasPartIssue = (f.check?.issues ?? []).some((i) => i.kind.startsWith('PARTS_'));
  if (parts.length && f.check && parts.every((p) => p.check) && !hasPartIssue) {
    const sum = sumOfClaims(parts.map((p) => (p.check as FigureCheckView).claimed));
    items.push(
      `<li class="consistent">${esc(
        t.text(f.partsAreExhaustive ? 'parts.consistent' : 'parts.within', {
          parts: parts.map((p) => figureName(ctx, p)).join(' + '),
          sum: rangeWords(t, sum),
          whole: figureName(ctx, f),
          claimed: rangeWords(t, f.check.claimed),
        }),
      )}</li>`,
    );
  }
  return items.length ? `<ul class="consistency">${items.join('')}</ul>` : '';
}

/** Who stated the figure, when, and where it was reported. */
export function metaHtml(ctx: PageContext, f: FigureView): string {
  const { t } = ctx;
  const source =
    sourceHtml(ctx, f.citation.source) +
    (f.citation.locator ? ` (${dataHtml(f.citation.locator)})` : '');
  const who = f.statedBy ? `<strong>${dataHtml(f.statedBy)}</strong>` : '';
  const date = f.statedOn
    ? `<time datetime="${esc(f.statedOn)}">${esc(t.date(f.statedOn))}</time>`
    : '';
  if (who && date) return t.html('figure.meta.byOn', { who, date, source });
  if (who) return t.html('figure.meta.by', { who, source });
  if (date) return t.html('figure.meta.on', { date, source });
  return t.html('figure.meta.none', { source });
}

export function figureHtml(ctx: PageContext, f: FigureView): string {
  const { t } = ctx;
  const check = f.check;
  const verdict = check?.verdict ?? 'UNCHECKED';
  const src = f.citation.source;
  const excerpt = f.citation.excerpt
    ? `<blockquote translate="no"${src.language ? ` lang="${esc(src.language)}"` : ''}>${esc(f.citation.excerpt)}</blockquote>`
    : `<p class="muted">${esc(t.text('figure.noWording'))}</p>`;
  const numbers = check
    ? `${numbersHtml(t, check)}<div class="explain">${sentenceHtml(ctx.t, check.explanation, verdictSentence(t, f, check))}</div>`
    : '';
  const family: string[] = [];
  if (f.repeats) family.push(t.html('figure.repeats', { figure: figureLink(ctx, f.repeats.id) }));
  if (f.repeatedBy?.length)
    family.push(
      t.html('figure.repeatedBy', {
        figures: t.list(
          f.repeatedBy.map((r) => repeatLink(ctx, r.id)),
          'and',
        ),
      }),
    );
  if (f.parent) family.push(t.html('figure.partOf', { figure: figureLink(ctx, f.parent.id) }));
  if (f.parts.length)
    family.push(
      t.html(f.partsAreExhaustive ? 'figure.partsExhaustive' : 'figure.parts', {
        figures: t.list(
          f.parts.map((p) => figureLink(ctx, p.id)),
          'and',
        ),
      }),
    );
  const recordsHref = pageHref(
    ctx.url,
    queryOf(filterOf(ctx.url.searchParams), { show: `figure:${f.id}` }),
    '#records',
  );
  const chartHref = pageHref(ctx.url, queryOf(scopeFilter(f)), '#chart');
  const id = esc(f.id);
  const repeat = f.repeats ? ` data-repeats="${esc(f.repeats.id)}"` : '';
  return `<article class="figure${f.repeats ? ' repeat' : ''}" id="figure-${id}"${repeat} data-verdict="${esc(verdict)}" tabindex="-1" aria-labelledby="figure-${id}-title">
    <header>
      <h3 id="figure-${id}-title"><span class="claim">${esc(figureName(ctx, f))}</span> <span class="what">${scopeHtml(t, countedScope(f), ctx.labels)}</span></h3>
      <p class="verdict verdict-${esc(verdict.toLowerCase())}">${esc(verdictLabel(t, check?.verdict))}</p>
    </header>
    <p class="meta">${metaHtml(ctx, f)}</p>
    ${excerpt}
    ${f.description ? `<p class="desc">${dataHtml(f.description)}</p>` : ''}
    ${numbers}
    ${f.repeats && ctx.byId.has(f.repeats.id) ? '' : consistencyHtml(ctx, f)}
    ${family.length ? `<p class="family">${family.join(' ')}</p>` : ''}
    <p class="links">
      <a class="button" data-nav="records" href="${esc(recordsHref)}">${esc(t.text('figure.recordsLink'))}</a>
      <a class="button secondary" data-nav="chart" href="${esc(chartHref)}">${esc(t.text('figure.chartLink'))}</a>
    </p>
    ${check ? citeHtml(ctx, f) : ''}
  </article>`;
}

/** A link to a repeat's card, named by the outlet that repeated the statement. */
function repeatLink(ctx: PageContext, id: string): string {
  const f = ctx.byId.get(id);
  const publisher = f?.citation.source.redacted ? null : f?.citation.source.publisher;
  if (!publisher) return figureLink(ctx, id);
  const href = ctx.figureHref ? ctx.figureHref(id) : `#figure-${id}`;
  return `<a href="${esc(href)}">${dataHtml(publisher)}</a>`;
}

/**
 * The timeline: figures grouped by the day they were stated, oldest first; a repeat (the same
 * statement reported by another outlet) is shown with its original, on the original's day.
 */
export function timelineHtml(ctx: PageContext): string {
  const { t } = ctx;
  if (!ctx.figures.length) return `<li class="muted">${esc(t.text('figures.none'))}</li>`;
  const groups = new Map<string, FigureView[]>();
  const repeatsOf = new Map<string, FigureView[]>();
  for (const f of ctx.figures) {
    if (f.repeats && ctx.byId.has(f.repeats.id)) {
      repeatsOf.set(f.repeats.id, [...(repeatsOf.get(f.repeats.id) ?? []), f]);
      continue;
    }
    const key = f.statedOn ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const statementHtml = (f: FigureView) => {
    const repeats = repeatsOf.get(f.id) ?? [];
    if (!repeats.length) return figureHtml(ctx, f);
    return `<div class="statement" data-figure="${esc(f.id)}">${figureHtml(ctx, f)}<div class="repeats" aria-label="${esc(t.text('figure.repeatsLabel'))}">${repeats.map((r) => figureHtml(ctx, r)).join('')}</div></div>`;
  };
  return [...groups.entries()]
    .map(
      ([day, group]) => `<li class="moment">
        <h3 class="when">${day ? `<time datetime="${esc(day)}">${esc(t.date(day))}</time>` : esc(t.text('figures.dateUnknown'))}</h3>
        ${group.map(statementHtml).join('')}
      </li>`,
    )
    .join('');
}
