import { claimedRange, coverageOf, cumulativeIssues, describePartsAgainstWhole, partsIssues, sumOfParts, verdictOf, type FigureFacts } from './figure-check.js';
import type { FigureQualifier } from '../figures/reported-figure.entity.js';

const fig = (id: string, value: number, qualifier: FigureQualifier = 'EXACT', extra: Partial<FigureFacts> = {}): FigureFacts => ({
  id,
  value,
  qualifier,
  tolerance: 0.1,
  ...extra,
});

describe('claimedRange (DOMAIN.md §3)', () => {
  it.each([
    [70, 'EXACT', 0.1, { min: 70, max: 70 }],
    [70, 'ABOUT', 0.1, { min: 63, max: 77 }],
    [30, 'ABOUT', 0.1, { min: 27, max: 33 }],
    [15, 'ABOUT', 0.1, { min: 13, max: 17 }],
    [10, 'ABOUT', 0.25, { min: 7, max: 13 }],
    [10, 'ABOUT', 1, { min: 0, max: 20 }],
    [10, 'ABOUT', 0, { min: 10, max: 10 }],
    [40, 'AT_LEAST', 0.1, { min: 40, max: null }],
    [40, 'MORE_THAN', 0.1, { min: 41, max: null }],
    [40, 'AT_MOST', 0.1, { min: 0, max: 40 }],
    [40, 'FEWER_THAN', 0.1, { min: 0, max: 39 }],
    [0, 'EXACT', 0.1, { min: 0, max: 0 }],
  ] as const)('%s %s (t=%s) claims %j', (value, qualifier, tolerance, expected) => {
    expect(claimedRange(value, qualifier, tolerance)).toEqual(expected);
  });
});

describe('verdictOf and coverageOf', () => {
  it.each([
    [{ min: 63, max: 77 }, { min: 12, max: 12 }, 'UNDER_RECORDED', 12 / 63],
    [{ min: 63, max: 77 }, { min: 60, max: 63 }, 'CORROBORATED', null],
    [{ min: 63, max: 77 }, { min: 77, max: 90 }, 'CORROBORATED', null],
    [{ min: 63, max: 77 }, { min: 78, max: 90 }, 'CONTRADICTED', null],
    [{ min: 40, max: null }, { min: 500, max: 500 }, 'CORROBORATED', null],
    [{ min: 0, max: 0 }, { min: 0, max: 3 }, 'CORROBORATED', null],
    [{ min: 0, max: 0 }, { min: 1, max: 3 }, 'CONTRADICTED', null],
  ])('C %j, R %j: %s', (claimed, recorded, verdict, coverage) => {
    expect(verdictOf(claimed, recorded)).toBe(verdict);
    expect(coverageOf(claimed, recorded)).toBe(coverage);
  });
});

describe('parts of a whole', () => {
  const whole = { ...fig('w', 70, 'ABOUT'), partsAreExhaustive: true };
  it.each([
    ['40 + about 30 against about 70: consistent', whole, [fig('a', 40), fig('b', 30, 'ABOUT')], [], '40 + about 30 = 67–73, consistent with about 70 (63–77)'],
    ['40 + 20 against about 70, exhaustive: short', whole, [fig('a', 40), fig('b', 20)], ['PARTS_DO_NOT_SUM'], '40 + 20 = 60, inconsistent with about 70 (63–77)'],
    ['50 + 30 against about 70, exhaustive: exceeds and does not sum', whole, [fig('a', 50), fig('b', 30)], ['PARTS_EXCEED_WHOLE', 'PARTS_DO_NOT_SUM'], '50 + 30 = 80, more than about 70 (63–77)'],
    ['50 + 30 against about 70, not exhaustive: exceeds', { ...whole, partsAreExhaustive: false }, [fig('a', 50), fig('b', 30)], ['PARTS_EXCEED_WHOLE'], '50 + 30 = 80, more than about 70 (63–77)'],
    ['40 + at least 20, exhaustive: unbounded sum overlaps', whole, [fig('a', 40), fig('b', 20, 'AT_LEAST')], [], '40 + at least 20 = 60 or more, consistent with about 70 (63–77)'],
    ['no parts', whole, [], [], null],
  ])('%s', (_name, w, parts, kinds, summary) => {
    expect(partsIssues(w, parts).map((i) => i.kind)).toEqual(kinds);
    expect(describePartsAgainstWhole(w, parts)).toBe(summary);
  });

  it('sums intervals, unbounded when a part is', () => {
    expect(sumOfParts([fig('a', 40), fig('b', 30, 'ABOUT')])).toEqual({ min: 67, max: 73 });
    expect(sumOfParts([fig('a', 40), fig('b', 30, 'MORE_THAN')])).toEqual({ min: 71, max: null });
  });

  it('names the whole first, then the parts', () => {
    const [issue] = partsIssues({ ...whole, partsAreExhaustive: false }, [fig('a', 50), fig('b', 30)]);
    expect(issue.figureIds).toEqual(['w', 'a', 'b']);
    expect(issue.message).toBe('The parts add up to at least 80 (50 + 30), more than the whole allows: about 70 is at most 77.');
  });
});

describe('cumulativeIssues', () => {
  it.each([
    ['a later total below the earlier one', [fig('e', 60, 'EXACT', { scopeTo: '2024-01-20' }), fig('l', 40, 'ABOUT', { scopeTo: '2024-02-20' })], [['e', 'l']]],
    ['a later total within the earlier one\'s range', [fig('e', 60, 'ABOUT', { scopeTo: '2024-01-20' }), fig('l', 55, 'EXACT', { scopeTo: '2024-02-20' })], []],
    ['a rising total', [fig('e', 40, 'EXACT', { scopeTo: '2024-01-20' }), fig('l', 60, 'EXACT', { scopeTo: '2024-02-20' })], []],
    ['the same day', [fig('e', 60, 'EXACT', { scopeTo: '2024-01-20' }), fig('l', 40, 'EXACT', { scopeTo: '2024-01-20' })], []],
    ['no as-of day', [fig('e', 60, 'EXACT', { scopeTo: null }), fig('l', 40, 'EXACT', { scopeTo: '2024-01-20' })], []],
    ['given out of order', [fig('l', 40, 'EXACT', { scopeTo: '2024-02-20' }), fig('e', 60, 'EXACT', { scopeTo: '2024-01-20' })], [['e', 'l']]],
  ])('%s', (_name, figures, pairs) => {
    expect(cumulativeIssues(figures).map((i) => i.figureIds)).toEqual(pairs);
  });

  it('keeps only the pairs that involve the subject', () => {
    const figures = [fig('a', 60, 'EXACT', { scopeTo: '2024-01-01' }), fig('b', 50, 'EXACT', { scopeTo: '2024-02-01' }), fig('c', 40, 'EXACT', { scopeTo: '2024-03-01' })];
    expect(cumulativeIssues(figures, 'c').map((i) => i.figureIds)).toEqual([['a', 'c'], ['b', 'c']]);
  });
});
