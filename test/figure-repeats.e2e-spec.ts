import { startTestApp, type TestApp } from './support/test-app.js';
import { download, readCsv } from './fixtures/exchange.js';

/**
 * Issue 17, items 3 and 4: repeated statements, and when a figure became verifiable. A campaign in
 * Siem Reap (KH-17), apart from the seeded report's provinces, with literal numbers. Dismissals:
 *   X 2024-01-20, 3 officers, cites the January report  (published 2024-02-10)
 *   W 2024-02-28, 1 officer,  cites Kiripost's repeat   (published 2024-03-02)
 *   Y 2024-02-20, 2 officers, cites the April report    (published 2024-04-15)
 *   Z 2024-02-25, 1 officer,  cites the June report     (published 2024-06-05)
 * Figures:
 *   orig   the ministry: "about 7 dismissed since 1 January" (6-8), stated 2024-03-01
 *   rep    Kiripost repeats it, stated 2024-03-02 (its source is Kiripost's article)
 *   part   the ministry: "4 in January", a part of orig, stated 2024-02-15
 *   partr  Khmer Times repeats the part, stated 2024-05-01
 *   later  the ministry: "5 dismissed since 1 January", stated 2024-07-01: a running total that shrank
 */

const FIGURE = `id value statedOn repeats { id } repeatedBy { id }`;
const CHECK = `claimed { min max } recorded { min max } independent { min max } verdict
  issues { kind figures { id } } partsSummary`;

describe('repeated statements and when a figure became verifiable (issue 17, items 3 and 4)', () => {
  let t: TestApp;
  let editor: string;
  const src: Record<string, string> = {};
  const fig: Record<string, string> = {};

  async function gqlOk(query: string, variables: Record<string, unknown> = {}, key?: string) {
    const res = await t.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  async function source(key: string, title: string, publisher: string, publishedOn: string) {
    const d = await gqlOk(
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      { i: { title, publisher, kind: 'NEWS_ARTICLE', publishedOn } },
      editor,
    );
    src[key] = d.createSource.id;
  }

  async function action(occurred: string, subjectCount: number, sourceKey: string) {
    await gqlOk(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
      {
        i: {
          actionType: 'DISMISSAL',
          reasonCodes: ['UNSPECIFIED'],
          occurred,
          subjectCount,
          subjectDescription: `${subjectCount} officers of Siem Reap`,
          provinceCode: 'KH-17',
          citations: [{ sourceId: src[sourceKey] }],
        },
      },
      editor,
    );
  }

  function createFigure(input: Record<string, unknown>) {
    return t.gql(
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { ${FIGURE} } }`,
      { i: input },
      editor,
    );
  }

  async function figure(key: string, input: Record<string, unknown>, sourceKey = 'ministry') {
    const res = await createFigure({
      qualifier: 'EXACT',
      scope: { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-17'], from: '2024-01-01' },
      citation: { sourceId: src[sourceKey], excerpt: key },
      ...input,
    });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    fig[key] = res.data!.createReportedFigure.id;
  }

  async function setRepeats(key: string, repeatsId: string | null) {
    const { reportedFigure } = await gqlOk(
      `query($id: ID!) { reportedFigure(id: $id) { version } }`,
      {
        id: fig[key],
      },
    );
    return t.gql(
      `mutation($i: UpdateReportedFigureInput!) { updateReportedFigure(input: $i) { ${FIGURE} } }`,
      { i: { id: fig[key], expectedVersion: reportedFigure.version, repeatsId } },
      editor,
    );
  }

  async function check(key: string) {
    const d = await gqlOk(`query($id: ID!) { checkFigure(id: $id) { ${CHECK} } }`, {
      id: fig[key],
    });
    return d.checkFigure;
  }

  const issuesOf = (c: { issues: { kind: string; figures: { id: string }[] }[] }) =>
    c.issues.map((i) => `${i.kind}:${i.figures.map((f) => name(f.id)).join(',')}`);
  const name = (id: string) => Object.entries(fig).find(([, v]) => v === id)?.[0] ?? id;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    await source('ministry', 'Press statement', 'Ministry of Interior', '2024-03-01');
    await source('kiripost', 'Siem Reap police purge', 'Kiripost', '2024-03-02');
    await source('khmerTimes', 'Purge in January', 'Khmer Times', '2024-05-01');
    await source('january', 'January dismissals', 'CamboJA', '2024-02-10');
    await source('april', 'More dismissals', 'VOD', '2024-04-15');
    await source('june', 'A sixth officer', 'RFA', '2024-06-05');
    await action('2024-01-20', 3, 'january');
    await action('2024-02-28', 1, 'kiripost');
    await action('2024-02-20', 2, 'april');
    await action('2024-02-25', 1, 'june');
    await figure('orig', {
      value: 7,
      qualifier: 'ABOUT',
      statedOn: '2024-03-01',
      statedBy: 'Ministry of Interior',
    });
    await figure(
      'rep',
      {
        value: 7,
        qualifier: 'ABOUT',
        statedOn: '2024-03-02',
        statedBy: 'Ministry of Interior',
        repeatsId: fig.orig,
      },
      'kiripost',
    );
    await figure('part', {
      value: 4,
      statedOn: '2024-02-15',
      parentId: fig.orig,
      scope: {
        actionTypes: ['DISMISSAL'],
        provinceCodes: ['KH-17'],
        from: '2024-01-01',
        to: '2024-01-31',
      },
    });
    await figure(
      'partr',
      {
        value: 4,
        statedOn: '2024-05-01',
        parentId: fig.orig,
        repeatsId: fig.part,
        scope: {
          actionTypes: ['DISMISSAL'],
          provinceCodes: ['KH-17'],
          from: '2024-01-01',
          to: '2024-01-31',
        },
      },
      'khmerTimes',
    );
    await figure('later', { value: 5, statedOn: '2024-07-01' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('records a repeat and answers it both ways', async () => {
    const d = await gqlOk(
      `query($a: ID!, $b: ID!) { a: reportedFigure(id: $a) { ${FIGURE} } b: reportedFigure(id: $b) { ${FIGURE} } }`,
      {
        a: fig.orig,
        b: fig.rep,
      },
    );
    expect(d.a.repeats).toBeNull();
    expect(d.a.repeatedBy.map((f: { id: string }) => f.id)).toEqual([fig.rep]);
    expect(d.b.repeats).toEqual({ id: fig.orig });
    expect(d.b.repeatedBy).toEqual([]);
  });

  it('refuses a repeat of itself, of an unknown figure, of a repeat, a cycle, and an original with repeats becoming a repeat', async () => {
    const refusal = (res: Awaited<ReturnType<typeof setRepeats>>) => ({
      data: res.data ?? null,
      ...res.errors![0].extensions,
    });
    expect(refusal(await setRepeats('rep', fig.rep))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'repeatsId',
      reason: 'SELF',
    });
    expect(
      refusal(await setRepeats('later', '00000000-0000-4000-8000-000000000000')),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'repeatsId' });
    expect(refusal(await setRepeats('later', 'not-an-id'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'repeatsId',
    });
    expect(refusal(await setRepeats('orig', fig.rep))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'repeatsId',
      reason: 'CYCLE',
    });
    expect(refusal(await setRepeats('orig', fig.later))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'repeatsId',
      reason: 'HAS_REPEATS',
    });
    const chain = await createFigure({
      value: 7,
      qualifier: 'ABOUT',
      statedOn: '2024-03-03',
      scope: { provinceCodes: ['KH-17'] },
      citation: { sourceId: src.kiripost },
      repeatsId: fig.rep,
    });
    expect(chain.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'repeatsId',
      reason: 'REPEAT_OF_REPEAT',
      originalId: fig.orig,
    });
    expect(chain.errors![0].message).toContain(fig.orig);
    // Nothing changed: the refusals wrote nothing.
    const d = await gqlOk(
      `query($id: ID!) { reportedFigure(id: $id) { version repeats { id } } }`,
      { id: fig.orig },
    );
    expect(d.reportedFigure).toEqual({ version: 1, repeats: null });
    // Cleared and set again: versioned, as any change of a figure.
    expect((await setRepeats('rep', null)).data!.updateReportedFigure.repeats).toBeNull();
    expect((await setRepeats('rep', fig.orig)).data!.updateReportedFigure.repeats).toEqual({
      id: fig.orig,
    });
    const history = await gqlOk(`query($id: ID!) { reportedFigure(id: $id) { version } }`, {
      id: fig.rep,
    });
    expect(history.reportedFigure.version).toBe(3);
  });

  it('compares only independent statements: a repeat is neither a second contradiction nor a second part', async () => {
    // "5 since 1 January" on 1 July shrinks the running total "about 7" of 1 March: one issue, not one per outlet.
    expect(issuesOf(await check('later'))).toEqual(['CUMULATIVE_DECREASE:orig,later']);
    expect(issuesOf(await check('orig'))).toEqual(['CUMULATIVE_DECREASE:orig,later']);
    // The repeat carries the statement's issue, the same one.
    expect(issuesOf(await check('rep'))).toEqual(['CUMULATIVE_DECREASE:orig,later']);
    // The part reported twice is one part: 4 within about 7, not 4 + 4.
    expect((await check('orig')).partsSummary).toBe(
      '4, within about 7 (6–8); the parts are not said to make up the whole',
    );
    expect(issuesOf(await check('part'))).toEqual([]);
  });

  it('counts records citing any outlet of the statement as not independent of it', async () => {
    const orig = await check('orig');
    expect(orig).toMatchObject({
      claimed: { min: 6, max: 8 },
      recorded: { min: 7, max: 7 },
      independent: { min: 6, max: 6 },
      verdict: 'CORROBORATED',
    });
    // W cites Kiripost, which repeated the ministry's figure: not independent of the repeat either.
    expect(await check('rep')).toMatchObject({
      recorded: { min: 7, max: 7 },
      independent: { min: 6, max: 6 },
      verdict: 'CORROBORATED',
    });
  });

  it('shows repeats together with their original in the timeline, across pages', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const d = await gqlOk(
        `query($after: String) { reportedFigures(first: 2, after: $after, orderBy: STATED_ON, scope: { provinceCodes: ["KH-17"] }) {
          edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      ids.push(...d.reportedFigures.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!d.reportedFigures.pageInfo.hasNextPage) break;
      after = d.reportedFigures.pageInfo.endCursor;
    }
    expect(ids.map(name)).toEqual(['part', 'partr', 'orig', 'rep', 'later']);
  });

  it('checks a figure as stated: only records published by the day it was stated', async () => {
    const d = await gqlOk(
      `query($id: ID!) { reportedFigure(id: $id) { checkAsStated { ${CHECK} } check { verdict } } }`,
      { id: fig.orig },
    );
    // On 1 March only the January report (3 officers) was public: 3 of about 7.
    expect(d.reportedFigure.checkAsStated).toMatchObject({
      recorded: { min: 3, max: 3 },
      independent: { min: 3, max: 3 },
      verdict: 'UNDER_RECORDED',
    });
    expect(d.reportedFigure.check.verdict).toBe('CORROBORATED');
    // The repeat, stated a day later: Kiripost's own article (W) was out, but it is the statement's source.
    const r = await gqlOk(
      `query($id: ID!) { reportedFigure(id: $id) { checkAsStated { ${CHECK} } } }`,
      { id: fig.rep },
    );
    expect(r.reportedFigure.checkAsStated).toMatchObject({
      recorded: { min: 4, max: 4 },
      independent: { min: 3, max: 3 },
      verdict: 'UNDER_RECORDED',
    });
  });

  it('draws the verdict by publication month from the statement to today', async () => {
    const d = await gqlOk(
      `query($id: ID!) { reportedFigure(id: $id) { verdictTimeline(interval: MONTH) { period until verdict recorded { min max } independent { min max } } } }`,
      { id: fig.orig },
    );
    const points = d.reportedFigure.verdictTimeline as {
      period: string;
      until: string;
      verdict: string;
      recorded: { min: number; max: number };
      independent: { min: number; max: number };
    }[];
    const line = (p: (typeof points)[number]) =>
      `${p.period} ${p.until} ${p.verdict} ${p.recorded.min}-${p.recorded.max} ${p.independent.min}-${p.independent.max}`;
    expect(points.slice(0, 5).map(line)).toEqual([
      '2024-03 2024-03-31 UNDER_RECORDED 4-4 3-3',
      '2024-04 2024-04-30 INCONCLUSIVE 6-6 5-5',
      '2024-05 2024-05-31 INCONCLUSIVE 6-6 5-5',
      '2024-06 2024-06-30 CORROBORATED 7-7 6-6',
      '2024-07 2024-07-31 CORROBORATED 7-7 6-6',
    ]);
    // Every month since, to the current one, cut at today.
    const today = new Date().toISOString().slice(0, 10);
    const now = new Date();
    const months = (now.getUTCFullYear() - 2024) * 12 + now.getUTCMonth() - 2 + 1;
    expect(points).toHaveLength(months);
    expect(points[points.length - 1]).toMatchObject({
      period: today.slice(0, 7),
      until: today,
      verdict: 'CORROBORATED',
    });
    expect(new Set(points.slice(3).map((p) => p.verdict))).toEqual(new Set(['CORROBORATED']));
    const years = await gqlOk(
      `query($id: ID!) { reportedFigure(id: $id) { verdictTimeline(interval: YEAR) { period until verdict } } }`,
      { id: fig.orig },
    );
    expect(years.reportedFigure.verdictTimeline[0]).toEqual({
      period: '2024',
      until: '2024-12-31',
      verdict: 'CORROBORATED',
    });
  });

  it('refuses more periods than the interval allows, and prices the field per period', async () => {
    const days = await t.gql(
      `query($id: ID!) { reportedFigure(id: $id) { verdictTimeline(interval: DAY) { period } } }`,
      { id: fig.orig },
    );
    expect(days.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'interval',
      reason: 'TOO_MANY_PERIODS',
      maxPeriods: 92,
    });
    const weeks = await t.gql(
      `query($id: ID!) { reportedFigure(id: $id) { verdictTimeline(interval: WEEK) { period } } }`,
      { id: fig.orig },
    );
    expect(weeks.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'interval',
      reason: 'TOO_MANY_PERIODS',
      maxPeriods: 104,
    });
    // 400 + 120 periods x 40 = 5,200 points a timeline by month: two fit, a page of five does not.
    const two = await t.gql(
      `query($a: ID!, $b: ID!) { a: reportedFigure(id: $a) { verdictTimeline(interval: MONTH) { verdict } } b: reportedFigure(id: $b) { verdictTimeline(interval: YEAR) { verdict } } }`,
      { a: fig.orig, b: fig.rep },
    );
    expect(two.errors).toBeUndefined();
    const page = await t.gql(
      `{ reportedFigures(first: 5) { edges { node { verdictTimeline(interval: MONTH) { verdict } } } } }`,
    );
    expect(page.data).toBeUndefined();
    expect(page.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxCost',
      max: 10000,
    });
  });

  it('exports repeats_id in figures.csv', async () => {
    const res = await download(t, '/exports/figures.csv');
    expect(res.status).toBe(200);
    const rows = readCsv(res.text);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(fig.rep)!.repeats_id).toBe(fig.orig);
    expect(byId.get(fig.partr)!.repeats_id).toBe(fig.part);
    expect(byId.get(fig.orig)!.repeats_id).toBe('');
  });
});
