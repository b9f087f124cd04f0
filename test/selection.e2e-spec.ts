import { startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';
import { captureStatements } from './support/statements.js';
import {
  ACTION_PROPERTY_FIELDS,
  ACTION_RELATION_FIELDS,
  CITATION_FIELDS,
  OFFICER_PROPERTY_FIELDS,
  SOURCE_PROPERTY_FIELDS,
} from '../apps/api/src/graphql/selection/action-selection.js';

/**
 * A page of actions fetches only what the query reads (lookahead). These tests hold every narrower
 * query to the answer of the query that reads everything, on records with every kind of value
 * (confidential sources, no officer, no province, several reasons and citations, internal and
 * retracted records), for an anonymous caller and an editor.
 */

const OFFICER_ALL = `__typename id fullName fullNameKm aliases gender notes createdAt updatedAt version history { operation }`;
const SOURCE_ALL = `__typename id title publisher url publishedOn language kind archiveUrl accessedOn confidential redacted notes createdAt updatedAt version history { operation }`;
const ACTION_ALL = `__typename id actionType subjectCount subjectDescription rankText position reasonDetail occurred occurredFrom occurredTo decidedBy
  visibility externalId retractedAt retractionReason createdAt updatedAt version history { operation }
  officer { ${OFFICER_ALL} } province { code name } rank { code name } reasons { code label } citationCount
  citations { __typename excerpt locator source { ${SOURCE_ALL} } }`;
const pageOf = (fields: string, extra = '') => {
  const flags = /\$(yes|no)\b/.test(fields) ? ', $yes: Boolean = true, $no: Boolean = false' : '';
  return `query($first: Int${flags}) {
  actions(first: $first, filter: { includeRetracted: true }) { edges { cursor node { ${fields} } } } ${extra} }`;
};

// The aliases the queries below use, and the field each stands for.
const ALIASES: Record<string, string> = { x: 'officer', y: 'officer', c2: 'citations' };

/** Every property of `narrow` (recursively, arrays element by element) equals the same property in `full`. */
function expectSubset(narrow: unknown, full: unknown, path = 'data'): void {
  if (Array.isArray(narrow)) {
    expect(Array.isArray(full)).toBe(true);
    expect((full as unknown[]).length).toBe(narrow.length);
    narrow.forEach((v, i) => expectSubset(v, (full as unknown[])[i], `${path}[${i}]`));
  } else if (narrow && typeof narrow === 'object') {
    expect(full && typeof full === 'object').toBe(true);
    for (const [k, v] of Object.entries(narrow))
      expectSubset(v, (full as Record<string, unknown>)[ALIASES[k] ?? k], `${path}.${k}`);
  } else {
    if (narrow !== full)
      throw new Error(
        `${path}: ${JSON.stringify(narrow)} where reading every field gives ${JSON.stringify(full)}`,
      );
  }
}

const captureSql = async (work: () => Promise<unknown>) =>
  (await captureStatements(work)).map((c) => c.text);

describe('lookahead: a page of actions fetches only the fields the query reads', () => {
  let t: TestApp;
  let editor: string;
  let officerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const open = await createSource(t, editor, {
      title: 'Open report',
      publisher: 'CamboJA',
      url: 'https://example.org/a',
      publishedOn: '2024-01-23',
      language: 'en',
      notes: 'n',
    });
    const secret = await createSource(t, editor, {
      title: 'Secret memo',
      publisher: 'Insider',
      confidential: true,
      kind: 'OFFICIAL_DOCUMENT',
    });
    officerId = (
      await createOfficer(t, editor, {
        fullName: 'Nath Ratana',
        fullNameKm: 'ណាត រតនា',
        aliases: ['Ratana Nath'],
        gender: 'male',
        notes: 'LT COL',
      })
    ).id;
    await createAction(t, editor, open.id, {
      officerId,
      rankCode: 'LT_COL',
      rankText: 'Lieutenant Colonel',
      position: 'deputy chief',
      provinceCode: 'KH-14',
      reasonCodes: ['UNSPECIFIED', 'DRUG_POSITIVE_TEST'],
      reasonDetail: 'alleged wrongdoing',
      occurred: '2024-01/2024-01-23',
      decidedBy: 'Interior Minister Sar Sokha',
      externalId: 'sel-1',
      citations: [
        { sourceId: open.id, excerpt: 'was dismissed', locator: 'p. 2' },
        { sourceId: secret.id, excerpt: 'secret words', locator: 'memo 3' },
      ],
    });
    await createAction(t, editor, open.id, {
      provinceCode: null,
      subjectCount: 10,
      subjectDescription: '10 other officers',
      occurred: '2023-11~',
    });
    await createAction(t, editor, secret.id, {
      visibility: 'INTERNAL',
      officerId,
      citations: [{ sourceId: secret.id, excerpt: 'internal' }],
    });
    const retracted = await createAction(t, editor, open.id, { occurred: '2023-12' });
    const r = await t.gql(
      `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
      { i: { id: retracted.id, reason: 'duplicate' } },
      editor,
    );
    expect(r.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  /**
   * The ground truth, independent of the lookahead: each action of a page (`query` lists their ids)
   * read on its own with every field by `action(id:)`, which reads the whole record and its parts.
   */
  async function byId(
    query: string,
    variables: Record<string, unknown>,
    key?: string,
    path = ['actions'],
  ): Promise<unknown> {
    const list = await t.gql(query, variables, key);
    expect(list.errors).toBeUndefined();
    const connection = path.reduce((o: any, k) => o[k], list.data);
    const edges = connection.edges as { cursor: string; node: { id: string } }[];
    const one = await t.gql(
      `{ ${edges.map((e, i) => `a${i}: action(id: "${e.node.id}") { ${ACTION_ALL} }`).join(' ')} }`,
      {},
      key,
    );
    expect(one.errors).toBeUndefined();
    const truth = {
      edges: edges.map((e, i) => ({ cursor: e.cursor, node: (one.data as any)[`a${i}`] })),
    };
    return path.reduceRight((inner: unknown, k) => ({ [k]: inner }), truth);
  }

  it('names every field of the schema: a field added later must say what it reads', async () => {
    const fieldsOf = async (type: string) =>
      (
        (
          (await t.gql(`query($n: String!) { __type(name: $n) { fields { name } } }`, { n: type }))
            .data as any
        ).__type.fields as { name: string }[]
      )
        .map((f) => f.name)
        .sort();
    const known = (...lists: readonly string[][]) =>
      [...new Set(lists.flat())].filter((f) => f !== '__typename').sort();
    expect(await fieldsOf('DisciplinaryAction')).toEqual(
      known(Object.keys(ACTION_PROPERTY_FIELDS), [...ACTION_RELATION_FIELDS]),
    );
    expect(await fieldsOf('Officer')).toEqual(known(Object.keys(OFFICER_PROPERTY_FIELDS)));
    expect(await fieldsOf('Source')).toEqual(known(Object.keys(SOURCE_PROPERTY_FIELDS)));
    expect(await fieldsOf('Citation')).toEqual(known([...CITATION_FIELDS]));
  });

  // [name, fields, fragment definitions]: three values in every row (jest hands a shorter row's test a `done` callback).
  const NARROW: [string, string, string][] = [
    ['ids only', 'id', ''],
    [
      'the benchmark page',
      'id actionType occurred subjectCount officer { id fullName } province { code name } reasons { code label } citations { excerpt locator source { id title url } }',
      '',
    ],
    [
      'citations without their source (confidential excerpts still withheld)',
      'id citations { excerpt locator }',
      '',
    ],
    ['citation count alone', 'id citationCount', ''],
    ['source redaction flags only', 'citations { source { id redacted confidential } }', ''],
    ['officer by id only', 'officer { id }', ''],
    ['officer timestamps', 'officer { createdAt updatedAt version }', ''],
    [
      'dates and retraction',
      'occurred occurredFrom occurredTo retractedAt retractionReason createdAt updatedAt',
      '',
    ],
    [
      'named fragment',
      '...A',
      'fragment A on DisciplinaryAction { actionType officer { ...O } citations { source { title publisher } } } fragment O on Officer { fullNameKm aliases }',
    ],
    ['inline fragment', '... on DisciplinaryAction { rank { code } reasons { code } }', ''],
    [
      'one fragment spread again and again, and met again inside another fragment (expanded once per selection set)',
      '...A ...A ...B ...A',
      'fragment A on DisciplinaryAction { actionType officer { fullName } } fragment B on DisciplinaryAction { ...A citations { source { ...S } } rank { code } } fragment S on Source { title }',
    ],
    [
      'one fragment under two aliases with different fields beside it',
      'x: officer { ...O gender } y: officer { ...O notes }',
      'fragment O on Officer { fullNameKm }',
    ],
    [
      'aliases and the same field twice with other fields',
      'x: officer { fullName } y: officer { notes gender } citations { excerpt } c2: citations { source { url kind } }',
      '',
    ],
    [
      '@include and @skip with variables',
      'officer @include(if: $yes) { fullName } position @skip(if: $no) citations @include(if: $no) { source { archiveUrl } }',
      '',
    ],
    [
      '__typename everywhere',
      '__typename officer { __typename } citations { __typename source { __typename } }',
      '',
    ],
  ];

  for (const who of ['anonymous', 'editor'] as const) {
    it.each(NARROW)(
      `${who}: %s answers what reading every field answers`,
      async (_name, fields, fragments) => {
        const key = who === 'editor' ? editor : undefined;
        const full = { data: await byId(pageOf('id'), { first: 50 }, key) };
        // The page that reads every field answers what the records read one by one answer.
        const everything = await t.gql(pageOf(ACTION_ALL), { first: 50 }, key);
        expect(everything.errors).toBeUndefined();
        expect(everything.data).toEqual(full.data);
        const query = `${pageOf(fields)}\n${fragments}`;
        // Twice: the second run is compiled (graphql-jit) and reads the remembered selection.
        for (let run = 0; run < 2; run++) {
          const narrow = await t.gql(query, { first: 50 }, key);
          expect(narrow.errors).toBeUndefined();
          expect((narrow.data as any).actions.edges).toHaveLength(who === 'editor' ? 4 : 3);
          expectSubset(narrow.data, full.data);
        }
      },
    );
  }

  it('a narrow page fetches narrow rows: no timestamps, no publisher, no officer notes', async () => {
    const [sql] = await captureSql(() =>
      t.gql(pageOf('id officer { fullName } citations { excerpt source { title } }'), {
        first: 20,
      }),
    );
    expect(sql).toMatch(/FROM disciplinary_action a/);
    expect(sql).not.toMatch(/created_at|updated_at|publisher|notes|rank_text|decided_by/);
    const [full] = await captureSql(() => t.gql(pageOf(ACTION_ALL), { first: 20 }));
    expect(full).toMatch(/a\.created_at/);
    expect(full).toMatch(/'publisher', s\.publisher/);
  });

  it('the same officer and source asked elsewhere in the query with more fields get them all', async () => {
    const res = await t.gql(
      pageOf(
        'officer { id } citations { source { id } }',
        `officer(id: "${officerId}") { fullName notes aliases createdAt } sources(first: 10) { edges { node { title publisher createdAt } } }`,
      ),
      { first: 10 },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as any).officer).toMatchObject({
      fullName: 'Nath Ratana',
      notes: 'LT COL',
      aliases: ['Ratana Nath'],
    });
    expect(typeof (res.data as any).officer.createdAt).toBe('string');
    expect((res.data as any).sources.edges.map((e: any) => e.node.publisher).sort()).toEqual([
      'CamboJA',
      'Insider',
    ]);
  });

  it('a figure check lists its actions with the same lookahead', async () => {
    await t.seed();
    const figures = await t.gql(`{ reportedFigures(first: 10) { edges { node { id value } } } }`);
    const seventy = (figures.data as any).reportedFigures.edges.find(
      (e: any) => e.node.value === 70,
    ).node.id;
    const q = (fields: string) =>
      `query($id: ID!) { checkFigure(id: $id) { actions(first: 20) { edges { node { ${fields} } } } } }`;
    const truth = await byId(q('id'), { id: seventy }, undefined, ['checkFigure', 'actions']);
    const everything = await t.gql(q(ACTION_ALL), { id: seventy });
    expect(everything.data).toEqual(truth);
    const narrow = await t.gql(
      q('occurred officer { fullName } citations { excerpt source { title } }'),
      { id: seventy },
    );
    expect(narrow.errors).toBeUndefined();
    expect((narrow.data as any).checkFigure.actions.edges.length).toBeGreaterThanOrEqual(3);
    expectSubset(narrow.data, truth);
  });
});
