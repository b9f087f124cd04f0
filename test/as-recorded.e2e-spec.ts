import { startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createSource } from './support/factories.js';

const TALLY = `query($f: ActionFilter, $g: [TallyDimension!], $at: DateTime) {
  tally(filter: $f, groupBy: $g, asRecordedAt: $at) { count range { min max } groups { key { province { code } } count } }
}`;
const pause = () => new Promise((r) => setTimeout(r, 30));

/**
 * Record time versus event time: "what had been documented by T" is rebuilt from the edit history,
 * whatever changed since (new records, edits, retractions, visibility changes).
 */
describe('asRecordedAt: tallies as the database held them at a past moment', () => {
  let t: TestApp;
  let editor: string;
  let t0: string;
  let t1: string;
  let figureId: string;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const sourceId = (await createSource(t, editor)).id;
    await pause();
    t0 = new Date().toISOString();
    await pause();
    const a = await createAction(t, editor, sourceId, {
      occurred: '2024-01-10',
      provinceCode: 'KH-12',
    });
    const b = await createAction(t, editor, sourceId, {
      occurred: '2024-01',
      provinceCode: 'KH-14',
      subjectCount: 5,
    });
    const e = await createAction(t, editor, sourceId, {
      occurred: '2024-01-20',
      provinceCode: 'KH-12',
      subjectCount: 4,
    });
    const fig = await t.gql(
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      // The figure cites a statement of its own: the records are independent of it (issue 14).
      {
        i: {
          value: 6,
          qualifier: 'EXACT',
          scope: { actionTypes: ['DISMISSAL'], from: '2024-01-01', to: '2024-01-31' },
          citation: { sourceId: (await createSource(t, editor, { title: 'Statement' })).id },
        },
      },
      editor,
    );
    figureId = fig.data!.createReportedFigure.id;
    await pause();
    t1 = new Date().toISOString();
    await pause();
    // After t1: a new action, an edit, a retraction, an internal record, a record made internal.
    await createAction(t, editor, sourceId, {
      occurred: '2024-01-15',
      provinceCode: 'KH-12',
      subjectCount: 3,
    });
    const upd = await t.gql(
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { version } }`,
      { i: { id: b.id, expectedVersion: 1, subjectCount: 7 } },
      editor,
    );
    expect(upd.errors).toBeUndefined();
    await t.gql(
      `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
      { i: { id: a.id, reason: 'wrong person' } },
      editor,
    );
    await createAction(t, editor, sourceId, {
      occurred: '2024-01-16',
      provinceCode: 'KH-14',
      subjectCount: 2,
      visibility: 'INTERNAL',
    });
    await t.gql(
      `mutation($i: UpdateActionInput!) { updateAction(input: $i) { version } }`,
      { i: { id: e.id, expectedVersion: 1, visibility: 'INTERNAL' } },
      editor,
    );
  });
  afterAll(() => t.close());

  // Now: b 7 + c 3 (public); e 4 and d 2 internal; a retracted.
  // At t1: a 1 + b 5 + e 4 (all public then). At t0: nothing.
  it.each([
    ['now, anonymous', () => undefined, false, 10],
    ['now, editor (internal records count)', () => undefined, true, 16],
    ['at t1, editor: before the edit, the retraction and the new records', () => t1, true, 10],
    ['at t1, anonymous: an action made INTERNAL since stays hidden', () => t1, false, 6],
    ['at t0, before any record', () => t0, true, 0],
  ])('%s', async (_label, at, asEditor, expected) => {
    const res = await t.gql(
      TALLY,
      { f: { actionTypes: ['DISMISSAL'] }, at: at() },
      asEditor ? editor : undefined,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally.count).toBe(expected);
  });

  it('groups the past state by province', async () => {
    const res = await t.gql(TALLY, { g: ['PROVINCE'], at: t1 }, editor);
    const byProvince = Object.fromEntries(
      res.data!.tally.groups.map((g: any) => [g.key.province.code, g.count]),
    );
    expect(byProvince).toEqual({ 'KH-12': 5, 'KH-14': 5 });
  });

  it('gives running totals as recorded at t1', async () => {
    const res = await t.gql(
      `query($at: DateTime) { runningTotals(interval: MONTH, asRecordedAt: $at) { period cumulative { min max } } }`,
      { at: t1 },
      editor,
    );
    expect(res.data!.runningTotals).toEqual([
      { period: '2024-01', cumulative: { min: 10, max: 10 } },
    ]);
  });

  it('checks a figure against the records as they stood at t1', async () => {
    const q = `query($id: ID!, $at: DateTime) { checkFigure(id: $id, asRecordedAt: $at) { recorded { min max } verdict } }`;
    expect((await t.gql(q, { id: figureId, at: t1 })).data!.checkFigure).toEqual({
      recorded: { min: 6, max: 6 },
      verdict: 'CORROBORATED',
    });
    expect((await t.gql(q, { id: figureId })).data!.checkFigure).toEqual({
      recorded: { min: 10, max: 10 },
      verdict: 'CONTRADICTED',
    });
  });

  it('exports the records and the tally as recorded at t1', async () => {
    const csvRows = async (path: string, key?: string) => {
      const res = await fetch(`${t.url}${path}`, {
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
      expect(res.status).toBe(200);
      return (await res.text()).trim().split('\r\n').slice(1);
    };
    const at = encodeURIComponent(t1);
    expect(await csvRows(`/exports/actions.csv?asRecordedAt=${at}`, editor)).toHaveLength(3);
    expect(await csvRows(`/exports/actions.csv?asRecordedAt=${at}`)).toHaveLength(2);
    expect(await csvRows(`/exports/actions.csv`)).toHaveLength(2);
    const tally = await csvRows(`/exports/tally.csv?asRecordedAt=${at}`, editor);
    expect(tally).toHaveLength(1);
    expect(tally[0]).toBe('total,10,10,10,false');
    const figures = await csvRows(`/exports/figures.csv?asRecordedAt=${at}`);
    expect(figures.join('\n')).toContain('CORROBORATED');
    const bad = await fetch(`${t.url}/exports/actions.csv?asRecordedAt=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'asRecordedAt',
    });
  });

  it.each(['last week', '1', '2024-02-30T10:00:00Z', '2024-01-23'])(
    'refuses %s: not a moment with a zone',
    async (value) => {
      const res = await t.gql(
        `query($asRecordedAt: DateTime) { tally(asRecordedAt: $asRecordedAt) { count } }`,
        { asRecordedAt: value },
      );
      expect(res.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'asRecordedAt',
      });
    },
  );
});
