import { auditServer } from 'graphql-http';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('GraphQL over HTTP (graphql-http auditServer)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('passes the whole audit with no errors and no warnings', async () => {
    const results = await auditServer({ url: `${t.url}/graphql` });
    const problems = results
      // 'notice' marks optional (MAY) features; warnings (SHOULD) and errors (MUST) count.
      .filter((r) => r.status === 'warn' || r.status === 'error')
      .map((r) => `${r.status.toUpperCase()} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });
});
