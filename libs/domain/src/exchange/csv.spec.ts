import {
  CrlfRecords,
  csvRecord,
  joinMultiValue,
  neutraliseFormula,
  restoreNeutralised,
  splitMultiValue,
} from './csv.js';

describe('formula neutralisation', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\n=1', "'\n=1"],
    ['  =HYPERLINK("http://evil")', `'  =HYPERLINK("http://evil")`],
    ['\u00A0+cmd', "'\u00A0+cmd"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\uFF0B1', "'\uFF0B1"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ['\u3000=1', "'\u3000=1"],
    ["'=1", "''=1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('%j becomes %j, and back', (payload, safe) => {
    expect(neutraliseFormula(payload)).toBe(safe);
    expect(restoreNeutralised(safe)).toBe(payload);
  });

  it.each(['Nath Ratana', 'ណាត រតនា', '2024-01', 'a=b', 'x-1', "it's", ' plain', ''])(
    '%j is left alone',
    (plain) => {
      expect(neutraliseFormula(plain)).toBe(plain);
      expect(restoreNeutralised(plain)).toBe(plain);
    },
  );
});

describe('CSV records', () => {
  it('quotes per RFC 4180 and ends with CRLF', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'two\nlines', ''])).toBe(
      'a,"b,c","say ""hi""","two\nlines",\r\n',
    );
  });
});

describe('multi-valued cells', () => {
  it.each([
    [['A', 'B'], 'A|B'],
    [['a|b', 'c\\d'], 'a\\|b|c\\\\d'],
    [['x', null, 'z'], 'x||z'],
    [[null, null], ''],
  ])('%j <-> %j', (values, cell) => {
    expect(joinMultiValue(values)).toBe(cell);
    if (cell) expect(splitMultiValue(cell)).toEqual(values.map((v) => v ?? ''));
  });
});

describe('CrlfRecords (COPY CSV to RFC 4180 record ends)', () => {
  const run = async (chunks: string[]) => {
    const t = new CrlfRecords();
    const out: Buffer[] = [];
    t.on('data', (c: Buffer) => out.push(c));
    const done = new Promise((resolve) => t.on('end', resolve));
    for (const c of chunks) t.write(Buffer.from(c));
    t.end();
    await done;
    return Buffer.concat(out).toString('utf8');
  };
  const copyOutput = 'a,"b\nc",d\n"say ""hi""\n",,x\n"q"""\n,"\r\n"\nplain\n';
  const expected = 'a,"b\nc",d\r\n"say ""hi""\n",,x\r\n"q"""\r\n,"\r\n"\r\nplain\r\n';

  it('ends records with CRLF and leaves line breaks inside quoted fields alone', async () => {
    expect(await run([copyOutput])).toBe(expected);
  });

  it('gives the same bytes whatever the chunk boundaries', async () => {
    for (let i = 0; i <= copyOutput.length; i++) {
      for (let j = i; j <= copyOutput.length; j += 3) {
        expect(
          await run([copyOutput.slice(0, i), copyOutput.slice(i, j), copyOutput.slice(j)]),
        ).toBe(expected);
      }
    }
  });
});
