import { startTestApp, type TestApp } from './support/test-app.js';
import { download, readCsv } from './fixtures/exchange.js';

/**
 * Issue 16, "count each person once": scenario tables with literal numbers, each through GraphQL
 * over HTTP on a real database. Every scenario lives in a province of its own, so the seeded
 * CamboJA report (Phnom Penh, Prey Veng) and the other scenarios never enter its numbers.
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
type Dimension = (typeof DIMENSIONS)[number];

const TALLY = `query($f: ActionFilter, $g: [TallyDimension!], $at: DateTime) {
  tally(filter: $f, groupBy: $g, asRecordedAt: $at) {
    count range { min max }
    groups { key { actionType reason { code } province { code } rank { code } rankTier month year agency { code } } range { min max } }
    adjustments { duplicatesFolded namedMembersOfGroups reversed earlierSteps }
  }
}`;

const TALLY_PLAIN = TALLY.replace(/\n\s*adjustments \{[^}]*\}/, '');

/** A group's key as one string: the value of each grouped dimension. */
function keyOf(key: Record<string, unknown>, dims: readonly Dimension[]): string {
  const value = (d: Dimension): unknown => {
    switch (d) {
      case 'ACTION_TYPE':
        return key.actionType;
      case 'REASON':
        return (key.reason as { code: string } | null)?.code ?? null;
      case 'PROVINCE':
        return (key.province as { code: string } | null)?.code ?? null;
      case 'RANK':
        return (key.rank as { code: string } | null)?.code ?? null;
      case 'RANK_TIER':
        return key.rankTier;
      case 'MONTH':
        return key.month;
      case 'YEAR':
        return key.year;
      case 'AGENCY':
        return (key.agency as { code: string } | null)?.code ?? null;
    }
  };
  return dims.map((d) => String(value(d))).join('/');
}

describe('counting each person once (issue 16)', () => {
  let t: TestApp;
  let editor: string;
  let reader: string;
  let report: string;
  let second: string;

  async function gqlOk(query: string, variables: Record<string, unknown>, key?: string) {
    const res = await t.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  async function officer(fullName: string): Promise<string> {
    const d = await gqlOk(
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      { i: { fullName } },
      editor,
    );
    return d.createOfficer.id;
  }

  async function action(
    input: Record<string, unknown>,
    sources: string[] = [report],
  ): Promise<string> {
    const d = await gqlOk(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
      {
        i: {
          actionType: 'DISMISSAL',
          reasonCodes: ['DRUG_POSITIVE_TEST'],
          citations: sources.map((sourceId) => ({ sourceId })),
          ...input,
        },
      },
      editor,
    );
    return d.createAction.id;
  }

  async function link(fromId: string, toId: string, kind: string, key = editor) {
    return t.gql(
      `mutation($i: LinkActionsInput!) { linkActions(input: $i) { id kind from { id } to { id } note citation { excerpt source { id } } version } }`,
      { i: { fromId, toId, kind } },
      key,
    );
  }

  async function linkOk(fromId: string, toId: string, kind: string): Promise<string> {
    const res = await link(fromId, toId, kind);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.linkActions.id;
  }

  async function tally(
    filter: Record<string, unknown>,
    groupBy: Dimension[] = [],
    at?: string,
    key?: string,
  ) {
    const d = await gqlOk(TALLY, { f: filter, g: groupBy, at }, key);
    // Every tally of these scenarios is also asked without its adjustments (the statement then
    // takes other paths: rows that do not count left out by WHERE, or records less corrections):
    // the same numbers.
    const { adjustments, ...counts } = d.tally;
    expect(adjustments).toBeDefined();
    const plain = (await gqlOk(TALLY_PLAIN, { f: filter, g: groupBy, at }, key)).tally;
    expect([filter, groupBy, at, plain]).toEqual([filter, groupBy, at, counts]);
    return d.tally as {
      count: number;
      range: { min: number; max: number };
      groups: { key: Record<string, unknown>; range: { min: number; max: number } }[];
      adjustments: {
        duplicatesFolded: number;
        namedMembersOfGroups: number;
        reversed: number;
        earlierSteps: number;
      };
    };
  }

  /** The groups of a tally as { key: "min..max" }. */
  async function groups(
    filter: Record<string, unknown>,
    dims: Dimension[],
  ): Promise<Record<string, string>> {
    const r = await tally(filter, dims);
    return Object.fromEntries(
      r.groups.map((g) => [keyOf(g.key, dims), `${g.range.min}..${g.range.max}`]),
    );
  }

  // Every tally here is asked twice (with and without its adjustments): more than the default 300
  // anonymous requests a minute. The limit is read when the app starts; put back after.
  const anonymousLimit = process.env.RATE_LIMIT_ANONYMOUS;
  beforeAll(async () => {
    process.env.RATE_LIMIT_ANONYMOUS = '100000';
    t = await startTestApp();
    editor = await t.key('EDITOR');
    reader = await t.key('READER');
    const src = async (title: string) =>
      (
        await gqlOk(
          `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
          { i: { title, publisher: 'A paper', publishedOn: '2024-01-20' } },
          editor,
        )
      ).createSource.id as string;
    report = await src('First report');
    second = await src('Second outlet');
  });
  afterAll(async () => {
    await t.close();
    if (anonymousLimit === undefined) delete process.env.RATE_LIMIT_ANONYMOUS;
    else process.env.RATE_LIMIT_ANONYMOUS = anonymousLimit;
  });

  describe('a group of 10 and the officers of it named in records of their own (MEMBER_OF)', () => {
    // Battambang: the group, then 12 named officers of it, linked 1, then 3, then all 12.
    const KH2 = { provinceCodes: ['KH-2'] };
    let group: string;
    const named: string[] = [];

    beforeAll(async () => {
      group = await action({
        subjectCount: 10,
        subjectDescription: '10 Battambang police officers',
        occurred: '2024-01',
        provinceCode: 'KH-2',
        agencyCode: 'KH_NP_PROV_2',
      });
      for (let i = 1; i <= 12; i++) {
        named.push(
          await action(
            {
              officerId: await officer(`Battambang officer ${i}`),
              rankCode: 'CAPT',
              occurred: '2024-01-15',
              provinceCode: 'KH-2',
              agencyCode: 'KH_NP_PROV_2',
            },
            [second],
          ),
        );
      }
    });

    it('counts records until linked: 10 + 12 named = 22', async () => {
      const r = await tally(KH2);
      expect(r.range).toEqual({ min: 22, max: 22 });
      expect(r.adjustments).toEqual({
        duplicatesFolded: 0,
        namedMembersOfGroups: 0,
        reversed: 0,
        earlierSteps: 0,
      });
    });

    it.each([
      // members linked, people counted, named members taken off the group, records counted with countDuplicates
      [1, 21, 1],
      [3, 19, 3],
    ])(
      'with %i named member(s) linked the group counts the rest: %i people',
      async (members, people, off) => {
        while ((await linkedCount()) < members)
          await linkOk(named[await linkedCount()], group, 'MEMBER_OF');
        const r = await tally(KH2);
        expect(r.range).toEqual({ min: people, max: people });
        expect(r.adjustments.namedMembersOfGroups).toBe(off);
        expect((await tally({ ...KH2, countDuplicates: true })).range).toEqual({
          min: 22,
          max: 22,
        });
        expect(
          (await tally({ ...KH2, countDuplicates: true })).adjustments.namedMembersOfGroups,
        ).toBe(0);
      },
    );

    async function linkedCount(): Promise<number> {
      const d = await gqlOk(`query($id: ID!) { action(id: $id) { links { kind from { id } } } }`, {
        id: group,
      });
      return d.action.links.filter((l: { kind: string }) => l.kind === 'MEMBER_OF').length;
    }

    it('with 3 of 12 linked, every groupBy dimension counts the group as 7 and the named as 3 (the 9 unlinked too)', async () => {
      // 3 linked: the group 7 (no rank), named 12 (CAPT, 3 of them members).
      const expected: Record<Dimension, Record<string, string>> = {
        ACTION_TYPE: { DISMISSAL: '19..19' },
        REASON: { DRUG_POSITIVE_TEST: '19..19' },
        PROVINCE: { 'KH-2': '19..19' },
        RANK: { CAPT: '12..12', null: '7..7' },
        RANK_TIER: { JUNIOR_OFFICER: '12..12', null: '7..7' },
        MONTH: { '2024-01': '19..19' },
        YEAR: { '2024': '19..19' },
        AGENCY: { KH_NP_PROV_2: '19..19' },
      };
      for (const d of DIMENSIONS) expect([d, await groups(KH2, [d])]).toEqual([d, expected[d]]);
      // Pairs add up the same way: RANK with every other dimension.
      for (const d of DIMENSIONS.filter((x) => x !== 'RANK' && x !== 'RANK_TIER')) {
        const g = await groups(KH2, ['RANK', d]);
        const other = Object.keys(expected[d])[0];
        expect([d, g]).toEqual([d, { [`CAPT/${other}`]: '12..12', [`null/${other}`]: '7..7' }]);
      }
    });

    it('with 12 named members of a group of 10, the members are what counts and the group says GROUP_OVERFLOW', async () => {
      while ((await linkedCount()) < 12)
        await linkOk(named[await linkedCount()], group, 'MEMBER_OF');
      const r = await tally(KH2);
      expect(r.range).toEqual({ min: 12, max: 12 });
      expect(r.adjustments.namedMembersOfGroups).toBe(10);
      const d = await gqlOk(`query($id: ID!) { action(id: $id) { issues { kind message } } }`, {
        id: group,
      });
      expect(d.action.issues).toEqual([
        {
          kind: 'GROUP_OVERFLOW',
          message:
            'The group counts 10 people but 12 named officers are recorded as its members: the named members are what counts (the group adds 0).',
        },
      ]);
      // In a list, the group now counts nobody.
      const list = await gqlOk(
        `query($f: ActionFilter) { actions(filter: $f, first: 20) { edges { node { id } countsAs counted { min max } } } }`,
        { f: KH2 },
      );
      const edge = list.actions.edges.find((e: { node: { id: string } }) => e.node.id === group);
      expect(edge).toEqual({
        node: { id: group },
        countsAs: 'NOT_COUNTED',
        counted: { min: 0, max: 0 },
      });
      for (const dim of DIMENSIONS) {
        const g = await groups(KH2, [dim]);
        const sum = Object.values(g).reduce((s, v) => s + Number(v.split('..')[0]), 0);
        expect([dim, sum]).toEqual([dim, 12]);
      }
    });
  });

  describe('records of the same action (SAME_AS)', () => {
    // Siem Reap: a chain of 2 (one officer, two outlets) and a chain of 3 (the third a month later, as misdated).
    const KH17 = { provinceCodes: ['KH-17'] };
    const a: string[] = [];
    const b: string[] = [];
    let beforeLinks: string;

    beforeAll(async () => {
      const sok = await officer('Sok Dara');
      const chan = await officer('Chan Vuthy');
      a.push(
        await action({
          officerId: sok,
          occurred: '2024-01-10',
          provinceCode: 'KH-17',
          rankCode: 'MAJ',
        }),
      );
      a.push(
        await action(
          { officerId: sok, occurred: '2024-01-10', provinceCode: 'KH-17', rankCode: 'LT_COL' },
          [second],
        ),
      );
      b.push(
        await action({
          officerId: chan,
          occurred: '2024-01',
          provinceCode: 'KH-17',
          rankCode: 'CAPT',
        }),
      );
      b.push(
        await action(
          { officerId: chan, occurred: '2024-02', provinceCode: 'KH-17', rankCode: 'CAPT' },
          [second],
        ),
      );
      b.push(
        await action(
          { officerId: chan, occurred: '2024-01-20', provinceCode: 'KH-17', rankCode: 'CAPT' },
          [second],
        ),
      );
      await new Promise((r) => setTimeout(r, 20));
      beforeLinks = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 20));
      await linkOk(a[1], a[0], 'SAME_AS');
      await linkOk(b[1], b[0], 'SAME_AS');
      await linkOk(b[2], b[1], 'SAME_AS');
    });

    it('a chain of 2 and a chain of 3 are 2 people; countDuplicates gives the 5 records', async () => {
      const r = await tally(KH17);
      expect(r.range).toEqual({ min: 2, max: 2 });
      expect(r.adjustments).toEqual({
        duplicatesFolded: 3,
        namedMembersOfGroups: 0,
        reversed: 0,
        earlierSteps: 0,
      });
      expect((await tally({ ...KH17, countDuplicates: true })).range).toEqual({ min: 5, max: 5 });
    });

    it('a set counts with the attributes of its earliest-created record, in every groupBy dimension', async () => {
      const expected: Record<Dimension, Record<string, string>> = {
        ACTION_TYPE: { DISMISSAL: '2..2' },
        REASON: { DRUG_POSITIVE_TEST: '2..2' },
        PROVINCE: { 'KH-17': '2..2' },
        // The first record of Sok Dara said Major; the second outlet's Lieutenant Colonel is folded.
        RANK: { CAPT: '1..1', MAJ: '1..1' },
        RANK_TIER: { JUNIOR_OFFICER: '1..1', SENIOR_OFFICER: '1..1' },
        // Chan Vuthy's set counts in January (its first record); the February record is folded.
        MONTH: { '2024-01': '2..2' },
        YEAR: { '2024': '2..2' },
        AGENCY: { null: '2..2' },
      };
      for (const d of DIMENSIONS) expect([d, await groups(KH17, [d])]).toEqual([d, expected[d]]);
      // Counting records instead, February and the Lieutenant Colonel come back.
      expect(await groups({ ...KH17, countDuplicates: true }, ['MONTH'])).toEqual({
        '2024-01': '4..4',
        '2024-02': '1..1',
      });
      expect(await groups({ ...KH17, countDuplicates: true }, ['RANK'])).toEqual({
        CAPT: '3..3',
        LT_COL: '1..1',
        MAJ: '1..1',
      });
    });

    it('each duplicate says which record it is counted as; the representative lists its links', async () => {
      const d = await gqlOk(
        `query($x: ID!, $y: ID!, $z: ID!) {
          x: action(id: $x) { countedAs { id } duplicates { id citations { source { title } } } }
          y: action(id: $y) { countedAs { id } links { kind from { id } to { id } } }
          z: action(id: $z) { countedAs { id } } }`,
        { x: b[0], y: b[1], z: b[2] },
      );
      expect(d.x.countedAs).toBeNull();
      // The representative shows the other records and their sources.
      expect(d.x.duplicates).toEqual([
        { id: b[1], citations: [{ source: { title: 'Second outlet' } }] },
        { id: b[2], citations: [{ source: { title: 'Second outlet' } }] },
      ]);
      expect(d.y.countedAs).toEqual({ id: b[0] });
      expect(d.z.countedAs).toEqual({ id: b[0] });
      expect(d.y.links).toEqual([
        { kind: 'SAME_AS', from: { id: b[1] }, to: { id: b[0] } },
        { kind: 'SAME_AS', from: { id: b[2] }, to: { id: b[1] } },
      ]);
    });

    it('retracting the representative hands the set to the next earliest record', async () => {
      await gqlOk(
        `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
        { i: { id: b[0], reason: 'test: misattributed' } },
        editor,
      );
      const d = await gqlOk(
        `query($y: ID!, $z: ID!) { y: action(id: $y) { countedAs { id } } z: action(id: $z) { countedAs { id } } }`,
        { y: b[1], z: b[2] },
      );
      expect(d.y.countedAs).toBeNull();
      expect(d.z.countedAs).toEqual({ id: b[1] });
      // Now February (the second record) carries the set.
      expect(await groups(KH17, ['MONTH'])).toEqual({ '2024-01': '1..1', '2024-02': '1..1' });
    });

    it('asRecordedAt before the links counts the 5 records as 5 people; after, as 2 sets (by the records of then)', async () => {
      expect((await tally(KH17, [], beforeLinks)).range).toEqual({ min: 5, max: 5 });
      expect((await tally(KH17, [], beforeLinks)).adjustments.duplicatesFolded).toBe(0);
      expect((await tally(KH17, [], new Date().toISOString())).range).toEqual({ min: 2, max: 2 });
    });

    it('unlinking gives the record its own count back, and the links stay in the history', async () => {
      const links = await gqlOk(
        `query($id: ID!) { action(id: $id) { links { id kind from { id } } } }`,
        { id: a[0] },
      );
      const id = links.action.links[0].id;
      const un = await gqlOk(
        `mutation($i: UnlinkActionsInput!) { unlinkActions(input: $i) { id kind } }`,
        { i: { id } },
        editor,
      );
      expect(un.unlinkActions).toEqual({ id, kind: 'SAME_AS' });
      expect((await tally(KH17)).range).toEqual({ min: 3, max: 3 });
      const feed = await gqlOk(
        `{ changes(entityType: ACTION_LINK, first: 100) { edges { node { entityId operation after before } } } }`,
        {},
        editor,
      );
      const ops = feed.changes.edges
        .filter((e: { node: { entityId: string } }) => e.node.entityId === id)
        .map((e: { node: { operation: string } }) => e.node.operation);
      expect(ops).toEqual(['INSERT', 'DELETE']);
      await linkOk(a[1], a[0], 'SAME_AS');
      expect((await tally(KH17)).range).toEqual({ min: 2, max: 2 });
    });
  });

  describe('reversals (REVERSES) and later steps of a case (FOLLOWS)', () => {
    // Kandal: one dismissal reversed within January, one reversed in March, one by a reinstatement dated only "January".
    const KH8 = { provinceCodes: ['KH-8'], actionTypes: ['DISMISSAL'] };
    const JAN = { from: '2024-01-01', to: '2024-01-31' };

    beforeAll(async () => {
      const d1 = await action({
        officerId: await officer('Kandal one'),
        occurred: '2024-01-05',
        provinceCode: 'KH-8',
      });
      const r1 = await action({
        actionType: 'REINSTATEMENT',
        officerId: (await idOfficer(d1))!,
        occurred: '2024-01-20',
        provinceCode: 'KH-8',
      });
      await linkOk(r1, d1, 'REVERSES');
      const d2 = await action({
        officerId: await officer('Kandal two'),
        occurred: '2024-01-06',
        provinceCode: 'KH-8',
      });
      const r2 = await action({
        actionType: 'REINSTATEMENT',
        officerId: (await idOfficer(d2))!,
        occurred: '2024-03-05',
        provinceCode: 'KH-8',
      });
      await linkOk(r2, d2, 'REVERSES');
    });

    async function idOfficer(actionId: string): Promise<string | null> {
      const d = await gqlOk(`query($id: ID!) { action(id: $id) { officer { id } } }`, {
        id: actionId,
      });
      return d.action.officer?.id ?? null;
    }

    it.each([
      // period, netOfReversals, people, reversed
      ['January', JAN, false, '2..2', 0],
      ['January', JAN, true, '1..1', 1],
      ['January to March', { from: '2024-01-01', to: '2024-03-31' }, true, '0..0', 2],
      ['any time', {}, true, '0..0', 2],
      ['any time', {}, false, '2..2', 0],
    ])(
      'dismissals in %s, netOfReversals %s: %s people',
      async (_label, period, net, people, reversed) => {
        const r = await tally({ ...KH8, ...period, netOfReversals: net });
        expect(`${r.range.min}..${r.range.max}`).toBe(people);
        expect(r.adjustments.reversed).toBe(reversed);
      },
    );

    it('a reversal dated only by its month may fall after the period: the dismissal counts possibly', async () => {
      const d3 = await action({
        officerId: await officer('Kandal three'),
        occurred: '2024-01-02',
        provinceCode: 'KH-8',
      });
      const r3 = await action({
        actionType: 'REINSTATEMENT',
        officerId: (await idOfficer(d3))!,
        occurred: '2024-01',
        provinceCode: 'KH-8',
      });
      await linkOk(r3, d3, 'REVERSES');
      const r = await tally({ ...KH8, from: '2024-01-01', to: '2024-01-15', netOfReversals: true });
      // d1 (reversed 20 Jan, after the 15th: counts), d2 (counts), d3 (reversed some day in January: possibly).
      expect(r.range).toEqual({ min: 2, max: 3 });
      for (const dim of DIMENSIONS) {
        const total = (
          await tally({ ...KH8, from: '2024-01-01', to: '2024-01-15', netOfReversals: true }, [dim])
        ).range;
        expect([dim, total]).toEqual([dim, { min: 2, max: 3 }]);
      }
    });

    it('a proposal then a dismissal of one officer is one person in "dismissed or proposed", at its latest step', async () => {
      const who = await officer('Takeo officer');
      const proposal = await action({
        actionType: 'PROPOSED_DISMISSAL',
        officerId: who,
        occurred: '2023-12-10',
        provinceCode: 'KH-21',
      });
      const dismissal = await action({
        actionType: 'DISMISSAL',
        officerId: who,
        occurred: '2024-01-10',
        provinceCode: 'KH-21',
      });
      const both = { provinceCodes: ['KH-21'], actionTypes: ['DISMISSAL', 'PROPOSED_DISMISSAL'] };
      expect((await tally(both)).range).toEqual({ min: 2, max: 2 });
      await linkOk(dismissal, proposal, 'FOLLOWS');
      const r = await tally(both, ['ACTION_TYPE']);
      expect(r.range).toEqual({ min: 1, max: 1 });
      expect(r.adjustments.earlierSteps).toBe(1);
      expect(await groups(both, ['ACTION_TYPE'])).toEqual({ DISMISSAL: '1..1' });
      expect(await groups(both, ['MONTH'])).toEqual({ '2024-01': '1..1' });
      // In December only the proposal had happened: it counts there.
      expect((await tally({ ...both, from: '2023-12-01', to: '2023-12-31' })).range).toEqual({
        min: 1,
        max: 1,
      });
      // Proposals alone: the proposal counts (the dismissal is not asked for).
      expect(
        (await tally({ provinceCodes: ['KH-21'], actionTypes: ['PROPOSED_DISMISSAL'] })).range,
      ).toEqual({ min: 1, max: 1 });
      // A cycle is refused.
      const cycle = await link(proposal, dismissal, 'FOLLOWS');
      expect(cycle.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toId' });
    });
  });

  describe('running totals, figure checks and downloads count the same way', () => {
    const KH17 = { provinceCodes: ['KH-17'] };

    it('running totals by month end at the tally', async () => {
      const d = await gqlOk(
        `query($f: ActionFilter) { runningTotals(filter: $f, interval: MONTH) { period count cumulative { min max } } }`,
        { f: { ...KH17, from: '2024-01-01', to: '2024-02-29' } },
      );
      const last = d.runningTotals.at(-1);
      const t2 = await tally({ ...KH17, from: '2024-01-01', to: '2024-02-29' });
      expect(last.cumulative).toEqual(t2.range);
      expect(t2.range).toEqual({ min: 2, max: 2 });
    });

    it('a figure of 2 Siem Reap dismissals is matched by the 2 people, not the 4 records', async () => {
      const fig = await gqlOk(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            value: 2,
            qualifier: 'EXACT',
            statedOn: '2024-03-01',
            citation: { sourceId: report },
            scope: { provinceCodes: ['KH-17'], actionTypes: ['DISMISSAL'] },
          },
        },
        editor,
      );
      const c = await gqlOk(`query($id: ID!) { checkFigure(id: $id) { recorded { min max } } }`, {
        id: fig.createReportedFigure.id,
      });
      expect(c.checkFigure.recorded).toEqual({ min: 2, max: 2 });
    });

    it('tally.csv counts people, and countDuplicates=true counts records', async () => {
      const once = readCsv((await download(t, '/exports/tally.csv?province=KH-17')).text);
      const records = readCsv(
        (await download(t, '/exports/tally.csv?province=KH-17&countDuplicates=true')).text,
      );
      const total = (rows: Record<string, string>[]) => rows.find((r) => r.row_type === 'total')!;
      expect(total(once)).toMatchObject({ count: '2', count_min: '2', count_max: '2' });
      expect(total(records)).toMatchObject({ count: '4', count_min: '4', count_max: '4' });
    });

    it('a tally that does not ask for its adjustments counts the same, for every groupBy of one or two dimensions', async () => {
      // Without `adjustments` in the query, rows that do not count are left out by the statement's
      // WHERE clause instead of by flags: the answers must be the same, links of every kind present.
      expect(TALLY_PLAIN).not.toContain('adjustments');
      const lists: Dimension[][] = [
        [],
        ...DIMENSIONS.map((d) => [d]),
        ...DIMENSIONS.flatMap((a, i) => DIMENSIONS.slice(i + 1).map((b) => [a, b])),
      ];
      const filters = [{}, { netOfReversals: true, from: '2024-01-01', to: '2024-01-31' }];
      let compared = 0;
      for (const f of filters) {
        for (const g of lists) {
          // tally() asks both ways and compares them.
          await tally(f, g);
          compared += 1;
        }
      }
      expect(compared).toBe(2 * (1 + 8 + 28));
    });

    it('actions.csv says which records do not count', async () => {
      const rows = readCsv((await download(t, '/exports/actions.csv?province=KH-17')).text);
      expect(rows.map((r) => r.counts_as).sort()).toEqual([
        'certain',
        'certain',
        'not counted',
        'not counted',
      ]);
    });
  });

  describe('what a link may not do', () => {
    let named: string;
    let other: string;
    let group: string;
    let otherGroup: string;
    let internal: string;
    let internal2: string;

    beforeAll(async () => {
      named = await action({
        officerId: await officer('Pursat officer'),
        occurred: '2024-01-15',
        provinceCode: 'KH-15',
      });
      group = await action({ subjectCount: 5, occurred: '2024-01', provinceCode: 'KH-15' });
      internal = await action({
        subjectCount: 3,
        occurred: '2024-01',
        provinceCode: 'KH-15',
        visibility: 'INTERNAL',
      });
      internal2 = await action({
        officerId: await officer('Pursat hidden'),
        occurred: '2024-01',
        provinceCode: 'KH-15',
        visibility: 'INTERNAL',
      });
      other = await action({
        officerId: await officer('Pursat other'),
        occurred: '2024-01-16',
        provinceCode: 'KH-15',
      });
      otherGroup = await action({ subjectCount: 4, occurred: '2024-01', provinceCode: 'KH-15' });
    });

    it.each([
      ['an action to itself', () => [named, named, 'SAME_AS'], 'BAD_USER_INPUT', 'toId', 'itself'],
      [
        'a member of a named officer',
        () => [named, other, 'MEMBER_OF'],
        'BAD_USER_INPUT',
        'toId',
        'counted group',
      ],
      [
        'a group as a member',
        () => [group, otherGroup, 'MEMBER_OF'],
        'BAD_USER_INPUT',
        'fromId',
        'names none',
      ],
      [
        'a PUBLIC and an INTERNAL action',
        () => [named, internal, 'SAME_AS'],
        'BAD_USER_INPUT',
        'toId',
        'INTERNAL',
      ],
      [
        'an unknown action',
        () => [named, '00000000-0000-4000-8000-000000000000', 'SAME_AS'],
        'NOT_FOUND',
        'toId',
        'not found',
      ],
      ['a malformed id', () => ['nope', named, 'SAME_AS'], 'BAD_USER_INPUT', 'fromId', 'UUID'],
    ])('refuses %s', async (_label, args, code, field, words) => {
      const [from, to, kind] = args();
      const res = await link(from, to, kind);
      expect(res.errors?.[0].extensions).toMatchObject({ code, field });
      expect(String(res.errors?.[0].message)).toContain(words);
      expect(res.data).toBeNull();
    });

    it('refuses the same link twice (CONFLICT), and a second path between records of one action', async () => {
      await linkOk(named, group, 'MEMBER_OF');
      const again = await link(named, group, 'MEMBER_OF');
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'toId' });
      await linkOk(group, otherGroup, 'SAME_AS');
      const twice = await link(otherGroup, group, 'SAME_AS');
      expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'toId' });
      const contradict = await link(otherGroup, group, 'FOLLOWS');
      expect(contradict.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'toId',
      });
    });

    it('needs an editor key: anonymous callers and readers are refused, and nothing is written', async () => {
      const anon = await t.gql(
        `mutation($i: LinkActionsInput!) { linkActions(input: $i) { id } }`,
        { i: { fromId: other, toId: otherGroup, kind: 'MEMBER_OF' } },
      );
      expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const asReader = await link(other, otherGroup, 'MEMBER_OF', reader);
      expect(asReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const d = await gqlOk(`query($id: ID!) { action(id: $id) { links { id } } }`, { id: other });
      expect(d.action.links).toEqual([]);
    });

    it('INTERNAL links stay with editors: readers see neither the link nor its effect', async () => {
      await linkOk(internal2, internal, 'MEMBER_OF');
      const asEditor = await gqlOk(
        `query($id: ID!) { action(id: $id) { links { kind } issues { kind } } }`,
        { id: internal },
        editor,
      );
      expect(asEditor.action.links).toEqual([{ kind: 'MEMBER_OF' }]);
      const hidden = await t.gql(
        `query($id: ID!) { action(id: $id) { links { kind } } }`,
        { id: internal },
        reader,
      );
      expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      // KH-15 for the public: the named officer + the group of 5 less its 1 named member + the other named + the other group (SAME_AS the first): 1 + 4 + 1 = 6.
      expect((await tally({ provinceCodes: ['KH-15'] })).range).toEqual({ min: 6, max: 6 });
      // Editors also count the INTERNAL group of 3 less its named member, and that member: 6 + 2 + 1 = 9.
      expect((await tally({ provinceCodes: ['KH-15'] }, [], undefined, editor)).range).toEqual({
        min: 9,
        max: 9,
      });
      const feed = await gqlOk(
        `{ changes(entityType: ACTION_LINK, first: 100) { edges { node { after } } } }`,
        {},
      );
      const ids = feed.changes.edges.map(
        (e: { node: { after: { from_id?: string } | null } }) => e.node.after?.from_id,
      );
      expect(ids).not.toContain(internal2);
    });
  });
});
