import { startTestApp, type TestApp } from './support/test-app.js';

/** Fact checks of published figures (DOMAIN.md §3): every qualifier, each verdict, each issue. */

const CHECK = `query($id: ID!) {
  checkFigure(id: $id) {
    figure { id value } claimed { min max } recorded { min max } verdict coverage partsSummary
    issues { kind message figures { id value } }
    actions(first: 10) { totalCount edges { node { occurred subjectCount } } }
  }
}`;

const CREATE = `mutation($input: CreateReportedFigureInput!) { createReportedFigure(input: $input) { id version } }`;

describe('checkFigure', () => {
  let t: TestApp;
  let editor: string;
  let sourceId: string;

  async function figure(input: Record<string, unknown>): Promise<string> {
    const res = await t.gql(CREATE, { input: { qualifier: 'EXACT', citation: { sourceId }, ...input } }, editor);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReportedFigure.id;
  }

  async function action(input: Record<string, unknown>): Promise<void> {
    const res = await t.gql(
      `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
      { input: { actionType: 'DISMISSAL', provinceCode: 'KH-12', reasonCodes: ['UNSPECIFIED'], citations: [{ sourceId }], ...input } },
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
  const SCOPE = { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-12'], from: '2024-01-01', to: '2024-01-20' };

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const src = await t.gql(`mutation { createSource(input: { title: "T", publisher: "P" }) { id } }`, {}, editor);
    sourceId = src.data!.createSource.id;
    await action({ occurred: '2024-01-10', subjectCount: 10 });
    await action({ occurred: '2024-01', subjectCount: 5 });
    await action({ occurred: '2024-01-12', subjectCount: 7, visibility: 'INTERNAL' });
    await action({ occurred: '2024-01-05', provinceCode: 'KH-14' }); // outside the scope
  });
  afterAll(() => t.close());

  it.each([
    ['EXACT inside R', 12, 'EXACT', null, { min: 12, max: 12 }, 'CORROBORATED', null],
    ['EXACT above R', 20, 'EXACT', null, { min: 20, max: 20 }, 'UNDER_RECORDED', 0.75],
    ['EXACT below R', 8, 'EXACT', null, { min: 8, max: 8 }, 'CONTRADICTED', null],
    ['ABOUT with 20 % above R', 20, 'ABOUT', 0.2, { min: 16, max: 24 }, 'UNDER_RECORDED', 0.9375],
    ['ABOUT 70, default 10 %', 70, 'ABOUT', null, { min: 63, max: 77 }, 'UNDER_RECORDED', 15 / 63],
    ['ABOUT touching R', 9, 'ABOUT', 0.1, { min: 8, max: 10 }, 'CORROBORATED', null],
    ['ABOUT with tolerance 0', 16, 'ABOUT', 0, { min: 16, max: 16 }, 'UNDER_RECORDED', 15 / 16],
    ['AT_LEAST (unbounded)', 15, 'AT_LEAST', null, { min: 15, max: null }, 'CORROBORATED', null],
    ['MORE_THAN', 15, 'MORE_THAN', null, { min: 16, max: null }, 'UNDER_RECORDED', 15 / 16],
    ['AT_MOST below R', 9, 'AT_MOST', null, { min: 0, max: 9 }, 'CONTRADICTED', null],
    ['AT_MOST inside R', 10, 'AT_MOST', null, { min: 0, max: 10 }, 'CORROBORATED', null],
    ['FEWER_THAN', 11, 'FEWER_THAN', null, { min: 0, max: 10 }, 'CORROBORATED', null],
    ['FEWER_THAN below R', 10, 'FEWER_THAN', null, { min: 0, max: 9 }, 'CONTRADICTED', null],
  ])('%s: %s %s', async (_name, value, qualifier, tolerance, claimed, verdict, coverage) => {
    const id = await figure({ value, qualifier, ...(tolerance === null ? {} : { tolerance }), scope: SCOPE });
    const c = await check(id);
    expect(c.claimed).toEqual(claimed);
    expect(c.recorded).toEqual({ min: 10, max: 15 });
    expect(c.verdict).toBe(verdict);
    if (coverage === null) expect(c.coverage).toBeNull();
    else expect(c.coverage).toBeCloseTo(coverage, 10);
    expect(c.issues).toEqual([]);
  });

  it.each([
    ['anonymous: internal records not counted', false, { min: 10, max: 15 }, 'UNDER_RECORDED'],
    ['editor: internal records counted', true, { min: 17, max: 22 }, 'CORROBORATED'],
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
    expect(c.actions.edges.map((e: any) => `${e.node.occurred} ${e.node.subjectCount}`).sort()).toEqual(['2024-01 5', '2024-01-10 10']);
  });

  it('reports PARTS_EXCEED_WHOLE on the whole and on each part', async () => {
    const whole = await figure({ value: 50, scope: { actionTypes: ['DEMOTION'] } });
    const a = await figure({ value: 30, qualifier: 'AT_LEAST', parentId: whole, scope: { actionTypes: ['DEMOTION'], reasonCodes: ['CORRUPTION'] } });
    const b = await figure({ value: 25, parentId: whole, scope: { actionTypes: ['DEMOTION'], reasonCodes: ['ABSENCE'] } });
    for (const id of [whole, a, b]) {
      const c = await check(id);
      expect(c.issues.map((i: any) => i.kind)).toEqual(['PARTS_EXCEED_WHOLE']);
      expect(c.issues[0].message).toContain('at least 55');
      expect(c.issues[0].message).toContain('at most 50');
      expect(c.issues[0].figures.map((f: any) => f.id)).toEqual([whole, a, b]);
    }
  });

  it('reports PARTS_DO_NOT_SUM for exhaustive parts that fall short', async () => {
    const whole = await figure({ value: 100, qualifier: 'ABOUT', partsAreExhaustive: true, scope: { actionTypes: ['TRANSFER'] } });
    const a = await figure({ value: 40, parentId: whole, scope: { actionTypes: ['TRANSFER'], reasonCodes: ['CORRUPTION'] } });
    const b = await figure({ value: 30, qualifier: 'ABOUT', parentId: whole, scope: { actionTypes: ['TRANSFER'], reasonCodes: ['ABSENCE'] } });
    const c = await check(whole);
    expect(c.issues.map((i: any) => i.kind)).toEqual(['PARTS_DO_NOT_SUM']);
    expect(c.issues[0].message).toContain('40 + about 30 = 67–73');
    expect(c.issues[0].message).toContain('about 100 (90–110)');
    expect(c.partsSummary).toBe('40 + about 30 = 67–73, inconsistent with about 100 (90–110)');
    expect((await check(b)).issues.map((i: any) => i.kind)).toEqual(['PARTS_DO_NOT_SUM']);
    expect((await check(a)).issues[0].figures.map((f: any) => f.id)).toEqual([whole, a, b]);
  });

  it('does not report PARTS_DO_NOT_SUM when the parts are not meant to be exhaustive', async () => {
    const whole = await figure({ value: 100, qualifier: 'ABOUT', scope: { actionTypes: ['WARNING'] } });
    await figure({ value: 40, parentId: whole, scope: { actionTypes: ['WARNING'], reasonCodes: ['CORRUPTION'] } });
    const c = await check(whole);
    expect(c.issues).toEqual([]);
    expect(c.partsSummary).toBe('40, within about 100 (90–110); the parts are not said to make up the whole');
  });

  it('reports CUMULATIVE_DECREASE between totals of the same scope as of later days', async () => {
    const scope = { actionTypes: ['SALARY_CUT'], from: '2023-11-01' };
    const earlier = await figure({ value: 60, scope: { ...scope, to: '2024-01-20' }, statedOn: '2024-01-20' });
    const later = await figure({ value: 40, qualifier: 'ABOUT', scope: { ...scope, to: '2024-02-20' }, statedOn: '2024-02-20' });
    const other = await figure({ value: 10, scope: { ...scope, provinceCodes: ['KH-12'], to: '2024-03-01' } });
    const rising = await figure({ value: 80, scope: { ...scope, to: '2024-03-20' } });
    for (const id of [earlier, later]) {
      const c = await check(id);
      expect(c.issues.map((i: any) => i.kind)).toEqual(['CUMULATIVE_DECREASE']);
      expect(c.issues[0].message).toContain('60 as of 2024-01-20');
      expect(c.issues[0].message).toContain('about 40 as of 2024-02-20 (36–44)');
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
    ['a reversed scope', { value: 10, scope: { from: '2024-02-01', to: '2024-01-01' } }, 'scope.to'],
    ['an unknown reason in the scope', { value: 10, scope: { reasonCodes: ['NOPE'] } }, 'scope.reasonCodes.0'],
  ])('refuses a figure with %s', async (_name, input, field) => {
    const res = await t.gql(CREATE, { input: { qualifier: 'EXACT', citation: { sourceId }, scope: {}, ...input } }, editor);
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
      claimed { min max } recorded { min max } verdict coverage partsSummary issues { kind } } } } } }`);
    expect(res.errors).toBeUndefined();
    byValue = Object.fromEntries(res.data!.reportedFigures.edges.map((e: any) => [e.node.value, e.node.check]));
  });
  afterAll(() => t.close());

  it.each([
    [70, { min: 63, max: 77 }, { min: 12, max: 12 }, 'UNDER_RECORDED', 12 / 63],
    [40, { min: 40, max: 40 }, { min: 0, max: 0 }, 'UNDER_RECORDED', 0],
    [30, { min: 27, max: 33 }, { min: 0, max: 0 }, 'UNDER_RECORDED', 0],
  ])('the %s: claimed %j, recorded %j, %s', (value, claimed, recorded, verdict, coverage) => {
    const c = byValue[value];
    expect(c.claimed).toEqual(claimed);
    expect(c.recorded).toEqual(recorded);
    expect(c.verdict).toBe(verdict);
    expect(c.coverage).toBeCloseTo(coverage, 10);
    expect(c.issues).toEqual([]);
  });

  it('says the parts are consistent with the 70', () => {
    expect(byValue[70].partsSummary).toBe('40 + about 30 = 67–73, consistent with about 70 (63–77)');
    expect(byValue[40].partsSummary).toBeNull();
  });
});
