import { startTestApp, type TestApp } from './support/test-app.js';
import { createOfficer, createSource } from './support/factories.js';
import { captureStatements } from './support/statements.js';

/** Counts the SQL statements the app sends while `work` runs. */
async function countStatements(
  work: () => Promise<unknown>,
): Promise<{ count: number; statements: string[]; names: (string | undefined)[] }> {
  const captured = await captureStatements(work);
  return {
    count: captured.length,
    statements: captured.map((c) => c.text),
    names: captured.map((c) => c.name),
  };
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
    const sources = [
      (await createSource(t, editor, { title: 'S1' })).id,
      (await createSource(t, editor, { title: 'S2' })).id,
    ];
    const officers: string[] = [];
    for (let i = 0; i < 10; i++)
      officers.push((await createOfficer(t, editor, { fullName: `Officer ${i}` })).id);
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
              citations: [
                { sourceId: sources[0], excerpt: `a${i}` },
                { sourceId: sources[1], excerpt: `b${i}` },
              ],
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
      expect(node.citations.map((c: any) => [c.source.title, c.excerpt])).toEqual([
        ['S1', `a${i}`],
        ['S2', `b${i}`],
      ]);
      expect(node.province.code).toBe(`KH-${(i % 25) + 1}`);
    }
  });

  it('an unfiltered page is a prepared statement, the same one for every request; a filtered page is planned for its values', async () => {
    const first = await countStatements(() => t.gql(PAGE, { first: 20 }));
    const again = await countStatements(() => t.gql(PAGE, { first: 20 }));
    expect(first.names[0]).toMatch(/^pdt_[0-9a-f]{24}$/);
    expect(again.names).toEqual(first.names);
    // Another page size is another statement (the limit is part of its text, so its plan is generic-safe).
    const other = await countStatements(() => t.gql(PAGE, { first: 10 }));
    expect(other.names[0]).toMatch(/^pdt_/);
    expect(other.names[0]).not.toBe(first.names[0]);
    // A filter's values are parameters whose best plan differs by value (a skewed province): not prepared.
    const filtered = await countStatements(() =>
      t.gql(
        `query($p: [String!]) { actions(first: 20, filter: { provinceCodes: $p }) { edges { node { province { code } } } } }`,
        { p: ['KH-3'] },
      ),
    );
    expect(filtered.count).toBe(1);
    expect(filtered.names[0]).toBeUndefined();
  });

  it('a prepared page answers the same as the statement run unprepared, after writes too', async () => {
    const fetchIds = async () =>
      ((await t.gql(PAGE, { first: 100 })).data as any).actions.edges.map(
        (e: any) => e.node.id as string,
      );
    for (let i = 0; i < 7; i++) await fetchIds(); // past PostgreSQL's five custom plans: the generic plan runs
    const editor = await t.key('EDITOR');
    const source = (await createSource(t, editor, { title: 'Later' })).id;
    const created = await t.gql(
      `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
      {
        i: {
          actionType: 'SUSPENSION',
          reasonCodes: ['ABSENCE'],
          occurred: '2024-02',
          citations: [{ sourceId: source }],
        },
      },
      editor,
    );
    const prepared = await fetchIds();
    expect(prepared[0]).toBe((created.data as any).createAction.id);
    const direct = (await t.dataSource.query(
      `SELECT id FROM disciplinary_action WHERE visibility = 'PUBLIC' AND retracted_at IS NULL ORDER BY seq DESC LIMIT 100`,
    )) as { id: string }[];
    expect(prepared).toEqual(direct.map((r) => r.id));
  });
});
