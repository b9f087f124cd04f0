import {
  claimedRange,
  coverageOf,
  cumulativeIssues,
  describePartsAgainstWhole,
  describePeriod,
  judge,
  partsIssues,
  scopeContainsLater,
  scopesMayShare,
  sumOfParts,
  type FigureFacts,
  type ScopeFacts,
} from './figure-check.js';
import type { FigureQualifier } from '../figures/reported-figure.entity.js';

const scope = (extra: Partial<ScopeFacts> = {}): ScopeFacts => ({
  actionTypes: [],
  reasonCodes: [],
  provinceCodes: [],
  rankCodes: [],
  agencyCodes: [],
  from: null,
  to: null,
  ...extra,
});
// Agencies as figureFacts gives them: each with its sub-agencies (the National Police with two of its commissariats here).
const NATIONAL_POLICE = ['KH_NP', 'KH_NP_PP', 'KH_NP_PROV_14'];
const fig = (
  id: string,
  value: number,
  qualifier: FigureQualifier = 'EXACT',
  s?: Partial<ScopeFacts>,
): FigureFacts => ({
  id,
  value,
  qualifier,
  tolerance: 0.1,
  scope: s ? scope(s) : undefined,
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

describe('judge: the four verdicts (R recorded, I independent, C claimed)', () => {
  it.each([
    // Seen in review: 20,000 month-precision records made "about 70" 12-1,679 CORROBORATED.
    [
      'overlap is not corroboration',
      { min: 63, max: 77 },
      { min: 12, max: 1679 },
      { min: 12, max: 1679 },
      'INCONCLUSIVE',
      1667,
    ],
    // Seen: "at most 5" with no record at all was CORROBORATED.
    [
      'no lower bound: never corroborated',
      { min: 0, max: 5 },
      { min: 0, max: 0 },
      { min: 0, max: 0 },
      'INCONCLUSIVE',
      0,
    ],
    [
      'no lower bound, records within',
      { min: 0, max: 39 },
      { min: 12, max: 20 },
      { min: 12, max: 20 },
      'INCONCLUSIVE',
      8,
    ],
    [
      'records within the claim, independent',
      { min: 63, max: 77 },
      { min: 65, max: 70 },
      { min: 65, max: 70 },
      'CORROBORATED',
      5,
    ],
    [
      'exactly the claim',
      { min: 40, max: 40 },
      { min: 40, max: 40 },
      { min: 40, max: 40 },
      'CORROBORATED',
      0,
    ],
    [
      'an unbounded claim reached',
      { min: 41, max: null },
      { min: 500, max: 520 },
      { min: 500, max: 520 },
      'CORROBORATED',
      20,
    ],
    // Seen: "more than 20 demoted" corroborated by a record citing only the article that published it.
    [
      "only the figure's own source reaches it",
      { min: 21, max: null },
      { min: 25, max: 25 },
      { min: 0, max: 0 },
      'INCONCLUSIVE',
      0,
    ],
    [
      'partly own source',
      { min: 63, max: 77 },
      { min: 65, max: 65 },
      { min: 60, max: 60 },
      'INCONCLUSIVE',
      0,
    ],
    [
      'below the claim',
      { min: 63, max: 77 },
      { min: 31, max: 33 },
      { min: 31, max: 33 },
      'UNDER_RECORDED',
      2,
    ],
    [
      'above the claim',
      { min: 63, max: 77 },
      { min: 78, max: 90 },
      { min: 78, max: 90 },
      'CONTRADICTED',
      12,
    ],
    [
      'a zero contradicted',
      { min: 0, max: 0 },
      { min: 1, max: 3 },
      { min: 1, max: 3 },
      'CONTRADICTED',
      2,
    ],
    [
      'straddling the lower bound',
      { min: 63, max: 77 },
      { min: 60, max: 65 },
      { min: 60, max: 65 },
      'INCONCLUSIVE',
      5,
    ],
    [
      'straddling the upper bound',
      { min: 63, max: 77 },
      { min: 75, max: 80 },
      { min: 75, max: 80 },
      'INCONCLUSIVE',
      5,
    ],
  ])(
    '%s: C %j, R %j, I %j -> %s, %i undecided',
    (_name, claimed, recorded, independent, verdict, undecided) => {
      const j = judge(claimed, recorded, independent, 'the figure');
      expect(j.verdict).toBe(verdict);
      expect(j.undecided).toBe(undecided);
      expect(j.explanation.length).toBeGreaterThan(20);
      expect(j.explanation).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    },
  );

  it('says which way the undecided could tip it', () => {
    const j = judge({ min: 63, max: 77 }, { min: 60, max: 80 }, { min: 60, max: 80 }, 'about 70');
    expect(j.explanation).toBe(
      "The records count between 60 and 80 people against about 70 (63–77): 20 people may or may not count (imprecise dates, or a group's unknown split between reasons). " +
        'If at least 3 of them count, the records reach the claim; if fewer, they fall short of it. If more than 17 of them count, the records exceed it.',
    );
  });

  it('names the neutral reading of an under-recorded figure', () => {
    expect(
      judge({ min: 63, max: 77 }, { min: 31, max: 33 }, { min: 31, max: 33 }, 'about 70')
        .explanation,
    ).toBe(
      'The records hold at most 33 people, fewer than about 70 (63–77): this tracker may be incomplete, or the figure too high.',
    );
  });

  it('explains a figure supported only by its own source', () => {
    expect(
      judge({ min: 21, max: null }, { min: 25, max: 25 }, { min: 0, max: 0 }, 'more than 20')
        .explanation,
    ).toBe(
      "The records count 25 people, within more than 20 (21 or more), but 25 people of them are supported only by the figure's own source: they repeat the claim rather than confirm it.",
    );
  });

  it.each([
    // Seen: "about 70" with 31-33 records showed 52 %; it is between 40 % and 52 %.
    [
      { min: 63, max: 77 },
      { min: 31, max: 33 },
      { min: 31 / 77, max: 33 / 63 },
    ],
    [
      { min: 40, max: null },
      { min: 10, max: 12 },
      { min: 0, max: 12 / 40 },
    ],
    [{ min: 0, max: 5 }, { min: 1, max: 2 }, null],
  ])('coverage of C %j by R %j is %j', (claimed, recorded, range) => {
    expect(judge(claimed, recorded, recorded, 'x').coverageRange).toEqual(range);
  });

  it('keeps the deprecated coverage for under-recorded figures', () => {
    expect(coverageOf({ min: 63, max: 77 }, { min: 12, max: 12 })).toBe(12 / 63);
    expect(coverageOf({ min: 63, max: 77 }, { min: 65, max: 65 })).toBeNull();
  });
});

describe('scopes that may share an action', () => {
  it.each([
    [
      'split by reason only',
      { reasonCodes: ['DRUG_POSITIVE_TEST'] },
      { reasonCodes: ['INTERNAL_REGULATION_VIOLATION'] },
      true,
    ],
    [
      'different action types',
      { actionTypes: ['DISMISSAL'] },
      { actionTypes: ['SUSPENSION'] },
      false,
    ],
    ['different provinces', { provinceCodes: ['KH-12'] }, { provinceCodes: ['KH-14'] }, false],
    ['a province and any', { provinceCodes: ['KH-12'] }, {}, true],
    ['two commissariats', { agencyCodes: ['KH_NP_PP'] }, { agencyCodes: ['KH_NP_PROV_14'] }, false],
    [
      'the police and the prisons',
      { agencyCodes: NATIONAL_POLICE },
      { agencyCodes: ['KH_GDP'] },
      false,
    ],
    [
      'the National Police and its Phnom Penh commissariat',
      { agencyCodes: NATIONAL_POLICE },
      { agencyCodes: ['KH_NP_PP'] },
      true,
    ],
    ['an agency and any', { agencyCodes: ['KH_NP_PP'] }, {}, true],
    [
      'periods that do not meet',
      { from: '2024-01-01', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      false,
    ],
    [
      'periods that meet on a day',
      { from: '2024-01-01', to: '2024-01-31' },
      { from: '2024-01-31', to: '2024-02-29' },
      true,
    ],
  ])('%s: %s', (_name, a, b, expected) => {
    expect(scopesMayShare(scope(a), scope(b))).toBe(expected);
  });
});

describe('parts of a whole', () => {
  const whole = { ...fig('w', 70, 'ABOUT'), partsAreExhaustive: true };
  const byProvince = (p: string) => ({ provinceCodes: [p] });
  it.each([
    [
      '40 + about 30 by province against about 70: consistent',
      whole,
      [fig('a', 40, 'EXACT', byProvince('KH-12')), fig('b', 30, 'ABOUT', byProvince('KH-14'))],
      [],
      '40 + about 30 = 67–73, consistent with about 70 (63–77)',
    ],
    [
      '40 + 20 by province, exhaustive: short',
      whole,
      [fig('a', 40, 'EXACT', byProvince('KH-12')), fig('b', 20, 'EXACT', byProvince('KH-14'))],
      ['PARTS_DO_NOT_SUM'],
      '40 + 20 = 60, inconsistent with about 70 (63–77)',
    ],
    [
      '50 + 30 by province: exceeds and does not sum',
      whole,
      [fig('a', 50, 'EXACT', byProvince('KH-12')), fig('b', 30, 'EXACT', byProvince('KH-14'))],
      ['PARTS_EXCEED_WHOLE', 'PARTS_DO_NOT_SUM'],
      '50 + 30 = 80, more than about 70 (63–77)',
    ],
    [
      '50 + 30 by province, not exhaustive: exceeds',
      { ...whole, partsAreExhaustive: false },
      [fig('a', 50, 'EXACT', byProvince('KH-12')), fig('b', 30, 'EXACT', byProvince('KH-14'))],
      ['PARTS_EXCEED_WHOLE'],
      '50 + 30 = 80, more than about 70 (63–77)',
    ],
    // Seen: "5 Phnom Penh dismissals: 4 for drugs, 2 for discipline (one for both)" flagged PARTS_EXCEED_WHOLE.
    [
      '4 + 2 of 5 split by reason: may overlap, for information',
      { ...fig('w', 5), partsAreExhaustive: true },
      [
        fig('a', 4, 'EXACT', { reasonCodes: ['DRUG_POSITIVE_TEST'] }),
        fig('b', 2, 'EXACT', { reasonCodes: ['INTERNAL_REGULATION_VIOLATION'] }),
      ],
      ['PARTS_MAY_OVERLAP'],
      '4 + 2 = 6; the parts may count the same actions, so they may add up to more than 5 (5)',
    ],
    [
      'the seeded 70: 40 drugs + about 30 internal rules',
      whole,
      [
        fig('a', 40, 'EXACT', { reasonCodes: ['DRUG_POSITIVE_TEST'] }),
        fig('b', 30, 'ABOUT', { reasonCodes: ['INTERNAL_REGULATION_VIOLATION'] }),
      ],
      ['PARTS_MAY_OVERLAP'],
      '40 + about 30 = 67–73; the parts may count the same actions, so they may add up to more than about 70 (63–77)',
    ],
    [
      'parts without scopes may overlap',
      whole,
      [fig('a', 40), fig('b', 30)],
      ['PARTS_MAY_OVERLAP'],
      '40 + 30 = 70; the parts may count the same actions, so they may add up to more than about 70 (63–77)',
    ],
    ['no parts', whole, [], [], null],
  ])('%s', (_name, w, parts, kinds, summary) => {
    const issues = partsIssues(w, parts);
    expect(issues.map((i) => i.kind)).toEqual(kinds);
    expect(issues.every((i) => i.informational === (i.kind === 'PARTS_MAY_OVERLAP'))).toBe(true);
    expect(describePartsAgainstWhole(w, parts)).toBe(summary);
  });

  it('sums intervals, unbounded when a part is', () => {
    expect(sumOfParts([fig('a', 40), fig('b', 30, 'ABOUT')])).toEqual({ min: 67, max: 73 });
    expect(sumOfParts([fig('a', 40), fig('b', 30, 'MORE_THAN')])).toEqual({ min: 71, max: null });
  });

  it('names the whole first, then the parts', () => {
    const [issue] = partsIssues({ ...whole, partsAreExhaustive: false }, [
      fig('a', 50, 'EXACT', byProvince('KH-1')),
      fig('b', 30, 'EXACT', byProvince('KH-2')),
    ]);
    expect(issue.figureIds).toEqual(['w', 'a', 'b']);
    expect(issue.message).toBe(
      'The parts add up to at least 80 (50 + 30), more than the whole allows: about 70 is at most 77.',
    );
  });
});

describe('running totals cannot shrink, across nested scopes', () => {
  const nov40 = fig('nov40', 40, 'EXACT', {
    actionTypes: ['DISMISSAL'],
    reasonCodes: ['DRUG_POSITIVE_TEST'],
    from: '2023-11-01',
    to: '2024-01-23',
  });
  it.each([
    // Seen: "35 dismissed for drugs since 22 August, as of 10 February" beside "40 since November, as of 23 January".
    [
      'a wider, later scope below an earlier total',
      [
        nov40,
        fig('aug35', 35, 'EXACT', {
          actionTypes: ['DISMISSAL'],
          reasonCodes: ['DRUG_POSITIVE_TEST'],
          from: '2023-08-22',
          to: '2024-02-10',
        }),
      ],
      [['nov40', 'aug35']],
    ],
    [
      'the same scope, later, lower',
      [fig('e', 60, 'EXACT', { to: '2024-01-20' }), fig('l', 40, 'ABOUT', { to: '2024-02-20' })],
      [['e', 'l']],
    ],
    [
      'within the earlier range',
      [fig('e', 60, 'ABOUT', { to: '2024-01-20' }), fig('l', 55, 'EXACT', { to: '2024-02-20' })],
      [],
    ],
    [
      'rising',
      [fig('e', 40, 'EXACT', { to: '2024-01-20' }), fig('l', 60, 'EXACT', { to: '2024-02-20' })],
      [],
    ],
    [
      'the same day',
      [fig('e', 60, 'EXACT', { to: '2024-01-20' }), fig('l', 40, 'EXACT', { to: '2024-01-20' })],
      [],
    ],
    [
      'a later scope starting later is not a running total of the earlier',
      [
        fig('e', 60, 'EXACT', { from: '2023-11-01', to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { from: '2023-12-01', to: '2024-02-20' }),
      ],
      [],
    ],
    [
      'a narrower later scope (one province) can be lower',
      [
        fig('e', 60, 'EXACT', { to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { provinceCodes: ['KH-12'], to: '2024-02-20' }),
      ],
      [],
    ],
    [
      'a later scope with more reasons contains the earlier',
      [
        fig('e', 60, 'EXACT', { reasonCodes: ['CORRUPTION'], to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { reasonCodes: ['CORRUPTION', 'ABSENCE'], to: '2024-02-20' }),
      ],
      [['e', 'l']],
    ],
    [
      'later, lower, another agency: not the same running total',
      [
        fig('e', 60, 'EXACT', { agencyCodes: ['KH_NP_PP'], to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { agencyCodes: ['KH_NP_PROV_14'], to: '2024-02-20' }),
      ],
      [],
    ],
    [
      'later, lower, the same agency',
      [
        fig('e', 60, 'EXACT', { agencyCodes: ['KH_NP_PP'], to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { agencyCodes: ['KH_NP_PP'], to: '2024-02-20' }),
      ],
      [['e', 'l']],
    ],
    [
      'later, lower, the agency above the earlier one',
      [
        fig('e', 60, 'EXACT', { agencyCodes: ['KH_NP_PP'], to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { agencyCodes: NATIONAL_POLICE, to: '2024-02-20' }),
      ],
      [['e', 'l']],
    ],
    [
      'later, lower, an agency below the earlier one',
      [
        fig('e', 60, 'EXACT', { agencyCodes: NATIONAL_POLICE, to: '2024-01-20' }),
        fig('l', 40, 'EXACT', { agencyCodes: ['KH_NP_PP'], to: '2024-02-20' }),
      ],
      [],
    ],
    [
      'given out of order',
      [fig('l', 40, 'EXACT', { to: '2024-02-20' }), fig('e', 60, 'EXACT', { to: '2024-01-20' })],
      [['e', 'l']],
    ],
  ])('%s', (_name, figures, pairs) => {
    expect(cumulativeIssues(figures).map((i) => i.figureIds)).toEqual(pairs);
  });

  it('keeps only the pairs that involve the subject, and says it in words', () => {
    const figures = [
      fig('a', 60, 'EXACT', { to: '2024-01-01' }),
      fig('b', 50, 'EXACT', { to: '2024-02-01' }),
      fig('c', 40, 'EXACT', { to: '2024-03-01' }),
    ];
    const issues = cumulativeIssues(figures, 'c');
    expect(issues.map((i) => i.figureIds)).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(issues[0].message).toBe(
      'A running total cannot shrink: “60” counts 60 until 1 January 2024, but “40”, which counts the same and more until 1 March 2024, counts 40.',
    );
  });

  it('reads containment one way only', () => {
    expect(
      scopeContainsLater(
        scope({ to: '2024-02-01' }),
        scope({ to: '2024-01-01', provinceCodes: ['KH-12'] }),
      ),
    ).toBe(true);
    expect(
      scopeContainsLater(
        scope({ to: '2024-02-01', provinceCodes: ['KH-12'] }),
        scope({ to: '2024-01-01' }),
      ),
    ).toBe(false);
  });

  it.each([
    ['2024-01-15', '2024-01-15', 'on 15 January 2024'],
    ['2023-11-01', '2024-01-23', 'from 1 November 2023 to 23 January 2024'],
    ['2023-11-01', null, 'since 1 November 2023'],
    [null, '2024-01-23', 'until 23 January 2024'],
    [null, null, 'at any time'],
  ])('writes the period %s..%s as "%s"', (from, to, words) => {
    expect(describePeriod(from, to)).toBe(words);
  });
});
