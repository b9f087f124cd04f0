import { startTestApp, type TestApp } from './support/test-app.js';

// The first run of a document goes through graphql-js, the later ones through its compiled form
// (graphql-jit, apps/api/src/graphql/execution): every answer must be the same either way.
const RICH = `query Rich($first: Int, $withRank: Boolean!) {
  actions(first: $first) {
    totalCount
    edges { cursor node {
      id actionType occurred occurredFrom occurredTo subjectCount createdAt
      officer { fullName } rank @include(if: $withRank) { code tier } province { code nameKm }
      reasons { code label } citationCount citations { excerpt locator source { title redacted } }
    } }
    pageInfo { hasNextPage endCursor }
  }
  byProvince: tally(groupBy: [PROVINCE, MONTH]) { count range { min max } groups { key { province { code } month year } count } }
  reportedFigures(first: 5, orderBy: STATED_ON) { edges { node { value qualifier parts { value } check { verdict claimed { min max } recorded { min max } } } } }
  __typename
}`;

describe('compiled execution answers as graphql-js does', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
  });
  afterAll(() => t.close());

  it('gives the same data on the first run and on the compiled runs', async () => {
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await t.gql(RICH, { first: 2, withRank: i % 2 === 0 }));
    for (const r of runs) expect(r.errors).toBeUndefined();
    expect(runs[0].data!.actions.edges).toHaveLength(2);
    expect(runs[0].data!.actions.pageInfo.hasNextPage).toBe(true);
    expect(runs[0].data!.actions.edges[0].node.rank).toBeDefined();
    expect(runs[1].data!.actions.edges[0].node).not.toHaveProperty('rank');
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[3]).toEqual(runs[1]);
    expect(runs[0].data!.byProvince.count).toBeGreaterThan(0);
  });

  it('reports a resolver error with its code, field and path, and nulls the non-null root, on every run', async () => {
    const query = `query($id: ID!) { provinces { code } action(id: $id) { id } }`;
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await t.gql(query, { id: 'not-a-uuid' }));
    for (const r of runs) {
      expect(r.status).toBe(200);
      // `action` is non-null: its error nulls the whole answer (graphql-js's rule).
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]).toMatchObject({
        path: ['action'],
        extensions: { code: 'BAD_USER_INPUT', field: 'id' },
      });
      expect(r.errors![0].extensions).not.toHaveProperty('stacktrace');
    }
    expect(runs[2]).toEqual(runs[0]);
  });

  it('refuses bad variables of a compiled document as graphql-js does (BAD_USER_INPUT naming the variable, no data)', async () => {
    const query = `query($first: Int) { actions(first: $first) { edges { node { id } } } }`;
    for (let i = 0; i < 2; i++) expect((await t.gql(query, { first: 2 })).errors).toBeUndefined();
    const bad = await t.gql(query, { first: 'many' });
    expect(bad.data).toBeUndefined();
    expect(bad.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    expect(bad.errors![0].message).toMatch(/^Variable "\$first" got invalid value "many"/);
    const domain = await t.gql(query, { first: 0 });
    expect(domain.errors![0]).toMatchObject({
      path: ['actions'],
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });
});
