import { MAX_VERDICT_POINTS, periodsBetween, statementDay } from './figure-check.service.js';

describe('the periods of a verdict timeline', () => {
  const line = (
    from: string,
    to: string,
    interval: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR',
    limit = 100,
  ) => periodsBetween(from, to, interval, limit).map((p) => `${p.label} ${p.until}`);

  it.each([
    [
      '2024-01-30',
      '2024-02-02',
      'DAY',
      [
        '2024-01-30 2024-01-30',
        '2024-01-31 2024-01-31',
        '2024-02-01 2024-02-01',
        '2024-02-02 2024-02-02',
      ],
    ],
    // ISO weeks: the week of 30 December 2024 is week 1 of 2025; 2020 had 53.
    ['2024-12-30', '2025-01-08', 'WEEK', ['2025-W01 2025-01-05', '2025-W02 2025-01-08']],
    ['2020-12-31', '2021-01-04', 'WEEK', ['2020-W53 2021-01-03', '2021-W01 2021-01-04']],
    ['2024-01-23', '2024-01-24', 'WEEK', ['2024-W04 2024-01-24']],
    [
      '2024-01-31',
      '2024-03-15',
      'MONTH',
      ['2024-01 2024-01-31', '2024-02 2024-02-29', '2024-03 2024-03-15'],
    ],
    ['2023-06-01', '2025-02-01', 'YEAR', ['2023 2023-12-31', '2024 2024-12-31', '2025 2025-02-01']],
    // Stated after today: no period.
    ['2025-01-01', '2024-12-31', 'MONTH', []],
  ] as const)('from %s to %s by %s', (from, to, interval, expected) => {
    expect(line(from, to, interval)).toEqual(expected);
  });

  it('stops at the limit (the caller refuses a longer series)', () => {
    expect(
      periodsBetween('2024-01-01', '2026-12-03', 'DAY', MAX_VERDICT_POINTS.DAY + 1),
    ).toHaveLength(93);
    expect(
      periodsBetween('2024-01-01', '2026-12-03', 'MONTH', MAX_VERDICT_POINTS.MONTH + 1),
    ).toHaveLength(36);
  });

  it('starts on the day the figure was stated, else on the last day of its scope', () => {
    expect(statementDay({ statedOn: '2024-01-23', scopeTo: '2024-01-20' })).toBe('2024-01-23');
    expect(statementDay({ statedOn: null, scopeTo: '2024-01-20' })).toBe('2024-01-20');
  });
});
