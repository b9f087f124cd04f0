import { inlineParameters, sqlLiteral } from './sql-literals.js';

describe('SQL literals for COPY statements', () => {
  it.each([
    [null, 'NULL'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [12, '12'],
    ['plain', "E'plain'"],
    ["it's", "E'it''s'"],
    ['back\\slash', "E'back\\\\slash'"],
    ["\\'; DROP TABLE officer; --", "E'\\\\''; DROP TABLE officer; --'"],
    [['KH-12', "o'x"], "ARRAY[E'KH-12', E'o''x']"],
  ])('%j is written %s', (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });

  it('refuses values it cannot write', () => {
    expect(() => sqlLiteral({})).toThrow(/No SQL literal/);
    expect(() => sqlLiteral(Number.NaN)).toThrow(/No SQL literal/);
  });

  it('replaces placeholders, the longest number first, and nothing inside strings, identifiers or comments', () => {
    const params = Array.from({ length: 11 }, (_, i) => `v${i + 1}`);
    const sql = `SELECT $1, $11, '$2', E'\\'$3', "$4", x -- $5\n, /* $6 */ $10::text[]`;
    expect(inlineParameters(sql, params)).toBe(
      `SELECT E'v1', E'v11', '$2', E'\\'$3', "$4", x -- $5\n, /* $6 */ E'v10'::text[]`,
    );
  });

  it('refuses a placeholder without a parameter', () => {
    expect(() => inlineParameters('SELECT $2', ['a'])).toThrow(/refers to \$2/);
  });
});
