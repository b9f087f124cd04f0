import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock.js';

export interface EmbeddedPostgresHandle {
  url: string;
  /** True when the data directory was created by this start (a brand-new database). */
  created: boolean;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL (PGlite, in this process) on `dataDir` and serves it on a loopback socket so
 * that `pg` and TypeORM talk to it as to any server. One connection only: PGlite is a single
 * session, and more than one connection through the socket loses prepared statements.
 * `dataDir` undefined means in memory (used by the test suite's embedded path).
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
): Promise<EmbeddedPostgresHandle> {
  const lock = dataDir ? new DataDirLock(dataDir) : undefined;
  lock?.acquire();
  const pgDir = dataDir ? join(dataDir, 'pg') : undefined;
  const created = pgDir ? !existsSync(join(pgDir, 'PG_VERSION')) : true;
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create({ dataDir: pgDir, extensions: { pg_trgm } });
    server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 1 });
    await server.start();
    const conn = server.getServerConn(); // "127.0.0.1:PORT"
    const url = `postgres://postgres@${conn}/postgres`;
    let stopped = false;
    const runningServer = server;
    const runningDb = db;
    return {
      url,
      created,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await runningServer.stop();
        } finally {
          try {
            await runningDb.close();
          } finally {
            lock?.release();
          }
        }
      },
    };
  } catch (err) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    lock?.release();
    throw err;
  }
}
