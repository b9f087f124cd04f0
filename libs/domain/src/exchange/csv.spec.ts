import { csvRecord, joinMultiValue, neutraliseFormula, restoreNeutralised, splitMultiValue } from './csv.js';

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
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
  ])('%j becomes %j, and back', (payload, safe) => {
    expect(neutraliseFormula(payload)).toBe(safe);
    expect(restoreNeutralised(safe)).toBe(payload);
  });

  it.each(['Nath Ratana', 'ណាត រតនា', '2024-01', 'a=b', 'x-1', "it's", ' plain', ''])('%j is left alone', (plain) => {
    expect(neutraliseFormula(plain)).toBe(plain);
    expect(restoreNeutralised(plain)).toBe(plain);
  });
});

describe('CSV records', () => {
  it('quotes per RFC 4180 and ends with CRLF', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'two\nlines', ''])).toBe('a,"b,c","say ""hi""","two\nlines",\r\n');
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
