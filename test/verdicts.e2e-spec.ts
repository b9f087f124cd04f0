import { startTestApp, type TestApp } from './support/test-app.js';
import { download, postCsv, readCsv } from './fixtures/exchange.js';

/**
 * Issue 14, scenario by scenario, with literal numbers: the cases a newsroom met, each one the
 * rule that now answers it.
 */

const CHECK = `query($id: ID!, $at: DateTime, $publishedBy: Date) {
  checkFigure(id: $id, asRecordedAt: $at, publishedBy: $publishedBy) {
    figure { value } claimed { min max } recorded { min max } independent { min max }
    verdict undecided explanation coverageRange { min max } countedUntil issues { kind informational message }
  }
}`;
const TALLY = `query($f: ActionFilter, $g: [TallyDimension!]) { tally(filter: $f, groupBy: $g) {
  range { min max } groups { key { reason { code } month year } range { min max } } } }`;

describe('verdicts and counts a journalist can print', () => {
  let t: TestApp;
  let editor: string;
  const source: Record<'report' | 'statement' | 'late' | 'undated', string> = {
    report: '',
    statement: '',
    late: '',
    undated: '',
  };

  async function createSource(title: string, publishedOn: string | null): Promise<string> {
    const res = await t.gql(
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      { i: { title, publisher: 'A paper', publishedOn } },
      editor,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createSource.id;
  }

  async function action(
    input: Record<string, unknown>,
    sourceIds: string[] = [source.report],
  ): Promise<{ id: string; version: number }> {
    const res = await t.gql(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id version } }`,
      {
        i: {
          actionType: 'DISMISSAL',
          reasonCodes: ['UNSPECIFIED'],
          citations: sourceIds.map((sourceId) => ({ sourceId })),
          ...input,
        },
      },
      editor,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createAction;
  }

  async function figure(
    input: Record<string, unknown>,
    sourceId = source.statement,
  ): Promise<string> {
    const res = await t.gql(
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      { i: { qualifier: 'EXACT', citation: { sourceId }, ...input } },
      editor,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReportedFigure.id;
  }

  async function check(id: string, vars: Record<string, unknown> = {}) {
    const res = await t.gql(CHECK, { id, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.checkFigure;
  }

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    source.report = await createSource('Provincial report', '2024-01-20');
    source.statement = await createSource('Ministry statement', '2024-01-23');
    source.late = await createSource('Late article', '2024-01-25');
    source.undated = await createSource('Undated leaflet', null);
  });
  afterAll(() => t.close());

  it('overlap is not corroboration: "about 70 by 23 January" against month-precision records is INCONCLUSIVE', async () => {
    // 12 people certainly in November-January, 40 more in January (some possibly after the 23rd).
    await action({ occurred: '2023-12', subjectCount: 12, provinceCode: 'KH-3' });
    await action({ occurred: '2024-01', subjectCount: 40, provinceCode: 'KH-3' });
    const id = await figure({
      value: 70,
      qualifier: 'ABOUT',
      scope: {
        actionTypes: ['DISMISSAL'],
        provinceCodes: ['KH-3'],
        from: '2023-11-01',
        to: '2024-01-23',
      },
    });
    const c = await check(id);
    expect(c).toMatchObject({
      claimed: { min: 63, max: 77 },
      recorded: { min: 12, max: 52 },
      verdict: 'UNDER_RECORDED',
      undecided: 40,
    });
    await action({ occurred: '2024-01', subjectCount: 30, provinceCode: 'KH-3' });
    const again = await check(id);
    expect(again).toMatchObject({
      recorded: { min: 12, max: 82 },
      verdict: 'INCONCLUSIVE',
      undecided: 70,
    });
    expect(again.explanation).toContain(
      'If at least 51 of them count, the records reach the claim',
    );
    expect(again.explanation).toContain('If more than 65 of them count, the records exceed it');
  });

  it('"at most 5 Siem Reap dismissals" with no record at all is not corroborated', async () => {
    const id = await figure({
      value: 5,
      qualifier: 'AT_MOST',
      statedOn: '2024-01-23',
      scope: { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-17'] },
    });
    const c = await check(id);
    expect(c).toMatchObject({
      claimed: { min: 0, max: 5 },
      recorded: { min: 0, max: 0 },
      verdict: 'INCONCLUSIVE',
      undecided: 0,
      coverageRange: null,
    });
    expect(c.explanation).toContain('sets no lower bound');
  });

  it('"more than 20 demoted" backed only by the article that published it is INCONCLUSIVE; another source corroborates it', async () => {
    await action(
      { actionType: 'DEMOTION', occurred: '2024-01-10', subjectCount: 25, provinceCode: 'KH-2' },
      [source.statement],
    );
    const id = await figure({
      value: 20,
      qualifier: 'MORE_THAN',
      statedOn: '2024-01-23',
      scope: { actionTypes: ['DEMOTION'], provinceCodes: ['KH-2'] },
    });
    const own = await check(id);
    expect(own).toMatchObject({
      recorded: { min: 25, max: 25 },
      independent: { min: 0, max: 0 },
      verdict: 'INCONCLUSIVE',
    });
    expect(own.explanation).toContain("supported only by the figure's own source");
    await action(
      { actionType: 'DEMOTION', occurred: '2024-01-12', subjectCount: 1, provinceCode: 'KH-2' },
      [source.report],
    );
    const res = await t.gql(
      `{ actions(first: 100, filter: { actionTypes: [DEMOTION], provinceCodes: ["KH-2"] }) { edges { node { id } } } }`,
    );
    const [first] = res.data!.actions.edges.map((e: any) => e.node.id).slice(-1);
    // The 25 are also reported by another source: they become independent of the statement.
    await t.gql(
      `mutation($id: ID!, $c: [CitationInput!]) { updateAction(input: { id: $id, expectedVersion: 1, citations: $c }) { id } }`,
      { id: first, c: [{ sourceId: source.statement }, { sourceId: source.report }] },
      editor,
    );
    const both = await check(id);
    expect(both).toMatchObject({
      recorded: { min: 26, max: 26 },
      independent: { min: 26, max: 26 },
      verdict: 'CORROBORATED',
    });
  });

  it('a figure\'s period ends when it was stated: "11 Prey Veng dismissals since 1 December", stated 25 December', async () => {
    for (let i = 0; i < 11; i++)
      await action({
        occurred: `2023-12-${String(i + 2).padStart(2, '0')}`,
        provinceCode: 'KH-14',
      });
    await action({ occurred: '2024-01-10', provinceCode: 'KH-14' });
    const id = await figure({
      value: 11,
      statedOn: '2023-12-25',
      scope: { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-14'], from: '2023-12-01' },
    });
    const c = await check(id);
    expect(c).toMatchObject({
      countedUntil: '2023-12-25',
      recorded: { min: 11, max: 11 },
      verdict: 'CORROBORATED',
    });
  });

  it('refuses a figure with neither a last day nor a statement day', async () => {
    const res = await t.gql(
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      {
        i: {
          value: 3,
          qualifier: 'EXACT',
          citation: { sourceId: source.statement },
          scope: { from: '2024-01-01' },
        },
      },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.to' });
  });

  it.each([
    // "2024-01-23~" is about the 23rd: a week either side; never certain in "as of 23 January".
    [
      '2024-01-23~',
      'APPROXIMATE',
      '2024-01-16',
      '2024-01-30',
      { from: '2023-11-01', to: '2024-01-23' },
      { min: 0, max: 1 },
    ],
    // "2024-01?" is perhaps January: December to February; never certain in January.
    [
      '2024-01?',
      'UNCERTAIN',
      '2023-12-01',
      '2024-02-29',
      { from: '2024-01-01', to: '2024-01-31' },
      { min: 0, max: 1 },
    ],
    [
      '2024%',
      'APPROXIMATE_AND_UNCERTAIN',
      '2023-01-01',
      '2025-12-31',
      { from: '2024-01-01', to: '2024-12-31' },
      { min: 0, max: 1 },
    ],
    [
      '2024-01-23',
      null,
      '2024-01-23',
      '2024-01-23',
      { from: '2023-11-01', to: '2024-01-23' },
      { min: 1, max: 1 },
    ],
  ])('%s is counted over %s..%s', async (occurred, qualifier, from, to, period, range) => {
    const { id } = await action({ occurred, actionType: 'WARNING', provinceCode: 'KH-21' });
    const res = await t.gql(
      `query($id: ID!) { action(id: $id) { occurred occurredQualifier occurredFrom occurredTo } }`,
      { id },
    );
    expect(res.data!.action).toEqual({
      occurred,
      occurredQualifier: qualifier,
      occurredFrom: from,
      occurredTo: to,
    });
    const tally = await t.gql(TALLY, {
      f: { actionTypes: ['WARNING'], provinceCodes: ['KH-21'], ...period, officerId: null },
    });
    const mine = await t.gql(
      `query($f: ActionFilter) { actions(first: 5, filter: $f) { edges { countsAs counted { min max } node { id } } } }`,
      {
        f: { actionTypes: ['WARNING'], provinceCodes: ['KH-21'], ...period },
      },
    );
    const edge = mine.data!.actions.edges.find((e: any) => e.node.id === id);
    expect(edge.counted).toEqual(range);
    expect(edge.countsAs).toBe(range.min === range.max ? 'CERTAIN' : 'POSSIBLE');
    expect(tally.data!.tally.range.max).toBeGreaterThanOrEqual(range.max);
  });

  it('puts "2024-01?" in the unknown month of no single year, never in January', async () => {
    const res = await t.gql(TALLY, {
      f: { actionTypes: ['WARNING'], provinceCodes: ['KH-21'] },
      g: ['MONTH'],
    });
    const keys = res.data!.tally.groups.map(
      (g: any) => `${g.key.year ?? '-'}/${g.key.month ?? '-'} ${g.range.min}`,
    );
    // 2024-01-23 and 2024-01-23~ (16 to 30 January: still January); 2024-01? (December 2023 to February 2024) and 2024% (2023 to 2025): no month, no year.
    expect(keys).toEqual(['2024/2024-01 2', '-/- 2']);
  });

  it.each([
    // 11 Kampot officers dismissed for drugs, and a group of 15 "for drugs or discipline".
    [
      'the split unknown: the group is possible in each reason',
      null,
      {
        DRUG_POSITIVE_TEST: { min: 11, max: 26 },
        INTERNAL_REGULATION_VIOLATION: { min: 0, max: 15 },
      },
      { min: 11, max: 26 },
    ],
    [
      'the split recorded (10 drugs, 7 discipline, 2 both)',
      [10, 7],
      {
        DRUG_POSITIVE_TEST: { min: 21, max: 21 },
        INTERNAL_REGULATION_VIOLATION: { min: 7, max: 7 },
      },
      { min: 21, max: 21 },
    ],
  ])('a group with several reasons: %s', async (_name, counts, groups, drugFilter) => {
    const province = counts ? 'KH-8' : 'KH-7';
    await action({
      occurred: '2024-01-05',
      subjectCount: 11,
      provinceCode: province,
      reasonCodes: ['DRUG_POSITIVE_TEST'],
    });
    await action({
      actionType: 'DISMISSAL',
      occurred: '2024-01-06',
      subjectCount: 15,
      provinceCode: province,
      reasonCodes: ['DRUG_POSITIVE_TEST', 'INTERNAL_REGULATION_VIOLATION'],
      ...(counts ? { reasonCounts: counts } : {}),
    });
    const byReason = await t.gql(TALLY, { f: { provinceCodes: [province] }, g: ['REASON'] });
    expect(
      Object.fromEntries(byReason.data!.tally.groups.map((g: any) => [g.key.reason.code, g.range])),
    ).toEqual(groups);
    expect(byReason.data!.tally.range).toEqual({ min: 26, max: 26 });
    const drugs = await t.gql(TALLY, {
      f: { provinceCodes: [province], reasonCodes: ['DRUG_POSITIVE_TEST'] },
    });
    expect(drugs.data!.tally.range).toEqual(drugFilter);
  });

  it('refuses a split that does not fit its group', async () => {
    const res = await t.gql(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
      {
        i: {
          actionType: 'DISMISSAL',
          occurred: '2024-01',
          subjectCount: 15,
          reasonCodes: ['DRUG_POSITIVE_TEST', 'CORRUPTION'],
          reasonCounts: [5, 4],
          citations: [{ sourceId: source.report }],
        },
      },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reasonCounts',
    });
  });

  it('says "35 dismissed for drugs since 22 August, as of 10 February" cannot follow "40 since November, as of 23 January"', async () => {
    const drugs = {
      actionTypes: ['DISMISSAL'],
      reasonCodes: ['DRUG_POSITIVE_TEST'],
      provinceCodes: ['KH-9'],
    };
    const forty = await figure({
      value: 40,
      description: '40 dismissed for drugs since November',
      scope: { ...drugs, from: '2023-11-01', to: '2024-01-23' },
    });
    const thirtyFive = await figure({
      value: 35,
      description: '35 dismissed for drugs since 22 August',
      scope: { ...drugs, from: '2023-08-22', to: '2024-02-10' },
    });
    for (const id of [forty, thirtyFive]) {
      const c = await check(id);
      expect(c.issues).toEqual([
        {
          kind: 'CUMULATIVE_DECREASE',
          informational: false,
          message:
            'A running total cannot shrink: “40 dismissed for drugs since November” counts 40 from 1 November 2023 to 23 January 2024, but “35 dismissed for drugs since 22 August”, which counts the same and more from 22 August 2023 to 10 February 2024, counts 35.',
        },
      ]);
    }
  });

  it('gives coverage as a range: "about 70" with 31-33 records is between 40 % and 52 %', async () => {
    await action({ occurred: '2024-01-05', subjectCount: 31, provinceCode: 'KH-5' });
    await action({ occurred: '2024-01', subjectCount: 2, provinceCode: 'KH-5' });
    const id = await figure({
      value: 70,
      qualifier: 'ABOUT',
      scope: {
        actionTypes: ['DISMISSAL'],
        provinceCodes: ['KH-5'],
        from: '2024-01-01',
        to: '2024-01-23',
      },
    });
    const c = await check(id);
    expect(c.recorded).toEqual({ min: 31, max: 33 });
    expect(c.coverageRange.min).toBeCloseTo(31 / 77, 10);
    expect(c.coverageRange.max).toBeCloseTo(33 / 63, 10);
    expect(Math.round(c.coverageRange.min * 100)).toBe(40);
    expect(Math.round(c.coverageRange.max * 100)).toBe(52);
  });

  it('takes the figure, its parts and its issues as recorded at the same moment', async () => {
    const scope = { actionTypes: ['SALARY_CUT'], provinceCodes: ['KH-6'], to: '2024-01-31' };
    await action({
      actionType: 'SALARY_CUT',
      occurred: '2024-01-10',
      subjectCount: 4,
      provinceCode: 'KH-6',
    });
    const whole = await figure({ value: 4, scope });
    await new Promise((r) => setTimeout(r, 30));
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    await t.gql(
      `mutation($id: ID!) { updateReportedFigure(input: { id: $id, expectedVersion: 1, value: 9 }) { id } }`,
      { id: whole },
      editor,
    );
    await figure({ value: 3, parentId: whole, scope: { ...scope, provinceCodes: ['KH-6'] } });
    const then = await check(whole, { at: before });
    expect(then).toMatchObject({
      figure: { value: 4 },
      claimed: { min: 4, max: 4 },
      recorded: { min: 4, max: 4 },
      verdict: 'CORROBORATED',
      issues: [],
    });
    const now = await check(whole);
    expect(now).toMatchObject({ figure: { value: 9 }, verdict: 'UNDER_RECORDED' });
    const early = await t.gql(CHECK, { id: whole, at: '2020-01-01T00:00:00Z' });
    expect(early.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts what had been published by a day (publishedBy): a source published later, or undated, does not count', async () => {
    await action(
      { actionType: 'TRANSFER', occurred: '2024-01-10', subjectCount: 2, provinceCode: 'KH-10' },
      [source.report],
    );
    await action(
      { actionType: 'TRANSFER', occurred: '2024-01-11', subjectCount: 3, provinceCode: 'KH-10' },
      [source.late],
    );
    await action(
      { actionType: 'TRANSFER', occurred: '2024-01-12', subjectCount: 5, provinceCode: 'KH-10' },
      [source.undated],
    );
    const f = { actionTypes: ['TRANSFER'], provinceCodes: ['KH-10'] };
    const all = await t.gql(TALLY, { f });
    const by23 = await t.gql(TALLY, { f: { ...f, publishedBy: '2024-01-23' } });
    const by25 = await t.gql(TALLY, { f: { ...f, publishedBy: '2024-01-25' } });
    expect([
      all.data!.tally.range.min,
      by23.data!.tally.range.min,
      by25.data!.tally.range.min,
    ]).toEqual([10, 2, 5]);
    const id = await figure({
      value: 5,
      statedOn: '2024-01-23',
      scope: { actionTypes: ['TRANSFER'], provinceCodes: ['KH-10'] },
    });
    expect((await check(id, { publishedBy: '2024-01-23' })).recorded).toEqual({ min: 2, max: 2 });
    const csv = readCsv(
      (
        await download(
          t,
          '/exports/actions.csv?actionType=TRANSFER&province=KH-10&publishedBy=2024-01-23',
        )
      ).text,
    );
    expect(csv.map((r) => r.subject_count)).toEqual(['2']);
  });

  it('says which records count for certain and which only possibly, in the list and in actions.csv', async () => {
    await action({
      actionType: 'SUSPENSION',
      occurred: '2024-02-10',
      subjectCount: 3,
      provinceCode: 'KH-11',
    });
    await action({
      actionType: 'SUSPENSION',
      occurred: '2024-02',
      subjectCount: 4,
      provinceCode: 'KH-11',
    });
    const period = {
      actionTypes: ['SUSPENSION'],
      provinceCodes: ['KH-11'],
      from: '2024-02-01',
      to: '2024-02-15',
    };
    const tally = await t.gql(TALLY, { f: period });
    expect(tally.data!.tally.range).toEqual({ min: 3, max: 7 });
    const csv = readCsv(
      (
        await download(
          t,
          '/exports/actions.csv?actionType=SUSPENSION&province=KH-11&from=2024-02-01&to=2024-02-15',
        )
      ).text,
    );
    expect(csv.map((r) => `${r.subject_count} ${r.counts_as}`).sort()).toEqual([
      '3 certain',
      '4 possible',
    ]);
  });

  it('keeps retractions in a round trip: a retracted row imports as a retracted record, with its reason', async () => {
    const kept = await action({
      actionType: 'DISMISSAL',
      occurred: '2024-01-15',
      subjectCount: 7,
      provinceCode: 'KH-25',
      externalId: 'kc-7',
    });
    const wrong = await action({
      actionType: 'DISMISSAL',
      occurred: '2024-01-16',
      subjectCount: 5,
      provinceCode: 'KH-25',
      externalId: 'kc-5',
    });
    await t.gql(
      `mutation($id: ID!) { retractAction(input: { id: $id, reason: "reported twice" }) { id } }`,
      { id: wrong.id },
      editor,
    );
    expect(kept.id).toBeTruthy();
    const file = (
      await download(t, '/exports/actions.csv?includeRetracted=true&province=KH-25', editor)
    ).text;
    const other = await startTestApp();
    try {
      const key = await other.key('EDITOR');
      const res = await postCsv(other, file, key);
      expect(res.status).toBe(200);
      const tally = await other.gql(TALLY, { f: { provinceCodes: ['KH-25'] } });
      expect(tally.data!.tally.range).toEqual({ min: 7, max: 7 });
      const withRetracted = await other.gql(TALLY, {
        f: { provinceCodes: ['KH-25'], includeRetracted: true },
      });
      expect(withRetracted.data!.tally.range).toEqual({ min: 12, max: 12 });
      const listed = await other.gql(
        `{ actions(first: 5, filter: { includeRetracted: true }) { edges { node { subjectCount retractedAt retractionReason } } } }`,
      );
      const retracted = listed
        .data!.actions.edges.map((e: any) => e.node)
        .find((n: any) => n.subjectCount === 5);
      expect(retracted.retractionReason).toBe('reported twice');
      expect(retracted.retractedAt).not.toBeNull();
    } finally {
      await other.close();
    }
  });
});
