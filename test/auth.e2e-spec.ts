import { snapshotCounts, startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createSource } from './support/factories.js';

const CREATE_OFFICER = `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id fullName } }`;
const ADMIN_KEY = 'admin-key-for-tests-0123456789abcdef';

describe('write protection and confidentiality', () => {
  let t: TestApp;
  let editor: string;
  let reader: string;
  let confidentialSource: string;
  let publicSource: string;
  let internalAction: string;
  let publicAction: string;

  beforeAll(async () => {
    t = await startTestApp({ adminApiKey: ADMIN_KEY });
    editor = await t.key('EDITOR');
    reader = await t.key('READER');
    publicSource = (await createSource(t, editor, { title: 'Public report', publisher: 'Daily' }))
      .id;
    confidentialSource = (
      await createSource(t, editor, {
        title: 'Leaked memo',
        publisher: 'A police insider',
        url: 'https://example.org/memo',
        archiveUrl: 'https://archive.example.org/memo',
        notes: 'met in person',
        confidential: true,
      })
    ).id;
    publicAction = (
      await createAction(t, editor, publicSource, {
        citations: [
          { sourceId: publicSource, excerpt: 'public words' },
          { sourceId: confidentialSource, excerpt: 'secret words', locator: 'p. 2' },
        ],
      })
    ).id;
    internalAction = (
      await createAction(t, editor, publicSource, { visibility: 'INTERNAL', provinceCode: 'KH-14' })
    ).id;
  });
  afterAll(() => t.close());

  it.each([
    ['no key', undefined, 'UNAUTHENTICATED'],
    ['a reader key', 'reader', 'FORBIDDEN'],
  ])('refuses a write with %s (%s) and writes nothing', async (_label, who, code) => {
    const before = await snapshotCounts(t);
    const res = await t.gql(
      CREATE_OFFICER,
      { i: { fullName: 'Chan Sophal' } },
      who === 'reader' ? reader : undefined,
    );
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.data?.createOfficer ?? null).toBeNull();
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it.each([
    ['an unknown key', 'pdt_unknown1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['a malformed header', null],
  ])('answers 401 UNAUTHENTICATED to %s, even for reads', async (_label, key) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: key ? `Bearer ${key}` : 'Basic dXNlcjpwYXNz',
      },
      body: JSON.stringify({ query: '{ provinces { code } }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a write with an editor key', async () => {
    const res = await t.gql(CREATE_OFFICER, { i: { fullName: 'Chan Sophal' } }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOfficer.fullName).toBe('Chan Sophal');
  });

  it('accepts a write with the ADMIN_API_KEY registered at start', async () => {
    const res = await t.gql(CREATE_OFFICER, { i: { fullName: 'Keo Vanna' } }, ADMIN_KEY);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOfficer.fullName).toBe('Keo Vanna');
  });

  it('ignores a key given in the URL', async () => {
    const res = await fetch(
      `${t.url}/graphql?api_key=${encodeURIComponent(editor)}&access_token=${encodeURIComponent(editor)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: CREATE_OFFICER, variables: { i: { fullName: 'Via Url' } } }),
      },
    );
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  const LIST = `{ actions(first: 100) { totalCount edges { node { id visibility } } } }`;

  it('hides INTERNAL actions from anonymous callers and readers, in lists, counts and by id', async () => {
    for (const key of [undefined, reader]) {
      const list = await t.gql(LIST, {}, key);
      expect(list.data!.actions.totalCount).toBe(1);
      expect(list.data!.actions.edges.map((e: any) => e.node.id)).toEqual([publicAction]);
      const one = await t.gql(
        `query($id: ID!) { action(id: $id) { id } }`,
        { id: internalAction },
        key,
      );
      expect(one.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('shows INTERNAL actions to editors', async () => {
    const list = await t.gql(LIST, {}, editor);
    expect(list.data!.actions.totalCount).toBe(2);
    expect(list.data!.actions.edges.map((e: any) => e.node.visibility).sort()).toEqual([
      'INTERNAL',
      'PUBLIC',
    ]);
  });

  const CITATIONS = `query($id: ID!) { action(id: $id) { citations { excerpt locator source { id title publisher url archiveUrl notes confidential redacted } } } }`;

  it("hides a confidential source's identifying fields and excerpts from anonymous callers", async () => {
    const res = await t.gql(CITATIONS, { id: publicAction });
    const [open, secret] = res.data!.action.citations;
    expect(open).toMatchObject({
      excerpt: 'public words',
      source: { title: 'Public report', redacted: false },
    });
    expect(secret).toEqual({
      excerpt: null,
      locator: null,
      source: {
        id: confidentialSource,
        title: null,
        publisher: null,
        url: null,
        archiveUrl: null,
        notes: null,
        confidential: true,
        redacted: true,
      },
    });
    const direct = await t.gql(
      `query($id: ID!) { source(id: $id) { title publisher url redacted } }`,
      { id: confidentialSource },
    );
    expect(direct.data!.source).toEqual({
      title: null,
      publisher: null,
      url: null,
      redacted: true,
    });
    const list = await t.gql(`{ sources(first: 100) { totalCount edges { node { id } } } }`);
    expect(list.data!.sources.edges.map((e: any) => e.node.id)).toEqual([publicSource]);
    expect(list.data!.sources.totalCount).toBe(1);
  });

  it('shows a confidential source to editors', async () => {
    const res = await t.gql(CITATIONS, { id: publicAction }, editor);
    expect(res.data!.action.citations[1]).toMatchObject({
      excerpt: 'secret words',
      locator: 'p. 2',
      source: {
        title: 'Leaked memo',
        publisher: 'A police insider',
        url: 'https://example.org/memo',
        redacted: false,
      },
    });
  });

  it('stores only a hash of each key', async () => {
    const rows = (await t.dataSource.query('SELECT prefix, secret_hash FROM api_key')) as {
      prefix: string;
      secret_hash: Buffer;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.secret_hash.length).toBe(32);
      expect(
        editor.startsWith(row.prefix) ||
          reader.startsWith(row.prefix) ||
          ADMIN_KEY.startsWith(row.prefix),
      ).toBe(true);
      expect(row.secret_hash.toString('utf8')).not.toContain(editor.slice(13));
    }
    const all = JSON.stringify(await t.dataSource.query('SELECT * FROM api_key'));
    expect(all).not.toContain(editor.slice(13));
    expect(all).not.toContain(ADMIN_KEY.slice(12));
  });
});
