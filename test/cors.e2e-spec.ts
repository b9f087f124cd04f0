import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@app/core';
import { openBrowser, type RecordedBrowser } from './support/browser.js';
import { startTestAppWithEnv, type TestApp } from './support/test-app.js';

/**
 * Pages on other origins (a newsroom's chart, a notebook) reading the API from a browser
 * (CORS_ORIGINS, README "Security model"). Reading is public and keys travel in the Authorization
 * header, never in cookies, so any origin may read by default; a deployment can name its origins or
 * allow none.
 */

const ORIGIN = 'https://graphics.example.org';
const QUERY = JSON.stringify({ query: '{ actions(first: 1) { totalCount } }' });

function preflight(
  t: TestApp,
  path: string,
  origin: string,
  headers = 'content-type,authorization',
) {
  return fetch(`${t.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': headers,
    },
  });
}

function post(t: TestApp, origin: string, body = QUERY, key?: string) {
  const headers: Record<string, string> = { origin, 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  return fetch(`${t.url}/graphql`, { method: 'POST', headers, body });
}

/** The app with the first data, 40 anonymous requests a minute, and these settings. */
async function start(overrides: Partial<AppConfig>, env: Record<string, string> = {}) {
  const t = await startTestAppWithEnv({ RATE_LIMIT_ANONYMOUS: '40', ...env }, overrides);
  await t.seed();
  return t;
}

describe('CORS by default: any origin may read and, with a key, write', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({});
  });
  afterAll(() => t?.close());

  it('answers a preflight itself (204), for the headers a page sends, without credentials', async () => {
    const res = await preflight(t, '/graphql', ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(res.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers GraphQL, downloads, feeds, errors and refusals with the header a browser needs', async () => {
    const read = await post(t, ORIGIN);
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await read.json()) as any).data.actions.totalCount).toBeGreaterThan(0);

    const csv = await fetch(`${t.url}/exports/actions.csv`, { headers: { origin: ORIGIN } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('access-control-allow-origin')).toBe('*');
    // The file's name and the retry time are readable by the page.
    expect(csv.headers.get('access-control-expose-headers')).toBe(
      'Retry-After,Content-Disposition,ETag',
    );
    await csv.arrayBuffer();

    const feed = await fetch(`${t.url}/feeds/figures.atom`, { headers: { origin: ORIGIN } });
    expect(feed.headers.get('access-control-allow-origin')).toBe('*');
    await feed.arrayBuffer();

    const bad = await post(
      t,
      ORIGIN,
      JSON.stringify({ query: '{ actions(first: 500) { totalCount } }' }),
    );
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');

    // Refused by the body parser, before any route: still readable by the page.
    const large = await post(
      t,
      ORIGIN,
      JSON.stringify({ query: `{ __typename }${' '.repeat(1_100_000)}` }),
    );
    expect(large.status).toBe(413);
    expect(large.headers.get('access-control-allow-origin')).toBe('*');
    expect(large.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await large.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');

    const missing = await fetch(`${t.url}/no/such/path`, { headers: { origin: ORIGIN } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    await missing.arrayBuffer();
  });

  it('lets a page with an editor key write, and a page without one is refused as anywhere else', async () => {
    const editor = await t.key('EDITOR');
    const mutation = JSON.stringify({
      query:
        'mutation { createSource(input: { title: "From a chart page", publisher: "CamboJA" }) { id } }',
    });
    const refused = await post(t, ORIGIN, mutation);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const written = await post(t, ORIGIN, mutation, editor);
    expect(((await written.json()) as any).data.createSource.id).toBeTruthy();
  });

  it('keeps the pages’ own Vary headers', async () => {
    const page = await fetch(`${t.url}/`, { headers: { origin: ORIGIN } });
    expect(page.headers.get('vary')).toContain('Accept-Language');
    await page.arrayBuffer();
  });
});

describe('CORS_ORIGINS naming origins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({}, { CORS_ORIGINS: `${ORIGIN}, http://localhost:8080` });
  });
  afterAll(() => t?.close());

  it('answers a named origin with its own name, and Vary: Origin for caches', async () => {
    const pre = await preflight(t, '/graphql', 'http://localhost:8080');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    const res = await post(t, ORIGIN);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('vary')).toContain('Origin');
    await res.arrayBuffer();
    // The page's own Vary is added to, not replaced.
    const page = await fetch(`${t.url}/`, { headers: { origin: ORIGIN } });
    expect(page.headers.get('vary')).toMatch(/Origin.*Accept-Language/);
    await page.arrayBuffer();
  });

  it('gives another origin no permission, so its browser does not hand the answer over', async () => {
    const pre = await preflight(t, '/graphql', 'https://elsewhere.example.net');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await post(t, 'https://elsewhere.example.net');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await res.arrayBuffer();
  });
});

describe('CORS_ORIGINS=none', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ corsOrigins: false });
  });
  afterAll(() => t?.close());

  it('gives no origin permission', async () => {
    const pre = await preflight(t, '/graphql', ORIGIN);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    await pre.arrayBuffer();
    const res = await post(t, ORIGIN);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await res.arrayBuffer();
  });
});

/** A page served from another origin (another port) that reads the API with fetch(). */
async function chartPage(apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><meta charset="utf-8"><title>chart</title><script>
    window.result = (async () => {
      try {
        const res = await fetch(${JSON.stringify(`${apiUrl}/graphql`)}, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(QUERY)} });
        const csv = await fetch(${JSON.stringify(`${apiUrl}/exports/tally.csv?groupBy=PROVINCE`)});
        return { total: (await res.json()).data.actions.totalCount,
                 file: csv.headers.get('content-disposition'), csvLines: (await csv.text()).trim().split('\\n').length };
      } catch (err) { return { error: String(err) }; }
    })();
  </script>`;
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        // The browser keeps its connection open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a page on another origin, in Chromium', () => {
  let browser: RecordedBrowser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it.each([
    ['by default', {}, true],
    ['with CORS_ORIGINS=none', { corsOrigins: false as const }, false],
  ])('reads the API %s', async (_name, overrides, allowed) => {
    const t = await start(overrides);
    const page = await chartPage(t.url);
    try {
      await browser.page.goto(page.url);
      const result = await browser.page.evaluate(() => (window as any).result);
      if (allowed) {
        expect(result.error).toBeUndefined();
        expect(result.total).toBeGreaterThan(0);
        expect(result.file).toMatch(/attachment; filename="?tally/);
        expect(result.csvLines).toBeGreaterThan(1);
      } else {
        expect(result.error).toMatch(/Failed to fetch/);
      }
    } finally {
      await page.close();
      await t.close();
    }
  });
});
