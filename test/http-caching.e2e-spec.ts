import http from 'node:http';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A GET as a browser revalidates (fetch() would add `Cache-Control: no-cache` to a conditional request). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; etag?: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag, body }));
      })
      .on('error', reject);
  });
}

describe('HTTP caching headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(['/', '/factcheck', '/factcheck/app.js', '/factcheck/app.css', '/factcheck/icon.svg'])(
    '%s has an ETag and answers 304 to a browser that holds it',
    async (path) => {
      const first = await get(`${t.url}${path}`);
      expect(first.status).toBe(200);
      expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(first.body.length).toBeGreaterThan(100);
      const again = await get(`${t.url}${path}`, { 'if-none-match': first.etag! });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      const stale = await get(`${t.url}${path}`, { 'if-none-match': '"something-else"' });
      expect(stale.status).toBe(200);
      expect(stale.body).toBe(first.body);
    },
  );

  it('sends no ETag with GraphQL answers (nothing would use it; hashing each one costs)', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ provinces { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect((await res.json()).data.provinces.length).toBeGreaterThan(20);
  });
});
