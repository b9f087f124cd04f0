/**
 * Replaces the `$1`, `$2`... placeholders of a statement by SQL literals of `params`, for the one
 * statement that cannot take bind parameters: `COPY (SELECT ...) TO STDOUT`. The values come from a
 * checked filter (codes, ids, dates, flags); each is written as a literal (strings in the E'' form,
 * quotes doubled, backslashes escaped), never spliced raw. Placeholders inside string literals,
 * quoted identifiers and comments of the statement are left alone.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const skipTo = skipQuoted(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
      continue;
    }
    const placeholder = ch === '$' ? /^\$(\d+)/.exec(sql.slice(i, i + 12)) : null;
    if (placeholder) {
      const n = Number(placeholder[1]);
      if (n < 1 || n > params.length)
        throw new Error(`Statement refers to $${n}, but ${params.length} parameter(s) were given`);
      out += sqlLiteral(params[n - 1]);
      i += placeholder[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** The end of the quoted string, identifier or comment starting at `i` (or `i` when none starts there). */
function skipQuoted(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'") {
    // E'...' strings escape with backslashes; standard strings only double the quote.
    const escapes = i > 0 && /[eE]/.test(sql[i - 1]) && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? '');
    let j = i + 1;
    while (j < sql.length) {
      if (escapes && sql[j] === '\\') j += 2;
      else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
      else if (sql[j] === "'") return j + 1;
      else j += 1;
    }
    return sql.length;
  }
  if (ch === '"') {
    const end = sql.indexOf('"', i + 1);
    return end < 0 ? sql.length : end + 1;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/** A SQL literal of a bind parameter's value: NULL, a boolean, a number, a string or an array of them. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (value instanceof Date) return sqlLiteral(value.toISOString());
  if (Array.isArray(value)) return `ARRAY[${value.map(sqlLiteral).join(', ')}]`;
  throw new Error(`No SQL literal for a parameter of type ${typeof value}`);
}
