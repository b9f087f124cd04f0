import type pg from 'pg';
import type { DatabasePools } from './database.module.js';

/** Whether a database answered a probe in time. */
export type DatabaseAnswer = 'ok' | 'unavailable';

/** The answers of the primary and of each read replica (in DATABASE_READ_URLS order). */
export interface DatabaseStatus {
  primary: DatabaseAnswer;
  replicas: DatabaseAnswer[];
}

// How long a probe waits for a database: a load balancer probes every few seconds, and a database
// that takes longer than this to run `SELECT 1` (or a pool with no connection free for as long)
// would fail the requests sent to this process anyway.
export const READY_TIMEOUT_MS = 2000;

/**
 * Readiness (GET /health/ready): each database this process reads or writes answers `SELECT 1`
 * through the pool its requests use, within READY_TIMEOUT_MS. A replica counts too: reads are spread
 * over the replicas at random, so a process whose replica is gone fails a share of its reads.
 * Provided by DatabaseModule, which owns the pools.
 */
export class DatabaseHealth {
  constructor(private readonly pools: DatabasePools) {}

  async check(): Promise<DatabaseStatus> {
    const [primary, ...replicas] = await Promise.all(
      [this.pools.primary, ...this.pools.replicas].map((pool) => answers(pool, READY_TIMEOUT_MS)),
    );
    return { primary, replicas };
  }
}

async function answers(pool: pg.Pool, timeoutMs: number): Promise<DatabaseAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DatabaseAnswer>((resolve) => {
    timer = setTimeout(() => resolve('unavailable'), timeoutMs);
  });
  try {
    return await Promise.race([
      pool.query('SELECT 1').then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
