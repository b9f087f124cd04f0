import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every GraphQL example of the README runs, as an anonymous reader would paste it, on the seeded
 * report: no error, and data for every root field it asks.
 */

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('README examples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
  });
  afterAll(() => t.close());

  it('finds the examples', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(4));

  it.each(EXAMPLES.map((query, i) => [i + 1, /[A-Za-z]\w*/.exec(query)?.[0] ?? '?', query]))(
    'example %i runs (%s ...)',
    async (_i, _first, query) => {
      const res = await t.gql(query as string);
      expect(res.errors).toBeUndefined();
      expect(res.status).toBe(200);
      for (const [field, value] of Object.entries(res.data ?? {}))
        expect([field, value]).not.toEqual([field, null]);
      expect(Object.keys(res.data ?? {}).length).toBeGreaterThan(0);
    },
  );
});
