import { snapshotCounts, startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';

/**
 * Every bad input gets a clear error with `extensions.code` (and the field for BAD_USER_INPUT),
 * never a stack trace, a raw database message or a 500, and writes nothing.
 */
describe('bad input', () => {
  let t: TestApp;
  let editor: string;
  let sourceId: string;
  let officerId: string;
  let action: { id: string; version: number };
  const MISSING = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    sourceId = (await createSource(t, editor)).id;
    officerId = (await createOfficer(t, editor)).id;
    action = await createAction(t, editor, sourceId, { externalId: 'taken-1' });
  });
  afterAll(() => t.close());

  const CREATE_ACTION = `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`;
  const baseAction = () => ({
    actionType: 'DISMISSAL',
    reasonCodes: ['UNSPECIFIED'],
    occurred: '2024-01',
    citations: [{ sourceId }],
  });

  // Every row has five entries (field undefined when none is named): jest passes a `done` callback
  // to a test function that declares more parameters than its row has values.
  type Case = [name: string, query: string, variables: () => Record<string, unknown>, code: string, field: string | undefined];
  const cases: Case[] = [
    // --- text fields
    ['empty officer name', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: '' } }), 'BAD_USER_INPUT', 'fullName'],
    ['blank officer name', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: '   ' } }), 'BAD_USER_INPUT', 'fullName'],
    ['over-long officer name', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: 'x'.repeat(301) } }), 'BAD_USER_INPUT', 'fullName'],
    ['NUL in officer name', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: 'Sok\u0000Dara' } }), 'BAD_USER_INPUT', 'fullName'],
    ['line break in a one-line field', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: 'Sok\nDara' } }), 'BAD_USER_INPUT', 'fullName'],
    ['control character in notes', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: 'Sok Dara', notes: 'bell \u0007' } }), 'BAD_USER_INPUT', 'notes'],
    ['empty alias', `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`, () => ({ i: { fullName: 'Sok Dara', aliases: [''] } }), 'BAD_USER_INPUT', 'aliases'],
    ['empty source title', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: '', publisher: 'P' } }), 'BAD_USER_INPUT', 'title'],
    ['DEL character in publisher', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: 'T', publisher: 'P\u007f' } }), 'BAD_USER_INPUT', 'publisher'],
    ['over-long excerpt', CREATE_ACTION, () => ({ input: { ...baseAction(), citations: [{ sourceId, excerpt: 'e'.repeat(5001) }] } }), 'BAD_USER_INPUT', 'citations.0.excerpt'],
    ['NUL in excerpt', CREATE_ACTION, () => ({ input: { ...baseAction(), citations: [{ sourceId, excerpt: 'a\u0000b' }] } }), 'BAD_USER_INPUT', 'citations.0.excerpt'],
    ['empty position', CREATE_ACTION, () => ({ input: { ...baseAction(), position: '' } }), 'BAD_USER_INPUT', 'position'],
    // --- URLs
    ['javascript: URL', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: 'T', publisher: 'P', url: 'javascript:alert(1)' } }), 'BAD_USER_INPUT', 'url'],
    ['ftp URL', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: 'T', publisher: 'P', url: 'ftp://example.org/x' } }), 'BAD_USER_INPUT', 'url'],
    ['relative URL', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: 'T', publisher: 'P', url: '/news/1' } }), 'BAD_USER_INPUT', 'url'],
    ['data: archive URL', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: 'T', publisher: 'P', archiveUrl: 'data:text/html,hi' } }), 'BAD_USER_INPUT', 'archiveUrl'],
    // --- dates
    ['impossible day 2024-02-30', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2024-02-30' } }), 'BAD_USER_INPUT', 'occurred'],
    ['2023-02-29 (not a leap year)', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2023-02-29' } }), 'BAD_USER_INPUT', 'occurred'],
    ['unparseable date', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: 'last Tuesday' } }), 'BAD_USER_INPUT', 'occurred'],
    ['month 13', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2024-13' } }), 'BAD_USER_INPUT', 'occurred'],
    ['reversed interval', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2024-02/2024-01' } }), 'BAD_USER_INPUT', 'occurred'],
    ['open interval', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2024-01/..' } }), 'BAD_USER_INPUT', 'occurred'],
    ['a time of day', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2024-01-23T10:00:00Z' } }), 'BAD_USER_INPUT', 'occurred'],
    ['a season', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '2024-21' } }), 'BAD_USER_INPUT', 'occurred'],
    ['year out of range', CREATE_ACTION, () => ({ input: { ...baseAction(), occurred: '1066' } }), 'BAD_USER_INPUT', 'occurred'],
    ['impossible Date 2024-02-30 on a source', `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`, () => ({ i: { title: 'T', publisher: 'P', publishedOn: '2024-02-30' } }), 'BAD_USER_INPUT', 'publishedOn'],
    ['filter period ends before it starts', `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`, () => ({ f: { from: '2024-02-01', to: '2024-01-01' } }), 'BAD_USER_INPUT', 'filter.to'],
    // --- counts and officers
    ['subjectCount 0', CREATE_ACTION, () => ({ input: { ...baseAction(), subjectCount: 0 } }), 'BAD_USER_INPUT', 'subjectCount'],
    ['subjectCount negative', CREATE_ACTION, () => ({ input: { ...baseAction(), subjectCount: -3 } }), 'BAD_USER_INPUT', 'subjectCount'],
    ['subjectCount 2 with a named officer', CREATE_ACTION, () => ({ input: { ...baseAction(), officerId, subjectCount: 2 } }), 'BAD_USER_INPUT', 'subjectCount'],
    ['unknown officer', CREATE_ACTION, () => ({ input: { ...baseAction(), officerId: MISSING } }), 'NOT_FOUND', 'officerId'],
    ['malformed officer id', CREATE_ACTION, () => ({ input: { ...baseAction(), officerId: 'officer-1' } }), 'BAD_USER_INPUT', 'officerId'],
    // --- codes
    ['unknown province code', CREATE_ACTION, () => ({ input: { ...baseAction(), provinceCode: 'KH-99' } }), 'BAD_USER_INPUT', 'provinceCode'],
    ['unknown rank code', CREATE_ACTION, () => ({ input: { ...baseAction(), rankCode: 'FIELD_MARSHAL' } }), 'BAD_USER_INPUT', 'rankCode'],
    ['unknown reason code', CREATE_ACTION, () => ({ input: { ...baseAction(), reasonCodes: ['UNSPECIFIED', 'LAZINESS'] } }), 'BAD_USER_INPUT', 'reasonCodes.1'],
    ['no reason', CREATE_ACTION, () => ({ input: { ...baseAction(), reasonCodes: [] } }), 'BAD_USER_INPUT', 'reasonCodes'],
    ['a reason twice', CREATE_ACTION, () => ({ input: { ...baseAction(), reasonCodes: ['UNSPECIFIED', 'UNSPECIFIED'] } }), 'BAD_USER_INPUT', 'reasonCodes'],
    ['no citation', CREATE_ACTION, () => ({ input: { ...baseAction(), citations: [] } }), 'BAD_USER_INPUT', 'citations'],
    ['citation of an unknown source', CREATE_ACTION, () => ({ input: { ...baseAction(), citations: [{ sourceId: MISSING }] } }), 'NOT_FOUND', 'citations.0.sourceId'],
    ['unknown action type', CREATE_ACTION, () => ({ input: { ...baseAction(), actionType: 'EXILE' } }), 'BAD_USER_INPUT', 'actionType'],
    ['unknown province in a filter', `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`, () => ({ f: { provinceCodes: ['KH-12', 'XX-1'] } }), 'BAD_USER_INPUT', 'filter.provinceCodes.1'],
    ['empty list in a filter', `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`, () => ({ f: { actionTypes: [] } }), 'BAD_USER_INPUT', 'filter.actionTypes'],
    // --- pagination
    ['first 0', `{ actions(first: 0) { edges { cursor } } }`, () => ({}), 'BAD_USER_INPUT', 'first'],
    ['first 101', `{ officers(first: 101) { edges { cursor } } }`, () => ({}), 'BAD_USER_INPUT', 'first'],
    ['first negative', `{ sources(first: -1) { edges { cursor } } }`, () => ({}), 'BAD_USER_INPUT', 'first'],
    ['tampered cursor (not base64)', `{ actions(after: "!!!") { edges { cursor } } }`, () => ({}), 'BAD_USER_INPUT', 'after'],
    ['tampered cursor (SQL in it)', `query($a: String) { actions(after: $a) { edges { cursor } } }`, () => ({ a: Buffer.from("k1:1 OR 1=1").toString('base64url') }), 'BAD_USER_INPUT', 'after'],
    ['tampered cursor (other list format)', `query($a: String) { reportedFigures(after: $a) { edges { cursor } } }`, () => ({ a: Buffer.from('s1:0.5:1').toString('base64url') }), 'BAD_USER_INPUT', 'after'],
    ['tampered search cursor', `query($a: String) { officers(search: "sok", after: $a) { edges { cursor } } }`, () => ({ a: Buffer.from('k1:5').toString('base64url') }), 'BAD_USER_INPUT', 'after'],
    // --- ids
    ['unknown action id', `query($id: ID!) { action(id: $id) { id } }`, () => ({ id: MISSING }), 'NOT_FOUND', 'id'],
    ['malformed action id', `{ action(id: "42") { id } }`, () => ({}), 'BAD_USER_INPUT', 'id'],
    ['unknown officer id', `query($id: ID!) { officer(id: $id) { id } }`, () => ({ id: MISSING }), 'NOT_FOUND', 'id'],
    ['unknown source id', `query($id: ID!) { source(id: $id) { id } }`, () => ({ id: MISSING }), 'NOT_FOUND', 'id'],
    ['unknown figure id', `query($id: ID!) { reportedFigure(id: $id) { id } }`, () => ({ id: MISSING }), 'NOT_FOUND', 'id'],
    ['update of an unknown action', `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, () => ({ i: { id: MISSING, expectedVersion: 1, position: 'x' } }), 'NOT_FOUND', 'id'],
    ['retract of an unknown action', `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`, () => ({ i: { id: MISSING, reason: 'duplicate' } }), 'NOT_FOUND', 'id'],
    // --- uniqueness and versions
    ['duplicate externalId', CREATE_ACTION, () => ({ input: { ...baseAction(), externalId: 'taken-1' } }), 'CONFLICT', 'externalId'],
    ['stale expectedVersion', `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, () => ({ i: { id: action.id, expectedVersion: 99, position: 'x' } }), 'VERSION_CONFLICT', 'expectedVersion'],
    ['expectedVersion 0', `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, () => ({ i: { id: action.id, expectedVersion: 0 } }), 'BAD_USER_INPUT', 'expectedVersion'],
    ['removing a required field', `mutation($i: UpdateOfficerInput!) { updateOfficer(input: $i) { id } }`, () => ({ i: { id: officerId, expectedVersion: 1, fullName: null } }), 'BAD_USER_INPUT', 'fullName'],
    // --- figures
    ['negative figure', `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`, () => ({ i: { value: -1, qualifier: 'EXACT', scope: {}, citation: { sourceId } } }), 'BAD_USER_INPUT', 'value'],
    ['FEWER_THAN 0', `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`, () => ({ i: { value: 0, qualifier: 'FEWER_THAN', scope: {}, citation: { sourceId } } }), 'BAD_USER_INPUT', 'value'],
    ['tolerance above 1', `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`, () => ({ i: { value: 5, qualifier: 'ABOUT', tolerance: 1.5, scope: {}, citation: { sourceId } } }), 'BAD_USER_INPUT', 'tolerance'],
    ['unknown parent figure', `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`, () => ({ i: { value: 5, qualifier: 'EXACT', scope: {}, citation: { sourceId }, parentId: MISSING } }), 'NOT_FOUND', 'parentId'],
    ['scope with an unknown reason', `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`, () => ({ i: { value: 5, qualifier: 'EXACT', scope: { reasonCodes: ['NOPE'] }, citation: { sourceId } } }), 'BAD_USER_INPUT', 'scope.reasonCodes.0'],
    // --- transport
    ['a field that does not exist', `{ actions { edges { node { salary } } } }`, () => ({}), 'GRAPHQL_VALIDATION_FAILED', undefined],
    ['a syntax error', `{ actions( `, () => ({}), 'GRAPHQL_PARSE_FAILED', undefined],
    ['a wrongly typed variable', `query($n: Int) { actions(first: $n) { edges { cursor } } }`, () => ({ n: 'ten' }), 'BAD_USER_INPUT', 'n'],
  ];

  it.each(cases)('%s', async (_name, query, variables, code, field) => {
    const before = await snapshotCounts(t);
    const res = await t.gql(query, variables(), editor);
    expect(res.errors).toBeDefined();
    const error = res.errors![0];
    expect(error.extensions?.code).toBe(code);
    if (field) expect(error.extensions?.field).toBe(field);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.message).not.toMatch(/duplicate key|violates|constraint|syntax error at or near|relation "|QueryFailedError/i);
    expect(res.status).toBeLessThan(500);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('reports the current version on a conflict', async () => {
    const res = await t.gql(`mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, { i: { id: action.id, expectedVersion: 7, position: 'x' } }, editor);
    expect(res.errors![0].extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: action.version });
  });

  it('keeps a multi-row write atomic: an action refused for its second citation leaves no trace', async () => {
    const before = await snapshotCounts(t);
    const res = await t.gql(CREATE_ACTION, { input: { ...baseAction(), citations: [{ sourceId }, { sourceId: MISSING }] } }, editor);
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'citations.1.sourceId' });
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('refuses a request body over 1 MiB with 413 and a JSON error', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ provinces { code } }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
  });
});
