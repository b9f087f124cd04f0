import { snapshotCounts, startTestApp, type TestApp } from './support/test-app.js';
import { actionRow, actionsCsv, csvLine, IMPORT_HEADER, postCsv } from './fixtures/exchange.js';

const withoutIds = (report: any) => ({
  ...report,
  dryRun: undefined,
  // How long each phase took differs from run to run.
  phases: report.phases?.map((p: any) => p.phase),
  // A dry run created nothing to check for likely duplicates.
  likelyDuplicatesChecked: undefined,
  officers: report.officers.map((o: any) => ({ ...o, id: undefined })),
  sources: report.sources.map((s: any) => ({ ...s, id: undefined })),
  actions: report.actions.map((a: any) => ({ ...a, id: undefined })),
});

describe('POST /imports/actions', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
  });
  afterAll(() => t.close());

  it('needs an editor key', async () => {
    expect((await postCsv(t, actionsCsv(1), undefined)).body.errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const reader = await postCsv(t, actionsCsv(1), await t.key('READER'));
    expect(reader.status).toBe(403);
    expect(reader.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a dry run reports exactly what the real run then does, and writes nothing', async () => {
    const before = await snapshotCounts(t);
    const dry = await postCsv(t, actionsCsv(40), editor, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      rows: 40,
      created: 40,
      updated: 0,
      unchanged: 0,
    });
    expect(dry.body.actions.every((a: any) => a.id === null)).toBe(true);
    expect(await snapshotCounts(t)).toEqual(before);

    const real = await postCsv(t, actionsCsv(40), editor);
    expect(real.status).toBe(200);
    expect(withoutIds(real.body)).toEqual(withoutIds(dry.body));
    expect(await t.count('disciplinary_action')).toBe(before.disciplinary_action + 40);
  });

  it('refuses a file whose rows are the same action by external_id and by id, naming both rows, and writes nothing', async () => {
    const first = await postCsv(t, actionsCsv(1, { 1: { external_id: 'same-action' } }), editor);
    expect(first.status).toBe(200);
    const id = first.body.actions[0].id as string;
    const header = ['id', ...IMPORT_HEADER];
    const rows = [
      ['', ...actionRow(2, { external_id: 'same-action', reason_detail: 'by external id' })],
      [id, ...actionRow(3, { external_id: '', reason_detail: 'by id' })],
    ];
    const before = await snapshotCounts(t);
    const res = await postCsv(t, csvLine(header) + rows.map((r) => csvLine(r)).join(''), editor);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
      problemCount: 1,
    });
    const [problem] = res.body.errors[0].extensions.problems;
    expect(problem).toMatchObject({ row: 2, columnName: 'id' });
    expect(problem.message).toContain('Rows 1 and 2');
    expect(problem.message).toContain(id);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('says which officers and sources were created and which matched', async () => {
    const first = await postCsv(
      t,
      actionsCsv(4, {
        1: { external_id: 'match-1', officer_name: 'Keo Sophal' },
        2: { external_id: 'match-2' },
        3: { external_id: 'match-3' },
        4: { external_id: 'match-4' },
      }),
      editor,
    );
    expect(first.status).toBe(200);
    // Officer 2 and 3 and the sources exist from the previous test: matched; Keo Sophal is new.
    expect(first.body.officers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Keo Sophal', created: true }),
        expect.objectContaining({ name: 'Officer 2', created: false }),
      ]),
    );
    expect(first.body.sources.every((s: any) => s.created === false)).toBe(true);
    // Case-insensitive name match.
    const again = await postCsv(
      t,
      csvLine(IMPORT_HEADER) +
        csvLine(actionRow(5, { external_id: 'match-5', officer_name: 'KEO SOPHAL' })),
      editor,
    );
    expect(again.body.officers).toEqual([
      expect.objectContaining({ name: 'KEO SOPHAL', created: false }),
    ]);
  });

  it('re-running the same file is a no-op; a changed row with the same external_id is an update', async () => {
    const file = actionsCsv(40);
    const before = await snapshotCounts(t);
    const rerun = await postCsv(t, file, editor);
    expect(rerun.body).toMatchObject({ created: 0, updated: 0, unchanged: 40 });
    expect(await snapshotCounts(t)).toEqual(before);

    const changed = actionsCsv(40, { 7: { occurred: '2024-02-29', reason_codes: 'CORRUPTION' } });
    const update = await postCsv(t, changed, editor);
    expect(update.body).toMatchObject({ created: 0, updated: 1, unchanged: 39 });
    expect(update.body.actions.find((a: any) => a.row === 7).status).toBe('updated');
    const { data } = await t.gql(
      `{ actions(first: 100) { edges { node { externalId occurred version reasons { code } } } } }`,
      {},
      editor,
    );
    const seven = data!.actions.edges
      .map((e: any) => e.node)
      .find((n: any) => n.externalId === 'partner-7');
    expect(seven).toMatchObject({
      occurred: '2024-02-29',
      version: 2,
      reasons: [{ code: 'CORRUPTION' }],
    });
  });

  it('a row whose only change is its citation gives its action one new version, with the old citation in the history, and queues it for duplicate scoring', async () => {
    // The import skips the citation triggers' own touch and queueing (ImportSkipsRedundantTriggers):
    // the action's UPDATE must carry both.
    const row = (excerpt: string) =>
      csvLine(IMPORT_HEADER) +
      csvLine(actionRow(1, { external_id: 'cite-only-1', citation_excerpt: excerpt }));
    expect((await postCsv(t, row('first excerpt'), editor)).body).toMatchObject({ created: 1 });
    await t.dataSource.query(`DELETE FROM duplicate_dirty`);
    const second = await postCsv(t, row('second excerpt'), editor);
    expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const id = second.body.actions[0].id;
    const { data } = await t.gql(
      `query($id: ID!) { action(id: $id) { version citations { excerpt } history { operation before after } } }`,
      { id },
      editor,
    );
    expect(data!.action.version).toBe(2);
    expect(data!.action.citations).toEqual([{ excerpt: 'second excerpt' }]);
    expect(data!.action.history.map((h: any) => h.operation)).toEqual(['INSERT', 'UPDATE']);
    expect(data!.action.history[1].before.citations).toEqual([
      expect.objectContaining({ excerpt: 'first excerpt' }),
    ]);
    expect(data!.action.history[1].after.citations).toEqual([
      expect.objectContaining({ excerpt: 'second excerpt' }),
    ]);
    const queued = (await t.dataSource.query(`SELECT kind, id FROM duplicate_dirty WHERE id = $1`, [
      id,
    ])) as unknown[];
    expect(queued).toEqual([{ kind: 'action', id }]);
    // Outside an import, a citation written on its own still gives its action a new version.
    await t.dataSource.query(`UPDATE citation SET excerpt = 'third excerpt' WHERE action_id = $1`, [
      id,
    ]);
    const after = await t.gql(`query($id: ID!) { action(id: $id) { version } }`, { id }, editor);
    expect(after.data!.action.version).toBe(3);
  });

  it('records a row with retracted_at and its reason retracted, never un-retracts, and refuses a retraction without its reason', async () => {
    const header = [...IMPORT_HEADER, 'retracted_at', 'retraction_reason'];
    const row = (retractedAt: string, reason: string) =>
      csvLine(header) +
      csvLine([...actionRow(1, { external_id: 'retracted-1' }), retractedAt, reason]);
    const first = await postCsv(t, row('2024-02-01T10:00:00Z', 'entered twice'), editor);
    expect(first.body).toMatchObject({ created: 1 });
    const id = first.body.actions[0].id;
    const read = async () =>
      (
        await t.gql(
          `query($id: ID!) { action(id: $id) { retractedAt retractionReason } }`,
          { id },
          editor,
        )
      ).data!.action;
    expect(await read()).toEqual({
      retractedAt: '2024-02-01T10:00:00.000Z',
      retractionReason: 'entered twice',
    });
    // The same row without the retraction: the action stays retracted, with its first reason.
    await postCsv(t, row('', ''), editor);
    expect(await read()).toEqual({
      retractedAt: '2024-02-01T10:00:00.000Z',
      retractionReason: 'entered twice',
    });
    const refused = await postCsv(t, row('2024-02-01T10:00:00Z', ''), editor);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.problems).toEqual([
      expect.objectContaining({
        row: 1,
        columnName: 'retracted_at',
        message: 'A retracted record needs its retraction_reason',
      }),
    ]);
  });

  it('accepts a BOM and CRLF line endings, and quoted fields with line breaks', async () => {
    const body =
      '\uFEFF' +
      csvLine(IMPORT_HEADER) +
      csvLine(
        actionRow(1, {
          external_id: 'bom-1',
          reason_detail: 'two\r\nlines',
          officer_name_km: 'ណាត រតនា',
        }),
      );
    const res = await postCsv(t, body, editor);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
  });

  const tenThousand = (override: Record<string, string>) => actionsCsv(10_000, { 9000: override });
  const latin1 = Buffer.concat([
    Buffer.from(csvLine(IMPORT_HEADER)),
    Buffer.from(csvLine(actionRow(1)).replace('Officer 1', 'Officer \u00e9'), 'latin1'),
  ]);
  const cases: [string, () => string | Buffer, number, Record<string, unknown>][] = [
    ['an empty file', () => '', 400, { line: 1 }],
    ['a header only', () => csvLine(IMPORT_HEADER), 400, { line: 2 }],
    [
      'an unknown column',
      () => actionsCsv(2).replace('decided_by', 'decided'),
      400,
      { line: 1, column: 13, columnName: 'decided' },
    ],
    [
      'a missing column',
      () => csvLine(IMPORT_HEADER.slice(0, 11)) + csvLine(actionRow(1).slice(0, 11)),
      400,
      { line: 1, columnName: 'occurred' },
    ],
    [
      'a duplicate column',
      () => csvLine([...IMPORT_HEADER, 'occurred']) + csvLine([...actionRow(1), '2024']),
      400,
      { line: 1, column: IMPORT_HEADER.length + 1, columnName: 'occurred' },
    ],
    ['the wrong delimiter', () => actionsCsv(3).replace(/,/g, ';'), 400, { line: 1, column: 1 }],
    ['a non-UTF-8 file', () => latin1, 400, {}],
    ['unbalanced quotes', () => actionsCsv(3) + 'x,"DISMISSAL,\r\n', 400, { line: 5 }],
    [
      'a row with too many fields',
      () => actionsCsv(3).replace(/\r\n$/, ',extra\r\n'),
      400,
      { row: 3, line: 4 },
    ],
    [
      'an invalid date in row 9,000 of 10,000',
      () => tenThousand({ occurred: '2024-02-30' }),
      400,
      { row: 9000, line: 9001, column: 12, columnName: 'occurred' },
    ],
    [
      'an unknown code in row 9,000 of 10,000',
      () => tenThousand({ province_code: 'KH-99' }),
      400,
      { row: 9000, line: 9001, column: 9, columnName: 'province_code' },
    ],
    [
      'a duplicate external_id',
      () => actionsCsv(3, { 3: { external_id: 'partner-1' } }),
      400,
      { row: 3, column: 1, columnName: 'external_id' },
    ],
    ['a file over the size limit', () => 'x'.repeat(64 * 1024 * 1024 + 1), 413, {}],
  ];

  it.each(cases)(
    'refuses %s, naming the place, and writes nothing',
    async (_name, make, status, where) => {
      const before = await snapshotCounts(t);
      const res = await postCsv(t, make(), editor);
      expect(res.status).toBe(status);
      const error = res.body.errors[0];
      expect(error.extensions.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT');
      expect(error.extensions.field).toBe('file');
      if (status === 400) {
        expect(error.extensions.problems.length).toBeGreaterThan(0);
        expect(error.extensions.problems[0]).toMatchObject(where);
        expect(typeof error.extensions.problems[0].message).toBe('string');
      }
      expect(await snapshotCounts(t)).toEqual(before);
    },
  );

  it('refuses a body over the limit sent without Content-Length (chunked), and writes nothing', async () => {
    const before = await snapshotCounts(t);
    const chunk = new TextEncoder().encode(actionsCsv(1) + '\r\n'.repeat(512 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 70) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${t.url}/imports/actions`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${editor}` },
      body,
      duplex: 'half',
    } as RequestInit).catch((err: unknown) => err as Error);
    if (res instanceof Response) expect(res.status).toBe(413);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('refuses other content types and unknown parameters', async () => {
    expect(
      (await postCsv(t, actionsCsv(1), editor, '', 'text/plain')).body.errors[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Content-Type' });
    expect(
      (await postCsv(t, actionsCsv(1), editor, '?dry=true')).body.errors[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dry' });
  });
});
