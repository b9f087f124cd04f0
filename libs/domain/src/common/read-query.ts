import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The `pg` pools of TypeORM's postgres driver: the primary, and the read replicas when configured. */
interface DriverPools {
  master: Pool;
  slaves: Pool[];
}

/**
 * Runs a read-only statement on a read replica when DATABASE_READ_URLS names some (one at random,
 * as TypeORM picks them), otherwise on the primary. TypeORM sends `dataSource.query()` to the
 * primary even with replication configured (only its query builder and find methods read from
 * replicas), so the hot read paths (lists, tallies) use this instead. The statement goes straight
 * to the driver's `pg` pool: no query runner is created and released around it (the pools,
 * connection settings and error objects are TypeORM's own). Only for reads that may lag the
 * primary by the replication delay: never inside a transaction, never to read back one's own write.
 */
export async function readQuery<T = unknown>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  const { master, slaves } = dataSource.driver as unknown as DriverPools;
  const pool = slaves.length ? slaves[Math.floor(Math.random() * slaves.length)] : master;
  return (await pool.query(sql, params)).rows as T;
}
