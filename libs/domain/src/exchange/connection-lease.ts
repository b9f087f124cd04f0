import type { PoolClient } from 'pg';
import type { DatabaseRuntime } from '@app/core';

/**
 * One pooled `pg` connection held for a whole export or import (a cursor or a COPY lives on one
 * session). `release(broken)` returns it to the pool, or on a server closes it, which ends the
 * backend at once (a client that disconnected must not leave a query running).
 */
export interface ConnectionLease {
  client: PoolClient;
  /** The embedded database (PGlite): one connection, no COPY through its socket. */
  embedded: boolean;
  release(broken?: boolean): void;
}

export async function leaseConnection(runtime: DatabaseRuntime): Promise<ConnectionLease> {
  // A cursor or COPY needs the raw client of the primary's pool.
  const client = await runtime.pools.primary.connect();
  const embedded = Boolean(runtime.embedded);
  let released = false;
  // The pool listens for errors only on idle clients: a leased client whose connection dies (backend
  // terminated, socket EPIPE) would emit an unhandled 'error' and crash the process. The query in
  // flight, or the next one, fails with the error instead; the caller then releases it as broken.
  const onError = () => undefined;
  client.on('error', onError);
  return {
    client,
    embedded,
    release(broken = false) {
      if (released) return;
      released = true;
      if (!broken) client.off('error', onError);
      // On the embedded database a new connection would be a new socket session to the same
      // single PGlite session: keep the connection and let the caller roll back instead.
      client.release(broken && !embedded ? true : undefined);
    },
  };
}
