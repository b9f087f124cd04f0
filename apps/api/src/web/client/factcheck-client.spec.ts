import { Texts } from '../i18n/texts.js';
import { renderChart } from './chart.client.js';
import type { FigureCheckView, FigureView, PageContext } from './factcheck.types.js';
import { figureHtml, sumOfClaims } from './figures.client.js';
import { periodEnd, periodIndexOf } from './periods.client.js';
import { languageHref, pageHref, queryOf } from './url-state.client.js';
import {
  partialDateWords,
  periodWords,
  rangeWords,
  shortPeriod,
  verdictExplanation,
  verdictLabel,
} from './words.client.js';

const en = new Texts('en');
const km = new Texts('km');

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
      '67 ដល់ 73',
    ],
    [
      [
        { min: 40, max: 40 },
        { min: 41, max: null },
      ],
      '81 or more',
      '81 ឬច្រើនជាងនេះ',
    ],
    [
      [
        { min: 1200, max: 1200 },
        { min: 300, max: 310 },
      ],
      '1,500 to 1,510',
      '1,500 ដល់ 1,510',
    ],
  ])('adds up the parts %j as "%s" / "%s"', (ranges, english, khmer) => {
    expect(rangeWords(en, sumOfClaims(ranges))).toBe(english);
    expect(rangeWords(km, sumOfClaims(ranges))).toBe(khmer);
  });

  it('words dates and periods with Intl in each language', () => {
    expect(partialDateWords(en, '2023-11/2024-01-23')).toBe(
      'between November 2023 and 23 January 2024',
    );
    expect(partialDateWords(km, '2023-11/2024-01-23')).toBe('ចន្លោះ វិច្ឆិកា 2023 និង 23 មករា 2024');
    expect(partialDateWords(en, '2024-01~')).toBe('January 2024 (uncertain)');
    expect(periodWords(en, '2024-W03')).toBe('week 3 of 2024');
    expect(periodWords(km, '2024-01')).toBe('មករា 2024');
    expect(shortPeriod(en, '2024-01')).toBe('Jan 2024');
    expect(shortPeriod(en, '2024-01-23')).toBe('23 Jan');
  });

  it('words a verdict from the catalogue, and shows a code the catalogue does not know as it comes', () => {
    expect(verdictLabel(en, 'UNDER_RECORDED')).toBe('Under-recorded');
    expect(verdictLabel(km, 'UNDER_RECORDED')).toBe('កំណត់ត្រាមិនទាន់គ្រប់');
    expect(verdictLabel(en, 'INCONCLUSIVE')).toBe('Inconclusive');
    expect(verdictLabel(km, 'SOME_NEW_VERDICT')).toBe('SOME_NEW_VERDICT');
    expect(verdictLabel(en, undefined)).toBe('Not checked');
    const check = {
      claimed: { min: 63, max: 77 },
      recorded: { min: 12, max: 12 },
      verdict: 'SOME_NEW_VERDICT',
    } as FigureCheckView;
    expect(verdictExplanation(en, check)).toBe('');
    expect(verdictExplanation(en, { ...check, verdict: 'UNDER_RECORDED' })).toContain(
      'account for 12 of the 63 to 77 claimed',
    );
  });

  it('keeps the chosen language and step in the page’s links, and every filter in the language links', () => {
    const url = new URL('http://x/?province=KH-14&lang=km&interval=YEAR#chart');
    expect(
      pageHref(url, queryOf({ actionTypes: ['DISMISSAL'] }, { show: 'figure:1' }), '#records'),
    ).toBe('/?actionType=DISMISSAL&show=figure%3A1&lang=km&interval=YEAR#records');
    expect(languageHref(url, 'en')).toBe('/?province=KH-14&lang=en&interval=YEAR#chart');
  });

  it('draws the band, the period links and the figure points, escaping what it writes', () => {
    const input = {
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
          } as unknown as FigureView,
        },
      ],
      width: 390,
      periodHref: (p: string) => `?show=period:${p}`,
      figureHref: (id: string) => `#figure-${id}`,
    };
    const svg = renderChart(en, input);
    expect(svg).toContain('<polygon class="band"');
    expect(svg.match(/class="period-point"/g)).toHaveLength(2);
    expect(svg).toContain('data-figure="f&quot;1"');
    expect(svg).toContain('about 70');
    expect(svg).toContain('12 recorded');
    const khmer = renderChart(km, input);
    expect(khmer).toContain('ប្រហែល 70');
    expect(khmer).toContain('បានកត់ត្រា 12');
    expect(khmer).not.toMatch(/recorded|about/);
  });

  it('renders a figure with its data marked as data, in Khmer with no English interface word', () => {
    const figure = {
      id: 'f1',
      value: 70,
      qualifier: 'ABOUT',
      tolerance: 0.1,
      statedBy: 'Interior Ministry (spokesperson Touch Sokhak)',
      statedOn: '2024-01-23',
      description: null,
      partsAreExhaustive: false,
      scope: {
        actionTypes: ['DISMISSAL'],
        reasonCodes: ['NEW_REASON'],
        provinceCodes: [],
        rankCodes: [],
        from: '2023-11-01',
        to: '2024-01-23',
      },
      parent: null,
      parts: [],
      citation: {
        excerpt: 'dismissed about 70',
        locator: null,
        source: { title: 'Some 70 Police', publisher: 'CamboJA', url: null, language: 'en' },
      },
      check: {
        claimed: { min: 63, max: 77 },
        recorded: { min: 12, max: 12 },
        verdict: 'UNDER_RECORDED',
        coverage: 0.19,
        issues: [],
      },
    } as FigureView;
    const ctx = (t: Texts): PageContext => ({
      t,
      labels: { reasons: { NEW_REASON: 'A reason added by an admin' }, provinces: {}, ranks: {} },
      figures: [figure],
      byId: new Map([['f1', figure]]),
      url: new URL('http://x/'),
    });
    const html = figureHtml(ctx(km), figure);
    expect(html).toContain('ប្រហែល 70');
    expect(html).toContain('<span lang="en">A reason added by an admin</span>');
    expect(html).toContain('19%');
    // Outside data (translate="no"), English text (lang="en") and markup, no Latin words remain.
    const text = html
      .replace(/<(\w+)[^>]*(translate="no"|lang="en")[^>]*>[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ');
    expect(text.match(/[A-Za-z]{2,}/g)).toBeNull();
    expect(figureHtml(ctx(en), figure)).toContain(
      'Stated by <strong><span translate="no">Interior Ministry',
    );
  });
});
