import type { FigureQualifier } from '../figures/reported-figure.entity.js';
import type { CountRange } from './tally.types.js';

/** The interval a figure claims; `max` null = unbounded ("at least 40"). */
export interface ClaimedRange {
  min: number;
  max: number | null;
}

export const FIGURE_VERDICTS = ['CORROBORATED', 'UNDER_RECORDED', 'CONTRADICTED'] as const;
export type FigureVerdict = (typeof FIGURE_VERDICTS)[number];

export const FIGURE_ISSUE_KINDS = ['PARTS_EXCEED_WHOLE', 'PARTS_DO_NOT_SUM', 'CUMULATIVE_DECREASE'] as const;
export type FigureIssueKind = (typeof FIGURE_ISSUE_KINDS)[number];

export interface FigureIssue {
  kind: FigureIssueKind;
  message: string;
  /** The figures involved (the whole first, then its parts; or the earlier, then the later). */
  figureIds: string[];
}

/** What the checks need of a figure. */
export interface FigureFacts {
  id: string;
  value: number;
  qualifier: FigureQualifier;
  tolerance: number;
  scopeTo?: string | null;
}

// Absorbs floating-point noise: 70 * 1.1 is 77.00000000000001 in binary, and must give 77.
const EPSILON = 1e-9;

/** DOMAIN.md §3: the claimed interval C of a qualified value. */
export function claimedRange(value: number, qualifier: FigureQualifier, tolerance: number): ClaimedRange {
  switch (qualifier) {
    case 'EXACT':
      return { min: value, max: value };
    case 'ABOUT':
      return { min: Math.max(0, Math.floor(value * (1 - tolerance) + EPSILON)), max: Math.ceil(value * (1 + tolerance) - EPSILON) };
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

/** CORROBORATED when R and C overlap; UNDER_RECORDED when R lies below C; CONTRADICTED above. */
export function verdictOf(claimed: ClaimedRange, recorded: CountRange): FigureVerdict {
  if (recorded.max < claimed.min) return 'UNDER_RECORDED';
  if (claimed.max !== null && recorded.min > claimed.max) return 'CONTRADICTED';
  return 'CORROBORATED';
}

/** R.max / C.min for an UNDER_RECORDED figure (the share of the claim the records account for); else null. */
export function coverageOf(claimed: ClaimedRange, recorded: CountRange): number | null {
  return verdictOf(claimed, recorded) === 'UNDER_RECORDED' ? recorded.max / claimed.min : null;
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

/** "63–77", "40", "40 or more". */
export function describeRange(r: ClaimedRange): string {
  if (r.max === null) return `${r.min} or more`;
  return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
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

/** The plain-language comparison of a whole with its parts, consistent or not ("... consistent with about 70 (63–77)"). */
export function describePartsAgainstWhole(whole: FigureFacts & { partsAreExhaustive: boolean }, parts: readonly FigureFacts[]): string | null {
  if (parts.length === 0) return null;
  const c = claimedOf(whole);
  const against = `${describeFigure(whole)} (${describeRange(c)})`;
  if (partsExceed(whole, parts)) return `${describeSum(parts)}, more than ${against}`;
  if (!whole.partsAreExhaustive) return `${describeSum(parts)}, within ${against}; the parts are not said to make up the whole`;
  return `${describeSum(parts)}, ${overlaps(sumOfParts(parts), c) ? 'consistent with' : 'inconsistent with'} ${against}`;
}

function partsExceed(whole: FigureFacts, parts: readonly FigureFacts[]): boolean {
  const c = claimedOf(whole);
  return c.max !== null && sumOfParts(parts).min > c.max;
}

/** PARTS_EXCEED_WHOLE and PARTS_DO_NOT_SUM between a whole and its parts (empty when consistent). */
export function partsIssues(whole: FigureFacts & { partsAreExhaustive: boolean }, parts: readonly FigureFacts[]): FigureIssue[] {
  if (parts.length === 0) return [];
  const issues: FigureIssue[] = [];
  const c = claimedOf(whole);
  const sum = sumOfParts(parts);
  const ids = [whole.id, ...parts.map((p) => p.id)];
  const lowTerms = parts.map((p) => claimedOf(p).min).join(' + ');
  if (partsExceed(whole, parts)) {
    issues.push({
      kind: 'PARTS_EXCEED_WHOLE',
      message: `The parts add up to at least ${sum.min} (${lowTerms}), more than the whole allows: ${describeFigure(whole)} is at most ${c.max}.`,
      figureIds: ids,
    });
  }
  if (whole.partsAreExhaustive && !overlaps(sum, c)) {
    issues.push({
      kind: 'PARTS_DO_NOT_SUM',
      message: `The parts are meant to make up the whole, but ${describeSum(parts)}, which does not overlap ${describeFigure(whole)} (${describeRange(c)}).`,
      figureIds: ids,
    });
  }
  return issues;
}

/**
 * CUMULATIVE_DECREASE among figures with the same scope but for their `to` ("as of") day: a later
 * figure whose upper bound is below an earlier one's lower bound. Figures without `to` are skipped.
 * Only pairs that involve `subjectId` are returned when it is given.
 */
export function cumulativeIssues(figures: readonly FigureFacts[], subjectId?: string): FigureIssue[] {
  const dated = figures.filter((f) => f.scopeTo).sort((a, b) => (a.scopeTo! < b.scopeTo! ? -1 : a.scopeTo! > b.scopeTo! ? 1 : 0));
  const issues: FigureIssue[] = [];
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const earlier = dated[i];
      const later = dated[j];
      if (earlier.scopeTo === later.scopeTo) continue;
      if (subjectId && earlier.id !== subjectId && later.id !== subjectId) continue;
      const e = claimedOf(earlier);
      const l = claimedOf(later);
      if (l.max !== null && l.max < e.min) {
        issues.push({
          kind: 'CUMULATIVE_DECREASE',
          message:
            `A running total cannot shrink: ${describeFigure(earlier)} as of ${earlier.scopeTo} (${describeRange(e)}), ` +
            `but ${describeFigure(later)} as of ${later.scopeTo} (${describeRange(l)}), below the earlier figure.`,
          figureIds: [earlier.id, later.id],
        });
      }
    }
  }
  return issues;
}
