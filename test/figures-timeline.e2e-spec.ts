import { startTestApp, type TestApp } from './support/test-app.js';

/** The figures timeline: reportedFigures filtered by scope overlap, ordered by statedOn. */

const LIST = `query($scope: FigureScopeFilter, $orderBy: FigureOrder, $first: Int, $after: String) {
  reportedFigures(scope: $scope, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { description statedOn } }
  }
}`;

describe('reportedFigures as a timeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed(); // three figures stated 2024-01-23, scope DISMISSAL 2023-11-01..2024-01-23
    const editor = await t.key('EDITOR');
    const src = await t.gql(
      `mutation { createSource(input: { title: "T", publisher: "P" }) { id } }`,
      {},
      editor,
    );
    const sourceId = src.data!.createSource.id;
    const add = async (
      description: string,
      statedOn: string | null,
      scope: Record<string, unknown>,
    ) => {
      const res = await t.gql(
        `mutation($input: CreateReportedFigureInput!) { createReportedFigure(input: $input) { id } }`,
        {
          input: {
            value: 1,
            qualifier: 'EXACT',
            description,
            statedOn,
            scope,
            citation: { sourceId },
          },
        },
        editor,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    };
    await add('march dismissals', '2024-03-01', {
      actionTypes: ['DISMISSAL'],
      from: '2024-02-01',
      to: '2024-02-29',
    });
    await add('december dismissals', '2023-12-15', {
      actionTypes: ['DISMISSAL'],
      to: '2023-12-15',
    });
    await add('any action, undated', null, { to: '2024-12-31' });
    await add('kh-14 suspensions', '2024-02-01', {
      actionTypes: ['SUSPENSION'],
      provinceCodes: ['KH-14'],
    });
    await add('2022 dismissals', '2022-06-01', {
      actionTypes: ['DISMISSAL'],
      from: '2022-01-01',
      to: '2022-12-31',
    });
  });
  afterAll(() => t.close());

  const names = (data: any) =>
    data.reportedFigures.edges.map((e: any) => e.node.description?.slice(0, 24) ?? null);

  it.each([
    [
      'the campaign: DISMISSAL, Nov 2023 to Jan 2024, by statedOn',
      { actionTypes: ['DISMISSAL'], from: '2023-11-01', to: '2024-01-23' },
      [
        'december dismissals',
        'Police officials dismisse',
        'Of the 70 dismissed, thos',
        'Of the 70 dismissed, "the',
        'any action, undated',
      ],
    ],
    [
      'suspensions anywhere',
      { actionTypes: ['SUSPENSION'] },
      ['kh-14 suspensions', 'any action, undated'],
    ],
    [
      'Prey Veng (KH-14) in February 2024',
      { provinceCodes: ['KH-14'], from: '2024-02-01', to: '2024-02-29' },
      ['kh-14 suspensions', 'march dismissals', 'any action, undated'],
    ],
    [
      'the year 2022 (an open start overlaps it)',
      { from: '2022-01-01', to: '2022-12-31' },
      ['2022 dismissals', 'december dismissals', 'kh-14 suspensions', 'any action, undated'],
    ],
  ])('%s', async (_name, scope, expected) => {
    const res = await t.gql(LIST, { scope, orderBy: 'STATED_ON', first: 20 });
    expect(res.errors).toBeUndefined();
    expect(names(res.data).map((n: string) => n.slice(0, 24))).toEqual(
      expected.map((n) => n.slice(0, 24)),
    );
    expect(res.data!.reportedFigures.totalCount).toBe(expected.length);
  });

  it('pages the timeline with keyset cursors in statedOn order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await t.gql(LIST, { orderBy: 'STATED_ON', first: 3, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.reportedFigures.edges.map((e: any) => e.node.statedOn));
      if (!res.data.reportedFigures.pageInfo.hasNextPage) break;
      after = res.data.reportedFigures.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      '2022-06-01',
      '2023-12-15',
      '2024-01-23',
      '2024-01-23',
      '2024-01-23',
      '2024-02-01',
      '2024-03-01',
      null,
    ]);
  });

  it('keeps newest entry first by default', async () => {
    const res = await t.gql(LIST, { first: 2 });
    expect(names(res.data)).toEqual(['2022 dismissals', 'kh-14 suspensions']);
    expect(res.data!.reportedFigures.totalCount).toBe(8);
  });

  it.each([
    ['a reversed period', { from: '2024-02-01', to: '2024-01-01' }, 'scope.to'],
    ['an unknown province', { provinceCodes: ['KH-99'] }, 'scope.provinceCodes.0'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, scope, field) => {
    const res = await t.gql(LIST, { scope, orderBy: 'STATED_ON' });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
