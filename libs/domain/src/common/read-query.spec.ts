import { preparedStatementName } from './read-query.js';

describe('preparedStatementName (a module of its own per test file: no statement named before this test)', () => {
  it('names a statement by its text, and prepares at most 200 a process: later texts run unnamed, earlier ones keep their names', () => {
    const a = preparedStatementName('SELECT 1 AS a');
    expect(a).toMatch(/^pdt_[0-9a-f]{24}$/);
    expect(preparedStatementName('SELECT 1 AS a')).toBe(a);
    expect(preparedStatementName('SELECT 1 AS b')).not.toBe(a);
    const names = Array.from({ length: 250 }, (_, i) => preparedStatementName(`SELECT ${i} AS n`));
    // 2 texts named above, 198 more: 200 in all.
    expect(new Set(names.slice(0, 198)).size).toBe(198);
    expect(names.slice(0, 198).every((n) => n !== undefined)).toBe(true);
    expect(names.slice(198).every((n) => n === undefined)).toBe(true);
    expect(preparedStatementName('SELECT 1 AS a')).toBe(a);
  });
});
