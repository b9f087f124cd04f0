import { startTestApp, type TestApp } from './support/test-app.js';
import { combinations, loadCountingFixture, type CountingFixture } from './fixtures/counting.js';

/**
 * Generated, not listed: `tally` over every combination of one, two and three dimensions and
 * `runningTotals` over every interval, each with no filter, a period filter and `asRecordedAt`, for
 * an anonymous caller and an editor. No combination may fail; groups that cannot overlap add up to
 * the total exactly (min and max); a running total ends at the tally of the same filter.
 */

const DIMENSIONS = [
  'ACTION_TYPE',
  'REASON',
  'PROVINCE',
  'RANK',
  'RANK_TIER',
  'MONTH',
  'YEAR',
  'AGENCY',
] as const;
const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

const TALLY = `query($filter: ActionFilter, $groupBy: [TallyDimension!], $at: DateTime) {
  tally(filter: $filter, groupBy: $groupBy, asRecordedAt: $at) {
    count range { min max } groupsOverlap
    groups { count range { min max } key { actionType reason { code } province { code } rank { code } rankTier month year agency { code } } }
  }
}`;
const RUNNING = `query($filter: ActionFilter, $interval: Interval!, $at: DateTime) {
  runningTotals(filter: $filter, interval: $interval, asRecordedAt: $at) { period count cumulative { min max } }
}`;

type Range = { min: number; max: number };

describe('tally and runningTotals over every combination', () => {
  let t: TestApp;
  let editor: string;
  let fixture: CountingFixture;
  const saved = process.env.RATE_LIMIT_ANONYMOUS;
  beforeAll(async () => {
    // 92 groupings x 4 variants: about 370 anonymous requests in well under a minute, above the default 300.
    process.env.RATE_LIMIT_ANONYMOUS = '1000';
    t = await startTestApp();
    editor = await t.key('EDITOR');
    fixture = await loadCountingFixture(t, editor);
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.RATE_LIMIT_ANONYMOUS;
    else process.env.RATE_LIMIT_ANONYMOUS = saved;
    await t.close();
  });

  const variants = () => [
    { name: 'no filter', filter: {}, at: null },
    { name: 'a period', filter: { from: '2024-01-01', to: '2024-02-29' }, at: null },
    { name: 'asRecordedAt', filter: {}, at: fixture.recordedBetween },
    {
      name: 'a period asRecordedAt',
      filter: { from: '2023-12-01', to: '2024-01-31' },
      at: fixture.recordedBetween,
    },
  ];
  const groupings = [1, 2, 3].flatMap((n) => combinations(DIMENSIONS, n));

  // 8 dimensions: 8 + 28 + 56 groupings of one, two and three.
  it('covers 92 groupings', () => expect(groupings).toHaveLength(92));

  for (const who of ['anonymous', 'editor'] as const) {
    it(`tally: every grouping, every variant (${who})`, async () => {
      const failures: string[] = [];
      for (const v of variants()) {
        const total = await t.gql(
          TALLY,
          { filter: v.filter, at: v.at },
          who === 'editor' ? editor : undefined,
        );
        expect(total.errors).toBeUndefined();
        const whole: Range = total.data!.tally.range;
        for (const groupBy of groupings) {
          const label = `${groupBy.join('+')} / ${v.name}`;
          const res = await t.gql(
            TALLY,
            { filter: v.filter, groupBy, at: v.at },
            who === 'editor' ? editor : undefined,
          );
          if (res.errors) {
            failures.push(
              `${label}: ${res.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`,
            );
            continue;
          }
          const tally = res.data!.tally;
          if (tally.range.min !== whole.min || tally.range.max !== whole.max)
            failures.push(
              `${label}: total ${JSON.stringify(tally.range)} != ${JSON.stringify(whole)}`,
            );
          const sum = tally.groups.reduce(
            (s: Range, g: { range: Range }) => ({
              min: s.min + g.range.min,
              max: s.max + g.range.max,
            }),
            { min: 0, max: 0 },
          );
          for (const g of tally.groups) {
            if (g.count !== g.range.min || g.range.min > g.range.max)
              failures.push(`${label}: group ${JSON.stringify(g)}`);
          }
          if (!tally.groupsOverlap) {
            if (sum.min !== whole.min || sum.max !== whole.max)
              failures.push(
                `${label}: groups add up to ${JSON.stringify(sum)}, total ${JSON.stringify(whole)}`,
              );
          } else if (!groupBy.includes('REASON')) {
            failures.push(`${label}: groupsOverlap without REASON`);
          }
          // Keys carry exactly the dimensions asked for; MONTH always carries its year.
          for (const g of tally.groups) {
            if (
              groupBy.includes('MONTH') &&
              g.key.month !== null &&
              !g.key.month.startsWith(String(g.key.year))
            )
              failures.push(`${label}: month ${g.key.month} year ${g.key.year}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('runningTotals: every interval, every variant, ends at the tally', async () => {
    const failures: string[] = [];
    for (const who of [undefined, editor]) {
      for (const v of variants()) {
        const total = await t.gql(TALLY, { filter: v.filter, at: v.at }, who);
        expect(total.errors).toBeUndefined();
        for (const interval of INTERVALS) {
          const label = `${interval} / ${v.name} / ${who ? 'editor' : 'anonymous'}`;
          const res = await t.gql(RUNNING, { filter: v.filter, interval, at: v.at }, who);
          if (res.errors) {
            failures.push(`${label}: ${res.errors.map((e) => e.message).join('; ')}`);
            continue;
          }
          const points = res.data!.runningTotals as {
            period: string;
            count: number;
            cumulative: Range;
          }[];
          if (points.length === 0) {
            failures.push(`${label}: no periods`);
            continue;
          }
          const last = points[points.length - 1].cumulative;
          if (
            last.min !== total.data!.tally.range.min ||
            last.max !== total.data!.tally.range.max
          ) {
            failures.push(
              `${label}: ends at ${JSON.stringify(last)}, tally ${JSON.stringify(total.data!.tally.range)}`,
            );
          }
          for (let i = 1; i < points.length; i++) {
            const [a, b] = [points[i - 1].cumulative, points[i].cumulative];
            if (b.min < a.min || b.max < a.max || b.min > b.max)
              failures.push(`${label}: shrinks at ${points[i].period}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('the moment between the halves sees the first half only', async () => {
    const before = await t.gql(TALLY, { filter: {}, at: fixture.recordedBetween });
    const now = await t.gql(TALLY, { filter: {} });
    // First half: 1 + 1 + 1 + 10 + 1 = 14 people; then 3 + 1 + 2 + 1 public people more (the INTERNAL and the retracted one do not count).
    expect(before.data!.tally.range).toEqual({ min: 14, max: 14 });
    expect(now.data!.tally.range).toEqual({ min: 21, max: 21 });
  });

  it("groups by each action's own agency, and filters on an agency with those below it", async () => {
    const groups = async (filter: Record<string, unknown>, who?: string) => {
      const res = await t.gql(TALLY, { filter, groupBy: ['AGENCY'], at: null }, who);
      expect(res.errors).toBeUndefined();
      return res.data!.tally.groups.map(
        (g: { key: { agency: { code: string } | null }; range: Range }) => [
          g.key.agency?.code ?? null,
          g.range.min,
          g.range.max,
        ],
      );
    };
    // Public: Phnom Penh 1 + 10, the National Police itself 1, Prey Veng 1, immigration 1, gendarmerie 1, unknown 3 + 2 + 1.
    expect(await groups({})).toEqual([
      ['KH_GDI', 1, 1],
      ['KH_GRK', 1, 1],
      ['KH_NP', 1, 1],
      ['KH_NP_PP', 11, 11],
      ['KH_NP_PROV_14', 1, 1],
      [null, 6, 6],
    ]);
    // The National Police counts its commissariats; immigration is under the ministry, not the police. Editors see the INTERNAL one.
    expect(await groups({ agencyCodes: ['KH_NP'] })).toEqual([
      ['KH_NP', 1, 1],
      ['KH_NP_PP', 11, 11],
      ['KH_NP_PROV_14', 1, 1],
    ]);
    expect(await groups({ agencyCodes: ['KH_NP'] }, editor)).toEqual([
      ['KH_NP', 1, 1],
      ['KH_NP_PP', 12, 12],
      ['KH_NP_PROV_14', 1, 1],
    ]);
    expect(await groups({ agencyCodes: ['KH_MOND'] })).toEqual([['KH_GRK', 1, 1]]);
  });
});
