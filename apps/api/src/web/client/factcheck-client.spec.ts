import { Texts } from '../i18n/texts.js';
import { placeFigures, renderChart } from './chart.client.js';
import { citationLine } from './cite.client.js';
import type { FigureView, PageContext } from './factcheck.types.js';
import { figureHtml, sumOfClaims } from './figures.client.js';
import { nextPeriod, periodEnd, periodIndexOf, periodsUntil } from './periods.client.js';
import { recordHtml, recordsSumHtml } from './records.client.js';
import { filterOf, languageHref, pageHref, queryOf, scopeFilter } from './url-state.client.js';
import { issueSentence, verdictSentence } from '../i18n/check-words.js';
import {
  coverageWords,
  partialDateWords,
  periodWords,
  rangeWords,
  scopeHtml,
  shortPeriod,
  verdictLabel,
} from '../i18n/words.js';

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
    expect(partialDateWords(en, '2024-01~')).toBe('about January 2024');
    expect(partialDateWords(en, '2024-01-29~')).toBe('about 29 January 2024');
    expect(partialDateWords(en, '2024-01?')).toBe('perhaps January 2024');
    expect(partialDateWords(en, '2024-01-29%')).toBe('perhaps about 29 January 2024');
    expect(partialDateWords(en, '2023-11~/2024-01-23')).toBe(
      'between about November 2023 and 23 January 2024',
    );
    expect(partialDateWords(en, '2024-01-15/2024-01-15')).toBe('15 January 2024');
    expect(partialDateWords(km, '2024-01-29~')).toBe('ប្រហែល 29 មករា 2024');
    expect(partialDateWords(km, '2024-01?')).toBe('ប្រហែលជា មករា 2024');
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
  });

  const seventy = { value: 70, qualifier: 'ABOUT' };
  const numbers = (
    claimed: { min: number; max: number | null },
    recorded: { min: number; max: number },
    independent = recorded,
  ) => ({ claimed, recorded, independent, undecided: recorded.max - recorded.min });
  it.each([
    [
      'UNDER_RECORDED',
      numbers({ min: 63, max: 77 }, { min: 12, max: 12 }),
      'The records hold 12 people, fewer than “about 70” (63 to 77): this tracker may be incomplete, or the figure too high.',
      'កំណត់ត្រាមាន 12 នាក់ តិចជាង «ប្រហែល 70» (63 ដល់ 77)៖ ប្រព័ន្ធតាមដាននេះប្រហែលជាមិនទាន់គ្រប់ ឬតួលេខនោះខ្ពស់ពេក។',
    ],
    [
      'UNDER_RECORDED',
      numbers({ min: 63, max: 77 }, { min: 12, max: 31 }),
      'The records hold at most 31 people, fewer than “about 70” (63 to 77): this tracker may be incomplete, or the figure too high.',
      'កំណត់ត្រាមាន យ៉ាងច្រើន 31 នាក់ តិចជាង «ប្រហែល 70» (63 ដល់ 77)៖ ប្រព័ន្ធតាមដាននេះប្រហែលជាមិនទាន់គ្រប់ ឬតួលេខនោះខ្ពស់ពេក។',
    ],
    [
      'INCONCLUSIVE',
      numbers({ min: 63, max: 77 }, { min: 60, max: 80 }),
      'The records count 60 to 80 people against “about 70” (63 to 77): 20 people may or may not count (imprecise dates, or a group’s unknown split between reasons). If at least 3 of them count, the records reach the claim; if fewer, they fall short of it. If more than 17 of them count, the records exceed it.',
      'កំណត់ត្រារាប់បាន 60 ដល់ 80 នាក់ ធៀបនឹង «ប្រហែល 70» (63 ដល់ 77)៖ 20 នាក់ អាចរាប់បញ្ចូល ឬមិនរាប់បញ្ចូល (កាលបរិច្ឆេទមិនច្បាស់ ឬការបែងចែកក្រុមតាមមូលហេតុមិនដឹង)។ ប្រសិនបើយ៉ាងហោចណាស់ 3 នាក់ក្នុងចំណោមនោះត្រូវរាប់បញ្ចូល កំណត់ត្រានឹងឈានដល់ការអះអាង បើតិចជាងនេះ វានឹងខ្វះ។ ប្រសិនបើច្រើនជាង 17 នាក់ក្នុងចំណោមនោះត្រូវរាប់បញ្ចូល កំណត់ត្រានឹងលើសពីការអះអាង។',
    ],
    [
      'INCONCLUSIVE',
      numbers({ min: 63, max: 77 }, { min: 70, max: 70 }, { min: 65, max: 65 }),
      'The records count 70 people, within “about 70” (63 to 77), but 5 people of them are supported only by the figure’s own source: they repeat the claim rather than confirm it.',
      'កំណត់ត្រារាប់បាន 70 នាក់ ដែលស្ថិតក្នុង «ប្រហែល 70» (63 ដល់ 77) ប៉ុន្តែ 5 នាក់ ក្នុងចំណោមនោះ មានតែប្រភពផ្ទាល់របស់តួលេខគាំទ្រ៖ វាគ្រាន់តែនិយាយឡើងវិញនូវការអះអាង មិនមែនបញ្ជាក់វាទេ។',
    ],
    [
      'CORROBORATED',
      numbers({ min: 63, max: 77 }, { min: 70, max: 72 }),
      'Records citing sources other than the figure’s own count 70 to 72 people, within “about 70” (63 to 77).',
      'កំណត់ត្រាដែលយោងប្រភពក្រៅពីប្រភពផ្ទាល់របស់តួលេខ រាប់បាន 70 ដល់ 72 នាក់ ដែលស្ថិតក្នុង «ប្រហែល 70» (63 ដល់ 77)។',
    ],
    [
      'CONTRADICTED',
      numbers({ min: 63, max: 77 }, { min: 80, max: 90 }),
      'The records certainly count 80 people, more than “about 70” (63 to 77) allows.',
      'កំណត់ត្រារាប់បាន 80 នាក់ ជាប្រាកដ ច្រើនជាងអ្វីដែល «ប្រហែល 70» (63 ដល់ 77) អនុញ្ញាត។',
    ],
  ])(
    'words a %s check from its numbers, in English and Khmer (%j)',
    (verdict, n, english, khmer) => {
      expect(verdictSentence(en, seventy, { ...n, verdict })).toBe(english);
      expect(verdictSentence(km, seventy, { ...n, verdict })).toBe(khmer);
      expect(verdictSentence(km, seventy, { ...n, verdict: 'SOME_NEW_VERDICT' })).toBe('');
    },
  );

  it('words a claim with no lower bound, and coverage as a range of percentages', () => {
    const atMost = { value: 5, qualifier: 'AT_MOST' };
    const n = numbers({ min: 0, max: 5 }, { min: 0, max: 0 });
    expect(verdictSentence(en, atMost, { ...n, verdict: 'INCONCLUSIVE' })).toBe(
      '“at most 5” (0 to 5) sets no lower bound: the records (0 people) stay within it, but records of unknown completeness cannot confirm that there were no more.',
    );
    expect(coverageWords(en, { min: 0.4, max: 0.52 })).toBe('between 40% and 52%');
    expect(coverageWords(km, { min: 0.4, max: 0.52 })).toMatch(/^ចន្លោះពី 40\s?% ដល់ 52\s?%$/);
    expect(coverageWords(en, { min: 0.155, max: 0.19 })).toBe('between 16% and 19%');
    expect(coverageWords(en, { min: 0.19, max: 0.19 })).toBe('19%');
  });

  it('words a consistency issue from the claims of its figures', () => {
    const fig = (id: string, value: number, qualifier: string, min: number, max: number) => ({
      id,
      value,
      qualifier,
      scope: {
        actionTypes: [],
        reasonCodes: [],
        provinceCodes: [],
        rankCodes: [],
        agencyCodes: [],
        from: '2023-11-01',
        to: id === 'later' ? '2024-02-10' : '2024-01-23',
      },
      check: { claimed: { min, max }, countedUntil: null },
    });
    const byId = new Map([
      ['whole', fig('whole', 70, 'ABOUT', 63, 77)],
      ['a', fig('a', 40, 'EXACT', 40, 40)],
      ['b', fig('b', 30, 'ABOUT', 27, 33)],
      ['later', fig('later', 35, 'EXACT', 35, 35)],
    ]);
    const ids = (...xs: string[]) => xs.map((id) => ({ id }));
    expect(
      issueSentence(en, { kind: 'PARTS_MAY_OVERLAP', figures: ids('whole', 'a', 'b') }, byId),
    ).toBe(
      'The parts of “about 70” may count the same records (a record counts in each of its reasons), so 40 + about 30 = 67 to 73 can exceed “about 70” (63 to 77) without contradicting it.',
    );
    expect(
      issueSentence(km, { kind: 'CUMULATIVE_DECREASE', figures: ids('whole', 'later') }, byId),
    ).toBe(
      'ចំនួនសរុបបង្គរមិនអាចថយចុះបានទេ៖ «ប្រហែល 70» រាប់ 63 ដល់ 77 ពី 1 វិច្ឆិកា 2023 ដល់ 23 មករា 2024 ប៉ុន្តែ «35» ដែលរាប់ដូចគ្នា និងច្រើនជាងនេះ ពី 1 វិច្ឆិកា 2023 ដល់ 10 កុម្ភៈ 2024 រាប់ 35។',
    );
    expect(issueSentence(km, { kind: 'NEW_KIND', figures: ids('whole') }, byId)).toBeNull();
    expect(issueSentence(km, { kind: 'PARTS_MAY_OVERLAP', figures: ids('gone') }, byId)).toBeNull();
  });

  it('writes a period of one day as that day', () => {
    const scope = {
      actionTypes: ['DISMISSAL'],
      reasonCodes: [],
      provinceCodes: [],
      rankCodes: [],
      agencyCodes: [],
      from: '2024-01-15',
      to: '2024-01-15',
    };
    const labels = { reasons: {}, provinces: {}, ranks: {}, agencies: {} };
    expect(scopeHtml(en, scope, labels)).toBe('dismissals, on 15 January 2024');
    expect(scopeHtml(en, { ...scope, to: '2024-01-23' }, labels)).toBe(
      'dismissals, from 15 January 2024 to 23 January 2024',
    );
  });

  it('keeps the chosen language and step in the page’s links, and every filter in the language links', () => {
    const url = new URL('http://x/?province=KH-14&lang=km&interval=YEAR#chart');
    expect(
      pageHref(url, queryOf({ actionTypes: ['DISMISSAL'] }, { show: 'figure:1' }), '#records'),
    ).toBe('/?actionType=DISMISSAL&show=figure%3A1&lang=km&interval=YEAR#records');
    expect(languageHref(url, 'en')).toBe('/?province=KH-14&lang=en&interval=YEAR#chart');
  });

  it('keeps agencies in the address and words them in each language', () => {
    const filter = filterOf(
      new URLSearchParams('agency=KH_NP&agency=KH_GDI&agency=bad%20code&province=KH-12'),
    );
    expect(filter).toEqual({ provinceCodes: ['KH-12'], agencyCodes: ['KH_NP', 'KH_GDI'] });
    expect(queryOf(filter).toString()).toBe('province=KH-12&agency=KH_NP&agency=KH_GDI');
    const scope = {
      actionTypes: [],
      reasonCodes: [],
      provinceCodes: [],
      rankCodes: [],
      agencyCodes: ['KH_NP_PP', 'KH_X'],
      from: null,
      to: null,
    };
    expect(scopeFilter({ scope } as unknown as FigureView)).toEqual({
      agencyCodes: ['KH_NP_PP', 'KH_X'],
    });
    const labels = {
      reasons: {},
      provinces: {},
      ranks: {},
      agencies: {
        KH_NP_PP: {
          code: 'KH_NP_PP',
          name: 'Phnom Penh Municipal Police Commissariat',
          nameKm: 'ស្នងការដ្ឋាននគរបាលរាជធានីភ្នំពេញ',
        },
      },
    };
    const english = scopeHtml(en, scope, labels);
    expect(english).toContain('Phnom Penh Municipal Police Commissariat');
    expect(english).toContain('KH_X');
    expect(english).toContain('sub-units included');
    const khmer = scopeHtml(km, scope, labels);
    expect(khmer).toContain('ស្នងការដ្ឋាននគរបាលរាជធានីភ្នំពេញ');
    expect(khmer).toContain('រួមទាំងអង្គភាពចំណុះ');
    expect(khmer).not.toContain('Phnom Penh');
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
          slot: 0,
          figure: {
            id: 'f"1',
            value: 70,
            qualifier: 'ABOUT',
            check: {
              claimed: { min: 63, max: 77 },
              recorded: { min: 12, max: 12 },
              verdict: 'UNDER_RECORDED',
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
    // The figure's own recorded range is drawn beside its claim, and named in its label.
    expect(svg).toContain('class="figure-recorded"');
    expect(svg).toContain('data-period="2024-01" data-recorded-min="12" data-recorded-max="12"');
    expect(svg).toContain('recorded for its own scope and period: 12');
    const khmer = renderChart(km, input);
    expect(khmer).toContain('ប្រហែល 70');
    expect(khmer).toContain('បានកត់ត្រា 12');
    expect(khmer.replace(/<[^>]+>/g, ' ')).not.toMatch(/recorded|about/);
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
        agencyCodes: [],
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
        independent: { min: 12, max: 12 },
        verdict: 'UNDER_RECORDED',
        undecided: 0,
        explanation:
          'The records hold 12 people, fewer than “Police officials dismissed” (63–77): this tracker may be incomplete, or the figure too high.',
        coverageRange: { min: 12 / 77, max: 12 / 63 },
        countedUntil: '2024-01-23',
        issues: [],
      },
    } as FigureView;
    const ctx = (t: Texts): PageContext => ({
      t,
      labels: {
        reasons: { NEW_REASON: 'A reason added by an admin' },
        provinces: {},
        ranks: {},
        agencies: {},
      },
      figures: [figure],
      byId: new Map([['f1', figure]]),
      url: new URL('http://x/'),
    });
    const html = figureHtml(ctx(km), figure);
    expect(html).toContain('ប្រហែល 70');
    expect(html).toContain('<span lang="en">A reason added by an admin</span>');
    expect(html).toMatch(/ចន្លោះពី 16\s?% ដល់ 19\s?%/);
    // The Khmer explanation is built from the numbers; the server's English is kept, marked English.
    expect(html).toContain('កំណត់ត្រាមាន 12 នាក់ តិចជាង «ប្រហែល 70» (63 ដល់ 77)');
    expect(html).toContain('<p lang="en">The records hold 12 people');
    // Outside data (translate="no"), English text (lang="en") and markup, no Latin words remain.
    const text = html
      .replace(/<(\w+)[^>]*(translate="no"|lang="en")[^>]*>[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ');
    // (SHA-256 is a name, like CSV.)
    expect(text.replace(/SHA-256/g, '').match(/[A-Za-z]{2,}/g)).toBeNull();
    const english = figureHtml(ctx(en), figure);
    expect(english).toContain('Stated by <strong><span translate="no">Interior Ministry');
    // In English, the server's own sentence, as it came.
    expect(english).toContain(
      '<div class="explain">The records hold 12 people, fewer than “Police officials dismissed” (63–77): this tracker may be incomplete, or the figure too high.</div>',
    );
    expect(english).toContain('<dd class="coverage">between 16% and 19%</dd>');
    expect(english).toContain('<summary>Cite this check</summary>');
    // Records and the CSV of a figure keep its period: it ends when the figure was stated.
    expect(scopeFilter({ ...figure, scope: { ...figure.scope, to: null } })).toEqual({
      actionTypes: ['DISMISSAL'],
      reasonCodes: ['NEW_REASON'],
      from: '2023-11-01',
      to: '2024-01-23',
    });
    const line = citationLine(
      en,
      figure,
      { asRecordedAt: '2024-05-01T10:00:00Z', verdict: 'UNDER_RECORDED' },
      'CamboJA checks',
      'http://x/checks/f1?asRecordedAt=2024-05-01T10:00:00Z',
      'ab12',
      '2024-05-02',
    );
    expect(line).toBe(
      'CamboJA checks. Check of “about 70”, stated by Interior Ministry (spokesperson Touch Sokhak) on 23 January 2024: Under-recorded. Records as they stood at 1 May 2024, 10:00:00 UTC. http://x/checks/f1?asRecordedAt=2024-05-01T10:00:00Z (SHA-256 ab12; accessed 2 May 2024).',
    );
  });

  it.each([
    ['2024-01', '2024-02'],
    ['2024-12', '2025-01'],
    ['2024-01-31', '2024-02-01'],
    ['2024', '2025'],
    ['2024-W01', '2024-W02'],
    ['2020-W53', '2021-W01'],
    ['2024-W52', '2025-W01'],
  ])('the period after %s is %s', (period, next) => {
    expect(nextPeriod(period)).toBe(next);
  });

  it('extends the axis to a figure stated after the last period, and lists one outside the filter’s period', () => {
    expect(periodsUntil('2024-02', '2024-04-10', 120)).toEqual(['2024-03', '2024-04']);
    expect(periodsUntil('2024-02', '2024-02-10', 120)).toEqual([]);
    expect(periodsUntil('2024-01-01', '2025-01-01', 120)).toBeNull();
    const points = [
      { period: '2024-01', count: 5, cumulative: { min: 5, max: 8 } },
      { period: '2024-02', count: 1, cumulative: { min: 9, max: 9 } },
    ];
    const figure = (id: string, statedOn: string, scope: Partial<FigureView['scope']> = {}) =>
      ({
        id,
        value: 6,
        qualifier: 'AT_LEAST',
        statedOn,
        scope: {
          actionTypes: ['DISMISSAL'],
          reasonCodes: [],
          provinceCodes: [],
          rankCodes: [],
          from: '2024-01-01',
          to: null,
          ...scope,
        },
        check: { countedUntil: statedOn, recorded: { min: 9, max: 9 } },
      }) as unknown as FigureView;
    const later = figure('later', '2024-04-10');
    const january = figure('january', '2024-01-31');
    const sameMonth = figure('same', '2024-01-20');
    const drugs = figure('drugs', '2024-01-31', { reasonCodes: ['DRUG_POSITIVE_TEST'] });
    const placed = placeFigures([later, january, sameMonth, drugs], points, {
      actionTypes: ['DISMISSAL'],
    });
    expect(placed.points.map((p) => p.period)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
    ]);
    // The added periods keep the last cumulative count: no record reaches past February.
    expect(placed.points[3].cumulative).toEqual({ min: 9, max: 9 });
    expect(placed.drawn.map((d) => [d.figure.id, d.at, d.slot])).toEqual([
      ['later', 3, 0],
      ['january', 0, 0],
      ['same', 0, 1],
    ]);
    expect(placed.other.map((f) => f.id)).toEqual(['drugs']);
    const cut = placeFigures([later, january], points, {
      actionTypes: ['DISMISSAL'],
      to: '2024-02-29',
    });
    expect(cut.points).toHaveLength(2);
    expect(cut.outside.map((f) => f.id)).toEqual(['later']);
  });

  it('says how each record counts, and adds them up against the figure’s recorded range', () => {
    const labels = { reasons: {}, provinces: {}, ranks: {}, agencies: {} };
    const c = {
      t: en,
      labels,
      figures: [],
      byId: new Map(),
      url: new URL('http://x/'),
    } as PageContext;
    const node = {
      id: 'a1',
      actionType: 'DISMISSAL',
      occurred: '2024-01-29~',
      occurredQualifier: 'APPROXIMATE',
      subjectCount: 2,
      subjectDescription: null,
      officer: null,
      rank: null,
      rankText: null,
      position: null,
      province: null,
      reasons: [],
      reasonDetail: null,
      decidedBy: null,
      citations: [],
    };
    const possible = { node, countsAs: 'POSSIBLE', counted: { min: 0, max: 2 } };
    const certain = {
      node: { ...node, id: 'a2', occurred: '2024-01-10' },
      countsAs: 'CERTAIN',
      counted: { min: 3, max: 3 },
    };
    expect(recordHtml(c, possible)).toContain('May count: 0 to 2 people');
    expect(recordHtml(c, possible)).toContain('about 29 January 2024');
    expect(recordHtml(c, certain)).toContain('Counts for certain: 3 people');
    expect(recordsSumHtml(c, [possible, certain], 2, { min: 3, max: 5 })).toBe(
      'Added up, these records count 3 people for certain and 5 people at most: 3 to 5. The figure’s check records 3 to 5.',
    );
    expect(recordsSumHtml(c, [possible], 2)).toContain(
      'The records shown so far (1 of 2) count 0 people',
    );
    expect(recordHtml({ ...c, t: km }, possible)).toContain('អាចរាប់បញ្ចូល៖ 0 ដល់ 2 នាក់');
  });
});
