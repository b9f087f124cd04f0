import type { AppConfig } from '@app/core';
import { startTestAppWithEnv, type TestApp } from './support/test-app.js';

/**
 * Behind a load balancer (README "Running several API processes"): TRUST_PROXY names the proxies
 * whose X-Forwarded-For, -Proto and -Host the API believes. Rate limits then count each caller, not
 * the proxy, and the addresses the API publishes (feeds, ClaimReview permalinks) are the public
 * ones. Nothing a caller writes in those headers is believed unless it came through such a proxy.
 * The tests connect from 127.0.0.1, so `loopback` makes the test client the proxy.
 */

const PUBLIC_HOST = 'tracker.example.org';
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': PUBLIC_HOST };

/** The app with the first data, 3 anonymous requests a minute per address, and these settings. */
async function start(overrides: Partial<AppConfig>, env: Record<string, string> = {}) {
  const t = await startTestAppWithEnv(
    { RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_ADDRESS: '100', ...env },
    overrides,
  );
  await t.seed();
  return t;
}

/** Statuses of `n` anonymous GraphQL requests sent with these headers. */
async function statuses(t: TestApp, n: number, headers: Record<string, string>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ reasons { code } }' }),
    });
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

/**
 * Every address a feed or the ClaimReview download publishes for this tracker (not its sources').
 * Sent with a reader key, whose bucket is not the anonymous one the rate-limit tests empty (the
 * downloads show the public view whatever the key).
 */
async function publishedAddresses(t: TestApp, forwarded: Record<string, string>) {
  const headers = { ...forwarded, authorization: `Bearer ${await t.key('READER')}` };
  const hrefs: string[] = [];
  for (const feed of ['/feeds/actions.atom', '/feeds/figures.atom']) {
    const res = await fetch(`${t.url}${feed}`, { headers });
    expect(res.status).toBe(200);
    const xml = await res.text();
    for (const m of xml.matchAll(/<link\b[^>]*\bhref="([^"]+)"|<uri>([^<]+)<\/uri>/g))
      hrefs.push(m[1] ?? m[2]);
  }
  const reviews = await fetch(`${t.url}/exports/claimreview.json`, { headers });
  expect(reviews.status).toBe(200);
  const body = (await reviews.json()) as { url: string }[];
  expect(body.length).toBeGreaterThan(0);
  hrefs.push(...body.map((r) => r.url));
  // The sources' own addresses (camboja.net) are published as given.
  return hrefs.filter((h) => h && !h.includes('camboja'));
}

describe('TRUST_PROXY unset (the default): forwarded headers are not believed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({});
  });
  afterAll(() => t?.close());

  it('counts every request from one peer in one bucket, whatever X-Forwarded-For says', async () => {
    const seen = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      seen.push(...(await statuses(t, 1, { 'x-forwarded-for': client })));
    expect(seen).toEqual([200, 200, 200, 429]);
  });

  it('publishes the address the request came to, not a forwarded one', async () => {
    const hrefs = await publishedAddresses(t, FORWARDED);
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((href) => !href.startsWith(`${t.url}/`))).toEqual([]);
  });
});

describe('TRUST_PROXY=loopback: the test client is the proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Through the environment, as an operator sets it.
    t = await start({}, { TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t?.close());

  it('limits each forwarded caller on its own, and a caller cannot escape by writing addresses before its own', async () => {
    expect(await statuses(t, 4, { 'x-forwarded-for': '203.0.113.1' })).toEqual([
      200, 200, 200, 429,
    ]);
    // Another caller behind the same proxy has its own bucket.
    expect(await statuses(t, 1, { 'x-forwarded-for': '203.0.113.2' })).toEqual([200]);
    // The proxy appends the address it saw: what the caller wrote before it is not believed, since
    // 203.0.113.1 is not a trusted proxy.
    expect(await statuses(t, 1, { 'x-forwarded-for': '198.51.100.7, 203.0.113.1' })).toEqual([429]);
    // A chain of trusted proxies is followed to the first untrusted address.
    expect(await statuses(t, 1, { 'x-forwarded-for': '203.0.113.1, 127.0.0.1' })).toEqual([429]);
    // A request without the header is the proxy's own, another bucket.
    expect(await statuses(t, 1, {})).toEqual([200]);
  });

  it('publishes the scheme and host the proxy forwarded', async () => {
    const hrefs = await publishedAddresses(t, FORWARDED);
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((href) => !href.startsWith(`https://${PUBLIC_HOST}/`))).toEqual([]);
    // Without the headers, the address the request came to.
    expect(
      (await publishedAddresses(t, {})).filter((href) => !href.startsWith(`${t.url}/`)),
    ).toEqual([]);
  });
});

describe('TRUST_PROXY naming other proxies: a request from elsewhere is not believed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ trustProxy: ['10.0.0.0/8', '192.168.1.20'] });
  });
  afterAll(() => t?.close());

  it('ignores X-Forwarded-For, -Proto and -Host from a peer that is not one of them', async () => {
    const seen = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      seen.push(...(await statuses(t, 1, { 'x-forwarded-for': client })));
    expect(seen).toEqual([200, 200, 200, 429]);
    expect(
      (await publishedAddresses(t, FORWARDED)).filter((href) => !href.startsWith(`${t.url}/`)),
    ).toEqual([]);
  });
});

describe('TRUST_PROXY as a number of proxies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ trustProxy: 1 });
  });
  afterAll(() => t?.close());

  it('takes the address one proxy in front of the API saw', async () => {
    // One trusted hop: the last address of the header is the caller, what precedes it is not believed.
    expect(await statuses(t, 4, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' })).toEqual([
      200, 200, 200, 429,
    ]);
    expect(await statuses(t, 1, { 'x-forwarded-for': '198.51.100.2, 203.0.113.9' })).toEqual([429]);
    expect(await statuses(t, 1, { 'x-forwarded-for': '203.0.113.10' })).toEqual([200]);
  });
});

describe('PUBLIC_URL under a path: the tracker served by a proxy under a prefix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ publicUrl: 'https://example.org/tracker' });
  });
  afterAll(() => t?.close());

  it('puts every published address under the prefix, in the feeds as in the permalinks', async () => {
    const hrefs = await publishedAddresses(t, FORWARDED);
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((href) => !href.startsWith('https://example.org/tracker/'))).toEqual([]);
    expect(hrefs).toContain('https://example.org/tracker/feeds/actions.atom');
  });
});
