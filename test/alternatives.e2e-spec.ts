import { startTestApp, type TestApp } from './support/test-app.js';
import { download, readCsv } from './fixtures/exchange.js';

/**
 * Issue 17, "disagreeing sources": alternative values with their citations, the preferred value on
 * the plain field, and counting with disputedAs PREFERRED and UNCERTAIN, with literal numbers.
 * Every scenario lives in a province of its own, so no other scenario enters its numbers.
 */

type Dimension =
  'ACTION_TYPE' | 'REASON' | 'PROVINCE' | 'RANK' | 'RANK_TIER' | 'MONTH' | 'YEAR' | 'AGENCY';

const TALLY = `query($f: ActionFilter, $g: [TallyDimension!], $at: DateTime) {
  tally(filter: $f, groupBy: $g, asRecordedAt: $at) {
    range { min max }
    groups { key { actionType reason { code } province { code } rank { code } rankTier month year agency { code } } range { min max } }
    adjustments { duplicatesFolded }
  }
}`;

const ALTERNATIVE = `id attribute value status recordValue note occurredFrom occurredTo createdAt citation { excerpt source { id title } }`;

function keyOf(key: Record<string, unknown>, dims: readonly Dimension[]): string {
  const code = (v: unknown) => (v as { code: string } | null)?.code ?? null;
  const value = (d: Dimension): unknown =>
    ({
      ACTION_TYPE: key.actionType,
      REASON: code(key.reason),
      PROVINCE: code(key.province),
      RANK: code(key.rank),
      RANK_TIER: key.rankTier,
      MONTH: key.month,
      YEAR: key.year,
      AGENCY: code(key.agency),
    })[d];
  return dims.map((d) => String(value(d))).join('/');
}

describe('disagreeing sources (issue 17)', () => {
  let t: TestApp;
  let editor: string;
  let reader: string;
  let report: string;
  let outlet: string;

  async function gqlOk(query: string, variables: Record<string, unknown>, key?: string) {
    const res = await t.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  async function action(input: Record<string, unknown>): Promise<string> {
    const d = await gqlOk(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
      {
        i: {
          actionType: 'DISMISSAL',
          reasonCodes: ['UNSPECIFIED'],
          citations: [{ sourceId: report, excerpt: 'the report' }],
          ...input,
        },
      },
      editor,
    );
    return d.createAction.id;
  }

  function addAlt(
    actionId: string,
    attribute: string,
    value: string,
    extra: Record<string, unknown> = {},
    key = editor,
  ) {
    return t.gql(
      `mutation($i: AddActionAlternativeInput!) { addActionAlternative(input: $i) { ${ALTERNATIVE} } }`,
      {
        i: {
          actionId,
          attribute,
          value,
          citation: { sourceId: outlet, excerpt: `the outlet says ${value}` },
          ...extra,
        },
      },
      key,
    );
  }

  async function addAltOk(
    actionId: string,
    attribute: string,
    value: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const res = await addAlt(actionId, attribute, value, extra);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.addActionAlternative.id;
  }

  function setStatus(id: string, status: string, key = editor) {
    return t.gql(
      `mutation($i: SetActionAlternativeStatusInput!) { setActionAlternativeStatus(input: $i) { ${ALTERNATIVE} } }`,
      { i: { id, status } },
      key,
    );
  }

  async function setStatusOk(id: string, status: string) {
    const res = await setStatus(id, status);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.setActionAlternativeStatus;
  }

  async function tally(filter: Record<string, unknown>, groupBy: Dimension[] = [], at?: string) {
    const d = await gqlOk(TALLY, { f: filter, g: groupBy, at });
    return d.tally as {
      range: { min: number; max: number };
      groups: { key: Record<string, unknown>; range: { min: number; max: number } }[];
      adjustments: { duplicatesFolded: number };
    };
  }

  /** A tally as "min..max", and its groups as { key: "min..max" }. */
  async function counted(
    filter: Record<string, unknown>,
    dims: Dimension[] = [],
    at?: string,
  ): Promise<{ total: string; groups: Record<string, string> }> {
    const r = await tally(filter, dims, at);
    return {
      total: `${r.range.min}..${r.range.max}`,
      groups: Object.fromEntries(
        r.groups.map((g) => [keyOf(g.key, dims), `${g.range.min}..${g.range.max}`]),
      ),
    };
  }

  async function shown(id: string) {
    const d = await gqlOk(
      `query($id: ID!) { action(id: $id) { actionType subjectCount occurred occurredFrom occurredTo province { code } rank { code } agency { code }
        reasons { code } officer { id } version disputed alternatives { ${ALTERNATIVE} } } }`,
      { id },
    );
    return d.action;
  }

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    reader = await t.key('READER');
    const src = async (title: string) =>
      (
        await gqlOk(
          `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
          { i: { title, publisher: 'A paper', publishedOn: '2024-12-01' } },
          editor,
        )
      ).createSource.id as string;
    report = await src('First report');
    outlet = await src('Second outlet');
  });
  afterAll(() => t.close());

  describe('PROVINCE: 5 people in Kampong Cham (KH-3), or Kampong Chhnang (KH-4) says another outlet', () => {
    const BOTH = { provinceCodes: ['KH-3', 'KH-4'] };
    let id: string;
    let alt: string;

    beforeAll(async () => {
      id = await action({ subjectCount: 5, occurred: '2024-10-10', provinceCode: 'KH-3' });
      alt = await addAltOk(id, 'PROVINCE', 'KH-4', { note: 'repeats a ministry spokesman' });
    });

    it('lists the alternative with its citation, names the attribute disputed, and shows the record own value', async () => {
      const a = await shown(id);
      expect(a.province.code).toBe('KH-3');
      expect(a.disputed).toEqual(['PROVINCE']);
      expect(a.alternatives).toHaveLength(1);
      expect(a.alternatives[0]).toMatchObject({
        attribute: 'PROVINCE',
        value: 'KH-4',
        status: 'ALTERNATIVE',
        recordValue: false,
        note: 'repeats a ministry spokesman',
        citation: {
          excerpt: 'the outlet says KH-4',
          source: { id: outlet, title: 'Second outlet' },
        },
      });
    });

    it.each([
      // disputedAs, filter, groups by province, total
      ['PREFERRED', BOTH, { 'KH-3': '5..5' }, '5..5'],
      ['UNCERTAIN', BOTH, { 'KH-3': '0..5', 'KH-4': '0..5' }, '5..5'],
      ['PREFERRED', { provinceCodes: ['KH-3'] }, { 'KH-3': '5..5' }, '5..5'],
      ['UNCERTAIN', { provinceCodes: ['KH-3'] }, { 'KH-3': '0..5' }, '0..5'],
      ['UNCERTAIN', { provinceCodes: ['KH-4'] }, { 'KH-4': '0..5' }, '0..5'],
    ])('%s over %j: groups %j, total %s', async (disputedAs, filter, groups, total) => {
      expect(await counted({ ...filter, disputedAs }, ['PROVINCE'])).toEqual({ total, groups });
    });

    it('a figure check asked with UNCERTAIN judges the widened range', async () => {
      const fig = await gqlOk(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            value: 5,
            qualifier: 'EXACT',
            statedOn: '2024-12-01',
            citation: { sourceId: report },
            scope: { provinceCodes: ['KH-3'] },
          },
        },
        editor,
      );
      const q = `query($id: ID!, $d: DisputedAs) { checkFigure(id: $id, disputedAs: $d) { recorded { min max } } }`;
      expect((await gqlOk(q, { id: fig.createReportedFigure.id })).checkFigure.recorded).toEqual({
        min: 5,
        max: 5,
      });
      expect(
        (await gqlOk(q, { id: fig.createReportedFigure.id, d: 'UNCERTAIN' })).checkFigure.recorded,
      ).toEqual({ min: 0, max: 5 });
      const listed = await gqlOk(
        `{ reportedFigures(first: 5) { edges { node { id plain: check { recorded { min max } verdict }
           uncertain: check(disputedAs: UNCERTAIN) { recorded { min max } verdict } } } } }`,
        {},
      );
      const node = listed.reportedFigures.edges.find(
        (e: { node: { id: string } }) => e.node.id === fig.createReportedFigure.id,
      ).node;
      expect(node.plain.recorded).toEqual({ min: 5, max: 5 });
      expect(node.uncertain).toEqual({ recorded: { min: 0, max: 5 }, verdict: 'INCONCLUSIVE' });
    });

    it('preferring KH-4 writes it into the action, keeps KH-3 as the record value citing the report; deprecating KH-3 settles it', async () => {
      const before = await shown(id);
      const preferred = await setStatusOk(alt, 'PREFERRED');
      expect(preferred.status).toBe('PREFERRED');
      const a = await shown(id);
      expect(a.province.code).toBe('KH-4');
      expect(a.version).toBe(before.version + 1);
      expect(a.disputed).toEqual(['PROVINCE']);
      const own = a.alternatives.find((x: { recordValue: boolean }) => x.recordValue);
      expect(own).toMatchObject({
        value: 'KH-3',
        status: 'ALTERNATIVE',
        citation: { excerpt: 'the report', source: { id: report } },
      });
      expect(await counted({ ...BOTH }, ['PROVINCE'])).toEqual({
        total: '5..5',
        groups: { 'KH-4': '5..5' },
      });
      expect(await counted({ ...BOTH, disputedAs: 'UNCERTAIN' }, ['PROVINCE'])).toEqual({
        total: '5..5',
        groups: { 'KH-3': '0..5', 'KH-4': '0..5' },
      });

      await setStatusOk(own.id, 'DEPRECATED');
      expect((await shown(id)).disputed).toEqual([]);
      expect(await counted({ ...BOTH, disputedAs: 'UNCERTAIN' }, ['PROVINCE'])).toEqual({
        total: '5..5',
        groups: { 'KH-4': '5..5' },
      });
    });

    it('demoting the preferred value puts the record own value back', async () => {
      await setStatusOk(alt, 'ALTERNATIVE');
      const a = await shown(id);
      expect(a.province.code).toBe('KH-3');
      expect(a.disputed).toEqual(['PROVINCE']);
      // KH-3 is deprecated but is the record's value: UNCERTAIN still counts both.
      expect(await counted({ ...BOTH, disputedAs: 'UNCERTAIN' }, ['PROVINCE'])).toEqual({
        total: '5..5',
        groups: { 'KH-3': '0..5', 'KH-4': '0..5' },
      });
    });
  });

  describe('SUBJECT_COUNT: 10 people in Kampong Speu (KH-5), or 12', () => {
    const KH5 = { provinceCodes: ['KH-5'] };
    let id: string;
    let alt: string;
    let beforeAlt: string;

    beforeAll(async () => {
      id = await action({ subjectCount: 10, occurred: '2024-10', provinceCode: 'KH-5' });
      await new Promise((r) => setTimeout(r, 20));
      beforeAlt = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 20));
      alt = await addAltOk(id, 'SUBJECT_COUNT', '12');
    });

    it.each([
      ['PREFERRED', '10..10'],
      ['UNCERTAIN', '10..12'],
    ])('%s: %s', async (disputedAs, total) => {
      expect((await counted({ ...KH5, disputedAs })).total).toBe(total);
    });

    it('tally.csv takes disputedAs: 10..12 counted as uncertain', async () => {
      const total = async (query: string) =>
        readCsv((await download(t, `/exports/tally.csv?province=KH-5${query}`)).text).find(
          (r) => r.row_type === 'total',
        );
      expect(await total('')).toMatchObject({ count_min: '10', count_max: '10' });
      expect(await total('&disputedAs=UNCERTAIN')).toMatchObject({
        count_min: '10',
        count_max: '12',
      });
      const bad = await download(t, '/exports/tally.csv?disputedAs=MAYBE');
      expect(bad.status).toBe(400);
    });

    it('as recorded before the alternative, UNCERTAIN counts 10..10', async () => {
      expect((await counted({ ...KH5, disputedAs: 'UNCERTAIN' }, [], beforeAlt)).total).toBe(
        '10..10',
      );
    });

    it('preferring 12: the action counts 12, the history holds both versions, as recorded before it still counts 10', async () => {
      await setStatusOk(alt, 'PREFERRED');
      const afterPrefer = new Date().toISOString();
      expect((await shown(id)).subjectCount).toBe(12);
      expect((await counted(KH5)).total).toBe('12..12');
      expect((await counted({ ...KH5, disputedAs: 'UNCERTAIN' })).total).toBe('10..12');
      expect((await counted(KH5, [], beforeAlt)).total).toBe('10..10');
      expect((await counted(KH5, [], afterPrefer)).total).toBe('12..12');
      const h = await gqlOk(
        `query($id: ID!) { action(id: $id) { history { operation after } alternatives { history { operation after } } } }`,
        { id },
      );
      expect(
        h.action.history.map((e: { after: { subject_count: number } }) => e.after.subject_count),
      ).toEqual([10, 12]);
      const altHistory = h.action.alternatives.find(
        (x: { history: { after: { record_value: boolean } }[] }) =>
          !x.history[0].after.record_value,
      ).history;
      expect(
        altHistory.map(
          (e: { operation: string; after: { status: string } }) =>
            `${e.operation} ${e.after.status}`,
        ),
      ).toEqual(['INSERT ALTERNATIVE', 'UPDATE PREFERRED']);
      const feed = await gqlOk(
        `{ changes(entityType: ACTION_ALTERNATIVE, first: 100) { edges { node { entityId } } } }`,
        {},
      );
      expect(
        feed.changes.edges.map((e: { node: { entityId: string } }) => e.node.entityId),
      ).toContain(alt);
    });
  });

  describe('OCCURRED: 3 people in Kampong Thom (KH-6) in October 2024, or November', () => {
    const KH6 = { provinceCodes: ['KH-6'] };

    beforeAll(async () => {
      const id = await action({ subjectCount: 3, occurred: '2024-10', provinceCode: 'KH-6' });
      await addAltOk(id, 'OCCURRED', '2024-11');
    });

    it.each([
      ['PREFERRED', { from: '2024-10-01', to: '2024-10-31' }, '3..3'],
      ['UNCERTAIN', { from: '2024-10-01', to: '2024-10-31' }, '0..3'],
      ['UNCERTAIN', { from: '2024-11-01', to: '2024-11-30' }, '0..3'],
      ['UNCERTAIN', { from: '2024-10-01', to: '2024-11-30' }, '3..3'],
      ['PREFERRED', { from: '2024-11-01', to: '2024-11-30' }, '0..0'],
    ])('%s over %j: %s', async (disputedAs, period, total) => {
      expect((await counted({ ...KH6, ...period, disputedAs })).total).toBe(total);
    });

    it.each([
      ['PREFERRED', { '2024/2024-10': '3..3' }],
      ['UNCERTAIN', { '2024/2024-10': '0..3', '2024/2024-11': '0..3' }],
    ])('%s by YEAR and MONTH: %j', async (disputedAs, groups) => {
      expect((await counted({ ...KH6, disputedAs }, ['YEAR', 'MONTH'])).groups).toEqual(groups);
    });

    it('running totals widen the range: possibly in October, certainly by the end of November', async () => {
      const q = `query($f: ActionFilter) { runningTotals(filter: $f, interval: MONTH) { period cumulative { min max } } }`;
      const points = (f: Record<string, unknown>) =>
        gqlOk(q, { f }).then((d) =>
          d.runningTotals.map(
            (p: { period: string; cumulative: { min: number; max: number } }) =>
              `${p.period} ${p.cumulative.min}..${p.cumulative.max}`,
          ),
        );
      expect(await points(KH6)).toEqual(['2024-10 3..3']);
      expect(await points({ ...KH6, disputedAs: 'UNCERTAIN' })).toEqual([
        '2024-10 0..3',
        '2024-11 3..3',
      ]);
    });
  });

  describe('RANK: a brigadier general in Kampot (KH-7), or a colonel', () => {
    const KH7 = { provinceCodes: ['KH-7'] };

    beforeAll(async () => {
      const officer = (
        await gqlOk(
          `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
          { i: { fullName: 'Kampot General' } },
          editor,
        )
      ).createOfficer.id;
      const id = await action({
        officerId: officer,
        rankCode: 'BRIG_GEN',
        occurred: '2024-10-05',
        provinceCode: 'KH-7',
      });
      await addAltOk(id, 'RANK', 'COL');
    });

    it.each([
      ['PREFERRED', ['RANK'], { BRIG_GEN: '1..1' }],
      ['UNCERTAIN', ['RANK'], { BRIG_GEN: '0..1', COL: '0..1' }],
      ['PREFERRED', ['RANK_TIER'], { GENERAL_OFFICER: '1..1' }],
      ['UNCERTAIN', ['RANK_TIER'], { GENERAL_OFFICER: '0..1', SENIOR_OFFICER: '0..1' }],
    ] as [string, Dimension[], Record<string, string>][])(
      '%s by %j: %j',
      async (disputedAs, dims, groups) => {
        expect(await counted({ ...KH7, disputedAs }, dims)).toEqual({ total: '1..1', groups });
      },
    );

    it.each([
      ['PREFERRED', '1..1'],
      ['UNCERTAIN', '0..1'],
    ])('general officers, %s: %s', async (disputedAs, total) => {
      expect((await counted({ ...KH7, rankTiers: ['GENERAL_OFFICER'], disputedAs })).total).toBe(
        total,
      );
    });
  });

  describe('ACTION_TYPE: 4 people dismissed in Kep (KH-23), or suspended', () => {
    beforeAll(async () => {
      const id = await action({ subjectCount: 4, occurred: '2024-10-05', provinceCode: 'KH-23' });
      await addAltOk(id, 'ACTION_TYPE', 'SUSPENSION');
    });

    it.each([
      ['PREFERRED', { DISMISSAL: '4..4' }, '4..4', '4..4'],
      ['UNCERTAIN', { DISMISSAL: '0..4', SUSPENSION: '0..4' }, '4..4', '0..4'],
    ])('%s: groups %j, total %s, dismissals %s', async (disputedAs, groups, total, dismissals) => {
      expect(await counted({ provinceCodes: ['KH-23'], disputedAs }, ['ACTION_TYPE'])).toEqual({
        total,
        groups,
      });
      expect(
        (await counted({ provinceCodes: ['KH-23'], actionTypes: ['DISMISSAL'], disputedAs })).total,
      ).toBe(dismissals);
    });
  });

  describe('AGENCY: 4 people of the Koh Kong commissariat (KH-9), or of the national police', () => {
    beforeAll(async () => {
      const id = await action({
        subjectCount: 4,
        occurred: '2024-10-05',
        provinceCode: 'KH-9',
        agencyCode: 'KH_NP_PROV_9',
      });
      await addAltOk(id, 'AGENCY', 'KH_NP');
    });

    it.each([
      ['PREFERRED', { KH_NP_PROV_9: '4..4' }, '4..4', '4..4'],
      ['UNCERTAIN', { KH_NP: '0..4', KH_NP_PROV_9: '0..4' }, '4..4', '0..4'],
    ])(
      '%s: groups %j; KH_NP (with its sub-agencies) %s; KH_NP_PROV_9 %s',
      async (disputedAs, groups, national, provincial) => {
        expect((await counted({ provinceCodes: ['KH-9'], disputedAs }, ['AGENCY'])).groups).toEqual(
          groups,
        );
        expect(
          (await counted({ provinceCodes: ['KH-9'], agencyCodes: ['KH_NP'], disputedAs })).total,
        ).toBe(national);
        expect(
          (await counted({ provinceCodes: ['KH-9'], agencyCodes: ['KH_NP_PROV_9'], disputedAs }))
            .total,
        ).toBe(provincial);
      },
    );
  });

  describe('REASONS: 6 people in Kratie (KH-10) for corruption, or for absence', () => {
    beforeAll(async () => {
      const id = await action({
        subjectCount: 6,
        occurred: '2024-10-05',
        provinceCode: 'KH-10',
        reasonCodes: ['CORRUPTION'],
      });
      await addAltOk(id, 'REASONS', ' ABSENCE ');
    });

    it.each([
      ['PREFERRED', { CORRUPTION: '6..6' }, '6..6'],
      ['UNCERTAIN', { ABSENCE: '0..6', CORRUPTION: '0..6' }, '0..6'],
    ])('%s: groups %j, corruption %s', async (disputedAs, groups, corruption) => {
      expect(await counted({ provinceCodes: ['KH-10'], disputedAs }, ['REASON'])).toEqual({
        total: '6..6',
        groups,
      });
      expect(
        (await counted({ provinceCodes: ['KH-10'], reasonCodes: ['CORRUPTION'], disputedAs }))
          .total,
      ).toBe(corruption);
    });
  });

  describe('OFFICER: Officer One in Mondulkiri (KH-11), or Officer Two named by another outlet', () => {
    let one: string;
    let two: string;
    let alt: string;

    beforeAll(async () => {
      const officer = async (fullName: string) =>
        (
          await gqlOk(
            `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
            { i: { fullName } },
            editor,
          )
        ).createOfficer.id as string;
      one = await officer('Officer One');
      two = await officer('Officer Two');
      const id = await action({ officerId: one, occurred: '2024-10-05', provinceCode: 'KH-11' });
      alt = await addAltOk(id, 'OFFICER', 'officer two');
    });

    it('a name matching one officer is stored as its id', async () => {
      const a = await t.gql(
        `query { actions(filter: { provinceCodes: ["KH-11"] }) { edges { node { alternatives { id value } disputed } } } }`,
      );
      expect(a.data!.actions.edges[0].node).toEqual({
        alternatives: [{ id: alt, value: two }],
        disputed: ['OFFICER'],
      });
    });

    it.each([
      ['PREFERRED', '1..1', '0..0'],
      ['UNCERTAIN', '0..1', '0..1'],
    ])('%s: Officer One %s, Officer Two %s', async (disputedAs, first, second) => {
      expect((await counted({ officerId: one, disputedAs })).total).toBe(first);
      expect((await counted({ officerId: two, disputedAs })).total).toBe(second);
    });
  });

  describe('counting once: a duplicate (SAME_AS) of a disputed group in Oddar Meanchey (KH-22) still counts once', () => {
    beforeAll(async () => {
      const first = await action({
        subjectCount: 5,
        occurred: '2024-10-05',
        provinceCode: 'KH-22',
      });
      const dup = await action({ subjectCount: 5, occurred: '2024-10-05', provinceCode: 'KH-22' });
      await gqlOk(
        `mutation($i: LinkActionsInput!) { linkActions(input: $i) { id } }`,
        { i: { fromId: dup, toId: first, kind: 'SAME_AS' } },
        editor,
      );
      await addAltOk(first, 'SUBJECT_COUNT', '7');
      await addAltOk(dup, 'SUBJECT_COUNT', '9');
    });

    it.each([
      ['PREFERRED', '5..5'],
      ['UNCERTAIN', '5..7'],
    ])('%s: %s, the duplicate folded', async (disputedAs, total) => {
      const r = await tally({ provinceCodes: ['KH-22'], disputedAs });
      expect(`${r.range.min}..${r.range.max}`).toBe(total);
      expect(r.adjustments.duplicatesFolded).toBe(5);
    });
  });

  describe('a record without a province (national or unknown), placed in Preah Vihear (KH-13) by another outlet', () => {
    it('preferring the province keeps the record value as none; demoting it puts none back', async () => {
      const id = await action({ subjectCount: 2, occurred: '2024-10-05' });
      const alt = await addAltOk(id, 'PROVINCE', 'KH-13');
      await setStatusOk(alt, 'PREFERRED');
      let a = await shown(id);
      expect(a.province).toEqual({ code: 'KH-13' });
      expect(a.alternatives.find((x: { recordValue: boolean }) => x.recordValue)).toMatchObject({
        value: null,
        status: 'ALTERNATIVE',
      });
      expect(a.disputed).toEqual(['PROVINCE']);
      expect((await counted({ provinceCodes: ['KH-13'], disputedAs: 'UNCERTAIN' })).total).toBe(
        '0..2',
      );
      await setStatusOk(alt, 'DEPRECATED');
      a = await shown(id);
      expect(a.province).toBeNull();
      expect(a.disputed).toEqual([]);
      expect((await counted({ provinceCodes: ['KH-13'], disputedAs: 'UNCERTAIN' })).total).toBe(
        '0..0',
      );
    });
  });

  describe('an alternative citing a confidential source (Pursat, KH-15)', () => {
    it('shows the value to everyone, the source and its excerpt only to editors', async () => {
      const secret = (
        await gqlOk(
          `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
          { i: { title: 'Whistleblower memo', publisher: 'An officer', confidential: true } },
          editor,
        )
      ).createSource.id as string;
      const id = await action({ subjectCount: 3, occurred: '2024-10-05', provinceCode: 'KH-15' });
      await addAltOk(id, 'SUBJECT_COUNT', '4', {
        citation: { sourceId: secret, excerpt: 'four of us were sacked' },
      });
      const q = `query($id: ID!) { action(id: $id) { alternatives { value citation { excerpt source { title redacted } } } } }`;
      expect((await gqlOk(q, { id })).action.alternatives).toEqual([
        { value: '4', citation: { excerpt: null, source: { title: null, redacted: true } } },
      ]);
      expect((await gqlOk(q, { id }, editor)).action.alternatives).toEqual([
        {
          value: '4',
          citation: {
            excerpt: 'four of us were sacked',
            source: { title: 'Whistleblower memo', redacted: false },
          },
        },
      ]);
    });
  });

  describe('refusals', () => {
    let group: string;
    let named: string;

    beforeAll(async () => {
      group = await action({ subjectCount: 8, occurred: '2024-10-05', provinceCode: 'KH-21' });
      const officer = (
        await gqlOk(
          `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
          { i: { fullName: 'Refusal Officer' } },
          editor,
        )
      ).createOfficer.id;
      named = await action({ officerId: officer, occurred: '2024-10-05', provinceCode: 'KH-21' });
    });

    it.each([
      ['OCCURRED', 'Octember 2024', 'BAD_USER_INPUT', 'value'],
      ['OCCURRED', '2024-13', 'BAD_USER_INPUT', 'value'],
      ['RANK', 'ADMIRAL', 'BAD_USER_INPUT', 'value'],
      ['PROVINCE', 'KH-99', 'BAD_USER_INPUT', 'value'],
      ['AGENCY', 'KH_NOWHERE', 'BAD_USER_INPUT', 'value'],
      ['ACTION_TYPE', 'EXILE', 'BAD_USER_INPUT', 'value'],
      ['SUBJECT_COUNT', 'ten', 'BAD_USER_INPUT', 'value'],
      ['SUBJECT_COUNT', '0', 'BAD_USER_INPUT', 'value'],
      ['SUBJECT_COUNT', '-3', 'BAD_USER_INPUT', 'value'],
      ['REASONS', 'CORRUPTION,NOPE', 'BAD_USER_INPUT', 'value'],
      ['REASONS', 'CORRUPTION,CORRUPTION', 'BAD_USER_INPUT', 'value'],
      ['OFFICER', 'Somebody', 'BAD_USER_INPUT', 'value'],
      ['RANK', '   ', 'BAD_USER_INPUT', 'value'],
    ])('%s "%s" on a group: %s on %s', async (attribute, value, code, field) => {
      const res = await addAlt(group, attribute, value);
      expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    });

    it('a named officer concerns one person: SUBJECT_COUNT 2 is refused; a group cannot be one officer', async () => {
      expect((await addAlt(named, 'SUBJECT_COUNT', '2')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'value',
      });
      expect(
        (await addAlt(group, 'OFFICER', 'Refusal Officer')).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    });

    it('unknown action, unknown source, bad ids, readers, anonymous callers, unknown alternative', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await addAlt(missing, 'RANK', 'COL')).errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'actionId',
      });
      expect((await addAlt('nope', 'RANK', 'COL')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'actionId',
      });
      expect(
        (await addAlt(group, 'RANK', 'COL', { citation: { sourceId: missing } })).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'NOT_FOUND', field: 'citation.sourceId' });
      expect((await addAlt(group, 'RANK', 'COL', {}, reader)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(
        (
          await t.gql(
            `mutation { addActionAlternative(input: { actionId: "${group}", attribute: RANK, value: "COL", citation: { sourceId: "${outlet}" } }) { id } }`,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('UNAUTHENTICATED');
      expect((await setStatus(missing, 'PREFERRED')).errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(
        (await t.gql(`query { tally(filter: { disputedAs: MAYBE }) { count } }`)).errors?.[0]
          .extensions?.code,
      ).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('an officer known only by name can be listed, not preferred', async () => {
      const id = await addAltOk(named, 'OFFICER', 'Nobody Known');
      expect((await setStatus(id, 'PREFERRED')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'status',
      });
    });

    it('the alternatives of an INTERNAL action stay hidden with it', async () => {
      const hidden = await action({
        subjectCount: 2,
        occurred: '2024-10-05',
        provinceCode: 'KH-21',
        visibility: 'INTERNAL',
      });
      const altId = await addAltOk(hidden, 'SUBJECT_COUNT', '3');
      expect(
        (await t.gql(`query($id: ID!) { action(id: $id) { id } }`, { id: hidden })).errors?.[0]
          .extensions?.code,
      ).toBe('NOT_FOUND');
      const feed = await gqlOk(
        `{ changes(entityType: ACTION_ALTERNATIVE, first: 100) { edges { node { entityId } } } }`,
        {},
      );
      expect(
        feed.changes.edges.map((e: { node: { entityId: string } }) => e.node.entityId),
      ).not.toContain(altId);
      expect((await counted({ provinceCodes: ['KH-21'], disputedAs: 'UNCERTAIN' })).total).toBe(
        '9..9',
      );
    });
  });
});
