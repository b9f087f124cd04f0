import { startTestApp, type TestApp } from './support/test-app.js';

/** Running totals (DOMAIN.md §2): cumulative min/max per period, empty periods present. */

const RUNNING = `query($filter: ActionFilter, $interval: Interval!) {
  runningTotals(filter: $filter, interval: $interval) { period count cumulative { min max } }
}`;
const TALLY = `query($filter: ActionFilter) { tally(filter: $filter) { range { min max } } }`;

async function addAction(
  t: TestApp,
  key: string,
  sourceId: string,
  input: Record<string, unknown>,
): Promise<void> {
  const res = await t.gql(
    `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
    {
      input: {
        actionType: 'DISMISSAL',
        reasonCodes: ['UNSPECIFIED'],
        citations: [{ sourceId }],
        ...input,
      },
    },
    key,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

/** "2024-01 3 3..7": period, count, cumulative min..max. */
function compact(
  points: { period: string; count: number; cumulative: { min: number; max: number } }[],
): string[] {
  return points.map((p) => `${p.period} ${p.count} ${p.cumulative.min}..${p.cumulative.max}`);
}

describe('runningTotals', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const src = await t.gql(
      `mutation { createSource(input: { title: "T", publisher: "P" }) { id } }`,
      {},
      editor,
    );
    const sourceId = src.data!.createSource.id as string;
    await addAction(t, editor, sourceId, { occurred: '2024-01-15' }); // B1: 1, exact day (Monday of ISO week 3)
    await addAction(t, editor, sourceId, { occurred: '2024-01', subjectCount: 2 }); // B2: 2, month precision
    await addAction(t, editor, sourceId, { occurred: '2024-01-30/2024-02-02', subjectCount: 4 }); // B3: 4, straddles Jan/Feb
    await addAction(t, editor, sourceId, { occurred: '2024-04-10', subjectCount: 8 }); // B4: 8, after an empty March
    await addAction(t, editor, sourceId, {
      occurred: '2024-03-05',
      subjectCount: 16,
      visibility: 'INTERNAL',
    }); // B5: editors only
  });
  afterAll(() => t.close());

  it.each([
    [
      'MONTH, with an empty March',
      'MONTH',
      {},
      false,
      ['2024-01 3 3..7', '2024-02 0 7..7', '2024-03 0 7..7', '2024-04 8 15..15'],
    ],
    [
      'MONTH, editor (internal counted)',
      'MONTH',
      {},
      true,
      ['2024-01 3 3..7', '2024-02 0 7..7', '2024-03 16 23..23', '2024-04 8 31..31'],
    ],
    ['YEAR', 'YEAR', {}, false, ['2024 15 15..15']],
    [
      'MONTH up to 20 January: the last period is cut at `to`',
      'MONTH',
      { to: '2024-01-20' },
      false,
      ['2024-01 1 1..3'],
    ],
    [
      'DAY across the straddling group, from/to given',
      'DAY',
      { from: '2024-01-30', to: '2024-02-01' },
      false,
      ['2024-01-30 0 0..6', '2024-01-31 0 0..6', '2024-02-01 0 0..6'],
    ],
    [
      'DAY around the exact day',
      'DAY',
      { from: '2024-01-14', to: '2024-01-16', actionTypes: ['DISMISSAL'] },
      false,
      ['2024-01-14 0 0..2', '2024-01-15 1 1..3', '2024-01-16 0 1..3'],
    ],
    [
      'MONTH from February: earlier possible actions start the series',
      'MONTH',
      { from: '2024-02-01' },
      false,
      ['2024-02 0 0..4', '2024-03 0 0..4', '2024-04 8 8..12'],
    ],
    ['nothing matches', 'MONTH', { provinceCodes: ['KH-14'] }, false, []],
  ])('%s', async (_name, interval, filter, asEditor, expected) => {
    const res = await t.gql(RUNNING, { filter, interval }, asEditor ? editor : undefined);
    expect(res.errors).toBeUndefined();
    expect(compact(res.data!.runningTotals)).toEqual(expected);
  });

  it('has every ISO week from the first to the last, empty ones included', async () => {
    const res = await t.gql(RUNNING, { interval: 'WEEK' });
    expect(res.errors).toBeUndefined();
    const points = compact(res.data!.runningTotals);
    expect(points).toHaveLength(15);
    expect(points[0]).toBe('2024-W01 0 0..2');
    expect(points[2]).toBe('2024-W03 1 1..3');
    expect(points[4]).toBe('2024-W05 4 7..7');
    expect(points[9]).toBe('2024-W10 0 7..7');
    expect(points[14]).toBe('2024-W15 8 15..15');
  });

  it.each([
    ['MONTH', { from: '2024-01-10', to: '2024-03-31' }],
    ['WEEK', { from: '2024-01-20' }],
    ['DAY', { to: '2024-02-01' }],
  ])('ends, by %s, on the tally of the same filter', async (interval, filter) => {
    const [running, tally] = await Promise.all([
      t.gql(RUNNING, { filter, interval }),
      t.gql(TALLY, { filter }),
    ]);
    const points = running.data!.runningTotals;
    expect(points.length).toBeGreaterThan(0);
    expect(points[points.length - 1].cumulative).toEqual(tally.data!.tally.range);
  });

  it.each([
    [
      'a reversed period',
      { interval: 'MONTH', filter: { from: '2024-03-01', to: '2024-01-01' } },
      'filter.to',
    ],
    [
      'an unknown reason',
      { interval: 'MONTH', filter: { reasonCodes: ['NOPE'] } },
      'filter.reasonCodes.0',
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_name, vars, field) => {
    const res = await t.gql(RUNNING, vars);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses an unknown interval with BAD_USER_INPUT', async () => {
    const res = await t.gql(RUNNING, { interval: 'FORTNIGHT' });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('FORTNIGHT');
  });
});

describe('runningTotals of an empty database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(['DAY', 'WEEK', 'MONTH', 'YEAR'])('is an empty list by %s', async (interval) => {
    const res = await t.gql(RUNNING, {
      interval,
      filter: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runningTotals).toEqual([]);
  });
});

describe('runningTotals of the seeded CamboJA report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
  });
  afterAll(() => t.close());

  it('shows the campaign month by month, its uncertainty closing on 23 January', async () => {
    const res = await t.gql(RUNNING, {
      interval: 'MONTH',
      filter: { actionTypes: ['DISMISSAL'], from: '2023-11-01', to: '2024-01-23' },
    });
    expect(compact(res.data!.runningTotals)).toEqual([
      '2023-11 0 0..10',
      '2023-12 1 1..11',
      '2024-01 1 12..12',
    ]);
  });
});
