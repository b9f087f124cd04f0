/**
 * A check's verdict and consistency issues in sentences of a page's language, built from the
 * numbers (claimed, recorded, independent, undecided) with catalogue templates. The API explains
 * each verdict and issue in English; a page in another language words them itself, following the
 * same rules (libs/domain/src/tallies/figure-check.ts), so every number it names is the API's.
 * Shared by the browser bundle and the server's pages.
 */
import type { Texts } from './texts.js';
import type { CountRangeView, FigureView, Range, ScopeView } from '../client/factcheck.types.js';
import { esc } from '../html-escape.js';
import {
  coverageWords,
  issueKindWords,
  peopleRangeWords,
  peopleWords,
  qualifierWords,
  rangeWords,
} from './words.js';

/** What a sentence needs of a check. */
export interface CheckNumbers {
  claimed: Range;
  recorded: CountRangeView;
  independent: CountRangeView;
  verdict: string;
  undecided: number;
}

/** What a sentence needs of a figure: its value, its qualifier, its period and its claimed range. */
export type FigureNumbers = Pick<FigureView, 'id' | 'value' | 'qualifier' | 'scope'> & {
  check?: { claimed: Range; countedUntil?: string | null } | null;
};

/** The interval sum of the parts' claims: [sum of mins, sum of maxes] (max null when one is unbounded). */
export function sumOfClaims(ranges: Range[]): Range {
  let min = 0;
  let max: number | null = 0;
  for (const r of ranges) {
    min += r.min;
    max = max === null || r.max === null || r.max === undefined ? null : max + r.max;
  }
  return { min, max };
}

/** A figure by its claim, quoted: "“about 70”". */
export function figureClaimWords(t: Texts, f: Pick<FigureView, 'value' | 'qualifier'>): string {
  return t.text('explain.figure', { figure: qualifierWords(t, f.qualifier, f.value) });
}

/** A claim with its range: "“about 70” (63 to 77)". */
export function claimWords(
  t: Texts,
  f: Pick<FigureView, 'value' | 'qualifier'>,
  claimed: Range,
): string {
  return t.text('explain.claim', { figure: figureClaimWords(t, f), range: rangeWords(t, claimed) });
}

/**
 * Why the verdict is what it is, in the page's language: the same cases as the API's explanation.
 * Empty for a verdict the catalogue does not word.
 */
export function verdictSentence(
  t: Texts,
  f: Pick<FigureView, 'value' | 'qualifier'>,
  check: CheckNumbers,
): string {
  const { claimed, recorded, independent, undecided } = check;
  const claim = claimWords(t, f, claimed);
  const within = (r: CountRangeView) =>
    r.min >= claimed.min && (claimed.max === null || r.max <= claimed.max);
  switch (check.verdict) {
    case 'CONTRADICTED':
      return t.text('verdict.CONTRADICTED.explain', {
        recorded: peopleWords(t, recorded.min),
        claim,
      });
    case 'UNDER_RECORDED':
      return t.text('verdict.UNDER_RECORDED.explain', {
        recorded:
          recorded.min === recorded.max
            ? peopleWords(t, recorded.max)
            : t.text('range.atMost', { people: peopleWords(t, recorded.max) }),
        claim,
      });
    case 'CORROBORATED':
      return t.text('verdict.CORROBORATED.explain', {
        independent: peopleRangeWords(t, independent),
        claim,
      });
    case 'INCONCLUSIVE': {
      const people = peopleRangeWords(t, recorded);
      if (claimed.min === 0) return t.text('explain.noLowerBound', { claim, recorded: people });
      if (within(recorded)) {
        const own = recorded.min - independent.min;
        return own > 0
          ? t.text('explain.ownSource', { claim, recorded: people, own: peopleWords(t, own) })
          : t.text('explain.ownSourceAll', { claim, recorded: people });
      }
      const sentences = [
        t.text('verdict.INCONCLUSIVE.explain', {
          claim,
          recorded: people,
          undecided: peopleWords(t, undecided),
        }),
      ];
      if (recorded.min < claimed.min)
        sentences.push(t.text('explain.reach', { n: claimed.min - recorded.min }));
      if (claimed.max !== null && recorded.max > claimed.max)
        sentences.push(t.text('explain.exceed', { n: claimed.max - recorded.min }));
      return sentences.join(' ');
    }
    default:
      return '';
  }
}

/** A period in words: "on 15 January 2024", "from … to …", "since …", "up to …". */
export function periodOfScopeWords(t: Texts, from: string | null, to: string | null): string {
  if (from && to && from === to) return t.text('scope.on', { date: t.date(from) });
  if (from && to) return t.text('scope.between', { from: t.date(from), to: t.date(to) });
  if (from) return t.text('scope.since', { from: t.date(from) });
  if (to) return t.text('scope.until', { to: t.date(to) });
  return t.text('scope.anyTime');
}

/**
 * A consistency issue in the page's language, from the claims of the figures it involves (the
 * whole, then its parts; or the earlier, then the later running total). Null when a figure or its
 * check is missing, or the kind is new: the caller then shows the API's English message.
 */
export function issueSentence(
  t: Texts,
  issue: { kind: string; figures: { id: string }[] },
  byId: Map<string, FigureNumbers>,
): string | null {
  const figures = issue.figures.map((x) => byId.get(x.id));
  if (!figures.length || figures.some((f) => !f?.check)) return null;
  const all = figures as (FigureNumbers & { check: { claimed: Range } })[];
  const [first, ...rest] = all;
  const partsSum = () => sumOfClaims(rest.map((p) => p.check.claimed));
  const partsWords = () => rest.map((p) => qualifierWords(t, p.qualifier, p.value)).join(' + ');
  switch (issue.kind) {
    case 'PARTS_EXCEED_WHOLE':
      return t.text('issue.PARTS_EXCEED_WHOLE.explain', {
        parts: partsWords(),
        sum: partsSum().min,
        whole: figureClaimWords(t, first),
        max: first.check.claimed.max ?? 0,
      });
    case 'PARTS_DO_NOT_SUM':
    case 'PARTS_MAY_OVERLAP': {
      const key =
        issue.kind === 'PARTS_DO_NOT_SUM'
          ? 'issue.PARTS_DO_NOT_SUM.explain'
          : 'issue.PARTS_MAY_OVERLAP.explain';
      return t.text(key, {
        parts: partsWords(),
        sum: rangeWords(t, partsSum()),
        whole: figureClaimWords(t, first),
        claimed: rangeWords(t, first.check.claimed),
      });
    }
    case 'CUMULATIVE_DECREASE': {
      const later = rest[0];
      if (!later) return null;
      const period = (f: FigureNumbers) =>
        periodOfScopeWords(t, f.scope.from, f.scope.to ?? f.check?.countedUntil ?? null);
      return t.text('issue.CUMULATIVE_DECREASE.explain', {
        earlier: figureClaimWords(t, first),
        earlierRange: rangeWords(t, first.check.claimed),
        earlierPeriod: period(first),
        later: figureClaimWords(t, later),
        laterRange: rangeWords(t, later.check.claimed),
        laterPeriod: period(later),
      });
    }
    default:
      return null;
  }
}

/** The scope of a figure with the day its period ends: its own `to`, else the check's countedUntil. */
export function countedScope(f: Pick<FigureView, 'scope' | 'check'>): ScopeView {
  return { ...f.scope, to: f.scope.to ?? f.check?.countedUntil ?? null };
}

/**
 * A sentence of the server's (English) or of the page's language: in English the server's own
 * sentence; in another language the catalogue's, built from the numbers, with the server's English
 * kept in a details element for readers who quote it. Falls back to the English, marked as such.
 */
export function sentenceHtml(t: Texts, english: string, own: string | null): string {
  if (t.lang === 'en' || !english) return esc(english || own || '');
  if (!own) return `<span lang="en">${esc(english)}</span>`;
  return `${esc(own)} <details class="english"><summary>${esc(t.text('explain.english'))}</summary><p lang="en">${esc(english)}</p></details>`;
}

/** The claimed, recorded (and independent) ranges, who may or may not count, and the coverage. */
export function numbersHtml(
  t: Texts,
  check: CheckNumbers & { coverageRange: { min: number; max: number | null } | null },
): string {
  const row = (cls: string, label: string, value: string) =>
    `<div><dt>${esc(label)}</dt><dd class="${cls}">${esc(value)}</dd></div>`;
  const rows = [
    row('claimed', t.text('figure.claimed'), rangeWords(t, check.claimed)),
    row('recorded', t.text('figure.recorded'), rangeWords(t, check.recorded)),
  ];
  const { independent, recorded } = check;
  if (independent.min !== recorded.min || independent.max !== recorded.max)
    rows.push(row('independent', t.text('figure.independent'), rangeWords(t, independent)));
  if (check.undecided > 0)
    rows.push(row('undecided', t.text('figure.undecided'), peopleWords(t, check.undecided)));
  if (check.coverageRange)
    rows.push(row('coverage', t.text('figure.coverage'), coverageWords(t, check.coverageRange)));
  return `<dl class="numbers">${rows.join('')}</dl>`;
}

/**
 * A consistency issue as a list item: an inconsistency as a problem (`li.issue`), information
 * (parts that may overlap) as a note (`li.info`). `seeHtml` names the other figures involved.
 */
export function issueItemHtml(
  t: Texts,
  issue: { kind: string; message: string; informational: boolean },
  own: string | null,
  seeHtml = '',
): string {
  const text = sentenceHtml(t, issue.message, own);
  const kind = esc(issueKindWords(t, issue.kind));
  return issue.informational
    ? `<li class="info" data-kind="${esc(issue.kind)}"><strong>${esc(t.text('issue.informational'))}: ${kind}.</strong> ${text}${seeHtml}</li>`
    : `<li class="issue" data-kind="${esc(issue.kind)}"><strong>${kind}.</strong> ${text}${seeHtml}</li>`;
}
