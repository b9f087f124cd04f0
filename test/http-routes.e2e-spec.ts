import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Routes that do not exist, and the headers every response carries (issue 13, items 2 and 9). */
describe('HTTP routes and headers', () => {
  let t: TestApp;
  let errors: ReturnType<typeof jest.spyOn>;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error');
  });
  afterEach(() => errors.mockRestore());
  afterAll(() => t.close());

  it.each([
    ['GET', '/nope'],
    ['GET', '/favicon.ico.bak'],
    ['GET', '/exports/nothing.csv'],
    ['POST', '/exports/actions.csv'],
    ['DELETE', '/graphql/x'],
    ['GET', '/factcheck/missing.js'],
  ])('%s %s answers 404 NOT_FOUND in JSON and logs no error', async (method, path) => {
    const res = await fetch(`${t.url}${path}`, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0].extensions.field).toBe('path');
    expect(body.errors[0].message).toContain(path);
    expect(errors).not.toHaveBeenCalled();
  });

  it.each([
    '/nope',
    '/health',
    '/health/ready',
    '/graphql?query=%7B__typename%7D',
    '/exports/tally.csv',
    '/schema.graphql',
  ])('%s carries nosniff and a policy that forbids framing', async (path) => {
    const res = await fetch(`${t.url}${path}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    await res.arrayBuffer();
  });

  it.each(['/', '/factcheck', '/explorer'])(
    'the page %s keeps its own policy, without framing, plugins or inline scripts',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      await res.text();
    },
  );
});
