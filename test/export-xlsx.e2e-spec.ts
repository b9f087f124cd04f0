import Excel from 'exceljs';
import pg from 'pg';
import { restoreNeutralised } from '@app/domain';
import { startTestApp, type TestApp } from './support/test-app.js';
import { serverUrl } from './support/databases.js';
import { createAction, createOfficer, createSource } from './support/factories.js';
import { actionsCsv, download, postCsv, readCsv } from './fixtures/exchange.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function downloadXlsx(
  t: TestApp,
  path: string,
  key?: string,
): Promise<{ status: number; headers: Headers; workbook: Excel.Workbook }> {
  const res = await fetch(`${t.url}${path}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200)
    throw new Error(`${path} answered ${res.status}: ${bytes.toString('utf8')}`);
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { status: res.status, headers: res.headers, workbook };
}

/** Every row of a sheet as arrays of cell values (index 0 = column A), header first. */
function sheetRows(sheet: Excel.Worksheet, width: number): Excel.CellValue[][] {
  const rows: Excel.CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).value));
  }
  return rows;
}

/**
 * What the spreadsheet must hold for a CSV cell, by the column's type in datapackage.json: empty
 * for an empty cell, a number, a date at 00:00 UTC, a time, or the text without the CSV's formula
 * apostrophe (a string cell is never evaluated).
 */
function expectedCell(type: string, text: string): Excel.CellValue {
  if (text === '') return null;
  switch (type) {
    case 'integer':
    case 'number':
      return Number(text);
    case 'date':
      return new Date(`${text}T00:00:00Z`);
    case 'datetime':
      return new Date(text);
    case 'boolean':
      return text === 'true';
    default:
      return restoreNeutralised(text);
  }
}

/** The CSV of the same query, typed by its Data Package schema, against the sheet, cell by cell. */
async function expectSameAsCsv(
  t: TestApp,
  csvPath: string,
  xlsxPath: string,
  key?: string,
): Promise<Excel.Workbook> {
  const csvText = (await download(t, csvPath, key)).text;
  const header = csvText
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0]
    .split(',');
  const csv = readCsv(csvText);
  const resource = csvPath.includes('tally') ? 1 : 0;
  const query = csvPath.includes('?') ? csvPath.slice(csvPath.indexOf('?')) : '';
  const pkg = JSON.parse((await download(t, `/exports/datapackage.json${query}`, key)).text);
  const types = new Map<string, string>(
    pkg.resources[resource].schema.fields.map((f: { name: string; type: string }) => [
      f.name,
      f.type,
    ]),
  );
  const { workbook } = await downloadXlsx(t, xlsxPath, key);
  const sheet = workbook.worksheets[0];
  const names = pkg.resources[resource].schema.fields.map(
    (f: { name: string }) => f.name,
  ) as string[];
  expect(header).toEqual(names);
  const rows = sheetRows(sheet, names.length);
  expect(rows[0]).toEqual(names);
  expect(rows).toHaveLength(csv.length + 1);
  csv.forEach((record, i) => {
    const expected = names.map((name) => expectedCell(types.get(name)!, record[name]));
    expect({ row: i + 2, cells: rows[i + 1] }).toEqual({ row: i + 2, cells: expected });
  });
  return workbook;
}

describe('GET /exports/*.xlsx', () => {
  let t: TestApp;
  let editor: string;
  let publicSource: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    await t.seed();
    const secret = await createSource(t, editor, {
      title: 'Informant note',
      publisher: 'Internal',
      confidential: true,
    });
    const report = await createSource(t, editor, {
      title: 'ប៉ូលិស ១០ នាក់ត្រូវបានបណ្តេញចេញ',
      publisher: 'Kampuchea Thmey',
      url: 'https://example.org/km',
    });
    publicSource = report.id;
    const officer = await createOfficer(t, editor, {
      fullName: 'Chea Sopheap',
      fullNameKm: 'ជា សុភាព',
    });
    await createAction(t, editor, report.id, {
      externalId: 'khmer-multi',
      officerId: officer.id,
      rankText: 'វរសេនីយ៍ឯក',
      reasonCodes: ['DRUG_POSITIVE_TEST', 'CORRUPTION', 'ABUSE_OF_POWER'],
      reasonDetail: 'បានធ្វើតេស្តវិជ្ជមាន | "positive"',
      occurred: '2023-11',
      position: '=1+1',
      decidedBy: '@SUM(A1)',
      citations: [
        { sourceId: report.id, excerpt: 'ដកហូតតំណែង', locator: 'p. 2' },
        { sourceId: secret.id, excerpt: 'secret words', locator: 'file 7' },
      ],
    });
    await createAction(t, editor, secret.id, {
      externalId: 'internal-1',
      visibility: 'INTERNAL',
      subjectCount: 4,
      subjectDescription: 'four officers',
      citations: [{ sourceId: secret.id }],
    });
    const retracted = await createAction(t, editor, report.id, {
      externalId: 'retracted-1',
      occurred: '2024-01-02/2024-01-20',
    });
    const res = await t.gql(
      `mutation { retractAction(input: { id: "${retracted.id}", reason: "Duplicate of another record" }) { id } }`,
      {},
      editor,
    );
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it.each([
    ['anonymous', '', false],
    [
      'anonymous, filtered',
      '?province=KH-12&reason=CORRUPTION,DRUG_POSITIVE_TEST&includeRetracted=true',
      false,
    ],
    ['editor', '?includeRetracted=true', true],
    ['editor, no rows', '?province=KH-1', true],
  ])('actions.xlsx holds the cells of actions.csv, typed (%s)', async (_name, query, asEditor) => {
    await expectSameAsCsv(
      t,
      `/exports/actions.csv${query}`,
      `/exports/actions.xlsx${query}`,
      asEditor ? editor : undefined,
    );
  });

  it('keeps Khmer text, several values and formulas as text; withholds confidential sources from anonymous callers', async () => {
    const { headers, workbook } = await downloadXlsx(
      t,
      '/exports/actions.xlsx?includeRetracted=true',
    );
    expect(headers.get('content-type')).toBe(XLSX);
    expect(headers.get('content-disposition')).toBe('attachment; filename="actions.xlsx"');
    expect(headers.get('cache-control')).toBe('no-store');
    const sheet = workbook.getWorksheet('actions')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (name: string) => (sheet.getRow(1).values as string[]).indexOf(name);
    const row = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((r) => r.getCell(col('external_id')).value === 'khmer-multi')!;
    const cell = (name: string) => row.getCell(col(name));
    expect(cell('officer_name_km').value).toBe('ជា សុភាព');
    expect(cell('rank_text').value).toBe('វរសេនីយ៍ឯក');
    expect(cell('reason_codes').value).toBe('ABUSE_OF_POWER|CORRUPTION|DRUG_POSITIVE_TEST');
    // A single-valued cell keeps its "|" as it is (only multi-valued cells escape it).
    expect(cell('reason_detail').value).toBe('បានធ្វើតេស្តវិជ្ជមាន | "positive"');
    for (const name of ['position', 'decided_by']) {
      expect(cell(name).type).toBe(Excel.ValueType.String);
      expect(cell(name).formula).toBeUndefined();
    }
    expect(cell('position').value).toBe('=1+1');
    expect(cell('decided_by').value).toBe('@SUM(A1)');
    expect(cell('source_title').value).toBe('ប៉ូលិស ១០ នាក់ត្រូវបានបណ្តេញចេញ|[confidential source]');
    expect(cell('citation_excerpt').value).toBe('ដកហូតតំណែង|');
    expect(cell('subject_count').value).toBe(1);
    expect(cell('occurred_from').value).toEqual(new Date('2023-11-01T00:00:00Z'));
    expect(cell('occurred_from').numFmt).toBe('yyyy-mm-dd');
    expect(cell('created_at').value).toBeInstanceOf(Date);
    expect(cell('created_at').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const ids = sheet.getColumn(col('external_id')).values;
    expect(ids).toContain('retracted-1');
    expect(ids).not.toContain('internal-1');
    const everything = JSON.stringify(sheetRows(sheet, 27));
    expect(everything).not.toContain('Informant note');
    expect(everything).not.toContain('secret words');
  });

  it('has an About sheet with the filter, the time of the export, the licence and how to cite', async () => {
    const before = Date.now();
    const { workbook } = await downloadXlsx(
      t,
      '/exports/actions.xlsx?province=KH-12&from=2023-11-01',
    );
    const about = workbook.getWorksheet('About')!;
    const lines = new Map<string, Excel.CellValue>();
    about.eachRow((r) => lines.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(about.getCell('A1').value).toBe('Police discipline tracker: Disciplinary actions');
    expect(lines.get('filter')).toBe('provinceCodes: KH-12; from: 2023-11-01');
    const at = lines.get('exported at (UTC)') as Date;
    expect(at).toBeInstanceOf(Date);
    expect(at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(lines.get('rows')).toBe(workbook.getWorksheet('actions')!.rowCount - 1);
    expect(lines.get('licence')).toContain('CC-BY-4.0');
    expect(lines.get('how to cite')).toMatch(/^Police discipline tracker/);
    expect(lines.get('records shown')).toContain('public records only');
    expect(lines.get('subject_count')).toBe('integer');
  });

  it.each([
    ['', false],
    ['?groupBy=REASON&groupBy=MONTH&actionType=DISMISSAL', false],
    ['?groupBy=PROVINCE,YEAR,RANK_TIER&includeRetracted=true', true],
    ['?groupBy=ACTION_TYPE&asRecordedAt=2000-01-01T00:00:00Z', false],
  ])('tally.xlsx holds the cells of tally.csv, typed (%s)', async (query, asEditor) => {
    const workbook = await expectSameAsCsv(
      t,
      `/exports/tally.csv${query}`,
      `/exports/tally.xlsx${query}`,
      asEditor ? editor : undefined,
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['tally', 'About']);
  });

  it('tally.xlsx counts are numbers and equal the GraphQL tally', async () => {
    const { workbook } = await downloadXlsx(t, '/exports/tally.xlsx?groupBy=REASON');
    const { data } = await t.gql(
      `{ tally(groupBy: [REASON]) { count range { min max } groups { key { reason { code } } count range { min max } } } }`,
    );
    const sheet = workbook.getWorksheet('tally')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const pick = (row: Excel.CellValue[]) =>
      ['row_type', 'reason_code', 'count', 'count_min', 'count_max'].map(
        (name) => row[header.indexOf(name)],
      );
    const tally = data!.tally;
    const expected = [
      ['total', null, tally.count, tally.range.min, tally.range.max],
      ...tally.groups.map((g: any) => [
        'group',
        g.key.reason?.code ?? null,
        g.count,
        g.range.min,
        g.range.max,
      ]),
    ];
    expect(sheetRows(sheet, header.length).slice(1).map(pick)).toEqual(expected);
    expect(typeof sheetRows(sheet, header.length)[1][header.indexOf('count')]).toBe('number');
    const about = workbook.getWorksheet('About')!;
    const lines = new Map<string, Excel.CellValue>();
    about.eachRow((r) => lines.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(lines.get('grouped by')).toBe('REASON');
  });

  it.each([
    ['/exports/actions.xlsx?province=KH-99', 'province'],
    ['/exports/actions.xlsx?groupBy=MONTH', 'groupBy'],
    ['/exports/tally.xlsx?groupBy=COLOUR', 'groupBy'],
    ['/exports/tally.xlsx?from=2024-02-30', 'from'],
    ['/exports/tally.xlsx?sourceId=nope', 'sourceId'],
  ])('%s is refused with BAD_USER_INPUT naming %s', async (path, field) => {
    const res = await download(t, path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(res.text).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('filters by source like the CSV', async () => {
    const { workbook } = await downloadXlsx(
      t,
      `/exports/actions.xlsx?sourceId=${publicSource}&includeRetracted=true`,
    );
    expect(workbook.getWorksheet('actions')!.rowCount - 1).toBe(2);
  });
});

describe('streaming actions.xlsx', () => {
  let t: TestApp;
  let editor: string;
  const ROWS = 5_000;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const res = await postCsv(t, actionsCsv(ROWS), editor);
    expect(res.status).toBe(200);
  }, 180_000);
  afterAll(() => t.close());

  it('streams every row, like the CSV', async () => {
    const { workbook } = await downloadXlsx(t, '/exports/actions.xlsx');
    expect(workbook.getWorksheet('actions')!.rowCount).toBe(ROWS + 1);
    expect(readCsv((await download(t, '/exports/actions.csv')).text)).toHaveLength(ROWS);
  });

  it('frees the database connection at once when the client disconnects midway', async () => {
    const db = serverUrl()
      ? new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url })
      : undefined;
    await db?.connect();
    // This test's own database only: other test files may be exporting at the same time.
    const exporting = async () =>
      (
        await db!.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND query LIKE '/* export:actions */%' AND pid <> pg_backend_pid()`,
        )
      ).rows[0].n as number;
    try {
      const controller = new AbortController();
      const res = await fetch(`${t.url}/exports/actions.xlsx`, { signal: controller.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // The export is still running (its cursor open) when the client goes away.
      if (db) expect(await exporting()).toBe(1);
      controller.abort();
      await reader.cancel().catch(() => undefined);

      const started = Date.now();
      if (db) {
        let running = 1;
        while (running > 0 && Date.now() - started < 2000) {
          running = await exporting();
          if (running) await new Promise((r) => setTimeout(r, 50));
        }
        expect(running).toBe(0);
      }
      // The next request gets the connection promptly (the embedded database has only one).
      const { data } = await t.gql(`{ actions(first: 1) { totalCount } }`, {}, editor);
      expect(data!.actions.totalCount).toBe(ROWS);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await db?.end();
    }
  });
});
