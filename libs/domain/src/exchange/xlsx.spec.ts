import Excel from 'exceljs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ColumnSpec } from './action-columns.js';
import { neutraliseFormula } from './csv.js';
import {
  XLSX_CUT_NOTE,
  XLSX_MAX_CELL_CHARS,
  xlsxStream,
  xlsxValue,
  type XlsxAbout,
} from './xlsx.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'name', type: 'string', description: 'A name' },
  { name: 'n', type: 'integer', description: 'A count' },
  { name: 'day', type: 'date', description: 'A day' },
  { name: 'at', type: 'datetime', description: 'A moment' },
];
const ABOUT: XlsxAbout = {
  title: 'Test',
  lines: (n) => [
    ['rows', n],
    ['licence', 'CC-BY-4.0'],
  ],
};

async function read(bytes: Buffer): Promise<Excel.Workbook> {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function table(rows: Readable, neutralised = false) {
  return {
    sheetName: 'data',
    columns: COLUMNS,
    rows,
    cells: (r: (string | null)[]) => r,
    neutralised,
  };
}

describe('xlsx cells', () => {
  it.each([
    ['string', 'Nath Ratana', 'Nath Ratana'],
    ['string', 'ណាត រតនា', 'ណាត រតនា'],
    ['integer', '10', 10],
    ['number', '0.1', 0.1],
    ['date', '2024-01-23', new Date('2024-01-23T00:00:00.000Z')],
    ['datetime', '2024-01-23T10:11:12.345Z', new Date('2024-01-23T10:11:12.345Z')],
    ['boolean', 'false', false],
    ['string', '', null],
    ['integer', null, null],
  ] as const)('%s %j is %j', (type, text, value) => {
    expect(xlsxValue(type, text, false)).toEqual(value);
  });

  it('removes the CSV formula apostrophe from neutralised text, and only from it', () => {
    for (const text of ['=1+1', '-3', "'=1", 'plain']) {
      expect(xlsxValue('string', neutraliseFormula(text), true)).toBe(text);
      expect(xlsxValue('string', text, false)).toBe(text);
    }
  });

  it("cuts a text longer than Excel's cell limit, saying so", () => {
    const cut = xlsxValue('string', 'x'.repeat(XLSX_MAX_CELL_CHARS + 1), false) as string;
    expect(cut).toHaveLength(XLSX_MAX_CELL_CHARS);
    expect(cut.endsWith(XLSX_CUT_NOTE)).toBe(true);
    expect(xlsxValue('string', 'x'.repeat(XLSX_MAX_CELL_CHARS), false)).toHaveLength(
      XLSX_MAX_CELL_CHARS,
    );
  });
});

describe('xlsxStream', () => {
  it('writes typed cells under a frozen header, formulas as text, and an About sheet', async () => {
    const rows = [
      ['=1+1', '3', '2024-01-23', '2024-01-23T10:11:12.345Z'],
      ['ណាត រតនា', '', null, ''],
      ['@SUM(A1)', '12', '2023-11-01', '2024-02-01T00:00:00.000Z'],
    ];
    const workbook = await read(await buffer(xlsxStream(table(Readable.from(rows)), ABOUT)));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['data', 'About']);
    const sheet = workbook.getWorksheet('data')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['name', 'n', 'day', 'at']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(4);

    const formula = sheet.getCell('A2');
    expect(formula.type).toBe(Excel.ValueType.String);
    expect(formula.value).toBe('=1+1');
    expect(formula.formula).toBeUndefined();
    expect(sheet.getCell('A4').type).toBe(Excel.ValueType.String);
    expect(sheet.getCell('B2').value).toBe(3);
    expect(sheet.getCell('C2').value).toEqual(new Date('2024-01-23T00:00:00.000Z'));
    expect(sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('D2').value).toEqual(new Date('2024-01-23T10:11:12.345Z'));
    expect(sheet.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getCell('A3').value).toBe('ណាត រតនា');
    for (const address of ['B3', 'C3', 'D3'])
      expect(sheet.getCell(address).type).toBe(Excel.ValueType.Null);

    const about = workbook.getWorksheet('About')!;
    expect(about.getCell('A1').value).toBe('Test');
    expect(about.getCell('A3').value).toBe('rows');
    expect(about.getCell('B3').value).toBe(3);
    const columns = [] as unknown[][];
    about.eachRow((row) => columns.push((row.values as unknown[]).slice(1)));
    expect(columns).toContainEqual(['at', 'datetime', 'A moment']);
  });

  it('writes a header and the About sheet when there are no rows', async () => {
    const workbook = await read(await buffer(xlsxStream(table(Readable.from([])), ABOUT)));
    expect(workbook.getWorksheet('data')!.rowCount).toBe(1);
    expect(workbook.getWorksheet('About')!.getCell('B3').value).toBe(0);
  });

  it("continues on a new sheet with its own header past a sheet's row limit", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`r${i}`, String(i), null, null]);
    const workbook = await read(
      await buffer(xlsxStream(table(Readable.from(rows)), ABOUT, { maxRowsPerSheet: 3 })),
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'data',
      'data (2)',
      'data (3)',
      'data (4)',
      'About',
    ]);
    const names = workbook.worksheets.slice(0, 4).flatMap((w) => w.getColumn(1).values.slice(2));
    expect(names).toEqual(rows.map((r) => r[0]));
    expect(workbook.getWorksheet('data (4)')!.getCell('A1').value).toBe('name');
  });

  it('fails before its first byte when the rows fail before their first', async () => {
    const rows = new Readable({ objectMode: true, read() {} });
    const out = xlsxStream(table(rows), ABOUT);
    let bytes = 0;
    out.on('data', (c: Buffer) => (bytes += c.length));
    const failed = new Promise((resolve) => out.once('error', resolve));
    rows.destroy(
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    );
    expect(await failed).toMatchObject({ code: '57014' });
    expect(bytes).toBe(0);
  });

  it('stops reading rows while nobody reads the file, and frees them when it is abandoned', async () => {
    // 250 bytes of random hex a row (it compresses about 2:1): 200,000 rows would be 50 MB of text.
    let pulled = 0;
    const total = 200_000;
    const rows = new Readable({
      objectMode: true,
      highWaterMark: 500,
      read() {
        if (pulled === total) return void this.push(null);
        pulled++;
        this.push([randomBytes(125).toString('hex'), String(pulled), '2024-01-01', null]);
      },
    });
    const out = xlsxStream(table(rows), ABOUT);
    // Unread, the writer stops pulling rows once the zip's buffers (a few MiB) are full.
    let last = -1;
    while (pulled !== last) {
      last = pulled;
      await sleep(300);
    }
    expect(pulled).toBeGreaterThan(1000);
    expect(pulled * 250).toBeLessThan(16 * 1048576);
    out.destroy();
    await sleep(50);
    expect(rows.destroyed).toBe(true);
  });

  it('writes every row when read slowly to the end', async () => {
    const total = 30_000;
    const rows = Readable.from(
      (function* () {
        for (let i = 0; i < total; i++)
          yield [`row ${i}`, String(i), '2024-01-01', '2024-01-01T00:00:00.000Z'];
      })(),
    );
    const out = xlsxStream(table(rows), ABOUT);
    const chunks: Buffer[] = [];
    for await (const chunk of out) {
      chunks.push(chunk as Buffer);
      if (chunks.length % 20 === 0) await sleep(5);
    }
    const sheet = (await read(Buffer.concat(chunks))).getWorksheet('data')!;
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.getCell(`A${total + 1}`).value).toBe(`row ${total - 1}`);
  });
});
