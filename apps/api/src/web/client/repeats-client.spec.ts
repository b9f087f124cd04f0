import { Texts } from '../i18n/texts.js';
import { sortFigures } from './api.client.js';
import type { FigureView, PageContext, RecordEdgeView } from './factcheck.types.js';
import { timelineHtml } from './figures.client.js';
import { countedOnceHtml, recordHtml } from './records.client.js';

const en = new Texts('en');
const km = new Texts('km');

/** A figure of the fact-check page, checked CORROBORATED, stated on `statedOn` by `publisher`. */
function figure(
  id: string,
  statedOn: string,
  publisher: string,
  repeats: string | null,
  repeatedBy: string[] = [],
): FigureView {
  return {
    id,
    value: 11,
    qualifier: 'EXACT',
    tolerance: 0.1,
    statedBy: 'Ministry of Interior',
    statedOn,
    description: 'Eleven officers dismissed',
    partsAreExhaustive: false,
    scope: {
      actionTypes: ['DISMISSAL'],
      reasonCodes: [],
      provinceCodes: [],
      rankCodes: [],
      agencyCodes: [],
      from: null,
      to: null,
    },
    parent: null,
    parts: [],
    repeats: repeats ? { id: repeats } : null,
    repeatedBy: repeatedBy.map((r) => ({ id: r })),
    citation: {
      excerpt: null,
      locator: null,
      source: { title: 'A report', publisher, url: null, language: 'en' },
    },
    check: {
      claimed: { min: 11, max: 11 },
      recorded: { min: 11, max: 11 },
      independent: { min: 11, max: 11 },
      verdict: 'CORROBORATED',
      undecided: 0,
      explanation: 'Records citing sources other than the figure’s own count 11 people.',
      coverageRange: { min: 1, max: 1 },
      countedUntil: statedOn,
      issues: [
        {
          kind: 'CUMULATIVE_DECREASE',
          message: 'A running total cannot shrink.',
          informational: false,
          figures: [{ id: 'orig' }, { id: 'later' }],
        },
      ],
    },
  } as FigureView;
}

function context(t: Texts, figures: FigureView[]): PageContext {
  return {
    t,
    labels: { reasons: {}, provinces: {}, ranks: {}, agencies: {} },
    figures,
    byId: new Map(figures.map((f) => [f.id, f])),
    url: new URL('http://x/'),
  };
}

describe('the fact-check page: repeated statements and records counted once', () => {
  const orig = figure('orig', '2024-02-01', 'Ministry of Interior', null, ['rep']);
  const rep = figure('rep', '2024-02-03', 'Kiripost', 'orig');
  const other = figure('other', '2024-02-02', 'Governor', null);
  const later = figure('later', '2024-07-01', 'Ministry of Interior', null);

  it('orders a repeat right after its original, whatever day it was reported', () => {
    expect(sortFigures([later, rep, other, orig]).map((f) => f.id)).toEqual([
      'orig',
      'rep',
      'other',
      'later',
    ]);
  });

  it('shows a repeat with its original on the original’s day, its consistency once', () => {
    const figures = sortFigures([orig, rep, other, later]);
    const html = timelineHtml(context(en, figures));
    const days = [...html.matchAll(/<h3 class="when"><time datetime="([\d-]+)">/g)].map(
      (m) => m[1],
    );
    // No moment of its own for the day the repeat was reported.
    expect(days).toEqual(['2024-02-01', '2024-02-02', '2024-07-01']);
    const statement = html.slice(
      html.indexOf('<div class="statement" data-figure="orig">'),
      html.indexOf('id="figure-other"'),
    );
    expect(statement).toContain(
      '<div class="repeats" aria-label="The same statement, repeated by other outlets">',
    );
    expect(statement).toContain('id="figure-rep" data-repeats="orig"');
    expect(statement).toContain(
      'Repeated by <a href="#figure-rep"><span translate="no">Kiripost</span></a>: the same statement, compared with the other figures once.',
    );
    expect(statement).toContain(
      'Repeats <a href="#figure-orig">“<span translate="no">Eleven officers dismissed</span>”</a>: the same statement reported by another outlet, no second confirmation.',
    );
    // The statement's issue is shown on the original's card only.
    expect(html.match(/class="consistency"/g)).toHaveLength(3);
    const repCard = html.slice(
      html.indexOf('id="figure-rep"'),
      html.indexOf('</article>', html.indexOf('id="figure-rep"')),
    );
    expect(repCard).not.toContain('class="consistency"');
    const khmer = timelineHtml(context(km, figures));
    expect(khmer).toContain('ចុះផ្សាយឡើងវិញដោយ');
  });

  const node = {
    id: 'g',
    actionType: 'DISMISSAL',
    occurred: '2024-01-10',
    subjectCount: 10,
    subjectDescription: 'ten officers',
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

  it('says how the counting rules count a record: reports folded, named members of a group', () => {
    const c = context(en, []);
    const group = {
      ...node,
      links: [{ kind: 'MEMBER_OF', from: { id: 'm' }, to: { id: 'g', subjectCount: 10 } }],
    };
    expect(countedOnceHtml(c, group)).toBe(
      '1 named member of a group of 10, recorded apart: the group counts 9',
    );
    const three = {
      ...group,
      links: ['m1', 'm2', 'm3'].map((id) => ({
        kind: 'MEMBER_OF',
        from: { id },
        to: { id: 'g', subjectCount: 10 },
      })),
    };
    expect(countedOnceHtml(c, three)).toBe(
      '3 named members of a group of 10, recorded apart: the group counts 7',
    );
    const member = { ...node, id: 'm', subjectCount: 1, links: group.links };
    expect(countedOnceHtml(c, member)).toBe(
      'Named member of a group of 10 (<a href="#record-g">another record</a>): counted once',
    );
    const kept = { ...node, id: 'd1', subjectCount: 1, duplicates: [{ id: 'd2' }] };
    expect(countedOnceHtml(c, kept)).toBe('Counted once: 2 reports of the same dismissal');
    const folded = { ...node, id: 'd2', subjectCount: 1, countedAs: { id: 'd1' } };
    expect(countedOnceHtml(c, folded)).toBe(
      'Counted once: a report of the same dismissal as <a href="#record-d1">another record</a>',
    );
    expect(countedOnceHtml(c, node)).toBe('');
    const edge: RecordEdgeView = {
      node: folded,
      countsAs: 'NOT_COUNTED',
      counted: { min: 0, max: 0 },
    };
    const html = recordHtml(c, edge);
    expect(html).toContain('<p class="counts none">Not counted again</p>');
    expect(html).toContain(
      '<p class="counted-once">Counted once: a report of the same dismissal as',
    );
    expect(countedOnceHtml(context(km, []), kept)).toBe(
      `រាប់តែម្ដង៖ របាយការណ៍ 2 អំពី${km.text('actionType.DISMISSAL.one')}តែមួយ`,
    );
  });
});
