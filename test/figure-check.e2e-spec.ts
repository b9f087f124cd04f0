import { startTestApp, type TestApp } from './support/test-app.js';

/** Fact checks of published figures (DOMAIN.md §3): every qualifier, each verdict, each issue. */

const CHECK = `query($id: ID!) {
  checkFigure(id: $id) {
    figure { id value } claimed { min max } recorded { min max } independent { min max } verdict undecided explanation
    coverage coverageRange { min max } countedUntil partsSummary
    issues { kind message informational figures { id value } }
    actions(first: 10) { totalCount edges { node { occurred subjectCount } } }
  }
}`;

const CREATE = `mutation($input: CreateReportedFigureInput!) { createReportedFigure(input: $input) { id version } }`;

describe('checkFigure', () => {
  let t: TestApp;
  let editor: string;
  let sourceId: string;
  // Figures cite the ministry's statement; records cite the reports: the records are independent of the figures.
  let statementId: string;

  async function figure(input: Record<string, unknown>): Promise<string> {
    const res = await t.gql(
      CREATE,
      {
        input: {
          qualifier: 'EXACT',
          citation: { sourceId: statementId },
          statedOn: '2024-12-31',
          ...input,
        },
      },
      editor,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReportedFigure.id;
  }

  async function action(input: Record<string, unknown>): Promise<void> {
    const res = await t.gql(
      `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
      {
        input: {
          actionType: 'DISMISSAL',
          provinceCode: 'KH-12',
          reasonCodes: ['UNSPECIFIED'],
          citations: [{ sourceId }],
          ...input,
        },
      },
      editor,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }

  async function check(id: string, key?: string) {
    const res = await t.gql(CHECK, { id }, key);
    expect(res.errors).toBeUndefined();
    return res.data!.checkFigure;
  }

  // Recorded for this scope: 10 certainly (2024-01-10), 5 possibly (January 2024) -> {10, 15}.
  const SCOPE = {
    actionTypes: ['DISMISSAL'],
    provinceCodes: ['KH-12'],
    from: '2024-01-01',
    to: '2024-01-20',
  };

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const src = await t.gql(
      `mutation { createSource(input: { title: "T", publisher: "P" }) { id } }`,
      {},
      editor,
    );
    sourceId = src.data!.createSource.id;
    const statement = await t.gql(
      `mutation { createSource(input: { title: "Ministry statement", publisher: "Interior Ministry" }) { id } }`,
      {},
      editor,
    );
    statementId = statement.data!.createSource.id;
    await action({ occurred: '2024-01-10', subjectCount: 10 });
    await action({ occurred: '2024-01', subjectCount: 5 });
    await action({ occurred: '2024-01-12', subjectCount: 7, visibility: 'INTERNAL' });
    await action({ occurred: '2024-01-05', provinceCode: 'KH-14' }); // outside the scope
  });
  afterAll(() => t.close());

  // R = I = 10..15 (10 certain on 10 January, 5 possible in January); the claim C by qualifier.
  it.each([
    ['EXACT straddled by R', 12, 'EXACT', null, { min: 12, max: 12 }, 'INCONCLUSIVE', null],
    ['EXACT above R', 20, 'EXACT', null, { min: 20, max: 20 }, 'UNDER_RECORDED', 0.75],
    ['EXACT below R', 8, 'EXACT', null, { min: 8, max: 8 }, 'CONTRADICTED', null],
    ['ABOUT with 20 % above R', 20, 'ABOUT', 0.2, { min: 16, max: 24 }, 'UNDER_RECORDED', 0.9375],
    ['ABOUT 70, default 10 %', 70, 'ABOUT', null, { min: 63, max: 77 }, 'UNDER_RECORDED', 15 / 63],
    ['ABOUT touching R', 9, 'ABOUT', 0.1, { min: 8, max: 10 }, 'INCONCLUSIVE', null],
    ['ABOUT holding R', 13, 'ABOUT', 0.2, { min: 10, max: 16 }, 'CORROBORATED', null],
    ['ABOUT with tolerance 0', 16, 'ABOUT', 0, { min: 16, max: 16 }, 'UNDER_RECORDED', 15 / 16],
    [
      'AT_LEAST reached for certain',
      10,
      'AT_LEAST',
      null,
      { min: 10, max: null },
      'CORROBORATED',
      null,
    ],
    [
      'AT_LEAST reached possibly',
      15,
      'AT_LEAST',
      null,
      { min: 15, max: null },
      'INCONCLUSIVE',
      null,
    ],
    ['MORE_THAN', 15, 'MORE_THAN', null, { min: 16, max: null }, 'UNDER_RECORDED', 15 / 16],
    ['AT_MOST below R', 9, 'AT_MOST', null, { min: 0, max: 9 }, 'CONTRADICTED', null],
    [
      'AT_MOST holding R: no lower bound, never corroborated',
      20,
      'AT_MOST',
      null,
      { min: 0, max: 20 },
      'INCONCLUSIVE',
      null,
    ],
    ['FEWER_THAN holding R', 16, 'FEWER_THAN', null, { min: 0, max: 15 }, 'INCONCLUSIVE', null],
    ['FEWER_THAN below R', 10, 'FEWER_THAN', null, { min: 0, max: 9 }, 'CONTRADICTED', null],
  ])('%s: %s %s', async (_name, value, qualifier, tolerance, claimed, verdict, coverage) => {
    const id = await figure({
      value,
      qualifier,
      ...(tolerance === null ? {} : { tolerance }),
      scope: SCOPE,
    });
    const c = await check(id);
    expect(c.claimed).toEqual(claimed);
    expect(c.recorded).toEqual({ min: 10, max: 15 });
    expect(c.independent).toEqual({ min: 10, max: 15 });
    expect(c.undecided).toBe(5);
    expect(c.verdict).toBe(verdict);
    expect(c.explanation).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    if (coverage === null) expect(c.coverage).toBeNull();
    else expect(c.coverage).toBeCloseTo(coverage, 10);
    if (claimed.min === 0) expect(c.coverageRange).toBeNull();
    else
      expect(c.coverageRange).toEqual({
        min: claimed.max === null ? 0 : 10 / claimed.max,
        max: 15 / claimed.min,
      });
    expect(c.countedUntil).toBe('2024-01-20');
    expect(c.issues).toEqual([]);
  });

  it.each([
    ['anonymous: internal records not counted', false, { min: 10, max: 15 }, 'UNDER_RECORDED'],
    ['editor: internal records counted', true, { min: 17, max: 22 }, 'INCONCLUSIVE'],
  ])('%s', async (_name, asEditor, recorded, verdict) => {
    const id = await figure({ value: 20, scope: SCOPE });
    const c = await check(id, asEditor ? editor : undefined);
    expect(c.recorded).toEqual(recorded);
    expect(c.verdict).toBe(verdict);
  });

  it('pages the contributing actions', async () => {
    const id = await figure({ value: 20, scope: SCOPE });
    const c = await check(id);
    expect(c.actions.totalCount).toBe(2);
    expect(
      c.actions.edges.map((e: any) => `${e.node.occurred} ${e.node.subjectCount}`).sort(),
    ).toEqual(['2024-01 5', '2024-01-10 10']);
  });

  it('reports PARTS_EXCEED_WHOLE on the whole and on each part, for parts that cannot share an action', async () => {
    const whole = await figure({ value: 50, scope: { actionTypes: ['DEMOTION'] } });
    const a = await figure({
      value: 30,
      qualifier: 'AT_LEAST',
      parentId: whole,
      scope: { actionTypes: ['DEMOTION'], provinceCodes: ['KH-12'] },
    });
    const b = await figure({
      value: 25,
      parentId: whole,
      scope: { actionTypes: ['DEMOTION'], provinceCodes: ['KH-14'] },
    });
    for (const id of [whole, a, b]) {
      const c = await check(id);
      expect(c.issues.map((i: any) => i.kind)).toEqual(['PARTS_EXCEED_WHOLE']);
      expect(c.issues[0].informational).toBe(false);
      expect(c.issues[0].message).toContain('at least 55');
      expect(c.issues[0].message).toContain('at most 50');
      expect(c.issues[0].figures.map((f: any) => f.id)).toEqual([whole, a, b]);
    }
  });

  it('reports parts split by reason as PARTS_MAY_OVERLAP, for information, not as exceeding the whole', async () => {
    // "5 Phnom Penh dismissals: 4 for drugs, 2 for discipline (one for both)".
    const whole = await figure({
      value: 5,
      partsAreExhaustive: true,
      scope: { actionTypes: ['DEMOTION'], provinceCodes: ['KH-12'] },
    });
    const a = await figure({
      value: 4,
      parentId: whole,
      scope: {
        actionTypes: ['DEMOTION'],
        provinceCodes: ['KH-12'],
        reasonCodes: ['DRUG_POSITIVE_TEST'],
      },
    });
    const b = await figure({
      value: 2,
      parentId: whole,
      scope: {
        actionTypes: ['DEMOTION'],
        provinceCodes: ['KH-12'],
        reasonCodes: ['INTERNAL_REGULATION_VIOLATION'],
      },
    });
    for (const id of [whole, a, b]) {
      const c = await check(id);
      expect(c.issues.map((i: any) => [i.kind, i.informational])).toEqual([
        ['PARTS_MAY_OVERLAP', true],
      ]);
      expect(c.issues[0].message).toContain('4 + 2 = 6 can exceed 5 (5) without contradicting it');
    }
    expect((await check(whole)).partsSummary).toBe(
      '4 + 2 = 6; the parts may count the same actions, so they may add up to more than 5 (5)',
    );
  });

  it('reports PARTS_DO_NOT_SUM for exhaustive parts that cannot share an action and fall short', async () => {
    const whole = await figure({
      value: 100,
      qualifier: 'ABOUT',
      partsAreExhaustive: true,
      scope: { actionTypes: ['TRANSFER'] },
    });
    const a = await figure({
      value: 40,
      parentId: whole,
      scope: { actionTypes: ['TRANSFER'], provinceCodes: ['KH-1'] },
    });
    const b = await figure({
      value: 30,
      qualifier: 'ABOUT',
      parentId: whole,
      scope: { actionTypes: ['TRANSFER'], provinceCodes: ['KH-2'] },
    });
    const c = await check(whole);
    expect(c.issues.map((i: any) => i.kind)).toEqual(['PARTS_DO_NOT_SUM']);
    expect(c.issues[0].message).toContain('40 + about 30 = 67–73');
    expect(c.issues[0].message).toContain('about 100 (90–110)');
    expect(c.partsSummary).toBe('40 + about 30 = 67–73, inconsistent with about 100 (90–110)');
    expect((await check(b)).issues.map((i: any) => i.kind)).toEqual(['PARTS_DO_NOT_SUM']);
    expect((await check(a)).issues[0].figures.map((f: any) => f.id)).toEqual([whole, a, b]);
  });

  it('does not report PARTS_DO_NOT_SUM when the parts are not meant to be exhaustive', async () => {
    const whole = await figure({
      value: 100,
      qualifier: 'ABOUT',
      scope: { actionTypes: ['WARNING'] },
    });
    await figure({
      value: 40,
      parentId: whole,
      scope: { actionTypes: ['WARNING'], provinceCodes: ['KH-12'] },
    });
    const c = await check(whole);
    expect(c.issues).toEqual([]);
    expect(c.partsSummary).toBe(
      '40, within about 100 (90–110); the parts are not said to make up the whole',
    );
  });

  it('reports CUMULATIVE_DECREASE between a total and a later one whose scope contains it, in words', async () => {
    const scope = { actionTypes: ['SALARY_CUT'], from: '2023-11-01' };
    const earlier = await figure({
      value: 60,
      scope: { ...scope, to: '2024-01-20' },
      statedOn: '2024-01-20',
    });
    const later = await figure({
      value: 40,
      qualifier: 'ABOUT',
      scope: { ...scope, to: '2024-02-20' },
      statedOn: '2024-02-20',
    });
    const other = await figure({
      value: 10,
      scope: { ...scope, provinceCodes: ['KH-12'], to: '2024-03-01' },
    });
    const rising = await figure({ value: 80, scope: { ...scope, to: '2024-03-20' } });
    for (const id of [earlier, later]) {
      const c = await check(id);
      expect(c.issues.map((i: any) => i.kind)).toEqual(['CUMULATIVE_DECREASE']);
      expect(c.issues[0].message).toBe(
        'A running total cannot shrink: “60” counts 60 from 1 November 2023 to 20 January 2024, but “about 40”, which counts the same and more from 1 November 2023 to 20 February 2024, counts 36–44.',
      );
      expect(c.issues[0].figures.map((f: any) => f.id)).toEqual([earlier, later]);
    }
    expect((await check(other)).issues).toEqual([]);
    expect((await check(rising)).issues).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown figure', async () => {
    const res = await t.gql(CHECK, { id: '00000000-0000-4000-8000-000000000000' });
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a negative value', { value: -1 }, 'value'],
    ['a tolerance above 1', { value: 10, qualifier: 'ABOUT', tolerance: 1.5 }, 'tolerance'],
    ['a negative tolerance', { value: 10, qualifier: 'ABOUT', tolerance: -0.1 }, 'tolerance'],
    ['FEWER_THAN 0', { value: 0, qualifier: 'FEWER_THAN' }, 'value'],
    [
      'a reversed scope',
      { value: 10, scope: { from: '2024-02-01', to: '2024-01-01' } },
      'scope.to',
    ],
    [
      'an unknown reason in the scope',
      { value: 10, scope: { reasonCodes: ['NOPE'] } },
      'scope.reasonCodes.0',
    ],
    [
      'neither a last day nor a statement day',
      { value: 10, scope: { from: '2024-01-01' }, statedOn: null },
      'scope.to',
    ],
  ])('refuses a figure with %s', async (_name, input, field) => {
    const res = await t.gql(
      CREATE,
      {
        input: {
          qualifier: 'EXACT',
          citation: { sourceId },
          scope: {},
          statedOn: '2024-01-23',
          ...input,
        },
      },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each([
    ['itself', (whole: string) => whole],
    ['one of its parts', (_whole: string, part: string) => part],
  ])('refuses to make a figure a part of %s (a cycle)', async (_name, pick) => {
    const whole = await figure({ value: 10, scope: {} });
    const part = await figure({ value: 5, parentId: whole, scope: {} });
    const res = await t.gql(
      `mutation($input: UpdateReportedFigureInput!) { updateReportedFigure(input: $input) { id } }`,
      { input: { id: whole, expectedVersion: 1, parentId: pick(whole, part) } },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
  });
});

describe('checks of the seeded CamboJA report (DOMAIN.md §5)', () => {
  let t: TestApp;
  let byValue: Record<number, any>;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
    const res = await t.gql(`{ reportedFigures(first: 10) { edges { node { id value check {
      claimed { min max } recorded { min max } independent { min max } verdict coverage coverageRange { min max }
      partsSummary issues { kind informational } } } } } }`);
    expect(res.errors).toBeUndefined();
    byValue = Object.fromEntries(
      res.data!.reportedFigures.edges.map((e: any) => [e.node.value, e.node.check]),
    );
  });
  afterAll(() => t.close());

  // The records cite the same report as the figures: none is independent of them (and none reaches them).
  it.each([
    [
      70,
      { min: 63, max: 77 },
      { min: 12, max: 12 },
      'UNDER_RECORDED',
      12 / 63,
      { min: 12 / 77, max: 12 / 63 },
    ],
    [40, { min: 40, max: 40 }, { min: 0, max: 0 }, 'UNDER_RECORDED', 0, { min: 0, max: 0 }],
    [30, { min: 27, max: 33 }, { min: 0, max: 0 }, 'UNDER_RECORDED', 0, { min: 0, max: 0 }],
  ])(
    'the %s: claimed %j, recorded %j, %s',
    (value, claimed, recorded, verdict, coverage, coverageRange) => {
      const c = byValue[value];
      expect(c.claimed).toEqual(claimed);
      expect(c.recorded).toEqual(recorded);
      expect(c.independent).toEqual({ min: 0, max: 0 });
      expect(c.verdict).toBe(verdict);
      expect(c.coverage).toBeCloseTo(coverage, 10);
      expect(c.coverageRange).toEqual(coverageRange);
    },
  );

  it('says the parts of the 70 may overlap (40 drug-positive, the rest internal rules): information, not an inconsistency', () => {
    expect(byValue[70].partsSummary).toBe(
      '40 + about 30 = 67–73; the parts may count the same actions, so they may add up to more than about 70 (63–77)',
    );
    expect(byValue[70].issues).toEqual([{ kind: 'PARTS_MAY_OVERLAP', informational: true }]);
    expect(byValue[40].partsSummary).toBeNull();
  });
});
