import { createHash } from 'node:crypto';
import type { DatabasePools } from '@app/core';

export interface ReadQueryOptions {
  /**
   * Run it as a named prepared statement: PostgreSQL parses it once per connection and, after five
   * runs, keeps a generic plan, so a repeat costs neither parse nor planning (a page of 20 actions:
   * 1.4 ms in PostgreSQL instead of 2.1 ms with pgbench; planning alone was ~0.9 ms a request).
   * Only for statements whose best plan does not depend on their parameter values: a generic plan
   * is chosen once for every value, and a filter on a skewed column (a province holding half the
   * rows, another a hundredth) wants different plans for different values.
   */
  prepare?: boolean;
}

// 200 statements: the distinct hot shapes are a few dozen (page sizes x visibility x cursor or
// not); the cap bounds what each server connection holds. Later shapes run unnamed, as before.
const MAX_PREPARED_STATEMENTS = 200;
const preparedNames = new Map<string, string>();

/** The name of `sql` as a prepared statement (the same text always gets the same name), or undefined past the cap. */
export function preparedStatementName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < MAX_PREPARED_STATEMENTS) {
    name = `pdt_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * Runs a read-only statement on a read replica when DATABASE_READ_URLS names some (one at random,
 * as TypeORM picks them), otherwise on the primary. TypeORM sends `dataSource.query()` to the
 * primary even with replication configured (only its query builder and find methods read from
 * replicas), so the hot read paths (lists, tallies) use this instead. The statement goes straight
 * to the driver's `pg` pool: no query runner is created and released around it (the pools,
 * connection settings and error objects are the same as TypeORM's, whose pools they are). Only for reads that may lag the
 * primary by the replication delay: never inside a transaction, never to read back one's own write.
 */
export async function readQuery<T = unknown>(
  pools: DatabasePools,
  sql: string,
  params: unknown[] = [],
  options: ReadQueryOptions = {},
): Promise<T> {
  const { primary, replicas } = pools;
  const pool = replicas.length ? replicas[Math.floor(Math.random() * replicas.length)] : primary;
  const name = options.prepare ? preparedStatementName(sql) : undefined;
  const result = name
    ? await pool.query({ name, text: sql, values: params })
    : await pool.query(sql, params);
  return result.rows as T;
}

/**
 * readQuery with PostgreSQL's JIT compilation off, for statements whose row estimates are far off
 * (disputedAs UNCERTAIN: the expansion of disputed actions over record-time relations has no
 * statistics), where compiling would cost seconds for a query that runs in milliseconds.
 */
export function readQueryWithoutJit<T = unknown>(
  pools: DatabasePools,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  return readQueryWithSettings<T>(pools, sql, params, { jit: 'off' });
}

const SETTINGS = ['jit', 'enable_parallel_append'] as const;

/** Planner settings a statement may run with (SET LOCAL, in a read-only transaction of its own). */
export type PlannerSettings = Partial<Record<(typeof SETTINGS)[number], 'on' | 'off'>>;

/** readQuery with planner settings for this statement alone (SET LOCAL in its own read-only transaction). */
export async function readQueryWithSettings<T = unknown>(
  pools: DatabasePools,
  sql: string,
  params: unknown[],
  settings: PlannerSettings,
): Promise<T> {
  const { primary, replicas } = pools;
  const pool = replicas.length ? replicas[Math.floor(Math.random() * replicas.length)] : primary;
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    for (const name of SETTINGS) {
      const value = settings[name];
      if (value) await client.query(`SET LOCAL ${name} = ${value === 'on' ? 'on' : 'off'}`);
    }
    const result = await client.query(sql, params);
    await client.query('COMMIT');
    return result.rows as T;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
