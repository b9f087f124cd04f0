import { startTestApp, type TestApp } from './support/test-app.js';

const HISTORY = `changedAt changedBy operation before after`;
const CREATE_SOURCE = `mutation($input: CreateSourceInput!) { createSource(input: $input) { id version } }`;
const CREATE_ACTION = `mutation($input: CreateActionInput!) { createAction(input: $input) { id version } }`;
const UPDATE_ACTION = `mutation($input: UpdateActionInput!) { updateAction(input: $input) { id version } }`;
const CHANGES = `query($since: DateTime, $entityType: ChangeEntityType, $first: Int, $after: String) {
  changes(since: $since, entityType: $entityType, first: $first, after: $after) {
    totalCount
    edges { cursor node { id entityType entityId operation changedBy before after } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('edit history (database triggers, history fields, changes feed)', () => {
  let t: TestApp;
  let editor: string;
  let sourceId: string;
  let confidentialId: string;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR', 'Jane, newsroom');
    const open = await t.gql(
      CREATE_SOURCE,
      { input: { title: 'Open report', publisher: 'CamboJA' } },
      editor,
    );
    sourceId = open.data!.createSource.id;
    const secret = await t.gql(
      CREATE_SOURCE,
      {
        input: {
          title: 'Whistleblower memo',
          publisher: 'Anonymous officer',
          confidential: true,
          notes: 'met at the market',
        },
      },
      editor,
    );
    confidentialId = secret.data!.createSource.id;
  });
  afterAll(() => t.close());

  async function createAction(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await t.gql(
      CREATE_ACTION,
      {
        input: {
          actionType: 'DISMISSAL',
          reasonCodes: ['UNSPECIFIED'],
          occurred: '2024-01',
          citations: [{ sourceId, excerpt: 'was dismissed' }],
          ...extra,
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createAction.id;
  }

  it('records who created and updated an officer, with before and after', async () => {
    const created = await t.gql(
      `mutation { createOfficer(input: { fullName: "Sok Dara" }) { id version } }`,
      {},
      editor,
    );
    const id = created.data!.createOfficer.id;
    await t.gql(
      `mutation($id: ID!) { updateOfficer(input: { id: $id, expectedVersion: 1, aliases: ["Dara Sok"] }) { version } }`,
      { id },
      editor,
    );
    // An officer named in no PUBLIC action is the editors' business (test/visibility.e2e-spec.ts).
    const { data, errors } = await t.gql(
      `query($id: ID!) { officer(id: $id) { history { ${HISTORY} } } }`,
      { id },
      editor,
    );
    expect(errors).toBeUndefined();
    const history = data!.officer.history;
    expect(history.map((h: any) => h.operation)).toEqual(['INSERT', 'UPDATE']);
    expect(history.map((h: any) => h.changedBy)).toEqual([
      'Jane, newsroom (EDITOR)',
      'Jane, newsroom (EDITOR)',
    ]);
    expect(history[0].before).toBeNull();
    expect(history[0].after).toMatchObject({ id, full_name: 'Sok Dara', version: 1, aliases: [] });
    expect(history[1].before).toMatchObject({ aliases: [], version: 1 });
    expect(history[1].after).toMatchObject({ aliases: ['Dara Sok'], version: 2 });
    expect(history[1].after).not.toHaveProperty('search_text');
    expect(new Date(history[1].changedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(history[0].changedAt).getTime(),
    );
  });

  it("folds an action's reasons and citations into one entry per edit, and marks retractions", async () => {
    const id = await createAction();
    const upd = await t.gql(
      UPDATE_ACTION,
      { input: { id, expectedVersion: 1, reasonCodes: ['CORRUPTION', 'ABSENCE'] } },
      editor,
    );
    expect(upd.errors).toBeUndefined();
    await t.gql(
      `mutation($id: ID!) { retractAction(input: { id: $id, reason: "duplicate" }) { version } }`,
      { id },
      editor,
    );
    const { data } = await t.gql(`query($id: ID!) { action(id: $id) { history { ${HISTORY} } } }`, {
      id,
    });
    const history = data!.action.history;
    expect(history.map((h: any) => h.operation)).toEqual(['INSERT', 'UPDATE', 'RETRACT']);
    expect(history[0].after.reason_codes).toEqual(['UNSPECIFIED']);
    expect(history[0].after.citations).toEqual([
      { source_id: sourceId, excerpt: 'was dismissed', locator: null },
    ]);
    expect(history[1].before.reason_codes).toEqual(['UNSPECIFIED']);
    expect(history[1].after.reason_codes).toEqual(['ABSENCE', 'CORRUPTION']);
    expect(history[2].after).toMatchObject({ retraction_reason: 'duplicate', version: 3 });
    expect(history[2].before.retracted_at).toBeNull();
  });

  it('attributes changes made outside the API to "database", deletions included', async () => {
    const [{ id }] = (await t.dataSource.query(
      `INSERT INTO officer (full_name) VALUES ('Outside Write') RETURNING id`,
    )) as { id: string }[];
    await t.dataSource.query(`DELETE FROM officer WHERE id = $1`, [id]);
    const feed = await t.gql(CHANGES, { entityType: 'OFFICER', first: 100 }, editor);
    const entries = feed
      .data!.changes.edges.map((e: any) => e.node)
      .filter((n: any) => n.entityId === id);
    expect(
      entries.map((n: any) => [
        n.operation,
        n.changedBy,
        n.before?.full_name ?? null,
        n.after?.full_name ?? null,
      ]),
    ).toEqual([
      ['INSERT', 'database', null, 'Outside Write'],
      ['DELETE', 'database', 'Outside Write', null],
    ]);
  });

  it('pages through the feed with keyset cursors, filtered by type and time, deletions and retractions included', async () => {
    const all = await t.gql(CHANGES, { first: 100 }, editor);
    expect(all.errors).toBeUndefined();
    const ops = new Set(all.data!.changes.edges.map((e: any) => e.node.operation));
    expect([...ops].sort()).toEqual(['DELETE', 'INSERT', 'RETRACT', 'UPDATE']);
    const ids = all.data!.changes.edges.map((e: any) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await t.gql(CHANGES, { entityType: 'OFFICER', first: 2, after }, editor);
      expect(page.errors).toBeUndefined();
      seen.push(...page.data!.changes.edges.map((e: any) => e.node.id));
      if (!page.data!.changes.pageInfo.hasNextPage) break;
      after = page.data!.changes.pageInfo.endCursor;
    }
    const officerIds = all
      .data!.changes.edges.filter((e: any) => e.node.entityType === 'OFFICER')
      .map((e: any) => e.node.id);
    expect(seen).toEqual(officerIds);
    expect(seen.length).toBe(4);

    const future = await t.gql(
      CHANGES,
      { since: new Date(Date.now() + 60_000).toISOString() },
      editor,
    );
    expect(future.data!.changes.edges).toEqual([]);
    const [{ now }] = (await t.dataSource.query(`SELECT now() AS now`)) as { now: Date }[];
    await t.gql(
      `mutation { createOfficer(input: { fullName: "Later Officer" }) { id } }`,
      {},
      editor,
    );
    const recent = await t.gql(CHANGES, { since: now.toISOString(), first: 100 }, editor);
    expect(
      recent.data!.changes.edges.map((e: any) => [e.node.operation, e.node.after.full_name]),
    ).toEqual([['INSERT', 'Later Officer']]);

    const bad = await t.gql(CHANGES, { after: 'not-a-cursor' });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const tooMany = await t.gql(CHANGES, { first: 101 });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('hides INTERNAL actions and confidential source details from anonymous callers', async () => {
    const internalId = await createAction({
      visibility: 'INTERNAL',
      citations: [{ sourceId: confidentialId, excerpt: 'secret words' }],
    });
    const publicId = await createAction({
      citations: [{ sourceId: confidentialId, excerpt: 'quoted secretly', locator: 'p. 2' }],
    });

    const anonymous = await t.gql(CHANGES, { first: 100 });
    const entityIds = anonymous.data!.changes.edges.map((e: any) => e.node.entityId);
    expect(entityIds).not.toContain(internalId);
    expect(entityIds).toContain(publicId);
    const secretSource = anonymous.data!.changes.edges.find(
      (e: any) => e.node.entityId === confidentialId,
    ).node;
    expect(secretSource.after).toMatchObject({
      title: null,
      publisher: null,
      notes: null,
      redacted: true,
      confidential: true,
    });
    expect(JSON.stringify(anonymous.data)).not.toMatch(
      /Whistleblower|Anonymous officer|met at the market|secret words|quoted secretly/,
    );

    const asEditor = await t.gql(CHANGES, { first: 100 }, editor);
    expect(asEditor.data!.changes.edges.map((e: any) => e.node.entityId)).toContain(internalId);
    expect(JSON.stringify(asEditor.data)).toMatch(/Whistleblower/);

    const sourceHistory = await t.gql(`query($id: ID!) { source(id: $id) { history { after } } }`, {
      id: confidentialId,
    });
    expect(sourceHistory.data!.source.history[0].after).toMatchObject({
      title: null,
      url: null,
      redacted: true,
    });
    const actionHistory = await t.gql(`query($id: ID!) { action(id: $id) { history { after } } }`, {
      id: publicId,
    });
    expect(actionHistory.data!.action.history[0].after.citations).toEqual([
      { source_id: confidentialId, excerpt: null, locator: null },
    ]);
    const hidden = await t.gql(`query($id: ID!) { action(id: $id) { history { after } } }`, {
      id: internalId,
    });
    expect(hidden.errors![0].extensions!.code).toBe('NOT_FOUND');

    // Made public later: its INTERNAL past stays withheld, the public side is shown.
    await t.gql(
      UPDATE_ACTION,
      { input: { id: internalId, expectedVersion: 1, visibility: 'PUBLIC' } },
      editor,
    );
    const now = await t.gql(
      `query($id: ID!) { action(id: $id) { history { operation before after } } }`,
      { id: internalId },
    );
    expect(now.data!.action.history).toHaveLength(1);
    expect(now.data!.action.history[0]).toMatchObject({
      operation: 'UPDATE',
      before: null,
      after: { visibility: 'PUBLIC' },
    });
  });

  it('loads the history of a whole page of records in one batch', async () => {
    for (let i = 0; i < 5; i++) await createAction({ occurred: `2023-0${i + 1}` });
    const { data, errors } = await t.gql(
      `{ actions(first: 50) { edges { node { id history { operation changedBy } } } } }`,
      {},
      editor,
    );
    expect(errors).toBeUndefined();
    for (const edge of data!.actions.edges)
      expect(edge.node.history[0]).toEqual({
        operation: 'INSERT',
        changedBy: 'Jane, newsroom (EDITOR)',
      });
  });

  it('records reference data changes, the seed and the migration', async () => {
    await t.seed();
    // The seed's records: 1 source, 2 officers, 3 actions (with 3 citations) and 3 figures, each one version by 'seed'.
    const seeded = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM source WHERE recorded_by = 'seed') + (SELECT count(*) FROM officer WHERE recorded_by = 'seed')
            + (SELECT count(*) FROM disciplinary_action WHERE recorded_by = 'seed') + (SELECT count(*) FROM reported_figure WHERE recorded_by = 'seed') AS n`,
    )) as { n: string }[];
    expect(Number(seeded[0].n)).toBe(1 + 2 + 3 + 3);
    await t.dataSource.query(
      `UPDATE reason SET label = 'Absence without leave' WHERE code = 'ABSENCE'`,
    );
    const reason = await t.gql(CHANGES, { entityType: 'REASON', first: 100 }, editor);
    const entries = reason
      .data!.changes.edges.map((e: any) => e.node)
      .filter((n: any) => n.entityId === 'ABSENCE');
    expect(entries.map((n: any) => [n.operation, n.changedBy])).toEqual([
      ['INSERT', 'migration'],
      ['UPDATE', 'database'],
    ]);
    expect(entries[1].after.label).toBe('Absence without leave');
  });
});
