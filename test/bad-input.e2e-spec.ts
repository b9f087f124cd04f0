import { snapshotCounts, startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';
import { actionsCsv, csvLine, IMPORT_HEADER, actionRow } from './fixtures/exchange.js';
import { captureStatements } from './support/statements.js';

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
  let reader: string;
  let admin: string;
  let figureId: string;
  let childFigureId: string;
  let named: { id: string; version: number };
  let group: { id: string; version: number };
  let internal: { id: string; version: number };
  const MISSING = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    sourceId = (await createSource(t, editor)).id;
    officerId = (await createOfficer(t, editor)).id;
    action = await createAction(t, editor, sourceId, { externalId: 'taken-1' });
    reader = await t.key('READER');
    admin = await t.key('ADMIN');
    named = await createAction(t, editor, sourceId, { officerId });
    group = await createAction(t, editor, sourceId, { subjectCount: 5 });
    internal = await createAction(t, editor, sourceId, { subjectCount: 3, visibility: 'INTERNAL' });
    const fig = `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`;
    figureId = (
      await t.gql(
        fig,
        {
          i: {
            value: 70,
            qualifier: 'ABOUT',
            scope: {},
            statedOn: '2024-01-23',
            citation: { sourceId },
          },
        },
        editor,
      )
    ).data!.createReportedFigure.id;
    childFigureId = (
      await t.gql(
        fig,
        {
          i: {
            value: 40,
            qualifier: 'EXACT',
            scope: {},
            statedOn: '2024-01-23',
            citation: { sourceId },
            parentId: figureId,
          },
        },
        editor,
      )
    ).data!.createReportedFigure.id;
  });
  afterAll(() => t.close());

  const CREATE_ACTION = `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`;
  const LINK = `mutation($i: LinkActionsInput!) { linkActions(input: $i) { id } }`;
  const baseAction = () => ({
    actionType: 'DISMISSAL',
    reasonCodes: ['UNSPECIFIED'],
    occurred: '2024-01',
    citations: [{ sourceId }],
  });

  // Every row has five entries (field undefined when none is named): jest passes a `done` callback
  // to a test function that declares more parameters than its row has values.
  type Case = [
    name: string,
    query: string,
    variables: () => Record<string, unknown>,
    code: string,
    field: string | undefined,
  ];
  const cases: Case[] = [
    // --- text fields
    [
      'empty officer name',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: '' } }),
      'BAD_USER_INPUT',
      'fullName',
    ],
    [
      'blank officer name',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: '   ' } }),
      'BAD_USER_INPUT',
      'fullName',
    ],
    [
      'over-long officer name',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: 'x'.repeat(301) } }),
      'BAD_USER_INPUT',
      'fullName',
    ],
    [
      'NUL in officer name',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: 'Sok\u0000Dara' } }),
      'BAD_USER_INPUT',
      'fullName',
    ],
    [
      'line break in a one-line field',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: 'Sok\nDara' } }),
      'BAD_USER_INPUT',
      'fullName',
    ],
    [
      'control character in notes',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: 'Sok Dara', notes: 'bell \u0007' } }),
      'BAD_USER_INPUT',
      'notes',
    ],
    [
      'empty alias',
      `mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { id } }`,
      () => ({ i: { fullName: 'Sok Dara', aliases: [''] } }),
      'BAD_USER_INPUT',
      'aliases',
    ],
    [
      'empty source title',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: '', publisher: 'P' } }),
      'BAD_USER_INPUT',
      'title',
    ],
    [
      'DEL character in publisher',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P\u007f' } }),
      'BAD_USER_INPUT',
      'publisher',
    ],
    [
      'over-long excerpt',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), citations: [{ sourceId, excerpt: 'e'.repeat(5001) }] } }),
      'BAD_USER_INPUT',
      'citations.0.excerpt',
    ],
    [
      'NUL in excerpt',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), citations: [{ sourceId, excerpt: 'a\u0000b' }] } }),
      'BAD_USER_INPUT',
      'citations.0.excerpt',
    ],
    [
      'empty position',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), position: '' } }),
      'BAD_USER_INPUT',
      'position',
    ],
    // --- URLs
    [
      'javascript: URL',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P', url: 'javascript:alert(1)' } }),
      'BAD_USER_INPUT',
      'url',
    ],
    [
      'ftp URL',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P', url: 'ftp://example.org/x' } }),
      'BAD_USER_INPUT',
      'url',
    ],
    [
      'relative URL',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P', url: '/news/1' } }),
      'BAD_USER_INPUT',
      'url',
    ],
    [
      'data: archive URL',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P', archiveUrl: 'data:text/html,hi' } }),
      'BAD_USER_INPUT',
      'archiveUrl',
    ],
    // --- dates
    [
      'impossible day 2024-02-30',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2024-02-30' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      '2023-02-29 (not a leap year)',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2023-02-29' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'unparseable date',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: 'last Tuesday' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'month 13',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2024-13' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'reversed interval',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2024-02/2024-01' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'open interval',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2024-01/..' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'a time of day',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2024-01-23T10:00:00Z' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'a season',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '2024-21' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'year out of range',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), occurred: '1066' } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'impossible Date 2024-02-30 on a source',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P', publishedOn: '2024-02-30' } }),
      'BAD_USER_INPUT',
      'i.publishedOn',
    ],
    [
      'filter period ends before it starts',
      `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`,
      () => ({ f: { from: '2024-02-01', to: '2024-01-01' } }),
      'BAD_USER_INPUT',
      'filter.to',
    ],
    // --- counts and officers
    [
      'subjectCount 0',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), subjectCount: 0 } }),
      'BAD_USER_INPUT',
      'subjectCount',
    ],
    [
      'subjectCount negative',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), subjectCount: -3 } }),
      'BAD_USER_INPUT',
      'subjectCount',
    ],
    [
      'subjectCount 2 with a named officer',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), officerId, subjectCount: 2 } }),
      'BAD_USER_INPUT',
      'subjectCount',
    ],
    [
      'unknown officer',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), officerId: MISSING } }),
      'NOT_FOUND',
      'officerId',
    ],
    [
      'malformed officer id',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), officerId: 'officer-1' } }),
      'BAD_USER_INPUT',
      'officerId',
    ],
    // --- codes
    [
      'unknown province code',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), provinceCode: 'KH-99' } }),
      'BAD_USER_INPUT',
      'provinceCode',
    ],
    [
      'unknown agency code',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), agencyCode: 'KH_NP_PROV_12' } }),
      'BAD_USER_INPUT',
      'agencyCode',
    ],
    [
      'update to an unknown agency',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 1, agencyCode: 'KH_POLICE' } }),
      'BAD_USER_INPUT',
      'agencyCode',
    ],
    [
      'unknown rank code',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), rankCode: 'FIELD_MARSHAL' } }),
      'BAD_USER_INPUT',
      'rankCode',
    ],
    [
      'unknown reason code',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), reasonCodes: ['UNSPECIFIED', 'LAZINESS'] } }),
      'BAD_USER_INPUT',
      'reasonCodes.1',
    ],
    [
      'no reason',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), reasonCodes: [] } }),
      'BAD_USER_INPUT',
      'reasonCodes',
    ],
    [
      'a reason twice',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), reasonCodes: ['UNSPECIFIED', 'UNSPECIFIED'] } }),
      'BAD_USER_INPUT',
      'reasonCodes',
    ],
    [
      'no citation',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), citations: [] } }),
      'BAD_USER_INPUT',
      'citations',
    ],
    [
      'citation of an unknown source',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), citations: [{ sourceId: MISSING }] } }),
      'NOT_FOUND',
      'citations.0.sourceId',
    ],
    [
      'unknown action type',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), actionType: 'EXILE' } }),
      'BAD_USER_INPUT',
      'actionType',
    ],
    [
      'unknown province in a filter',
      `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`,
      () => ({ f: { provinceCodes: ['KH-12', 'XX-1'] } }),
      'BAD_USER_INPUT',
      'filter.provinceCodes.1',
    ],
    [
      'unknown agency in a filter',
      `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`,
      () => ({ f: { agencyCodes: ['KH_NP', 'KH-12'] } }),
      'BAD_USER_INPUT',
      'filter.agencyCodes.1',
    ],
    [
      'unknown agency in a tally filter',
      `query($f: ActionFilter) { tally(filter: $f, groupBy: [AGENCY]) { count } }`,
      () => ({ f: { agencyCodes: ['NATIONAL_POLICE'] } }),
      'BAD_USER_INPUT',
      'filter.agencyCodes.0',
    ],
    [
      'empty list in a filter',
      `query($f: ActionFilter) { actions(filter: $f) { edges { cursor } } }`,
      () => ({ f: { actionTypes: [] } }),
      'BAD_USER_INPUT',
      'filter.actionTypes',
    ],
    // --- pagination
    [
      'first 0',
      `{ actions(first: 0) { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'first',
    ],
    [
      'first 101',
      `{ officers(first: 101) { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'first',
    ],
    [
      'first negative',
      `{ sources(first: -1) { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'first',
    ],
    [
      'tampered cursor (not base64)',
      `{ actions(after: "!!!") { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'after',
    ],
    [
      'tampered cursor (SQL in it)',
      `query($a: String) { actions(after: $a) { edges { cursor } } }`,
      () => ({ a: Buffer.from('k1:1 OR 1=1').toString('base64url') }),
      'BAD_USER_INPUT',
      'after',
    ],
    [
      'tampered cursor (other list format)',
      `query($a: String) { reportedFigures(after: $a) { edges { cursor } } }`,
      () => ({ a: Buffer.from('s1:0.5:1').toString('base64url') }),
      'BAD_USER_INPUT',
      'after',
    ],
    [
      'tampered search cursor',
      `query($a: String) { officers(search: "sok", after: $a) { edges { cursor } } }`,
      () => ({ a: Buffer.from('k1:5').toString('base64url') }),
      'BAD_USER_INPUT',
      'after',
    ],
    // --- ids
    [
      'unknown action id',
      `query($id: ID!) { action(id: $id) { id } }`,
      () => ({ id: MISSING }),
      'NOT_FOUND',
      'id',
    ],
    ['malformed action id', `{ action(id: "42") { id } }`, () => ({}), 'BAD_USER_INPUT', 'id'],
    [
      'unknown officer id',
      `query($id: ID!) { officer(id: $id) { id } }`,
      () => ({ id: MISSING }),
      'NOT_FOUND',
      'id',
    ],
    [
      'unknown source id',
      `query($id: ID!) { source(id: $id) { id } }`,
      () => ({ id: MISSING }),
      'NOT_FOUND',
      'id',
    ],
    [
      'unknown figure id',
      `query($id: ID!) { reportedFigure(id: $id) { id } }`,
      () => ({ id: MISSING }),
      'NOT_FOUND',
      'id',
    ],
    [
      'update of an unknown action',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: MISSING, expectedVersion: 1, position: 'x' } }),
      'NOT_FOUND',
      'id',
    ],
    [
      'retract of an unknown action',
      `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
      () => ({ i: { id: MISSING, reason: 'duplicate' } }),
      'NOT_FOUND',
      'id',
    ],
    // --- uniqueness and versions
    [
      'duplicate externalId',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), externalId: 'taken-1' } }),
      'CONFLICT',
      'externalId',
    ],
    [
      'stale expectedVersion',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 99, position: 'x' } }),
      'VERSION_CONFLICT',
      'expectedVersion',
    ],
    [
      'expectedVersion 0',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 0 } }),
      'BAD_USER_INPUT',
      'expectedVersion',
    ],
    [
      'removing a required field',
      `mutation($i: UpdateOfficerInput!) { updateOfficer(input: $i) { id } }`,
      () => ({ i: { id: officerId, expectedVersion: 1, fullName: null } }),
      'BAD_USER_INPUT',
      'fullName',
    ],
    // --- figures
    [
      'negative figure',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({ i: { value: -1, qualifier: 'EXACT', scope: {}, citation: { sourceId } } }),
      'BAD_USER_INPUT',
      'value',
    ],
    [
      'FEWER_THAN 0',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({ i: { value: 0, qualifier: 'FEWER_THAN', scope: {}, citation: { sourceId } } }),
      'BAD_USER_INPUT',
      'value',
    ],
    [
      'tolerance above 1',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({
        i: { value: 5, qualifier: 'ABOUT', tolerance: 1.5, scope: {}, citation: { sourceId } },
      }),
      'BAD_USER_INPUT',
      'tolerance',
    ],
    [
      'unknown parent figure',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({
        i: { value: 5, qualifier: 'EXACT', scope: {}, citation: { sourceId }, parentId: MISSING },
      }),
      'NOT_FOUND',
      'parentId',
    ],
    [
      'scope with an unknown reason',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({
        i: {
          value: 5,
          qualifier: 'EXACT',
          scope: { reasonCodes: ['NOPE'] },
          citation: { sourceId },
        },
      }),
      'BAD_USER_INPUT',
      'scope.reasonCodes.0',
    ],
    // --- more of each mutation
    [
      'rank code as an empty string',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), rankCode: '' } }),
      'BAD_USER_INPUT',
      'rankCode',
    ],
    [
      'subjectCount of two million',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), subjectCount: 2_000_000 } }),
      'BAD_USER_INPUT',
      'subjectCount',
    ],
    [
      '51 citations',
      CREATE_ACTION,
      () => ({
        input: { ...baseAction(), citations: Array.from({ length: 51 }, () => ({ sourceId })) },
      }),
      'BAD_USER_INPUT',
      'citations',
    ],
    [
      'empty externalId',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), externalId: '' } }),
      'BAD_USER_INPUT',
      'externalId',
    ],
    [
      'over-long decidedBy',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), decidedBy: 'd'.repeat(301) } }),
      'BAD_USER_INPUT',
      'decidedBy',
    ],
    [
      'unknown visibility',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), visibility: 'SECRET' } }),
      'BAD_USER_INPUT',
      'visibility',
    ],
    [
      'malformed source id in a citation',
      CREATE_ACTION,
      () => ({ input: { ...baseAction(), citations: [{ sourceId: 'src-1' }] } }),
      'BAD_USER_INPUT',
      'citations.0.sourceId',
    ],
    [
      'update removing the date',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 1, occurred: null } }),
      'BAD_USER_INPUT',
      'occurred',
    ],
    [
      'update with no reasons',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 1, reasonCodes: [] } }),
      'BAD_USER_INPUT',
      'reasonCodes',
    ],
    [
      'update removing the citations',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 1, citations: null } }),
      'BAD_USER_INPUT',
      'citations',
    ],
    [
      'update to an impossible date',
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, expectedVersion: 1, occurred: '2024-04-31' } }),
      'BAD_USER_INPUT',
      'i.occurred',
    ],
    [
      'retraction without a reason',
      `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
      () => ({ i: { id: action.id, reason: '' } }),
      'BAD_USER_INPUT',
      'reason',
    ],
    [
      'source update to a mailto URL',
      `mutation($i: UpdateSourceInput!) { updateSource(input: $i) { id } }`,
      () => ({ i: { id: sourceId, expectedVersion: 1, url: 'mailto:a@b.org' } }),
      'BAD_USER_INPUT',
      'url',
    ],
    [
      'source update removing the title',
      `mutation($i: UpdateSourceInput!) { updateSource(input: $i) { id } }`,
      () => ({ i: { id: sourceId, expectedVersion: 1, title: null } }),
      'BAD_USER_INPUT',
      'title',
    ],
    [
      'source with an unknown kind',
      `mutation($i: CreateSourceInput!) { createSource(input: $i) { id } }`,
      () => ({ i: { title: 'T', publisher: 'P', kind: 'RUMOUR' } }),
      'BAD_USER_INPUT',
      'i.kind',
    ],
    [
      'source update at a stale version',
      `mutation($i: UpdateSourceInput!) { updateSource(input: $i) { id } }`,
      () => ({ i: { id: sourceId, expectedVersion: 5, notes: 'n' } }),
      'VERSION_CONFLICT',
      'expectedVersion',
    ],
    [
      'update of an unknown source',
      `mutation($i: UpdateSourceInput!) { updateSource(input: $i) { id } }`,
      () => ({ i: { id: MISSING, expectedVersion: 1, notes: 'n' } }),
      'NOT_FOUND',
      'id',
    ],
    [
      'officer update at a stale version',
      `mutation($i: UpdateOfficerInput!) { updateOfficer(input: $i) { id } }`,
      () => ({ i: { id: officerId, expectedVersion: 3, notes: 'n' } }),
      'VERSION_CONFLICT',
      'expectedVersion',
    ],
    [
      'update of an unknown officer',
      `mutation($i: UpdateOfficerInput!) { updateOfficer(input: $i) { id } }`,
      () => ({ i: { id: MISSING, expectedVersion: 1, notes: 'n' } }),
      'NOT_FOUND',
      'id',
    ],
    [
      'a figure made a part of its own part (a cycle)',
      `mutation($i: UpdateReportedFigureInput!) { updateReportedFigure(input: $i) { id } }`,
      () => ({ i: { id: figureId, expectedVersion: 1, parentId: childFigureId } }),
      'BAD_USER_INPUT',
      'parentId',
    ],
    [
      'a figure made a part of itself',
      `mutation($i: UpdateReportedFigureInput!) { updateReportedFigure(input: $i) { id } }`,
      () => ({ i: { id: figureId, expectedVersion: 1, parentId: figureId } }),
      'BAD_USER_INPUT',
      'parentId',
    ],
    [
      'negative tolerance',
      `mutation($i: UpdateReportedFigureInput!) { updateReportedFigure(input: $i) { id } }`,
      () => ({ i: { id: figureId, expectedVersion: 1, tolerance: -0.1 } }),
      'BAD_USER_INPUT',
      'tolerance',
    ],
    [
      'figure update removing the value',
      `mutation($i: UpdateReportedFigureInput!) { updateReportedFigure(input: $i) { id } }`,
      () => ({ i: { id: figureId, expectedVersion: 1, value: null } }),
      'BAD_USER_INPUT',
      'value',
    ],
    [
      'update of an unknown figure',
      `mutation($i: UpdateReportedFigureInput!) { updateReportedFigure(input: $i) { id } }`,
      () => ({ i: { id: MISSING, expectedVersion: 1, value: 3 } }),
      'NOT_FOUND',
      'id',
    ],
    [
      'figure scope ending before it starts',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({
        i: {
          value: 5,
          qualifier: 'EXACT',
          scope: { from: '2024-02-01', to: '2024-01-01' },
          citation: { sourceId },
        },
      }),
      'BAD_USER_INPUT',
      'scope.to',
    ],
    [
      'figure scope with an unknown province',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({
        i: {
          value: 5,
          qualifier: 'EXACT',
          scope: { provinceCodes: ['KH-77'] },
          citation: { sourceId },
        },
      }),
      'BAD_USER_INPUT',
      'scope.provinceCodes.0',
    ],
    [
      'figure scope with an unknown agency',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({
        i: {
          value: 5,
          qualifier: 'EXACT',
          scope: { agencyCodes: ['KH_NP', 'KH_POLICE'] },
          statedOn: '2024-01-23',
          citation: { sourceId },
        },
      }),
      'BAD_USER_INPUT',
      'scope.agencyCodes.1',
    ],
    [
      'figures overlapping a scope with an unknown agency',
      `query($s: FigureScopeFilter) { reportedFigures(scope: $s) { edges { cursor } } }`,
      () => ({ s: { agencyCodes: ['KH_XX'] } }),
      'BAD_USER_INPUT',
      'scope.agencyCodes.0',
    ],
    [
      'figure citing an unknown source',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({ i: { value: 5, qualifier: 'EXACT', scope: {}, citation: { sourceId: MISSING } } }),
      'NOT_FOUND',
      'citation.sourceId',
    ],
    [
      'unknown qualifier',
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      () => ({ i: { value: 5, qualifier: 'ROUGHLY', scope: {}, citation: { sourceId } } }),
      'BAD_USER_INPUT',
      'i.qualifier',
    ],
    // --- tallies and checks
    [
      'a dimension twice',
      `query($g: [TallyDimension!]) { tally(groupBy: $g) { count } }`,
      () => ({ g: ['PROVINCE', 'PROVINCE'] }),
      'BAD_USER_INPUT',
      'groupBy.1',
    ],
    [
      'an unknown dimension',
      `query($g: [TallyDimension!]) { tally(groupBy: $g) { count } }`,
      () => ({ g: ['WEEKDAY'] }),
      'BAD_USER_INPUT',
      'g.0',
    ],
    [
      'tally with an unknown rank',
      `query($f: ActionFilter) { tally(filter: $f) { count } }`,
      () => ({ f: { rankCodes: ['ADMIRAL'] } }),
      'BAD_USER_INPUT',
      'filter.rankCodes.0',
    ],
    [
      'tally over a reversed period',
      `query($f: ActionFilter) { tally(filter: $f) { count } }`,
      () => ({ f: { from: '2024-03-01', to: '2024-02-01' } }),
      'BAD_USER_INPUT',
      'filter.to',
    ],
    [
      'running totals by fortnight',
      `query($i: Interval!) { runningTotals(interval: $i) { period } }`,
      () => ({ i: 'FORTNIGHT' }),
      'BAD_USER_INPUT',
      'i',
    ],
    [
      'running totals with an impossible day',
      `query($f: ActionFilter) { runningTotals(filter: $f, interval: MONTH) { period } }`,
      () => ({ f: { to: '2023-02-29' } }),
      'BAD_USER_INPUT',
      'f.to',
    ],
    [
      'check of an unknown figure',
      `query($id: ID!) { checkFigure(id: $id) { verdict } }`,
      () => ({ id: MISSING }),
      'NOT_FOUND',
      'id',
    ],
    [
      'check of a malformed id',
      `query($id: ID!) { checkFigure(id: $id) { verdict } }`,
      () => ({ id: 'seventy' }),
      'BAD_USER_INPUT',
      'id',
    ],
    [
      'as recorded at no real moment',
      `query($asRecordedAt: DateTime) { tally(asRecordedAt: $asRecordedAt) { count } }`,
      () => ({ asRecordedAt: 'tomorrow-ish' }),
      'BAD_USER_INPUT',
      'asRecordedAt',
    ],
    [
      'a change feed since "1"',
      `query($since: DateTime) { changes(since: $since) { edges { cursor } } }`,
      () => ({ since: '1' }),
      'BAD_USER_INPUT',
      'since',
    ],
    [
      'a change feed since an impossible day',
      `query($since: DateTime) { changes(since: $since) { edges { cursor } } }`,
      () => ({ since: '2023-02-29T00:00:00Z' }),
      'BAD_USER_INPUT',
      'since',
    ],
    // --- lists
    [
      'empty name search',
      `{ officers(search: "") { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'search',
    ],
    [
      'over-long name search',
      `query($s: String) { officers(search: $s) { edges { cursor } } }`,
      () => ({ s: 'n'.repeat(301) }),
      'BAD_USER_INPUT',
      'search',
    ],
    [
      'a page of 1000 figures',
      `{ reportedFigures(first: 1000) { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'first',
    ],
    [
      'a change feed page of 0',
      `{ changes(first: 0) { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'first',
    ],
    [
      'a tampered change feed cursor',
      `{ changes(after: "zzz") { edges { cursor } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      'after',
    ],
    // --- literals in the query (not variables): the answer names the argument from its place
    [
      'a moment written in words, as a literal',
      `{ tally(groupBy: [PROVINCE], asRecordedAt: "yesterday") { count } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'asRecordedAt',
    ],
    [
      'a number for a moment, as a literal',
      `{ tally(groupBy: [PROVINCE], asRecordedAt: 5) { count } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'asRecordedAt',
    ],
    [
      'a thirteenth month inside a filter, as a literal',
      `{ tally(groupBy: [PROVINCE], filter: { from: "2024-13-01" }) { count } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'filter.from',
    ],
    [
      'an unknown dimension, as a literal',
      `{ tally(groupBy: [PROVINCE, NOPE]) { count } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'groupBy',
    ],
    [
      'a word for a page size, as a literal',
      `{ actions(first: "ten") { totalCount } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'first',
    ],
    [
      'an argument the field does not take',
      `{ actions(last: 5) { totalCount } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'last',
    ],
    [
      'an unknown role inside a mutation input, as a literal',
      `mutation { createApiKey(input: { name: "x", role: KING }) { key } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      'role',
    ],
    // --- keys and roles
    [
      'key creation by an editor',
      `mutation { createApiKey(input: { name: "x", role: EDITOR }) { key } }`,
      () => ({}),
      'FORBIDDEN',
      undefined,
    ],
    [
      'key with an unknown role',
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      () => ({ i: { name: 'x', role: 'KING' } }),
      'BAD_USER_INPUT',
      'i.role',
    ],
    [
      'revocation of an unknown key',
      `mutation { revokeApiKey(input: { id: "pdt_nothere" }) { id } }`,
      () => ({}),
      'NOT_FOUND',
      undefined,
    ],
    // --- request limits
    [
      'a query 12 levels deep',
      `{ actions { edges { node { citations { source { id } } officer { id } } } } reportedFigures { edges { node { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      '25 aliases',
      `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: provinces { code }`).join(' ')} }`,
      () => ({}),
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'a query over the cost budget',
      `{ actions(first: 100) { edges { node { citations { source { id } } history { changedAt } } } } officers(first: 100) { edges { node { history { changedAt } } } } reportedFigures(first: 100) { edges { node { parts { parts { parts { id } } } } } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      undefined,
    ],
    // --- links between actions (issue 16)
    [
      'link an action to itself',
      LINK,
      () => ({ i: { fromId: group.id, toId: group.id, kind: 'SAME_AS' } }),
      'BAD_USER_INPUT',
      'toId',
    ],
    [
      'link from a malformed id',
      LINK,
      () => ({ i: { fromId: 'action-1', toId: group.id, kind: 'SAME_AS' } }),
      'BAD_USER_INPUT',
      'fromId',
    ],
    [
      'link to an unknown action',
      LINK,
      () => ({ i: { fromId: group.id, toId: MISSING, kind: 'SAME_AS' } }),
      'NOT_FOUND',
      'toId',
    ],
    [
      'a member of an action that is not a group',
      LINK,
      () => ({ i: { fromId: named.id, toId: action.id, kind: 'MEMBER_OF' } }),
      'BAD_USER_INPUT',
      'toId',
    ],
    [
      'a group as a member',
      LINK,
      () => ({ i: { fromId: group.id, toId: action.id, kind: 'MEMBER_OF' } }),
      'BAD_USER_INPUT',
      'fromId',
    ],
    [
      'a link between a PUBLIC and an INTERNAL action',
      LINK,
      () => ({ i: { fromId: named.id, toId: internal.id, kind: 'SAME_AS' } }),
      'BAD_USER_INPUT',
      'toId',
    ],
    [
      'a link citing an unknown source',
      LINK,
      () => ({
        i: { fromId: named.id, toId: group.id, kind: 'MEMBER_OF', citation: { sourceId: MISSING } },
      }),
      'NOT_FOUND',
      'citation.sourceId',
    ],
    [
      'a link of an unknown kind',
      LINK,
      () => ({ i: { fromId: named.id, toId: group.id, kind: 'COUSIN_OF' } }),
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'a link note with a control character',
      LINK,
      () => ({ i: { fromId: named.id, toId: group.id, kind: 'MEMBER_OF', note: 'bell \u0007' } }),
      'BAD_USER_INPUT',
      'note',
    ],
    [
      'as a reader: a link',
      LINK,
      () => ({ i: { fromId: named.id, toId: group.id, kind: 'MEMBER_OF' } }),
      'FORBIDDEN',
      undefined,
    ],
    [
      'unlink an unknown link',
      `mutation($i: UnlinkActionsInput!) { unlinkActions(input: $i) { id } }`,
      () => ({ i: { id: MISSING } }),
      'NOT_FOUND',
      undefined,
    ],
    [
      'unlink a malformed id',
      `mutation($i: UnlinkActionsInput!) { unlinkActions(input: $i) { id } }`,
      () => ({ i: { id: '42' } }),
      'BAD_USER_INPUT',
      'id',
    ],
    [
      'countDuplicates that is not a boolean',
      `query($f: ActionFilter) { tally(filter: $f) { count } }`,
      () => ({ f: { countDuplicates: 'yes' } }),
      'BAD_USER_INPUT',
      undefined,
    ],
    // --- officer merges (issue 16)
    ...(() => {
      const MERGE = `mutation($i: MergeOfficersInput!) { mergeOfficers(input: $i) { id } }`;
      const SPLIT = `mutation($i: SplitOfficerInput!) { splitOfficer(input: $i) { id } }`;
      const merge = (i: Record<string, unknown>) => () => ({
        i: { survivorId: officerId, mergedIds: [MISSING], reason: 'One person', ...i },
      });
      const rows: Case[] = [
        [
          'merge officers: no mergedIds',
          MERGE,
          merge({ mergedIds: [] }),
          'BAD_USER_INPUT',
          'mergedIds',
        ],
        [
          'merge officers: 21 mergedIds',
          MERGE,
          merge({
            mergedIds: Array.from(
              { length: 21 },
              (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
            ),
          }),
          'BAD_USER_INPUT',
          'mergedIds',
        ],
        [
          'merge officers: the survivor among them',
          MERGE,
          () => merge({ mergedIds: [officerId] })(),
          'BAD_USER_INPUT',
          'mergedIds.0',
        ],
        ['merge officers: an unknown merged id', MERGE, merge({}), 'NOT_FOUND', 'mergedIds.0'],
        [
          'merge officers: a malformed survivor id',
          MERGE,
          merge({ survivorId: '42' }),
          'BAD_USER_INPUT',
          'survivorId',
        ],
        [
          'merge officers: a blank reason',
          MERGE,
          merge({ reason: '  ' }),
          'BAD_USER_INPUT',
          'reason',
        ],
        [
          'merge officers: a reason with a control character',
          MERGE,
          merge({ reason: 'bell \u0007' }),
          'BAD_USER_INPUT',
          'reason',
        ],
        ['as a reader: merge officers', MERGE, merge({}), 'FORBIDDEN', undefined],
        [
          'split an officer that was not merged',
          SPLIT,
          () => ({ i: { officerId, mergedId: officerId } }),
          'BAD_USER_INPUT',
          'mergedId',
        ],
        [
          'split from an unknown officer',
          SPLIT,
          () => ({ i: { officerId: MISSING, mergedId: officerId } }),
          'NOT_FOUND',
          'officerId',
        ],
        [
          'split a malformed id',
          SPLIT,
          () => ({ i: { officerId, mergedId: 'x' } }),
          'BAD_USER_INPUT',
          'mergedId',
        ],
      ];
      return rows;
    })(),
    // --- how a group splits between its reasons (issue 14)
    [
      'reasonCounts of another length than reasonCodes',
      CREATE_ACTION,
      () => ({
        input: {
          ...baseAction(),
          subjectCount: 10,
          reasonCodes: ['UNSPECIFIED', 'DRUG_POSITIVE_TEST'],
          reasonCounts: [10],
        },
      }),
      'BAD_USER_INPUT',
      'reasonCounts',
    ],
    [
      'a reason count above the group',
      CREATE_ACTION,
      () => ({
        input: {
          ...baseAction(),
          subjectCount: 10,
          reasonCodes: ['UNSPECIFIED', 'DRUG_POSITIVE_TEST'],
          reasonCounts: [11, 2],
        },
      }),
      'BAD_USER_INPUT',
      'reasonCounts',
    ],
    [
      'reason counts that leave people without a reason',
      CREATE_ACTION,
      () => ({
        input: {
          ...baseAction(),
          subjectCount: 10,
          reasonCodes: ['UNSPECIFIED', 'DRUG_POSITIVE_TEST'],
          reasonCounts: [3, 4],
        },
      }),
      'BAD_USER_INPUT',
      'reasonCounts',
    ],
    // --- checks as published by a day (issue 14)
    [
      'publishedBy that is not a date',
      `query($id: ID!, $p: Date) { checkFigure(id: $id, publishedBy: $p) { verdict } }`,
      () => ({ id: figureId, p: 'last week' }),
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'publishedBy on an impossible day',
      `query($f: ActionFilter) { tally(filter: $f) { count } }`,
      () => ({ f: { publishedBy: '2024-02-30' } }),
      'BAD_USER_INPUT',
      undefined,
    ],
    // --- transport
    [
      'a field that does not exist',
      `{ actions { edges { node { salary } } } }`,
      () => ({}),
      'GRAPHQL_VALIDATION_FAILED',
      undefined,
    ],
    ['a syntax error', `{ actions( `, () => ({}), 'GRAPHQL_PARSE_FAILED', undefined],
    [
      'a wrongly typed variable',
      `query($n: Int) { actions(first: $n) { edges { cursor } } }`,
      () => ({ n: 'ten' }),
      'BAD_USER_INPUT',
      'n',
    ],
  ];

  // Key management needs an admin key; the FORBIDDEN case uses the editor's.
  const keyFor = (name: string) =>
    /^key with|^revocation/.test(name) ? admin : /^as a reader/.test(name) ? reader : editor;

  it.each(cases)('%s', async (name, query, variables, code, field) => {
    const before = await snapshotCounts(t);
    const res = await t.gql(query, variables(), keyFor(name));
    expect(res.errors).toBeDefined();
    const error = res.errors![0];
    expect(error.extensions?.code).toBe(code);
    if (field) expect(error.extensions?.field).toBe(field);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.message).not.toMatch(
      /duplicate key|violates|constraint|syntax error at or near|relation "|QueryFailedError/i,
    );
    expect(res.status).toBeLessThan(500);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  type HttpCase = [
    name: string,
    send: () => Promise<Response>,
    status: number,
    code: string,
    field: string | undefined,
  ];
  const post = (body: string, headers: Record<string, string>, path = '/graphql') =>
    fetch(`${t.url}${path}`, { method: 'POST', headers, body });
  const csv = (body: string, key: string | null = editor, query = '') =>
    post(
      body,
      { 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      `/imports/actions${query}`,
    );
  const httpCases: HttpCase[] = [
    // --- transport
    [
      'JSON that does not parse',
      () => post('{"query": "{ provinces { code } ', { 'content-type': 'application/json' }),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'an empty body',
      () => post('', { 'content-type': 'application/json' }),
      400,
      'BAD_REQUEST',
      undefined,
    ],
    [
      'a body with no query',
      () => post('{"variables":{}}', { 'content-type': 'application/json' }),
      400,
      'BAD_REQUEST',
      undefined,
    ],
    [
      'a mutation over GET',
      () =>
        fetch(
          `${t.url}/graphql?query=${encodeURIComponent('mutation { createOfficer(input: {fullName: "x"}) { id } }')}`,
          { headers: { 'apollo-require-preflight': 'true' } },
        ),
      405,
      'BAD_REQUEST',
      undefined,
    ],
    // --- auth
    [
      'an unknown key',
      () =>
        post('{"query":"{ provinces { code } }"}', {
          'content-type': 'application/json',
          authorization: 'Bearer pdt_nothere1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        }),
      401,
      'UNAUTHENTICATED',
      undefined,
    ],
    [
      'a Basic authorization',
      () =>
        post('{"query":"{ provinces { code } }"}', {
          'content-type': 'application/json',
          authorization: 'Basic dTpw',
        }),
      401,
      'UNAUTHENTICATED',
      undefined,
    ],
    [
      'a bearer without a key',
      () =>
        post('{"query":"{ provinces { code } }"}', {
          'content-type': 'application/json',
          authorization: 'Bearer ',
        }),
      401,
      'UNAUTHENTICATED',
      undefined,
    ],
    [
      'a too-short key',
      () =>
        post('{"query":"{ provinces { code } }"}', {
          'content-type': 'application/json',
          authorization: 'Bearer abc',
        }),
      401,
      'UNAUTHENTICATED',
      undefined,
    ],
    // --- exports
    [
      'export with an unknown province',
      () => fetch(`${t.url}/exports/actions.csv?province=KH-99`),
      400,
      'BAD_USER_INPUT',
      'province',
    ],
    [
      'export with an unknown agency',
      () => fetch(`${t.url}/exports/tally.csv?agency=KH_NP&agency=KH_POLICE&groupBy=AGENCY`),
      400,
      'BAD_USER_INPUT',
      'agency',
    ],
    [
      'export with an impossible day',
      () => fetch(`${t.url}/exports/actions.csv?from=2024-02-30`),
      400,
      'BAD_USER_INPUT',
      'from',
    ],
    [
      'export with an unknown action type',
      () => fetch(`${t.url}/exports/actions.json?actionType=EXILE`),
      400,
      'BAD_USER_INPUT',
      'actionType',
    ],
    [
      'tally export by an unknown dimension',
      () => fetch(`${t.url}/exports/tally.csv?groupBy=WEEKDAY`),
      400,
      'BAD_USER_INPUT',
      'groupBy',
    ],
    // --- import files
    ['import without a key', () => csv(actionsCsv(2), null), 401, 'UNAUTHENTICATED', undefined],
    ['import with a reader key', () => csv(actionsCsv(2), reader), 403, 'FORBIDDEN', undefined],
    ['import of an empty file', () => csv(''), 400, 'BAD_USER_INPUT', undefined],
    [
      'import of a header only',
      () => csv(csvLine(IMPORT_HEADER)),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import with an unknown column',
      () => csv(csvLine([...IMPORT_HEADER, 'salary']) + csvLine([...actionRow(1), '100'])),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import with a duplicate column',
      () => csv(csvLine([...IMPORT_HEADER, 'occurred']) + csvLine([...actionRow(1), '2024-01'])),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import with an impossible date in row 3',
      () => csv(actionsCsv(4, { 2: { occurred: '2024-02-30' } })),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import with an unknown reason',
      () => csv(actionsCsv(3, { 3: { reason_codes: 'LAZINESS' } })),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import with an unknown agency',
      () => csv(actionsCsv(3, { 2: { agency_code: 'KH_NP_PROV_99' } })),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import separated by semicolons',
      () => csv(actionsCsv(3).replace(/,/g, ';')),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    // --- the import's officer matching (issue 16)
    [
      'import with an unknown officerMatch',
      () => csv(actionsCsv(2), editor, '?officerMatch=guess'),
      400,
      'BAD_USER_INPUT',
      'officerMatch',
    ],
    [
      'import with officerMatch twice',
      () => csv(actionsCsv(2), editor, '?officerMatch=exact&officerMatch=create'),
      400,
      'BAD_USER_INPUT',
      'officerMatch',
    ],
    // --- routes and download parameters (issues 13, 14, 16)
    [
      'a route that does not exist',
      () => fetch(`${t.url}/no/such/route`),
      404,
      'NOT_FOUND',
      undefined,
    ],
    [
      'a download with countDuplicates=maybe',
      () => fetch(`${t.url}/exports/tally.csv?countDuplicates=maybe`),
      400,
      'BAD_USER_INPUT',
      'countDuplicates',
    ],
    [
      'a download with netOfReversals=2',
      () => fetch(`${t.url}/exports/actions.csv?netOfReversals=2`),
      400,
      'BAD_USER_INPUT',
      'netOfReversals',
    ],
    [
      'a download published by an impossible day',
      () => fetch(`${t.url}/exports/actions.csv?publishedBy=2024-02-30`),
      400,
      'BAD_USER_INPUT',
      'publishedBy',
    ],
    [
      'a spreadsheet of an unknown province',
      () => fetch(`${t.url}/exports/actions.xlsx?province=XX-1`),
      400,
      'BAD_USER_INPUT',
      'province',
    ],
    [
      'a feed with a parameter it does not take',
      () => fetch(`${t.url}/feeds/figures.atom?province=KH-12`),
      400,
      'BAD_USER_INPUT',
      'province',
    ],
    [
      'ClaimReview of a malformed figure id',
      () => fetch(`${t.url}/exports/claimreview.json?figureId=seventy`),
      400,
      'BAD_USER_INPUT',
      'figureId',
    ],
    [
      'ClaimReview of an unknown figure',
      () => fetch(`${t.url}/exports/claimreview.json?figureId=${MISSING}`),
      404,
      'NOT_FOUND',
      'figureId',
    ],
    [
      'a permalink of an unknown figure',
      () => fetch(`${t.url}/checks/${MISSING}`, { headers: { accept: 'application/json' } }),
      404,
      'NOT_FOUND',
      'figureId',
    ],
    [
      "an unknown figure's permalink at a moment",
      () =>
        fetch(`${t.url}/checks/${MISSING}/check.json?asRecordedAt=2024-01-01T00:00:00Z`, {
          headers: { accept: 'application/json' },
        }),
      404,
      'NOT_FOUND',
      'figureId',
    ],
    [
      'a permalink at a moment in the future',
      () =>
        fetch(`${t.url}/checks/${figureId}/check.json?asRecordedAt=2999-01-01T00:00:00Z`, {
          headers: { accept: 'application/json' },
        }),
      400,
      'BAD_USER_INPUT',
      'asRecordedAt',
    ],
    [
      'import with an unbalanced quote',
      () => csv(actionsCsv(2) + '"unclosed,DISMISSAL\r\n'),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
    [
      'import in Latin-1, not UTF-8',
      () =>
        post(
          Buffer.from(
            actionsCsv(2).replace('Partner NGO', 'Partner NGO caf\u00e9'),
            'latin1',
          ) as unknown as string,
          { 'content-type': 'text/csv', authorization: `Bearer ${editor}` },
          '/imports/actions',
        ),
      400,
      'BAD_USER_INPUT',
      undefined,
    ],
  ];

  it.each(httpCases)('%s', async (_name, send, status, code, field) => {
    const before = await snapshotCounts(t);
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type') ?? '').toContain('application/json');
    const body = (await res.json()) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.errors[0].extensions.code).toBe(code);
    if (field) expect(body.errors[0].extensions.field).toBe(field);
    expect(JSON.stringify(body)).not.toMatch(/stack|QueryFailedError|duplicate key|violates/i);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  // Request limits (issue 13, items 4, 5 and 8), each answered before anything runs: an anonymous
  // request, so no statement at all may reach the database. [name, query, variables, code, limit or field]
  const spreads = (name: string, n: number) =>
    Array.from({ length: n }, () => `...${name}`).join(' ');
  const ids = (n: number) => Array.from({ length: n }, () => 'id').join(' ');
  const aliased = (n: number, field: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ');
  type LimitCase = [
    name: string,
    query: string,
    variables: () => Record<string, unknown>,
    code: string,
    expected: { limit: string } | { field: string },
  ];
  const limitCases: LimitCase[] = [
    [
      'fragments spreading fragments under 20 pages of 100 (fail-open repro)',
      `{ ${aliased(20, (i) => `actions(first: 100) { edges { node { id history { operation } ${i === 0 ? '...W' : ''} } } }`)} } fragment W on DisciplinaryAction { ${spreads('X', 120)} } fragment X on DisciplinaryAction { ${ids(100)} }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxFields' },
    ],
    [
      '1,200 spreads of a fragment spreading another 1,200 times',
      `{ actions(first: 1) { edges { node { ${spreads('B', 1200)} } } } } fragment B on DisciplinaryAction { ${spreads('A', 1200)} } fragment A on DisciplinaryAction { id }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxFields' },
    ],
    [
      '2,001 fields once fragments are expanded',
      `{ actions(first: 1) { edges { node { ...B } } } } fragment B on DisciplinaryAction { ${spreads('A', 19)} ${ids(98)} } fragment A on DisciplinaryAction { ${ids(100)} }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxFields' },
    ],
    [
      'the 20 pages of 100 read through fragments',
      `{ ${aliased(20, () => 'actions(first: 100) { edges { node { ...N } } }')} } fragment N on DisciplinaryAction { officer { history { operation } } citations { source { history { operation } } } history { operation } }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxCost' },
    ],
    [
      '20 aliased tallies as recorded at a moment',
      `query($at: DateTime) { ${aliased(20, () => 'tally(asRecordedAt: $at) { count }')} }`,
      () => ({ at: '2024-01-23T00:00:00Z' }),
      'BAD_USER_INPUT',
      { limit: 'maxCost' },
    ],
    [
      '4 running totals as recorded at a moment',
      `query($at: DateTime) { ${aliased(4, () => 'runningTotals(interval: DAY, asRecordedAt: $at) { period }')} }`,
      () => ({ at: '2024-01-23T00:00:00Z' }),
      'BAD_USER_INPUT',
      { limit: 'maxCost' },
    ],
    [
      '3 figure checks as recorded at a moment',
      `{ ${aliased(3, () => `checkFigure(id: "${MISSING}", asRecordedAt: "2024-01-23T00:00:00Z") { verdict }`)} }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxCost' },
    ],
    [
      '21 tallies',
      `{ ${aliased(20, () => 'tally { count }')} tally { count } }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxAggregates' },
    ],
    [
      'a page of 21 figures with their checks',
      `{ reportedFigures(first: 21) { edges { node { check { verdict } } } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxAggregates' },
    ],
    [
      'checks of the parts of a page of 3 figures (10 parts each, as priced)',
      `{ reportedFigures(first: 3) { edges { node { parts { check { verdict } } } } } }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxAggregates' },
    ],
    [
      '21 counts of a list',
      `{ ${aliased(20, () => 'actions(first: 1) { totalCount }')} officers(first: 1) { totalCount } }`,
      () => ({}),
      'BAD_USER_INPUT',
      { limit: 'maxAggregates' },
    ],
    [
      'a moment that is no date, in a query over the budget',
      `query($when: DateTime) { ${aliased(20, () => 'tally(asRecordedAt: $when) { count }')} }`,
      () => ({ when: 'soon' }),
      'BAD_USER_INPUT',
      { field: 'when' },
    ],
    [
      'a page size that is no number, in a query over the budget',
      `query($n: Int) { ${aliased(20, () => 'actions(first: $n) { edges { node { history { operation } } } }')} }`,
      () => ({ n: 'all' }),
      'BAD_USER_INPUT',
      { field: 'n' },
    ],
    [
      'a null interval through a variable with a default',
      `query($i: Interval = MONTH) { runningTotals(interval: $i) { period } }`,
      () => ({ i: null }),
      'BAD_USER_INPUT',
      { field: 'interval' },
    ],
    [
      'a null @include condition through a variable with a default',
      `query($x: Boolean = true) { provinces @include(if: $x) { code } }`,
      () => ({ x: null }),
      'BAD_USER_INPUT',
      { field: 'if' },
    ],
  ];

  it.each(limitCases)('%s', async (_name, query, variables, code, expected) => {
    const before = await snapshotCounts(t);
    let res!: Awaited<ReturnType<TestApp['gql']>>;
    const statements = await captureStatements(async () => {
      res = await t.gql(query, variables());
    });
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, ...expected });
    expect(res.errors![0].extensions?.stacktrace).toBeUndefined();
    expect(res.status).toBeLessThan(500);
    expect(statements).toEqual([]);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('has at least a hundred cases', () => {
    expect(cases.length + httpCases.length).toBeGreaterThanOrEqual(100);
  });

  it('reports the current version on a conflict', async () => {
    const res = await t.gql(
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`,
      { i: { id: action.id, expectedVersion: 7, position: 'x' } },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: action.version,
    });
  });

  it('keeps a multi-row write atomic: an action refused for its second citation leaves no trace', async () => {
    const before = await snapshotCounts(t);
    const res = await t.gql(
      CREATE_ACTION,
      { input: { ...baseAction(), citations: [{ sourceId }, { sourceId: MISSING }] } },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'citations.1.sourceId',
    });
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('refuses a request body over 1 MiB with 413 and a JSON error', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ provinces { code } }`,
        variables: { pad: 'x'.repeat(1_100_000) },
      }),
    });
    expect(res.status).toBe(413);
  });
});
