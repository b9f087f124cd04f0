import { renderChart } from './factcheck-chart.client.js';
import {
  periodEnd,
  periodIndexOf,
  rangeWords,
  sumOfClaims,
  formatPartialDate,
} from './factcheck-format.client.js';
import { renderFactCheckScript } from './factcheck.script.js';

describe('the fact-check page helpers', () => {
  it.each([
    ['2024', '2024-12-31'],
    ['2024-02', '2024-02-29'],
    ['2023-11-05', '2023-11-05'],
    ['2024-W01', '2024-01-07'],
    ['2023-W52', '2023-12-31'],
    ['unknown', null],
  ])('the period %s ends on %s', (period, end) => {
    expect(periodEnd(period)).toBe(end);
  });

  it('places a day in the period that holds it, and nowhere when none does', () => {
    expect(periodIndexOf('2024-01-23', ['2023-11', '2023-12', '2024-01'])).toBe(2);
    expect(periodIndexOf('2023-10-31', ['2023-11', '2023-12', '2024-01'])).toBe(-1);
  });

  it.each([
    [
      [
        { min: 40, max: 40 },
        { min: 27, max: 33 },
      ],
      '67 to 73',
    ],
    [
      [
        { min: 40, max: 40 },
        { min: 41, max: null },
      ],
      '81 or more',
    ],
  ])('adds up the parts %j as %s', (ranges, words) => {
    expect(rangeWords(sumOfClaims(ranges))).toBe(words);
  });

  it('words an EDTF interval', () => {
    expect(formatPartialDate('2023-11/2024-01-23')).toBe(
      'between November 2023 and 23 January 2024',
    );
  });

  it('draws the band, the period links and the figure points, escaping what it writes', () => {
    const svg = renderChart({
      points: [
        { period: '2023-12', count: 1, cumulative: { min: 1, max: 11 } },
        { period: '2024-01', count: 1, cumulative: { min: 12, max: 12 } },
      ],
      figures: [
        {
          at: 1,
          figure: {
            id: 'f"1',
            value: 70,
            qualifier: 'ABOUT',
            check: {
              claimed: { min: 63, max: 77 },
              recorded: { min: 12, max: 12 },
              verdict: 'UNDER_RECORDED',
              coverage: 0.19,
              issues: [],
            },
          } as any,
        },
      ],
      width: 390,
      periodHref: (p) => `?show=period:${p}`,
      figureHref: (id) => `#figure-${id}`,
    });
    expect(svg).toContain('<polygon class="band"');
    expect(svg.match(/class="period-point"/g)).toHaveLength(2);
    expect(svg).toContain('data-figure="f&quot;1"');
    expect(svg).toContain('about 70');
    expect(svg).toContain('12 recorded');
  });

  it('serves the client functions as one script that parses', () => {
    const script = renderFactCheckScript();
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain('function startFactCheckPage');
    expect(script).not.toMatch(/\bimport\b|\brequire\(/);
  });
});
