import { startTestApp, type TestApp } from './support/test-app.js';
import { csvLine, IMPORT_HEADER, postCsv } from './fixtures/exchange.js';

/**
 * Issue 16, merging officers: one person entered as several officers becomes one (README "Merging
 * officers"), with literal numbers, through GraphQL and the import route on a real database. The
 * scenarios live in provinces of their own (Siem Reap, Battambang, Kampot), nothing is seeded.
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
    groups { key { actionType reason { code } province { code } rank { code } rankTier month year agency { code } } count range { min max } }
  }
}`;
const OFFICER = `query($id: ID!) { officer(id: $id) { id fullName fullNameKm aliases mergedFrom version } }`;
const MERGE = `mutation($i: MergeOfficersInput!) { mergeOfficers(input: $i) { id fullName aliases mergedFrom } }`;
const SPLIT = `mutation($i: SplitOfficerInput!) { splitOfficer(input: $i) { id fullName aliases mergedFrom } }`;

type Tally = {
  count: number;
  range: { min: number; max: number };
  groups: { key: Record<string, unknown>; count: number }[];
};

describe('merging officers (issue 16)', () => {
  let t: TestApp;
  let editor: string;
  let reader: string;
  let report: string;

  async function gqlOk(query: string, variables: Record<string, unknown>, key?: string) {
    const res = await t.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  async function officer(fullName: string, extra: Record<string, unknown> = {}): Promise<string> {
    const d = await gqlOk(
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      { i: { fullName, ...extra } },
      editor,
    );
    return d.createOfficer.id;
  }

  async function action(input: Record<string, unknown>): Promise<string> {
    const d = await gqlOk(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
      {
        i: {
          actionType: 'DISMISSAL',
          reasonCodes: ['DRUG_POSITIVE_TEST'],
          citations: [{ sourceId: report }],
          ...input,
        },
      },
      editor,
    );
    return d.createAction.id;
  }

  async function tally(
    filter: Record<string, unknown>,
    groupBy: Dimension[] = [],
    at?: string,
  ): Promise<Tally> {
    return (await gqlOk(TALLY, { f: filter, g: groupBy, at })).tally as Tally;
  }

  /** Each group's count keyed by its dimension's value. */
  function groups(result: Tally, dim: Dimension): Record<string, number> {
    const value = (k: Record<string, unknown>): unknown => {
      const field = {
        ACTION_TYPE: 'actionType',
        REASON: 'reason',
        PROVINCE: 'province',
        RANK: 'rank',
        RANK_TIER: 'rankTier',
        MONTH: 'month',
        YEAR: 'year',
        AGENCY: 'agency',
      }[dim];
      const v = k[field];
      return v && typeof v === 'object' ? (v as { code: string }).code : v;
    };
    return Object.fromEntries(result.groups.map((g) => [String(value(g.key)), g.count]));
  }

  async function merge(
    survivorId: string,
    mergedIds: string[],
    reason = 'Same person: same rank, post and date in two spellings',
    key = editor,
  ) {
    return t.gql(MERGE, { i: { survivorId, mergedIds, reason } }, key);
  }

  async function officerOf(actionId: string): Promise<string | null> {
    const d = await gqlOk(
      `query($id: ID!) { action(id: $id) { officer { id } } }`,
      { id: actionId },
      editor,
    );
    return d.action.officer?.id ?? null;
  }

  async function entered(
    actionId: string,
  ): Promise<{ officer_id: string; entered_officer_id: string }> {
    const rows = (await t.dataSource.query(
      `SELECT officer_id::text, entered_officer_id::text FROM disciplinary_action WHERE id = $1`,
      [actionId],
    )) as {
      officer_id: string;
      entered_officer_id: string;
    }[];
    return rows[0];
  }

  const pause = () => new Promise((r) => setTimeout(r, 30));

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    reader = await t.key('READER');
    report = (
      await gqlOk(
        `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
        { i: { title: 'Provincial report', publisher: 'A paper', publishedOn: '2024-03-01' } },
        editor,
      )
    ).createSource.id;
  });
  afterAll(() => t.close());

  describe('two officers who are one person (Siem Reap)', () => {
    const KH17 = { provinceCodes: ['KH-17'] };
    let survivor: string;
    let merged: string;
    const actions: Record<string, string> = {};
    let beforeMerge: string;

    beforeAll(async () => {
      survivor = await officer('Chan Sokha', { aliases: ['Chan Sokhar'] });
      merged = await officer('Chan Sokea', {
        fullNameKm: 'ចាន់ សុខា',
        aliases: ['Sokha Chan', 'chan sokhar'],
      });
      actions.dismissal = await action({
        officerId: survivor,
        occurred: '2024-02-03',
        provinceCode: 'KH-17',
        rankCode: 'CAPT',
      });
      actions.suspension = await action({
        actionType: 'SUSPENSION',
        officerId: merged,
        occurred: '2024-01-05',
        provinceCode: 'KH-17',
        rankCode: 'CAPT',
      });
      actions.demotion = await action({
        actionType: 'DEMOTION',
        officerId: merged,
        occurred: '2024-01-20',
        provinceCode: 'KH-17',
        reasonCodes: ['CORRUPTION'],
      });
      await pause();
      beforeMerge = new Date().toISOString();
      await pause();
    });

    it('before the merge: 1 action of the survivor, 2 of the other, 3 people in the province', async () => {
      expect((await tally({ officerId: survivor })).count).toBe(1);
      expect((await tally({ officerId: merged })).count).toBe(2);
      expect((await tally(KH17)).count).toBe(3);
      expect(await entered(actions.suspension)).toEqual({
        officer_id: merged,
        entered_officer_id: merged,
      });
    });

    it('merges: the survivor takes the actions and the names, and answers for the merged id', async () => {
      const res = await merge(survivor, [merged]);
      expect(res.errors).toBeUndefined();
      // "chan sokhar" is already a name of the survivor (case aside): it is not repeated.
      expect(res.data!.mergeOfficers).toEqual({
        id: survivor,
        fullName: 'Chan Sokha',
        aliases: ['Chan Sokhar', 'Chan Sokea', 'ចាន់ សុខា', 'Sokha Chan'],
        mergedFrom: [merged],
      });
      const viaMerged = (await gqlOk(OFFICER, { id: merged })).officer;
      expect(viaMerged.id).toBe(survivor);
      expect(viaMerged.mergedFrom).toEqual([merged]);
      expect(await officerOf(actions.suspension)).toBe(survivor);
      expect(await entered(actions.suspension)).toEqual({
        officer_id: survivor,
        entered_officer_id: merged,
      });
      expect(await entered(actions.dismissal)).toEqual({
        officer_id: survivor,
        entered_officer_id: survivor,
      });
    });

    it('after: 3 actions under one officer, by either id; the province still counts 3 (nobody twice)', async () => {
      expect((await tally({ officerId: survivor })).count).toBe(3);
      expect((await tally({ officerId: merged })).count).toBe(3);
      expect((await tally(KH17)).count).toBe(3);
      const expected: Record<Dimension, Record<string, number>> = {
        ACTION_TYPE: { DISMISSAL: 1, SUSPENSION: 1, DEMOTION: 1 },
        REASON: { DRUG_POSITIVE_TEST: 2, CORRUPTION: 1 },
        PROVINCE: { 'KH-17': 3 },
        RANK: { CAPT: 2, null: 1 },
        RANK_TIER: { JUNIOR_OFFICER: 2, null: 1 },
        MONTH: { '2024-01': 2, '2024-02': 1 },
        YEAR: { '2024': 3 },
        AGENCY: { null: 3 },
      };
      for (const dim of DIMENSIONS) {
        const bySurvivor = await tally({ officerId: survivor }, [dim]);
        const byMerged = await tally({ officerId: merged }, [dim]);
        const byProvince = await tally(KH17, [dim]);
        expect([dim, groups(bySurvivor, dim)]).toEqual([dim, expected[dim]]);
        expect([dim, groups(byMerged, dim)]).toEqual([dim, expected[dim]]);
        expect([dim, groups(byProvince, dim)]).toEqual([dim, expected[dim]]);
      }
    });

    it('asRecordedAt before the merge shows the officers apart (1 and 2)', async () => {
      expect((await tally({ officerId: survivor }, [], beforeMerge)).count).toBe(1);
      expect((await tally({ officerId: merged }, [], beforeMerge)).count).toBe(2);
      expect(
        groups(await tally({ officerId: merged }, ['ACTION_TYPE'], beforeMerge), 'ACTION_TYPE'),
      ).toEqual({ SUSPENSION: 1, DEMOTION: 1 });
      expect((await tally(KH17, [], beforeMerge)).count).toBe(3);
    });

    it('the merge is in the history: one OFFICER_MERGE entry with its reason and moved names', async () => {
      const d = await gqlOk(
        `{ changes(entityType: OFFICER_MERGE, first: 50) { totalCount edges { node { entityType operation after } } } }`,
        {},
        editor,
      );
      const mine = d.changes.edges.filter(
        (e: { node: { after: Record<string, unknown> } }) => e.node.after?.merged_id === merged,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].node.operation).toBe('INSERT');
      expect(mine[0].node.after).toMatchObject({
        survivor_id: survivor,
        reason: 'Same person: same rank, post and date in two spellings',
        moved_aliases: ['Chan Sokea', 'ចាន់ សុខា', 'Sokha Chan'],
      });
    });

    it('the officers list and search show the survivor only', async () => {
      const d = await gqlOk(
        `{ officers(search: "Chan Sok", first: 10) { totalCount edges { node { id } } } }`,
        {},
        editor,
      );
      expect(d.officers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([survivor]);
      expect(d.officers.totalCount).toBe(1);
    });
  });

  describe('three officers who are one person, and a split (Battambang)', () => {
    let survivor: string;
    let a: string;
    let b: string;
    const acts: Record<string, string> = {};
    let beforeMerge: string;

    beforeAll(async () => {
      survivor = await officer('Keo Dara');
      a = await officer('Keo Darra');
      b = await officer('Dara Keo', { aliases: ['K. Dara'] });
      acts.s = await action({ officerId: survivor, occurred: '2024-03-01', provinceCode: 'KH-2' });
      acts.a = await action({ officerId: a, occurred: '2024-03-02', provinceCode: 'KH-2' });
      acts.b = await action({
        actionType: 'SUSPENSION',
        officerId: b,
        occurred: '2024-03',
        provinceCode: 'KH-2',
      });
      await pause();
      beforeMerge = new Date().toISOString();
      await pause();
    });

    it('merges two into the survivor at once', async () => {
      const res = await merge(survivor, [a, b]);
      expect(res.errors).toBeUndefined();
      expect(res.data!.mergeOfficers).toEqual({
        id: survivor,
        fullName: 'Keo Dara',
        aliases: ['Keo Darra', 'Dara Keo', 'K. Dara'],
        mergedFrom: [a, b],
      });
      expect((await gqlOk(OFFICER, { id: b })).officer.id).toBe(survivor);
      expect((await tally({ officerId: a })).count).toBe(3);
      expect((await tally({ officerId: b }, ['ACTION_TYPE'])).groups.length).toBe(2);
      expect((await tally({ provinceCodes: ['KH-2'] })).count).toBe(3);
      expect((await tally({ officerId: survivor }, [], beforeMerge)).count).toBe(1);
      expect((await tally({ officerId: b }, [], beforeMerge)).count).toBe(1);
    });

    it('an action entered later for a merged id counts under the survivor and remembers the id', async () => {
      acts.later = await action({
        actionType: 'DEMOTION',
        officerId: b,
        occurred: '2024-04-01',
        provinceCode: 'KH-2',
      });
      expect(await entered(acts.later)).toEqual({ officer_id: survivor, entered_officer_id: b });
      expect((await tally({ officerId: survivor })).count).toBe(4);
      // updateAction to another officer records it as entered
      const other = await officer('Someone Else');
      await gqlOk(
        `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
        { i: { id: acts.later, expectedVersion: 1, officerId: other } },
        editor,
      );
      expect(await entered(acts.later)).toEqual({ officer_id: other, entered_officer_id: other });
      await gqlOk(
        `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
        { i: { id: acts.later, expectedVersion: 2, officerId: b } },
        editor,
      );
      expect(await entered(acts.later)).toEqual({ officer_id: survivor, entered_officer_id: b });
    });

    it('splits one: it gets its own actions and names back, the other merge stays', async () => {
      const res = await t.gql(SPLIT, { i: { officerId: survivor, mergedId: b } }, editor);
      expect(res.errors).toBeUndefined();
      expect(res.data!.splitOfficer).toEqual({
        id: b,
        fullName: 'Dara Keo',
        aliases: ['K. Dara'],
        mergedFrom: [],
      });
      const s = (await gqlOk(OFFICER, { id: survivor })).officer;
      expect(s.aliases).toEqual(['Keo Darra']);
      expect(s.mergedFrom).toEqual([a]);
      expect((await gqlOk(OFFICER, { id: b })).officer.id).toBe(b);
      expect((await gqlOk(OFFICER, { id: a })).officer.id).toBe(survivor);
      expect(await officerOf(acts.b)).toBe(b);
      expect(await officerOf(acts.later)).toBe(b);
      expect(await officerOf(acts.a)).toBe(survivor);
      expect((await tally({ officerId: b })).count).toBe(2);
      expect((await tally({ officerId: survivor })).count).toBe(2);
      expect((await tally({ provinceCodes: ['KH-2'] })).count).toBe(4);
      // The split is a change of its own: the merge row is deleted (kept in the history).
      const d = await gqlOk(
        `{ changes(entityType: OFFICER_MERGE, first: 50) { edges { node { operation before } } } }`,
        {},
        editor,
      );
      const deleted = d.changes.edges.filter(
        (e: { node: { operation: string; before: Record<string, unknown> } }) =>
          e.node.operation === 'DELETE',
      );
      expect(
        deleted.map((e: { node: { before: Record<string, unknown> } }) => e.node.before.merged_id),
      ).toEqual([b]);
    });

    it('a split officer can be merged again', async () => {
      const res = await merge(survivor, [b]);
      expect(res.errors).toBeUndefined();
      expect(res.data!.mergeOfficers.mergedFrom).toEqual([a, b]);
      expect((await tally({ officerId: survivor })).count).toBe(4);
    });
  });

  describe('refusals', () => {
    let s: string;
    let m: string;
    let done: string;
    let doneInto: string;

    beforeAll(async () => {
      s = await officer('Refusal survivor');
      m = await officer('Refusal merged');
      done = await officer('Already merged');
      doneInto = await officer('Already survivor');
      await action({ officerId: s, occurred: '2024-05-01', provinceCode: 'KH-7' });
      expect((await merge(doneInto, [done])).errors).toBeUndefined();
    });

    const UNKNOWN = '00000000-0000-4000-8000-000000000001';
    it.each([
      ['an empty list', () => ({ survivorId: s, mergedIds: [] }), 'BAD_USER_INPUT', 'mergedIds'],
      [
        'too many (21)',
        () => ({
          survivorId: s,
          mergedIds: Array.from(
            { length: 21 },
            (_, i) => `00000000-0000-4000-8000-${String(i + 100).padStart(12, '0')}`,
          ),
        }),
        'BAD_USER_INPUT',
        'mergedIds',
      ],
      [
        'the survivor among the merged',
        () => ({ survivorId: s, mergedIds: [m, s] }),
        'BAD_USER_INPUT',
        'mergedIds.1',
      ],
      [
        'an id twice',
        () => ({ survivorId: s, mergedIds: [m, m] }),
        'BAD_USER_INPUT',
        'mergedIds.1',
      ],
      [
        'an unknown merged id',
        () => ({ survivorId: s, mergedIds: [UNKNOWN] }),
        'NOT_FOUND',
        'mergedIds.0',
      ],
      [
        'an unknown survivor',
        () => ({ survivorId: UNKNOWN, mergedIds: [m] }),
        'NOT_FOUND',
        'survivorId',
      ],
      [
        'a malformed id',
        () => ({ survivorId: s, mergedIds: ['not-an-id'] }),
        'BAD_USER_INPUT',
        'mergedIds.0',
      ],
      [
        'an officer already merged',
        () => ({ survivorId: s, mergedIds: [m, done] }),
        'CONFLICT',
        'mergedIds.1',
      ],
      [
        'a survivor already merged',
        () => ({ survivorId: done, mergedIds: [m] }),
        'CONFLICT',
        'survivorId',
      ],
      [
        'a blank reason',
        () => ({ survivorId: s, mergedIds: [m], reason: '   ' }),
        'BAD_USER_INPUT',
        'reason',
      ],
    ])('mergeOfficers refuses %s', async (_name, input, code, field) => {
      const res = await t.gql(MERGE, { i: { reason: 'One person', ...input() } }, editor);
      expect(res.errors?.[0].extensions).toMatchObject({ code, field });
      // Nothing changed.
      expect((await gqlOk(OFFICER, { id: m }, editor)).officer).toMatchObject({
        id: m,
        mergedFrom: [],
      });
      expect((await gqlOk(OFFICER, { id: s }, editor)).officer).toMatchObject({
        aliases: [],
        mergedFrom: [],
      });
    });

    it('mergeOfficers and splitOfficer are for editors', async () => {
      expect((await merge(s, [m], 'One person', reader)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(
        (await t.gql(SPLIT, { i: { officerId: doneInto, mergedId: done } }, reader)).errors?.[0]
          .extensions?.code,
      ).toBe('FORBIDDEN');
      expect(
        (await t.gql(MERGE, { i: { survivorId: s, mergedIds: [m], reason: 'x' } })).errors?.[0]
          .extensions?.code,
      ).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    });

    it('updateOfficer refuses a merged officer (its survivor is edited instead)', async () => {
      const res = await t.gql(
        `mutation($i: UpdateOfficerInput!) { updateOfficer(input: $i) { id } }`,
        { i: { id: done, expectedVersion: 2, notes: 'x' } },
        editor,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'id',
        mergedInto: doneInto,
      });
    });

    it('splitOfficer refuses an officer that was not merged into it, and unknown ids', async () => {
      const notMerged = await t.gql(SPLIT, { i: { officerId: s, mergedId: m } }, editor);
      expect(notMerged.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'mergedId',
      });
      const unknown = await t.gql(SPLIT, { i: { officerId: UNKNOWN, mergedId: m } }, editor);
      expect(unknown.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'officerId',
      });
      const unknownMerged = await t.gql(SPLIT, { i: { officerId: s, mergedId: UNKNOWN } }, editor);
      expect(unknownMerged.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'mergedId',
      });
    });
  });

  describe('import: officers matched by name (officerMatch)', () => {
    let twinA: string;
    let twinB: string;
    let dara: string;

    const row = (externalId: string, officerName: string) => {
      const values: Record<string, string> = {
        external_id: externalId,
        action_type: 'DISMISSAL',
        officer_name: officerName,
        subject_count: '1',
        province_code: 'KH-7',
        reason_codes: 'DRUG_POSITIVE_TEST',
        occurred: '2024-06-01',
        visibility: 'PUBLIC',
        source_title: 'Kampot bulletin',
        source_publisher: 'Kampot police',
        citation_excerpt: 'dismissed',
      };
      return csvLine(IMPORT_HEADER.map((h) => values[h] ?? ''));
    };
    const file = (rows: [string, string][]) =>
      csvLine(IMPORT_HEADER) + rows.map(([e, n]) => row(e, n)).join('');

    beforeAll(async () => {
      twinA = await officer('Sam Vuthy');
      twinB = await officer('sam vuthy');
      dara = (
        await gqlOk(OFFICER, {
          id: (
            await gqlOk(
              `{ officers(search: "Keo Dara", first: 1) { edges { node { id } } } }`,
              {},
              editor,
            )
          ).officers.edges[0].node.id,
        })
      ).officer.id;
    });

    it('by default, a name two officers bear refuses the file, naming both ids; nothing is imported', async () => {
      const before = await t.count('disciplinary_action');
      const officersBefore = await t.count('officer');
      const res = await postCsv(
        t,
        file([
          ['imp-1', 'Lim Chea'],
          ['imp-2', 'Sam Vuthy'],
          ['imp-3', 'Keo Dara'],
          ['imp-4', 'SAM VUTHY'],
        ]),
        editor,
      );
      expect(res.status).toBe(400);
      const error = res.body.errors[0];
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'file',
        problemCount: 2,
      });
      const problems = error.extensions.problems as {
        row: number;
        columnName: string;
        message: string;
        officerIds: string[];
      }[];
      expect(problems.map((p) => p.row)).toEqual([2, 4]);
      expect(problems[0].columnName).toBe('officer_name');
      expect(problems[0].officerIds.sort()).toEqual([twinA, twinB].sort());
      expect(problems[0].message).toContain(twinA);
      expect(problems[0].message).toContain(twinB);
      expect(await t.count('disciplinary_action')).toBe(before);
      expect(await t.count('officer')).toBe(officersBefore);
    });

    it("fail-on-ambiguous without namesakes: matched 2 (a merged officer's name is its survivor's), created 1", async () => {
      const res = await postCsv(
        t,
        file([
          ['imp-10', 'Keo Dara'],
          ['imp-11', 'Keo Darra'],
          ['imp-12', 'Lim Chea'],
          ['imp-13', 'keo dara'],
        ]),
        editor,
        '?officerMatch=fail-on-ambiguous',
      );
      expect(res.status).toBe(200);
      expect(res.body.officerMatch).toEqual({
        mode: 'fail-on-ambiguous',
        matched: 2,
        created: 1,
        ambiguous: 0,
        ambiguousOfficers: [],
      });
      expect(res.body.created).toBe(4);
      const ids = res.body.actions.map((a: { id: string }) => a.id);
      expect(await officerOf(ids[0])).toBe(dara);
      expect(await officerOf(ids[1])).toBe(dara);
      expect(await officerOf(ids[3])).toBe(dara);
      expect(await entered(ids[1])).toEqual({ officer_id: dara, entered_officer_id: dara });
    });

    it('exact: a single match is taken, an ambiguous name gets a new officer; the report lists it', async () => {
      const res = await postCsv(
        t,
        file([
          ['imp-20', 'Lim Chea'],
          ['imp-21', 'Sam Vuthy'],
          ['imp-22', 'Pich Sovann'],
        ]),
        editor,
        '?officerMatch=exact',
      );
      expect(res.status).toBe(200);
      const m = res.body.officerMatch;
      expect(m).toMatchObject({ mode: 'exact', matched: 1, created: 2, ambiguous: 1 });
      expect(m.ambiguousOfficers).toHaveLength(1);
      expect(m.ambiguousOfficers[0]).toMatchObject({ name: 'Sam Vuthy', row: 2 });
      expect([...m.ambiguousOfficers[0].officerIds].sort()).toEqual([twinA, twinB].sort());
      const created = m.ambiguousOfficers[0].id;
      expect([twinA, twinB]).not.toContain(created);
      expect(await officerOf(res.body.actions[1].id)).toBe(created);
      // Now three officers bear the name.
      const again = await postCsv(t, file([['imp-23', 'Sam Vuthy']]), editor);
      expect(again.body.errors[0].extensions.problems[0].officerIds).toHaveLength(3);
    });

    it('create: every name gets a new officer', async () => {
      const officersBefore = await t.count('officer');
      const res = await postCsv(
        t,
        file([
          ['imp-30', 'Lim Chea'],
          ['imp-31', 'Keo Dara'],
          ['imp-32', 'Lim Chea'],
        ]),
        editor,
        '?officerMatch=create',
      );
      expect(res.status).toBe(200);
      expect(res.body.officerMatch).toEqual({
        mode: 'create',
        matched: 0,
        created: 2,
        ambiguous: 0,
        ambiguousOfficers: [],
      });
      expect(await t.count('officer')).toBe(officersBefore + 2);
      expect(await officerOf(res.body.actions[1].id)).not.toBe(dara);
    });

    it('a dry run reports the same counts and writes nothing', async () => {
      const officersBefore = await t.count('officer');
      const res = await postCsv(
        t,
        file([
          ['imp-40', 'Brand New'],
          ['imp-41', 'Pich Sovann'],
        ]),
        editor,
        '?dryRun=true&officerMatch=exact',
      );
      expect(res.status).toBe(200);
      expect(res.body.officerMatch).toEqual({
        mode: 'exact',
        matched: 1,
        created: 1,
        ambiguous: 0,
        ambiguousOfficers: [],
      });
      expect(await t.count('officer')).toBe(officersBefore);
    });

    it('an unknown officerMatch is refused', async () => {
      const res = await postCsv(t, file([['imp-50', 'Keo Dara']]), editor, '?officerMatch=guess');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'officerMatch',
      });
    });
  });
});
