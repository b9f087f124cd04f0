import {
  ANONYMOUS,
  claimedRange,
  visibilityOf,
  type PublicationLinks,
  type PublicSource,
  type PublishedCheckWithFigures,
  type ReportedFigureEntity,
} from '@app/domain';
import type { FigureCheckView, FigureView, Labels, PageContext } from './client/factcheck.types.js';
import { consistencyHtml, figureWordingHtml, metaHtml } from './client/figures.client.js';
import { FACTCHECK_ASSETS } from './factcheck.page.js';
import { esc } from './html-escape.js';
import { countedScope, numbersHtml, sentenceHtml, verdictSentence } from './i18n/check-words.js';
import { LANGUAGE_NAMES, LANGUAGES, Texts, type Language } from './i18n/texts.js';
import { dataHtml, qualifierWords, scopeHtml, verdictLabel } from './i18n/words.js';
import { permalinkPath } from './publication-links.js';

/** A figure as the page's renderers read it (the public view: a confidential source is withheld). */
function figureView(
  e: ReportedFigureEntity,
  source: PublicSource | null,
  check: FigureCheckView | null,
  all: ReportedFigureEntity[],
): FigureView {
  const hidden = !source || visibilityOf(ANONYMOUS).withholdsSource(source);
  return {
    id: e.id,
    value: e.value,
    qualifier: e.qualifier,
    tolerance: e.tolerance,
    statedBy: e.statedBy,
    statedOn: e.statedOn,
    description: e.description,
    partsAreExhaustive: e.partsAreExhaustive,
    scope: {
      actionTypes: e.scopeActionTypes,
      reasonCodes: e.scopeReasonCodes,
      provinceCodes: e.scopeProvinceCodes,
      rankCodes: e.scopeRankCodes,
      agencyCodes: e.scopeAgencyCodes,
      from: e.scopeFrom,
      to: e.scopeTo,
    },
    parent: e.parentId ? { id: e.parentId } : null,
    parts: all.filter((x) => x.parentId === e.id).map((x) => ({ id: x.id })),
    citation: {
      excerpt: hidden ? null : e.excerpt,
      locator: hidden ? null : e.locator,
      source: {
        title: hidden ? null : source.title,
        publisher: hidden ? null : source.publisher,
        url: hidden ? null : source.url,
        language: source?.language ?? null,
        redacted: hidden,
      },
    },
    check,
  };
}

/** What a figure named by the check needs: its claim and the last day it counts. */
function relatedCheck(e: ReportedFigureEntity): FigureCheckView {
  return {
    claimed: claimedRange(e.value, e.qualifier, e.tolerance),
    countedUntil: e.scopeTo ?? e.statedOn,
  } as FigureCheckView;
}

export interface CheckPageRequest {
  lang: Language;
  /** The address's query string, for the language links (`asRecordedAt` kept). */
  query: URLSearchParams;
  path: string;
  published: PublishedCheckWithFigures;
  links: PublicationLinks;
  /** The check's ClaimReview, embedded as JSON-LD. */
  claimReview: Record<string, unknown>;
  labels: Labels;
}

/** The check's data as the page's renderers read it, with the figures it names. */
function contextOf(page: CheckPageRequest, t: Texts): { ctx: PageContext; figure: FigureView } {
  const { published } = page;
  const { result, canonical, source } = published;
  const all = [result.figure, ...published.related];
  const check: FigureCheckView = {
    claimed: canonical.claimed,
    recorded: canonical.recorded,
    independent: canonical.independent,
    verdict: canonical.verdict,
    undecided: canonical.undecided,
    explanation: result.explanation,
    coverageRange: canonical.coverageRange,
    countedUntil: canonical.countedUntil,
    issues: result.issues.map((i) => ({
      kind: i.kind,
      message: i.message,
      informational: i.informational,
      figures: i.figureIds.map((id) => ({ id })),
    })),
  };
  const figure = figureView(result.figure, source, check, all);
  const related = published.related.map((e) => figureView(e, null, relatedCheck(e), all));
  const figures = [figure, ...related];
  const ctx: PageContext = {
    t,
    labels: page.labels,
    figures,
    byId: new Map(figures.map((f) => [f.id, f])),
    url: new URL(page.links.permalink(figure.id, published.at)),
    // Another figure's check at the same moment.
    figureHref: (id) => permalinkPath(id, published.at),
  };
  return { ctx, figure };
}

/**
 * The suggested citation of the check as HTML (who, what, when, where; the reader adds the day
 * read), its data (names, wording, address, hash) marked as data.
 */
function citeLineHtml(t: Texts, page: CheckPageRequest, f: FigureView, url: string): string {
  const { canonical } = page.published;
  const quoted = esc(t.text('explain.figure', { figure: qualifierWords(t, f.qualifier, f.value) }));
  const claim = f.description
    ? t.html('cite.claim.described', { claim: quoted, description: dataHtml(f.description) })
    : quoted;
  const date = f.statedOn ? esc(t.date(f.statedOn)) : '';
  const who = f.statedBy ? dataHtml(f.statedBy) : '';
  const statement =
    who && date
      ? t.html('cite.stated.byOn', { who, date })
      : who
        ? t.html('cite.stated.by', { who })
        : date
          ? t.html('cite.stated.on', { date })
          : esc(t.text('cite.stated.none'));
  return t.html('check.citeLine', {
    publisher: dataHtml(page.links.publisher.name),
    claim,
    statement,
    verdict: esc(verdictLabel(t, canonical.verdict)),
    moment: esc(t.moment(canonical.asRecordedAt)),
    url: dataHtml(url),
    hash: dataHtml(page.published.sha256),
  });
}

/** JSON for a `<script type="application/ld+json">` data block: no `<` can close the element. */
function jsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function languageLinks(page: { lang: Language; query: URLSearchParams; path: string }): string {
  return LANGUAGES.map((l) => {
    const q = new URLSearchParams(page.query);
    q.set('lang', l);
    return `<li><a hreflang="${l}" lang="${l}" href="${esc(`${page.path}?${q.toString()}`)}"${l === page.lang ? ' aria-current="true"' : ''}>${esc(LANGUAGE_NAMES[l])}</a></li>`;
  }).join('');
}

function shell(lang: Language, title: string, head: string, body: string, t: Texts): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="${FACTCHECK_ASSETS.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${FACTCHECK_ASSETS.style}">
${head}
</head><body class="check-page">
${body}
<footer><p>${esc(t.text('footer.counts'))}</p></footer>
</body></html>`;
}

/**
 * A check's permalink page: the check exactly as the records stood at a moment, server-rendered
 * (no script of any kind runs: the JSON-LD is a data block), with the SHA-256 of its canonical
 * data, a suggested citation, and its ClaimReview embedded for search engines and aggregators.
 */
export function renderCheckPage(page: CheckPageRequest): string {
  const t = new Texts(page.lang);
  const { ctx, figure } = contextOf(page, t);
  const { published } = page;
  const { canonical } = published;
  const permalink = page.links.permalink(figure.id, published.at);
  const verdict = verdictLabel(t, canonical.verdict);
  const claim = qualifierWords(t, figure.qualifier, figure.value);
  const title = t.text('check.title', {
    claim: t.text('explain.figure', { figure: claim }),
    verdict,
  });
  const check = figure.check as FigureCheckView;
  const src = figure.citation.source;
  const wording = figure.citation.excerpt
    ? `<blockquote translate="no"${src.language ? ` lang="${esc(src.language)}"` : ''}>${esc(figure.citation.excerpt)}</blockquote>`
    : `<p class="muted">${esc(t.text('figure.noWording'))}</p>`;
  const claimReviewHref = `/exports/claimreview.json?figureId=${encodeURIComponent(figure.id)}&asRecordedAt=${canonical.asRecordedAt}`;
  const canonicalHref = permalinkPath(figure.id, published.at, '/check.json');
  const home = `/${page.query.get('lang') ? `?lang=${page.lang}` : ''}`;
  const head = `<meta name="description" content="${esc(title)}">
<meta property="og:site_name" content="${esc(page.links.publisher.name)}">
<link rel="canonical" href="${esc(permalink)}">
<link rel="alternate" type="application/json" href="${esc(canonicalHref)}">
<script type="application/ld+json">${jsonLd(page.claimReview)}</script>`;
  const body = `<header class="site">
  <div class="site-top">
    <p class="kicker">${esc(t.text('check.kicker'))}</p>
    <nav class="languages" aria-label="${esc(t.text('nav.language'))}"><ul>${languageLinks(page)}</ul></nav>
  </div>
</header>
<main>
  <article class="figure" id="figure-${esc(figure.id)}" data-verdict="${esc(canonical.verdict)}" aria-labelledby="check-title">
    <header>
      <h1 id="check-title"><span class="claim">${esc(claim)}</span> <span class="what">${scopeHtml(t, countedScope(figure), page.labels)}</span></h1>
      <p class="verdict verdict-${esc(canonical.verdict.toLowerCase())}">${esc(verdict)}</p>
    </header>
    <p class="meta">${metaHtml(ctx, figure)}</p>
    ${wording}
    ${figure.description ? `<p class="desc">${figureWordingHtml(ctx, figure)}</p>` : ''}
    ${numbersHtml(t, check)}
    <div class="explain">${sentenceHtml(t, check.explanation, verdictSentence(t, figure, check))}</div>
    ${consistencyHtml(ctx, figure)}
  </article>
  <section class="permalink" aria-labelledby="permalink-title">
    <h2 id="permalink-title">${esc(t.text('check.citeAs'))}</h2>
    <p class="as-recorded"><time datetime="${esc(canonical.asRecordedAt)}">${esc(t.text('check.asRecorded', { moment: t.moment(canonical.asRecordedAt) }))}</time></p>
    <p class="muted">${esc(t.text('check.replay'))}</p>
    <dl class="hash"><dt>${esc(t.text('check.hash'))}</dt><dd><code id="check-hash" translate="no">${esc(published.sha256)}</code></dd></dl>
    <p><label for="check-url">${esc(t.text('cite.url'))}</label><br><input id="check-url" class="cite-url" type="text" readonly translate="no" value="${esc(permalink)}"></p>
    <p class="muted">${esc(t.text('cite.line'))}</p>
    <p class="cite-line" id="check-cite">${citeLineHtml(t, page, figure, permalink)}</p>
    <ul class="check-links">
      <li><a href="${esc(canonicalHref)}">${esc(t.text('check.canonical'))}</a></li>
      <li><a href="${esc(claimReviewHref)}">${esc(t.text('check.claimReview'))}</a></li>
      <li><a href="/checks/${esc(encodeURIComponent(figure.id))}${page.query.get('lang') ? `?lang=${page.lang}` : ''}">${esc(t.text('check.now'))}</a></li>
      <li><a href="${esc(home)}">${esc(t.text('check.all'))}</a></li>
    </ul>
  </section>
</main>`;
  return shell(page.lang, title, head, body, t);
}

/** The HTML page of a refused permalink (a browser asked): 404 for no such check, 400 for a bad moment. */
export function renderCheckErrorPage(
  lang: Language,
  kind: 'notFound' | 'badRequest',
  page: { query: URLSearchParams; path: string },
): string {
  const t = new Texts(lang);
  const title = t.text(kind === 'notFound' ? 'error.notFound.title' : 'error.badRequest.title');
  const text =
    kind === 'notFound'
      ? esc(t.text('error.notFound.text'))
      : t.html('error.badRequest.text', {
          param: '<code translate="no">asRecordedAt</code>',
          example: '<code translate="no">2024-01-23T23:59:59Z</code>',
        });
  const body = `<header class="site"><div class="site-top"><p class="kicker">${esc(t.text('check.kicker'))}</p>
  <nav class="languages" aria-label="${esc(t.text('nav.language'))}"><ul>${languageLinks({ lang, ...page })}</ul></nav></div></header>
<main><h1>${esc(title)}</h1><p>${text}</p><p><a href="/${page.query.get('lang') ? `?lang=${lang}` : ''}">${esc(t.text('error.back'))}</a></p></main>`;
  return shell(lang, title, '', body, t);
}
