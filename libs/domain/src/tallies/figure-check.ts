import type { FigureQualifier } from '../figures/reported-figure.entity.js';
import type { CountRange } from './tally.types.js';

/** The interval a figure claims; `max` null = unbounded ("at least 40"). */
export interface ClaimedRange {
  min: number;
  max: number | null;
}

/** A ratio range (coverage); `max` null = unbounded. */
export interface FloatRange {
  min: number;
  max: number | null;
}

export const FIGURE_VERDICTS = [
  'CORROBORATED',
  'INCONCLUSIVE',
  'UNDER_RECORDED',
  'CONTRADICTED',
] as const;
export type FigureVerdict = (typeof FIGURE_VERDICTS)[number];

export const FIGURE_ISSUE_KINDS = [
  'PARTS_EXCEED_WHOLE',
  'PARTS_DO_NOT_SUM',
  'PARTS_MAY_OVERLAP',
  'CUMULATIVE_DECREASE',
] as const;
export type FigureIssueKind = (typeof FIGURE_ISSUE_KINDS)[number];

export interface FigureIssue {
  kind: FigureIssueKind;
  message: string;
  /** The figures involved (the whole first, then its parts; or the earlier, then the later). */
  figureIds: string[];
  /** For information only (PARTS_MAY_OVERLAP): not an inconsistency. */
  informational: boolean;
}

/** What a figure counts: empty lists mean "any"; `to` is the day counted up to (scope.to, else statedOn). */
export interface ScopeFacts {
  actionTypes: readonly string[];
  reasonCodes: readonly string[];
  provinceCodes: readonly string[];
  rankCodes: readonly string[];
  /** The agencies counted, each with its sub-agencies (a scope on the National Police lists its commissariats too). */
  agencyCodes: readonly string[];
  from: string | null;
  to: string | null;
}

/** What the checks need of a figure. */
export interface FigureFacts {
  id: string;
  value: number;
  qualifier: FigureQualifier;
  tolerance: number;
  /** The figure's wording, when recorded ("about 70 police officials dismissed"). */
  description?: string | null;
  scope?: ScopeFacts;
}

// Absorbs floating-point noise: 70 * 1.1 is 77.00000000000001 in binary, and must give 77.
const EPSILON = 1e-9;

/** DOMAIN.md §3: the claimed interval C of a qualified value. */
export function claimedRange(
  value: number,
  qualifier: FigureQualifier,
  tolerance: number,
): ClaimedRange {
  switch (qualifier) {
    case 'EXACT':
      return { min: value, max: value };
    case 'ABOUT':
      return {
        min: Math.max(0, Math.floor(value * (1 - tolerance) + EPSILON)),
        max: Math.ceil(value * (1 + tolerance) - EPSILON),
      };
    case 'AT_LEAST':
      return { min: value, max: null };
    case 'MORE_THAN':
      return { min: value + 1, max: null };
    case 'AT_MOST':
      return { min: 0, max: value };
    case 'FEWER_THAN':
      return { min: 0, max: Math.max(0, value - 1) };
    default: {
      const unreachable: never = qualifier;
      throw new Error(`unknown qualifier ${String(unreachable)}`);
    }
  }
}

/** The verdict, who decides it, and why (README "How a figure is checked"). */
export interface Judgement {
  verdict: FigureVerdict;
  /** People who may or may not count (imprecise dates, an unknown split between reasons): R.max - R.min. */
  undecided: number;
  /** In plain words: what the records show against the claim, and what could tip it. */
  explanation: string;
  /** [R.min / C.max, R.max / C.min]; null when the claim has no lower bound. */
  coverageRange: FloatRange | null;
}

const people = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;

function between(r: CountRange): string {
  return r.min === r.max
    ? people(r.min)
    : `between ${r.min.toLocaleString('en-GB')} and ${people(r.max)}`;
}

/**
 * Records are a lower bound of reality: nobody knows how complete they are. R is what the records
 * count in the figure's scope, I the same counting only records that cite a source other than the
 * figure's own, C the claim:
 * - CONTRADICTED: R.min > C.max (certainly more recorded than the figure allows);
 * - UNDER_RECORDED: R.max < C.min (the records hold fewer than claimed: the tracker may be
 *   incomplete, or the figure too high);
 * - CORROBORATED: the independent records certainly reach the claim and stay within it
 *   (I.min >= C.min and I.max <= C.max), and the claim has a lower bound;
 * - INCONCLUSIVE otherwise, saying which people decide it and which way they could tip it.
 */
export function judge(
  claimed: ClaimedRange,
  recorded: CountRange,
  independent: CountRange,
  wording: string,
): Judgement {
  const undecided = recorded.max - recorded.min;
  const claim = `${wording} (${describeRange(claimed)})`;
  const coverageRange =
    claimed.min > 0
      ? {
          min: claimed.max === null ? 0 : recorded.min / claimed.max,
          max: recorded.max / claimed.min,
        }
      : null;
  const base = { undecided, coverageRange };
  if (claimed.max !== null && recorded.min > claimed.max) {
    return {
      ...base,
      verdict: 'CONTRADICTED',
      explanation: `The records certainly count ${people(recorded.min)}, more than ${claim} allows.`,
    };
  }
  if (recorded.max < claimed.min) {
    return {
      ...base,
      verdict: 'UNDER_RECORDED',
      explanation: `The records hold ${recorded.max === recorded.min ? people(recorded.max) : `at most ${people(recorded.max)}`}, fewer than ${claim}: this tracker may be incomplete, or the figure too high.`,
    };
  }
  const withinClaim = (r: CountRange) =>
    r.min >= claimed.min && (claimed.max === null || r.max <= claimed.max);
  if (claimed.min > 0 && withinClaim(independent)) {
    return {
      ...base,
      verdict: 'CORROBORATED',
      explanation: `Records citing sources other than the figure's own count ${between(independent)}, within ${claim}.`,
    };
  }
  const reasons: string[] = [];
  if (claimed.min === 0) {
    reasons.push(
      `${claim} sets no lower bound: the records (${between(recorded)}) stay within it, but records of unknown completeness cannot confirm that there were no more.`,
    );
  } else if (withinClaim(recorded)) {
    const own = recorded.min - independent.min;
    reasons.push(
      `The records count ${between(recorded)}, within ${claim}, but ${own > 0 ? `${people(own)} of them are` : 'they are'} supported only by the figure's own source: they repeat the claim rather than confirm it.`,
    );
  } else {
    reasons.push(
      `The records count ${between(recorded)} against ${claim}: ${people(undecided)} may or may not count (imprecise dates, or a group's unknown split between reasons).`,
    );
    if (recorded.min < claimed.min) {
      reasons.push(
        `If at least ${claimed.min - recorded.min} of them count, the records reach the claim; if fewer, they fall short of it.`,
      );
    }
    if (claimed.max !== null && recorded.max > claimed.max) {
      reasons.push(
        `If more than ${claimed.max - recorded.min} of them count, the records exceed it.`,
      );
    }
  }
  return { ...base, verdict: 'INCONCLUSIVE', explanation: reasons.join(' ') };
}

/** R.max / C.min for an UNDER_RECORDED figure; else null (deprecated: see coverageRange). */
export function coverageOf(claimed: ClaimedRange, recorded: CountRange): number | null {
  return recorded.max < claimed.min ? recorded.max / claimed.min : null;
}

/** "about 70", "at least 40", "40". */
export function describeFigure(f: Pick<FigureFacts, 'value' | 'qualifier'>): string {
  const words: Record<FigureQualifier, string> = {
    EXACT: '',
    ABOUT: 'about ',
    AT_LEAST: 'at least ',
    MORE_THAN: 'more than ',
    AT_MOST: 'at most ',
    FEWER_THAN: 'fewer than ',
  };
  return `${words[f.qualifier]}${f.value}`;
}

/** A figure named by its wording where it has one ("“about 70 police officials dismissed”"), else by its value. */
export function nameFigure(f: Pick<FigureFacts, 'value' | 'qualifier' | 'description'>): string {
  return f.description ? `“${f.description}”` : `“${describeFigure(f)}”`;
}

/** "63–77", "40", "40 or more". */
export function describeRange(r: ClaimedRange): string {
  if (r.max === null) return `${r.min} or more`;
  return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "23 January 2024" (never an ISO date in a sentence). */
export function describeDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "on 15 January 2024", "from 1 November 2023 to 23 January 2024", "since ...", "until ...", "at any time". */
export function describePeriod(from: string | null, to: string | null): string {
  if (from && to)
    return from === to
      ? `on ${describeDay(from)}`
      : `from ${describeDay(from)} to ${describeDay(to)}`;
  if (from) return `since ${describeDay(from)}`;
  if (to) return `until ${describeDay(to)}`;
  return 'at any time';
}

function claimedOf(f: FigureFacts): ClaimedRange {
  return claimedRange(f.value, f.qualifier, f.tolerance);
}

/** Interval sum of the parts' claims. */
export function sumOfParts(parts: readonly FigureFacts[]): ClaimedRange {
  let min = 0;
  let max: number | null = 0;
  for (const p of parts) {
    const c = claimedOf(p);
    min += c.min;
    max = max === null || c.max === null ? null : max + c.max;
  }
  return { min, max };
}

function overlaps(a: ClaimedRange, b: ClaimedRange): boolean {
  return (a.max === null || a.max >= b.min) && (b.max === null || b.max >= a.min);
}

/** "40 + about 30 = 67–73". */
export function describeSum(parts: readonly FigureFacts[]): string {
  const sum = sumOfParts(parts);
  const terms = parts.map(describeFigure).join(' + ');
  return terms === describeRange(sum) ? terms : `${terms} = ${describeRange(sum)}`;
}

const disjointLists = (a: readonly string[], b: readonly string[]) =>
  a.length > 0 && b.length > 0 && !a.some((x) => b.includes(x));

/**
 * Whether two scopes can count the same action: not when their action types, provinces, ranks or
 * agencies (sub-agencies included) are disjoint, or their periods do not meet. Reasons never separate them: an action counts in
 * each of its reasons. Without scopes, nothing is known: they may.
 */
export function scopesMayShare(a: ScopeFacts | undefined, b: ScopeFacts | undefined): boolean {
  if (!a || !b) return true;
  if (
    disjointLists(a.actionTypes, b.actionTypes) ||
    disjointLists(a.provinceCodes, b.provinceCodes) ||
    disjointLists(a.rankCodes, b.rankCodes)
  ) {
    return false;
  }
  if (disjointLists(a.agencyCodes, b.agencyCodes)) return false;
  if (a.to && b.from && a.to < b.from) return false;
  if (b.to && a.from && b.to < a.from) return false;
  return true;
}

function partsMayOverlap(parts: readonly FigureFacts[]): boolean {
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++)
      if (scopesMayShare(parts[i].scope, parts[j].scope)) return true;
  return false;
}

/** The plain-language comparison of a whole with its parts ("40 + about 30 = 67–73, consistent with about 70 (63–77)"). */
export function describePartsAgainstWhole(
  whole: FigureFacts & { partsAreExhaustive: boolean },
  parts: readonly FigureFacts[],
): string | null {
  if (parts.length === 0) return null;
  const c = claimedOf(whole);
  const sum = sumOfParts(parts);
  const against = `${describeFigure(whole)} (${describeRange(c)})`;
  if (partsMayOverlap(parts)) {
    const short = whole.partsAreExhaustive && sum.max !== null && sum.max < c.min;
    return `${describeSum(parts)}; the parts may count the same actions, so they may add up to more than ${against}${short ? ', but not to less' : ''}`;
  }
  if (partsExceed(whole, parts)) return `${describeSum(parts)}, more than ${against}`;
  if (!whole.partsAreExhaustive)
    return `${describeSum(parts)}, within ${against}; the parts are not said to make up the whole`;
  return `${describeSum(parts)}, ${overlaps(sum, c) ? 'consistent with' : 'inconsistent with'} ${against}`;
}

function partsExceed(whole: FigureFacts, parts: readonly FigureFacts[]): boolean {
  const c = claimedOf(whole);
  return c.max !== null && sumOfParts(parts).min > c.max;
}

/**
 * Between a whole and its parts. PARTS_EXCEED_WHOLE and PARTS_DO_NOT_SUM apply only to parts that
 * cannot count the same action (different action types, provinces or ranks, or periods that do not
 * meet); parts that may (split by reason, say) are PARTS_MAY_OVERLAP, for information.
 */
export function partsIssues(
  whole: FigureFacts & { partsAreExhaustive: boolean },
  parts: readonly FigureFacts[],
): FigureIssue[] {
  if (parts.length === 0) return [];
  const c = claimedOf(whole);
  const sum = sumOfParts(parts);
  const ids = [whole.id, ...parts.map((p) => p.id)];
  if (partsMayOverlap(parts)) {
    return [
      {
        kind: 'PARTS_MAY_OVERLAP',
        informational: true,
        message: `The parts of ${nameFigure(whole)} may count the same actions (an action counts in each of its reasons), so ${describeSum(parts)} can exceed ${describeFigure(whole)} (${describeRange(c)}) without contradicting it.`,
        figureIds: ids,
      },
    ];
  }
  const issues: FigureIssue[] = [];
  const lowTerms = parts.map((p) => claimedOf(p).min).join(' + ');
  if (partsExceed(whole, parts)) {
    issues.push({
      kind: 'PARTS_EXCEED_WHOLE',
      informational: false,
      message: `The parts add up to at least ${sum.min} (${lowTerms}), more than the whole allows: ${describeFigure(whole)} is at most ${c.max}.`,
      figureIds: ids,
    });
  }
  if (whole.partsAreExhaustive && !overlaps(sum, c)) {
    issues.push({
      kind: 'PARTS_DO_NOT_SUM',
      informational: false,
      message: `The parts are meant to make up the whole, but ${describeSum(parts)}, which does not overlap ${describeFigure(whole)} (${describeRange(c)}).`,
      figureIds: ids,
    });
  }
  return issues;
}

const sameOrMore = (outer: readonly string[], inner: readonly string[]) =>
  outer.length === 0 || (inner.length > 0 && inner.every((x) => outer.includes(x)));

/**
 * The outer scope counts everything the inner one counts, and more time: same or more action types,
 * reasons, provinces, ranks and agencies (sub-agencies included: the National Police contains the
 * Phnom Penh commissariat; two commissariats do not contain each other); the same or an earlier
 * start; a later end.
 */
export function scopeContainsLater(outer: ScopeFacts, inner: ScopeFacts): boolean {
  if (!outer.to || !inner.to || outer.to <= inner.to) return false;
  if (outer.from && (!inner.from || outer.from > inner.from)) return false;
  return (
    sameOrMore(outer.actionTypes, inner.actionTypes) &&
    sameOrMore(outer.reasonCodes, inner.reasonCodes) &&
    sameOrMore(outer.provinceCodes, inner.provinceCodes) &&
    sameOrMore(outer.rankCodes, inner.rankCodes) &&
    sameOrMore(outer.agencyCodes, inner.agencyCodes)
  );
}

/**
 * CUMULATIVE_DECREASE: a later figure whose scope contains an earlier one's (a running total of
 * the same or a wider count) with an upper bound below the earlier one's lower bound. Only pairs
 * that involve `subjectId` are returned when it is given.
 */
export function cumulativeIssues(
  figures: readonly FigureFacts[],
  subjectId?: string,
): FigureIssue[] {
  const issues: FigureIssue[] = [];
  const byEnd = [...figures].sort((a, b) =>
    (a.scope?.to ?? '') < (b.scope?.to ?? '')
      ? -1
      : (a.scope?.to ?? '') > (b.scope?.to ?? '')
        ? 1
        : 0,
  );
  for (const earlier of byEnd) {
    for (const later of byEnd) {
      if (earlier === later || !earlier.scope || !later.scope) continue;
      if (subjectId && earlier.id !== subjectId && later.id !== subjectId) continue;
      if (!scopeContainsLater(later.scope, earlier.scope)) continue;
      const e = claimedOf(earlier);
      const l = claimedOf(later);
      if (l.max !== null && l.max < e.min) {
        issues.push({
          kind: 'CUMULATIVE_DECREASE',
          informational: false,
          message:
            `A running total cannot shrink: ${nameFigure(earlier)} counts ${describeRange(e)} ${describePeriod(earlier.scope.from, earlier.scope.to)}, ` +
            `but ${nameFigure(later)}, which counts the same and more ${describePeriod(later.scope.from, later.scope.to)}, counts ${describeRange(l)}.`,
          figureIds: [earlier.id, later.id],
        });
      }
    }
  }
  return issues;
}
