import { startTestApp, type TestApp } from './support/test-app.js';

/** Tallies (DOMAIN.md §2): one scenario per row, literal expected numbers. */

const TALLY = `query($filter: ActionFilter, $groupBy: [TallyDimension!]) {
  tally(filter: $filter, groupBy: $groupBy) {
    count range { min max } groupsOverlap multiReasonActions { min max }
    groups { count range { min max } key { actionType reason { code } province { code } rank { code } rankTier month year } }
  }
}`;

async function addAction(
  t: TestApp,
  key: string,
  sourceId: string,
  input: Record<string, unknown>,
): Promise<string> {
  const res = await t.gql(
    `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
    {
      input: {
        actionType: 'DISMISSAL',
        reasonCodes: ['DRUG_POSITIVE_TEST'],
        citations: [{ sourceId }],
        ...input,
      },
    },
    key,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createAction.id;
}

/** A compact group: "DISMISSAL|2024-01 = 2..2" style keys of the dimensions asked for. */
function compact(groups: any[]): string[] {
  return groups.map((g) => {
    const k = g.key;
    const parts = [
      k.actionType,
      k.reason?.code,
      k.province?.code,
      k.rank?.code,
      k.rankTier,
      k.year,
      k.month,
    ].filter((v) => v !== null && v !== undefined);
    return `${parts.join('|') || '-'} = ${g.range.min}..${g.range.max}`;
  });
}

describe('tally', () => {
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
    // A1 exact day, named-officer style (rank, senior officer)
    await addAction(t, editor, sourceId, {
      occurred: '2024-01-15',
      provinceCode: 'KH-12',
      rankCode: 'LT_COL',
    });
    // A2 month precision, two reasons
    await addAction(t, editor, sourceId, {
      occurred: '2024-01',
      provinceCode: 'KH-12',
      reasonCodes: ['DRUG_POSITIVE_TEST', 'CORRUPTION'],
    });
    // A3 year precision, a suspension
    await addAction(t, editor, sourceId, {
      occurred: '2024',
      provinceCode: 'KH-14',
      actionType: 'SUSPENSION',
      reasonCodes: ['CORRUPTION'],
    });
    // A4 a group of 10 whose range straddles the year boundary
    await addAction(t, editor, sourceId, {
      occurred: '2023-12-20/2024-01-10',
      provinceCode: 'KH-12',
      subjectCount: 10,
      reasonCodes: ['UNSPECIFIED'],
    });
    // A5 a group of 3, national, straddling February/March
    await addAction(t, editor, sourceId, {
      occurred: '2024-02-05/2024-03-10',
      subjectCount: 3,
      reasonCodes: ['ABSENCE'],
    });
    // A6 internal: editors and admins only
    await addAction(t, editor, sourceId, {
      occurred: '2024-01-20',
      provinceCode: 'KH-12',
      visibility: 'INTERNAL',
    });
    // A7 retracted
    const retracted = await addAction(t, editor, sourceId, {
      occurred: '2024-01-25',
      provinceCode: 'KH-12',
    });
    const r = await t.gql(
      `mutation($id: ID!) { retractAction(input: { id: $id, reason: "duplicate" }) { id } }`,
      { id: retracted },
      editor,
    );
    expect(r.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it.each([
    ['everything, anonymous', {}, false, 16, 16],
    [
      'January 2024: day and month certain, year and straddling group possible',
      { from: '2024-01-01', to: '2024-01-31' },
      false,
      2,
      13,
    ],
    ['one exact day', { from: '2024-01-15', to: '2024-01-15' }, false, 1, 3],
    [
      '2023: only the straddling group, possibly',
      { from: '2023-01-01', to: '2023-12-31' },
      false,
      0,
      10,
    ],
    [
      'February 2024: the year and the Feb/Mar group, possibly',
      { from: '2024-02-01', to: '2024-02-29' },
      false,
      0,
      4,
    ],
    ['all of 2024', { from: '2024-01-01', to: '2024-12-31' }, false, 6, 16],
    ['December 2023 to March 2024', { from: '2023-12-01', to: '2024-03-31' }, false, 15, 16],
    ['open start', { to: '2023-12-31' }, false, 0, 10],
    ['open end', { from: '2024-02-01' }, false, 3, 4],
    ['everything, editor (internal counted)', {}, true, 17, 17],
    ['January 2024, editor', { from: '2024-01-01', to: '2024-01-31' }, true, 3, 14],
    ['retracted included, anonymous', { includeRetracted: true }, false, 17, 17],
    ['retracted included, editor', { includeRetracted: true }, true, 18, 18],
    [
      'a multi-reason action counts once',
      { reasonCodes: ['CORRUPTION', 'DRUG_POSITIVE_TEST'] },
      false,
      3,
      3,
    ],
    ['by action type', { actionTypes: ['SUSPENSION'] }, false, 1, 1],
    ['by province', { provinceCodes: ['KH-14'] }, false, 1, 1],
    ['by rank tier', { rankTiers: ['SENIOR_OFFICER'] }, false, 1, 1],
    ['by rank', { rankCodes: ['LT_COL'] }, false, 1, 1],
  ])('%s', async (_name, filter, asEditor, min, max) => {
    const res = await t.gql(TALLY, { filter }, asEditor ? editor : undefined);
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally).toMatchObject({
      count: min,
      range: { min, max },
      groups: [],
      groupsOverlap: false,
      multiReasonActions: null,
    });
  });

  it.each([
    [
      'REASON: a multi-reason action in each of its groups',
      ['REASON'],
      {},
      false,
      ['ABSENCE = 3..3', 'CORRUPTION = 2..2', 'DRUG_POSITIVE_TEST = 2..2', 'UNSPECIFIED = 10..10'],
      [16, 16],
      true,
      { min: 1, max: 1 },
    ],
    [
      'REASON in January',
      ['REASON'],
      { from: '2024-01-01', to: '2024-01-31' },
      false,
      ['CORRUPTION = 1..2', 'DRUG_POSITIVE_TEST = 2..2', 'UNSPECIFIED = 0..10'],
      [2, 13],
      true,
      { min: 1, max: 1 },
    ],
    [
      "REASON limited to the filter's reasons",
      ['REASON'],
      { reasonCodes: ['CORRUPTION'] },
      false,
      ['CORRUPTION = 2..2'],
      [2, 2],
      false,
      { min: 0, max: 0 },
    ],
    [
      'REASON, editor',
      ['REASON'],
      {},
      true,
      ['ABSENCE = 3..3', 'CORRUPTION = 2..2', 'DRUG_POSITIVE_TEST = 3..3', 'UNSPECIFIED = 10..10'],
      [17, 17],
      true,
      { min: 1, max: 1 },
    ],
    [
      'MONTH: imprecise dates in unknown-month buckets, never guessed',
      ['MONTH'],
      {},
      false,
      ['2024|2024-01 = 2..2', '2024 = 4..4', '- = 10..10'],
      [16, 16],
      false,
      null,
    ],
    [
      'MONTH in January',
      ['MONTH'],
      { from: '2024-01-01', to: '2024-01-31' },
      false,
      ['2024|2024-01 = 2..2', '2024 = 0..1', '- = 0..10'],
      [2, 13],
      false,
      null,
    ],
    ['YEAR', ['YEAR'], {}, false, ['2024 = 6..6', '- = 10..10'], [16, 16], false, null],
    [
      'ACTION_TYPE',
      ['ACTION_TYPE'],
      {},
      false,
      ['DISMISSAL = 15..15', 'SUSPENSION = 1..1'],
      [16, 16],
      false,
      null,
    ],
    [
      'PROVINCE (null: national or unknown)',
      ['PROVINCE'],
      {},
      false,
      ['KH-12 = 12..12', 'KH-14 = 1..1', '- = 3..3'],
      [16, 16],
      false,
      null,
    ],
    ['RANK', ['RANK'], {}, false, ['LT_COL = 1..1', '- = 15..15'], [16, 16], false, null],
    [
      'RANK_TIER',
      ['RANK_TIER'],
      {},
      false,
      ['SENIOR_OFFICER = 1..1', '- = 15..15'],
      [16, 16],
      false,
      null,
    ],
    [
      'ACTION_TYPE and MONTH',
      ['ACTION_TYPE', 'MONTH'],
      {},
      false,
      [
        'DISMISSAL|2024|2024-01 = 2..2',
        'DISMISSAL|2024 = 3..3',
        'DISMISSAL = 10..10',
        'SUSPENSION|2024 = 1..1',
      ],
      [16, 16],
      false,
      null,
    ],
    [
      'PROVINCE and REASON',
      ['PROVINCE', 'REASON'],
      {},
      false,
      [
        'CORRUPTION|KH-12 = 1..1',
        'DRUG_POSITIVE_TEST|KH-12 = 2..2',
        'UNSPECIFIED|KH-12 = 10..10',
        'CORRUPTION|KH-14 = 1..1',
        'ABSENCE = 3..3',
      ],
      [16, 16],
      true,
      { min: 1, max: 1 },
    ],
  ])(
    'groups by %s',
    async (_name, groupBy, filter, asEditor, groups, [min, max], overlap, multi) => {
      const res = await t.gql(TALLY, { filter, groupBy }, asEditor ? editor : undefined);
      expect(res.errors).toBeUndefined();
      const tally = res.data!.tally;
      expect(compact(tally.groups)).toEqual(groups);
      expect(tally.range).toEqual({ min, max });
      expect(tally.groupsOverlap).toBe(overlap);
      expect(tally.multiReasonActions).toEqual(multi);
      for (const g of tally.groups) expect(g.count).toBe(g.range.min);
    },
  );

  it.each([
    ['a repeated dimension', { groupBy: ['MONTH', 'MONTH'] }, 'groupBy.1'],
    ['an unknown reason code', { filter: { reasonCodes: ['BRIBERY'] } }, 'filter.reasonCodes.0'],
    [
      'an unknown province code',
      { filter: { provinceCodes: ['KH-99'] } },
      'filter.provinceCodes.0',
    ],
    ['an unknown rank code', { filter: { rankCodes: ['ADMIRAL'] } }, 'filter.rankCodes.0'],
    ['a reversed period', { filter: { from: '2024-02-01', to: '2024-01-01' } }, 'filter.to'],
    ['an empty list', { filter: { actionTypes: [] } }, 'filter.actionTypes'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, vars, field) => {
    const res = await t.gql(TALLY, vars);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each([
    ['an unknown dimension', { groupBy: ['WEEKDAY'] }, 'WEEKDAY'],
    ['a day that does not exist', { filter: { from: '2024-02-30' } }, '2024-02-30'],
  ])('refuses %s in the variables with BAD_USER_INPUT', async (_name, vars, named) => {
    const res = await t.gql(TALLY, vars);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toEqual(expect.any(String));
    expect(res.errors![0].message).toContain(named);
  });
});

describe('tally of an empty database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['no grouping', []],
    ['by reason', ['REASON']],
    ['by month', ['MONTH']],
  ])('is zero with no groups (%s)', async (_name, groupBy) => {
    const res = await t.gql(TALLY, { groupBy, filter: { from: '2024-01-01', to: '2024-12-31' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally).toMatchObject({
      count: 0,
      range: { min: 0, max: 0 },
      groups: [],
      groupsOverlap: false,
    });
  });
});

describe('tally of the seeded CamboJA report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
  });
  afterAll(() => t.close());

  it.each([
    [
      'the campaign, by month',
      { actionTypes: ['DISMISSAL'], from: '2023-11-01', to: '2024-01-23' },
      ['MONTH'],
      [12, 12],
      ['2023|2023-12 = 1..1', '2024|2024-01 = 1..1', '- = 10..10'],
    ],
    ['January 2024 only', { from: '2024-01-01', to: '2024-01-31' }, [], [1, 11], []],
    ['by province', {}, ['PROVINCE'], [12, 12], ['KH-12 = 10..10', 'KH-14 = 1..1', '- = 1..1']],
  ])('%s', async (_name, filter, groupBy, [min, max], groups) => {
    const res = await t.gql(TALLY, { filter, groupBy });
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally.range).toEqual({ min, max });
    expect(compact(res.data!.tally.groups)).toEqual(groups);
  });
});
