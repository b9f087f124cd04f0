import { startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';

/**
 * What anonymous callers and readers see of officers and of who made changes (issue 13, items 6
 * and 7): an officer named only in INTERNAL actions (or in none) is not published anywhere; the
 * history shows the role that made a change, not the key's name.
 */
describe('visibility of officers and of key names', () => {
  let t: TestApp;
  let editor: string;
  let reader: string;
  const ids: Record<'internalOnly' | 'published' | 'unused', string> = {
    internalOnly: '',
    published: '',
    unused: '',
  };
  let internalAction: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR', 'Jane Doe, newsroom editor');
    reader = await t.key('READER', 'A researcher');
    const source = await createSource(t, editor);
    ids.internalOnly = (
      await createOfficer(t, editor, { fullName: 'Keo Sophal', notes: 'unverified tip' })
    ).id;
    ids.published = (await createOfficer(t, editor, { fullName: 'Nath Ratana' })).id;
    ids.unused = (await createOfficer(t, editor, { fullName: 'Chea Vuthy' })).id;
    internalAction = await createAction(t, editor, source.id, {
      officerId: ids.internalOnly,
      visibility: 'INTERNAL',
    });
    await createAction(t, editor, source.id, { officerId: ids.published });
  });
  afterAll(() => t.close());

  const who = () =>
    [
      ['anonymous', undefined],
      ['a reader', reader],
    ] as const;

  it('lists, counts and searches only published officers for anonymous callers and readers', async () => {
    for (const [, key] of who()) {
      const list = await t.gql(
        `{ officers(first: 50) { totalCount edges { node { id fullName notes } } } }`,
        {},
        key,
      );
      expect(list.errors).toBeUndefined();
      expect(list.data!.officers.edges.map((e: any) => e.node.fullName)).toEqual(['Nath Ratana']);
      expect(list.data!.officers.totalCount).toBe(1);
      for (const search of ['sophal', 'keo', 'vuthy']) {
        const found = await t.gql(
          `query($s: String!) { officers(search: $s) { totalCount edges { node { id } } } }`,
          { s: search },
          key,
        );
        expect(found.errors).toBeUndefined();
        expect(found.data!.officers).toEqual({ totalCount: 0, edges: [] });
      }
    }
    const all = await t.gql(`{ officers(first: 50) { totalCount } }`, {}, editor);
    expect(all.data!.officers.totalCount).toBe(3);
  });

  it.each(['internalOnly', 'unused'] as const)(
    'answers NOT_FOUND for the %s officer by id, and the editor sees it',
    async (which) => {
      for (const [, key] of who()) {
        const res = await t.gql(
          `query($id: ID!) { officer(id: $id) { fullName notes history { operation } } }`,
          { id: ids[which] },
          key,
        );
        expect(res.data).toBeNull();
        expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      }
      const res = await t.gql(
        `query($id: ID!) { officer(id: $id) { id } }`,
        { id: ids[which] },
        editor,
      );
      expect(res.data!.officer.id).toBe(ids[which]);
    },
  );

  it('leaves hidden officers out of the change feed', async () => {
    for (const [, key] of who()) {
      const res = await t.gql(
        `{ changes(first: 100, entityType: OFFICER) { totalCount edges { node { entityId after } } } }`,
        {},
        key,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.changes.edges.map((e: any) => e.node.entityId)).toEqual([ids.published]);
      expect(res.data!.changes.totalCount).toBe(1);
      expect(JSON.stringify(res.data)).not.toContain('Sophal');
    }
    const res = await t.gql(
      `{ changes(first: 100, entityType: OFFICER) { totalCount } }`,
      {},
      editor,
    );
    expect(res.data!.changes.totalCount).toBe(3);
  });

  it('never shows the hidden names in downloads', async () => {
    for (const [, key] of who()) {
      for (const path of [
        '/exports/actions.csv',
        '/exports/actions.json',
        '/exports/actions.csv?includeRetracted=true',
      ]) {
        const res = await fetch(`${t.url}${path}`, {
          headers: key ? { authorization: `Bearer ${key}` } : {},
        });
        const text = await res.text();
        expect(res.status).toBe(200);
        expect(text).toContain('Nath Ratana');
        expect(text).not.toContain('Sophal');
        expect(text).not.toContain('Vuthy');
      }
    }
  });

  it('publishes the officer once one of its actions is PUBLIC', async () => {
    const res = await t.gql(
      `mutation($id: ID!, $v: Int!) { updateAction(input: { id: $id, expectedVersion: $v, visibility: PUBLIC }) { id } }`,
      { id: internalAction.id, v: internalAction.version },
      editor,
    );
    expect(res.errors).toBeUndefined();
    const found = await t.gql(`query($id: ID!) { officer(id: $id) { fullName } }`, {
      id: ids.internalOnly,
    });
    expect(found.data!.officer.fullName).toBe('Keo Sophal');
    const search = await t.gql(`{ officers(search: "sophal") { totalCount } }`);
    expect(search.data!.officers.totalCount).toBe(1);
  });

  it('shows anonymous callers and readers the role that made a change, editors the key name', async () => {
    const query = `query($id: ID!) { officer(id: $id) { history { changedBy } } changes(first: 100) { edges { node { changedBy } } } }`;
    for (const [, key] of who()) {
      const res = await t.gql(query, { id: ids.published }, key);
      expect(res.errors).toBeUndefined();
      expect(res.data!.officer.history.map((h: any) => h.changedBy)).toEqual(['EDITOR']);
      const feed = new Set(res.data!.changes.edges.map((e: any) => e.node.changedBy));
      expect([...feed].sort()).toEqual(['EDITOR', 'migration']);
      expect(JSON.stringify(res.data)).not.toContain('Jane');
    }
    const res = await t.gql(query, { id: ids.published }, editor);
    expect(res.data!.officer.history.map((h: any) => h.changedBy)).toEqual([
      'Jane Doe, newsroom editor (EDITOR)',
    ]);
  });
});
