/**
 * TypeORM's `query()` returns `[rows, affectedCount]` for UPDATE/DELETE ... RETURNING on
 * PostgreSQL and plain rows for SELECT/INSERT: this gives the rows in both cases.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** A timestamp column: a Date from `pg`, ISO text inside JSON built by the query (json_build_object). */
export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}
