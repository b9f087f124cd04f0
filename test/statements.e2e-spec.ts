import pg from 'pg';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createOfficer, createSource } from './support/factories.js';

/** Counts the SQL statements the app sends while `work` runs (every statement goes through pg's Client.query). */
async function countStatements(work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
  const original = pg.Client.prototype.query;
  const statements: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === 'string' ? first : (first?.text ?? '?'));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return { count: statements.length, statements };
}

const PAGE = `query($first: Int) {
  actions(first: $first) {
    edges { node { id occurred subjectCount officer { fullName } province { code name nameKm } rank { code }
      reasons { code label } citations { excerpt source { title publisher } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('no N+1: a page of actions costs one statement whatever its size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const editor = await t.key('EDITOR');
    const sources = [(await createSource(t, editor, { title: 'S1' })).id, (await createSource(t, editor, { title: 'S2' })).id];
    const officers: string[] = [];
    for (let i = 0; i < 10; i++) officers.push((await createOfficer(t, editor, { fullName: `Officer ${i}` })).id);
    // 120 actions through the API, each with an officer, two reasons and two citations.
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        t.gql(
          `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
          {
            i: {
              actionType: 'DISMISSAL',
              officerId: officers[i % 10],
              rankCode: 'CAPT',
              provinceCode: `KH-${(i % 25) + 1}`,
              reasonCodes: ['DRUG_POSITIVE_TEST', 'INTERNAL_REGULATION_VIOLATION'],
              occurred: '2024-01',
              citations: [{ sourceId: sources[0], excerpt: `a${i}` }, { sourceId: sources[1], excerpt: `b${i}` }],
            },
          },
          editor,
        ),
      ),
    );
  });
  afterAll(() => t.close());

  it.each([[10], [100]])('first: %i', async (first) => {
    let body: any;
    const { count, statements } = await countStatements(async () => {
      body = await t.gql(PAGE, { first });
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.actions.edges).toHaveLength(first);
    expect(body.data.actions.edges[0].node.citations).toHaveLength(2);
    expect(body.data.actions.edges[0].node.reasons).toHaveLength(2);
    // The page brings its reasons, citations, officers and sources; provinces, ranks and reason
    // labels come from memory.
    expect(statements).toHaveLength(1);
    expect(count).toBe(1);
    expect(statements[0]).toMatch(/FROM disciplinary_action/);
    // What the statement brought is what the records hold: each action's own officer and its sources in order.
    for (const { node } of body.data.actions.edges) {
      const i = Number(/^a(\d+)$/.exec(node.citations[0].excerpt)![1]);
      expect(node.officer.fullName).toBe(`Officer ${i % 10}`);
      expect(node.citations.map((c: any) => [c.source.title, c.excerpt])).toEqual([['S1', `a${i}`], ['S2', `b${i}`]]);
      expect(node.province.code).toBe(`KH-${(i % 25) + 1}`);
    }
  });
});
