import type { DataSource } from 'typeorm';

/**
 * Runs a read-only statement on a read replica when DATABASE_READ_URLS names some, otherwise on the
 * primary. TypeORM sends `dataSource.query()` to the primary even with replication configured (only
 * its query builder and find methods read from replicas), so the hot read paths (lists, tallies) use
 * this instead. Only for reads that may lag the primary by the replication delay: never inside a
 * transaction, never to read back one's own write.
 */
export async function readQuery<T = unknown>(
  dataSource: DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  const replicated = 'replication' in dataSource.options && Boolean(dataSource.options.replication);
  if (!replicated) return (await dataSource.query(sql, params)) as T;
  const runner = dataSource.createQueryRunner('slave');
  try {
    return (await runner.query(sql, params)) as T;
  } finally {
    await runner.release();
  }
}
