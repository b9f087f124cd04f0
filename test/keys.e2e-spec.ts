import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id name role prefix revokedAt } } }`;
const ROTATE = `mutation($id: ID!) { rotateApiKey(input: { id: $id }) { key apiKey { id name role prefix } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { id revokedAt } }`;
const LIST = `{ apiKeys { id name role prefix createdAt revokedAt } }`;
const WRITE = `mutation { createOfficer(input: { fullName: "Key Test" }) { id } }`;

describe('roles and keys: admins create, list, rotate and revoke keys', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key('ADMIN', 'root');
  });
  afterAll(() => t.close());

  it('creates a key that works at once and is listed by prefix, never by secret', async () => {
    const res = await t.gql(CREATE, { input: { name: 'Newsroom bot', role: 'EDITOR' } }, admin);
    expect(res.errors).toBeUndefined();
    const { key, apiKey } = res.data!.createApiKey;
    expect(key).toMatch(/^pdt_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{40}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ name: 'Newsroom bot', role: 'EDITOR', revokedAt: null });
    expect((await t.gql(WRITE, {}, key)).errors).toBeUndefined();

    const list = await t.gql(LIST, {}, admin);
    expect(list.data!.apiKeys.map((k: any) => k.name)).toEqual(['root', 'Newsroom bot']);
    expect(JSON.stringify(list.data)).not.toContain(key);
    const stored = (await t.dataSource.query(
      `SELECT encode(secret_hash, 'hex') AS h FROM api_key WHERE id = $1`,
      [apiKey.id],
    )) as { h: string }[];
    expect(stored[0].h).toHaveLength(64);
    expect(stored[0].h).not.toContain(key);
  });

  it('records when a key was last used (to the minute), and not before its first use', async () => {
    const created = await t.gql(CREATE, { input: { name: 'Unused yet', role: 'READER' } }, admin);
    const { key, apiKey } = created.data!.createApiKey;
    const lastUsed = async () =>
      (
        (await t.gql(`{ apiKeys { id lastUsedAt } }`, {}, admin)).data!.apiKeys as {
          id: string;
          lastUsedAt: string | null;
        }[]
      ).find((k) => k.id === apiKey.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    expect((await t.gql(`{ provinces { code } }`, {}, key)).errors).toBeUndefined();
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(Math.abs(new Date(first!).getTime() - before)).toBeLessThan(60_000);
    await t.gql(`{ provinces { code } }`, {}, key);
    expect(await lastUsed()).toBe(first);
  });

  it('rotates a key: the old secret is refused on the next request, the new one works with the same role', async () => {
    const created = (await t.gql(CREATE, { input: { name: 'Rotating', role: 'EDITOR' } }, admin))
      .data!.createApiKey;
    const rotated = await t.gql(ROTATE, { id: created.apiKey.id }, admin);
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.rotateApiKey;
    expect(next.key).not.toBe(created.key);
    expect(next.apiKey).toMatchObject({ name: 'Rotating', role: 'EDITOR' });
    const old = await t.gql(WRITE, {}, created.key);
    expect(old.status).toBe(401);
    expect(old.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(WRITE, {}, next.key)).errors).toBeUndefined();
    const again = await t.gql(ROTATE, { id: created.apiKey.id }, admin);
    expect(again.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('revokes a key by id or prefix, effective on the next request', async () => {
    for (const by of ['id', 'prefix'] as const) {
      const created = (
        await t.gql(CREATE, { input: { name: `Revoke by ${by}`, role: 'READER' } }, admin)
      ).data!.createApiKey;
      expect((await t.gql(`{ provinces { code } }`, {}, created.key)).status).toBe(200);
      const revoked = await t.gql(REVOKE, { id: created.apiKey[by] }, admin);
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
      const refused = await t.gql(`{ provinces { code } }`, {}, created.key);
      expect(refused.status).toBe(401);
      expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('revokes exactly one key: a prefix shared by two keys is refused, listing both, and nothing changes', async () => {
    // Prefixes are random: two keys sharing one are crafted in the database, each with a real secret.
    const twins = [
      {
        id: '00000000-0000-4000-8000-0000000000a1',
        name: 'Twin A',
        key: `pdt_TWINPREF_${'a'.repeat(40)}`,
        day: '2024-01-01',
      },
      {
        id: '00000000-0000-4000-8000-0000000000b2',
        name: 'Twin B',
        key: `pdt_TWINPREF_${'b'.repeat(40)}`,
        day: '2024-01-02',
      },
    ];
    for (const k of twins) {
      await t.dataSource.query(
        `INSERT INTO api_key (id, name, role, prefix, secret_hash, created_at) VALUES ($1, $2, 'READER', 'pdt_TWINPREF', sha256(convert_to($3, 'UTF8')), $4)`,
        [k.id, k.name, k.key, k.day],
      );
    }
    const works = async (key: string) =>
      (await t.gql(`{ provinces { code } }`, {}, key)).status === 200;
    const revokedAt = async () =>
      (
        (await t.dataSource.query(
          `SELECT revoked_at FROM api_key WHERE prefix = 'pdt_TWINPREF' ORDER BY created_at`,
        )) as { revoked_at: Date | null }[]
      ).map((r) => r.revoked_at);
    const keysBefore = await t.count('api_key');

    const ambiguous = await t.gql(REVOKE, { id: 'pdt_TWINPREF' }, admin);
    expect(ambiguous.errors).toHaveLength(1);
    expect(ambiguous.errors![0].message).toBe(
      'The prefix pdt_TWINPREF matches 2 keys: 00000000-0000-4000-8000-0000000000a1 "Twin A", 00000000-0000-4000-8000-0000000000b2 "Twin B". ' +
        'Nothing was revoked: name one of them by its id.',
    );
    expect(ambiguous.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      matches: [
        {
          id: '00000000-0000-4000-8000-0000000000a1',
          name: 'Twin A',
          role: 'READER',
          revokedAt: null,
        },
        {
          id: '00000000-0000-4000-8000-0000000000b2',
          name: 'Twin B',
          role: 'READER',
          revokedAt: null,
        },
      ],
    });
    expect(await revokedAt()).toEqual([null, null]);
    expect([await works(twins[0].key), await works(twins[1].key)]).toEqual([true, true]);

    const rotate = await t.gql(ROTATE, { id: 'pdt_TWINPREF' }, admin);
    expect(rotate.errors![0].message).toContain('Nothing was rotated: name one of them by its id.');
    expect(await t.count('api_key')).toBe(keysBefore);

    // By id (in any case): that key only.
    const byId = await t.gql(REVOKE, { id: twins[0].id.toUpperCase() }, admin);
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.revokeApiKey.id).toBe(twins[0].id);
    const [first, second] = await revokedAt();
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect([await works(twins[0].key), await works(twins[1].key)]).toEqual([false, true]);

    // Again: nothing changes, the first revocation time stays.
    const again = await t.gql(REVOKE, { id: twins[0].id }, admin);
    expect(again.errors).toBeUndefined();
    expect(new Date(again.data!.revokeApiKey.revokedAt).getTime()).toBe(first!.getTime());
    expect((await revokedAt())[0]!.getTime()).toBe(first!.getTime());

    // The prefix still names two keys, one of them revoked: still refused.
    const still = await t.gql(REVOKE, { id: 'pdt_TWINPREF' }, admin);
    expect(still.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await works(twins[1].key)).toBe(true);

    const unknown = await t.gql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, admin);
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it.each([
    ['an editor', 'EDITOR', 'FORBIDDEN'],
    ['a reader', 'READER', 'FORBIDDEN'],
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
  ])('refuses key management to %s', async (_who, role, code) => {
    const key = role ? await t.key(role as 'EDITOR' | 'READER') : undefined;
    const before = await t.count('api_key');
    for (const [query, vars] of [
      [LIST, {}],
      [CREATE, { input: { name: 'x', role: 'ADMIN' } }],
      [REVOKE, { id: 'pdt_' }],
      [ROTATE, { id: 'pdt_' }],
    ] as const) {
      const res = await t.gql(query, vars, key);
      expect(res.errors![0].extensions!.code).toBe(code);
    }
    expect(await t.count('api_key')).toBe(before);
  });

  it.each([
    ['an unknown role', { name: 'x', role: 'OWNER' }],
    ['an empty name', { name: '', role: 'READER' }],
    ['a name of 101 characters', { name: 'n'.repeat(101), role: 'READER' }],
  ])('refuses to create a key with %s', async (_what, input) => {
    const before = await t.count('api_key');
    const res = await t.gql(CREATE, { input }, admin);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await t.count('api_key')).toBe(before);
  });

  it('ignores a key in the URL: the request stays anonymous', async () => {
    const editor = await t.key('EDITOR');
    for (const param of ['key', 'api_key', 'access_token', 'token']) {
      const res = await fetch(`${t.url}/graphql?${param}=${encodeURIComponent(editor)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: WRITE }),
      });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('compares secrets, not just prefixes: a key with the right prefix and a wrong secret is refused', async () => {
    const key = await t.key('EDITOR');
    const forged = key.slice(0, 13) + 'A'.repeat(key.length - 13);
    const res = await t.gql(WRITE, {}, forged);
    expect(res.status).toBe(401);
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
