import pg from 'pg';
import { getIntrospectionQuery } from 'graphql';
import { describeWithServer } from './support/server-only.js';
import { startTestApp, type TestApp } from './support/test-app.js';

async function post(t: TestApp, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    text,
  };
}

function nested(levels: number): string {
  return `{ reportedFigures(first: 1) { edges { node { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } } }`;
}

describe('request limits (depth, aliases, directives, tokens, cost, body size)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
  });
  afterAll(() => t.close());

  it.each([
    ['depth', nested(8), 'maxDepth', 10],
    [
      'aliases',
      `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: provinces { code }`).join(' ')} }`,
      'maxAliases',
      20,
    ],
    [
      'directives',
      `{ provinces { ${Array.from({ length: 21 }, () => 'code @include(if: true)').join(' ')} } }`,
      'maxDirectives',
      20,
    ],
    ['tokens', `{ provinces { ${'code '.repeat(5001)} } }`, 'maxTokens', 5000],
    [
      'fields (fragments expanded)',
      `{ actions(first: 1) { edges { node { ...B } } } } fragment B on DisciplinaryAction { ${'...A '.repeat(21)} } fragment A on DisciplinaryAction { ${'id '.repeat(100)} }`,
      'maxFields',
      2000,
    ],
    [
      'aggregates',
      `{ reportedFigures(first: 21) { edges { node { check { verdict } } } } }`,
      'maxAggregates',
      20,
    ],
    [
      'cost (aggregates as recorded at a moment)',
      `{ ${[1, 2, 3, 4].map((i) => `t${i}: tally(asRecordedAt: "2024-01-23T00:00:00Z") { count }`).join(' ')} }`,
      'maxCost',
      10000,
    ],
  ])(
    'refuses a query over the %s limit with BAD_USER_INPUT naming the limit',
    async (_what, query, limit, max) => {
      // GraphQL over HTTP: 4xx under application/graphql-response+json, 200 under legacy application/json.
      for (const [accept, status] of [
        ['application/graphql-response+json', 400],
        ['application/json', 200],
      ] as const) {
        const res = await post(t, JSON.stringify({ query }), { accept });
        expect(res.status).toBe(status);
        const body = JSON.parse(res.text);
        expect(body.data).toBeUndefined();
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit, max });
        expect(body.errors[0].message).toContain(String(max));
      }
    },
  );

  it('accepts queries just inside the limits', async () => {
    for (const query of [
      nested(6),
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: provinces { code }`).join(' ')} }`,
      `{ provinces { ${Array.from({ length: 20 }, () => 'code @include(if: true)').join(' ')} } }`,
    ]) {
      const res = await t.gql(query);
      expect(res.errors).toBeUndefined();
      expect(res.status).toBe(200);
    }
  });

  it('prices connections at `first` times their nodes, variables included, and refuses a query over budget', async () => {
    const query = `query($n: Int) { reportedFigures(first: $n) { edges { node { parts { parts { parts { id } } } } } } }`;
    const small = await t.gql(query, { n: 5 });
    expect(small.errors).toBeUndefined();
    const big = await t.gql(query, { n: 100 });
    expect(big.data).toBeUndefined();
    expect(big.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxCost',
      max: 10000,
      cost: 11301,
    });
    expect(big.errors![0].message).toMatch(/costs 11301 points; the limit is 10000/);
  });

  it('remembers a cost per document and variables: the same document alternating between a cheap and a costly page', async () => {
    const query = `query($n: Int, $deep: Boolean!) { reportedFigures(first: $n) { edges { node { id parts @include(if: $deep) { parts { parts { id } } } } } } }`;
    // The same text each time (Apollo hands back one parsed document): each answer must follow its own variables.
    for (let round = 0; round < 3; round++) {
      expect((await t.gql(query, { n: 100, deep: false })).errors).toBeUndefined();
      const refused = await t.gql(query, { n: 100, deep: true });
      expect(refused.errors![0].extensions).toMatchObject({ limit: 'maxCost', cost: 11301 });
      expect((await t.gql(query, { n: 5, deep: true })).errors).toBeUndefined();
    }
    // Variables that do not coerce are answered as such, naming the variable (and not remembered as a price).
    const bad = await t.gql(query, { n: 'many', deep: true });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
    expect(bad.errors![0].message).toMatch(/^Variable "\$n" got invalid value "many"/);
    expect((await t.gql(query, { n: 5, deep: true })).errors).toBeUndefined();
  });

  it('answers a request naming no operation of its document as such, not as a cost refusal', async () => {
    const document = 'query A { provinces { code } } query B { reasons { code } }';
    for (const operationName of ['C', undefined]) {
      const res = await post(t, JSON.stringify({ query: document, operationName }));
      const body = JSON.parse(res.text);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
  });

  it('answers the full introspection query that GraphiQL and code generators send (a flat 500 points)', async () => {
    const res = await t.gql(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.types.map((type: { name: string }) => type.name)).toContain(
      'DisciplinaryAction',
    );
  });

  it('lets a full page of 100 actions with every relation and its history through', async () => {
    const res =
      await t.gql(`{ actions(first: 100) { totalCount pageInfo { hasNextPage } edges { cursor node {
      id actionType officer { fullName } rank { code } province { code } reasons { code }
      citations { excerpt source { title } } history { changedBy operation } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.actions.totalCount).toBe(3);
  });

  it('answers 413 in JSON (not an HTML page) for a body over 1 MiB, and 400 for a body that is not JSON', async () => {
    const big = await post(
      t,
      JSON.stringify({
        query: '{ provinces { code } }',
        variables: { pad: 'x'.repeat(1024 * 1024) },
      }),
    );
    expect(big.status).toBe(413);
    expect(big.type).toContain('application/json');
    expect(JSON.parse(big.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await post(t, '{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.type).toContain('application/json');
    expect(JSON.parse(broken.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const fits = await post(
      t,
      JSON.stringify({
        query: '{ provinces { code } }',
        variables: { pad: 'x'.repeat(900 * 1024) },
      }),
    );
    expect(fits.status).toBe(200);
  });

  describeWithServer('statement timeouts', () => {
    // The embedded database (PGlite, one WASM session) does not implement statement_timeout: server only (README).
    it('cancels a statement that runs past STATEMENT_TIMEOUT_MS, and maps it to UNAVAILABLE', async () => {
      const slow = await startTestApp({ statementTimeoutMs: 300 });
      try {
        const [{ statement_timeout }] = (await slow.dataSource.query('SHOW statement_timeout')) as {
          statement_timeout: string;
        }[];
        expect(statement_timeout).toBe('300ms');
        const started = Date.now();
        await expect(slow.dataSource.query('SELECT pg_sleep(5)')).rejects.toMatchObject({
          driverError: { code: '57014' },
        });
        expect(Date.now() - started).toBeLessThan(3000);
        const { fromDatabaseError } = await import('@app/core');
        const mapped = await slow.dataSource
          .query('SELECT pg_sleep(5)')
          .catch((err: unknown) => fromDatabaseError(err));
        expect(mapped).toMatchObject({ code: 'UNAVAILABLE' });
      } finally {
        await slow.close();
      }
    });

    it('answers UNAVAILABLE, never a 500 or a 200 cut short, when a read waits on a lock past the limit', async () => {
      const slow = await startTestApp({ statementTimeoutMs: 300 });
      const locker = new pg.Client({
        connectionString: (slow.dataSource.options as { url: string }).url,
      });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE disciplinary_action IN ACCESS EXCLUSIVE MODE');
        const started = Date.now();
        for (const query of [
          '{ actions(first: 5) { edges { node { id } } } }',
          '{ tally(groupBy: [PROVINCE]) { count } }',
        ]) {
          const res = await slow.gql(query);
          expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE' });
          expect(res.errors![0].message).not.toMatch(/lock|relation|timeout/i);
        }
        const csv = await fetch(`${slow.url}/exports/actions.csv`);
        expect(csv.status).toBe(503);
        expect(csv.headers.get('content-type')).toContain('application/json');
        expect((await csv.json()).errors[0].extensions.code).toBe('UNAVAILABLE');
        expect(Date.now() - started).toBeLessThan(5000);
        await locker.query('ROLLBACK');
        const after = await slow.gql('{ actions(first: 5) { edges { node { id } } } }');
        expect(after.errors).toBeUndefined();
        expect((await fetch(`${slow.url}/exports/actions.csv`)).status).toBe(200);
      } finally {
        await locker.end();
        await slow.close();
      }
    });

    it('ends an export query at once when its client goes away before the first bytes', async () => {
      const t = await startTestApp();
      const url = (t.dataSource.options as { url: string }).url;
      const locker = new pg.Client({ connectionString: url });
      const watcher = new pg.Client({ connectionString: url });
      await locker.connect();
      await watcher.connect();
      const exporting = () =>
        watcher
          .query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '/* export:actions */%'`,
          )
          .then((r) => r.rows[0].n as number);
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE disciplinary_action IN ACCESS EXCLUSIVE MODE');
        const controller = new AbortController();
        const download = fetch(`${t.url}/exports/actions.csv`, { signal: controller.signal }).catch(
          (err: Error) => err,
        );
        let waited = 0;
        while ((await exporting()) === 0 && waited < 3000) {
          await new Promise((r) => setTimeout(r, 50));
          waited += 50;
        }
        expect(await exporting()).toBe(1);
        controller.abort();
        expect(await download).toMatchObject({ name: 'AbortError' });
        const gone = Date.now();
        while ((await exporting()) > 0 && Date.now() - gone < 3000)
          await new Promise((r) => setTimeout(r, 50));
        expect(await exporting()).toBe(0);
        expect(Date.now() - gone).toBeLessThan(2000);
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
        await watcher.end();
        await t.close();
      }
    });
  });
});

describe('rate limits per key and per address', () => {
  let t: TestApp;
  const saved = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, {
      RATE_LIMIT_ANONYMOUS: '5',
      RATE_LIMIT_READER: '8',
      RATE_LIMIT_ADDRESS: '20',
    });
    t = await startTestApp();
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  async function ask(key?: string) {
    const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
    return post(t, JSON.stringify({ query: '{ reasons { code } }' }), headers);
  }

  it('answers RATE_LIMITED with a retry time (extensions.retryAfter and Retry-After) once a bucket is empty', async () => {
    const readerA = await t.key('READER', 'reader A');
    const readerB = await t.key('READER', 'reader B');
    const anonymous = [];
    for (let i = 0; i < 6; i++) anonymous.push(await ask());
    expect(anonymous.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const refused = anonymous[5];
    expect(refused.status).toBe(429);
    expect(refused.type).toContain('application/json');
    const error = JSON.parse(refused.text).errors[0];
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 5 });
    expect(error.extensions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(error.extensions.retryAfter).toBeLessThanOrEqual(12);
    expect(refused.retryAfter).toBe(String(error.extensions.retryAfter));

    // A key has its own, larger bucket: the anonymous limit does not apply to it.
    const a = [];
    for (let i = 0; i < 9; i++) a.push(await ask(readerA));
    expect(a.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    expect(JSON.parse(a[8].text).errors[0].message).toContain('for this API key');

    // Another key is not affected by reader A's use...
    for (let i = 0; i < 5; i++) expect((await ask(readerB)).status).toBe(200);
    // ...until the address as a whole (6 + 9 + 5 = 20 requests) reaches its own limit.
    const byAddress = await ask(readerB);
    expect(byAddress.status).toBe(429);
    expect(JSON.parse(byAddress.text).errors[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED', limit: 20 },
    });
    expect(JSON.parse(byAddress.text).errors[0].message).toContain('from this address');
  });
});
