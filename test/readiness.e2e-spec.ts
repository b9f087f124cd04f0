import { DATABASE_POOLS, type DatabasePools } from '@app/core';
import { adminQuery, createTestDatabase } from './support/databases.js';
import { describeWithServer } from './support/server-only.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * GET /health/ready (README "Running several API processes"): a load balancer's readiness check.
 * 200 when the primary and every read replica this process uses answer; 503 UNAVAILABLE saying
 * which did not, with Retry-After, and 200 again once they answer. /health stays the liveness
 * check: it answers whatever the databases do.
 */

async function ready(t: TestApp) {
  const res = await fetch(`${t.url}/health/ready`);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

/** Refuses new connections to a database and ends the open ones: the database is gone for the app. */
async function cutOff(url: string, allow: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`);
  if (!allow)
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
}

describe('readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers ready when the database answers', async () => {
    expect(await ready(t)).toEqual({
      status: 200,
      retryAfter: null,
      body: { status: 'ready', database: { primary: 'ok', replicas: [] } },
    });
  });
});

describe('readiness when no connection is free', () => {
  let t: TestApp;
  beforeAll(async () => {
    // One connection (the embedded database always has one), held below as a long request would.
    t = await startTestApp({ poolSize: 1 });
  });
  afterAll(() => t?.close());

  it('answers 503 after the probe time, and ready once the connection is free', async () => {
    const held = await t.app.get<symbol, DatabasePools>(DATABASE_POOLS).primary.connect();
    let down;
    const started = Date.now();
    try {
      down = await ready(t);
    } finally {
      held.release();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(down.status).toBe(503);
    expect(down.body.errors[0].extensions).toEqual({
      code: 'UNAVAILABLE',
      retryAfter: 5,
      database: { primary: 'unavailable', replicas: [] },
    });
    expect((await ready(t)).status).toBe(200);
  });
});

describeWithServer('readiness with a read replica', () => {
  let t: TestApp;
  let replica: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    replica = await createTestDatabase();
    t = await startTestApp({ databaseReadUrls: [replica.url] });
  });
  afterAll(async () => {
    await t?.close();
    await replica?.drop();
  });

  it('answers 503 naming the replica that is gone, and ready again once it is back', async () => {
    expect((await ready(t)).body).toEqual({
      status: 'ready',
      database: { primary: 'ok', replicas: ['ok'] },
    });
    await cutOff(replica.url, false);
    try {
      const down = await ready(t);
      expect(down.status).toBe(503);
      expect(down.retryAfter).toBe('5');
      expect(down.body.errors[0]).toEqual({
        message: 'Not ready: read replica 1 did not answer within 2000 ms',
        extensions: {
          code: 'UNAVAILABLE',
          retryAfter: 5,
          database: { primary: 'ok', replicas: ['unavailable'] },
        },
      });
      // Liveness does not depend on the databases.
      expect((await fetch(`${t.url}/health`)).status).toBe(200);
    } finally {
      await cutOff(replica.url, true);
    }
    expect((await ready(t)).status).toBe(200);
  });

  it('answers 503 when the primary is gone', async () => {
    const primaryUrl = (t.dataSource.options as { replication: { master: { url: string } } })
      .replication.master.url;
    await cutOff(primaryUrl, false);
    try {
      const down = await ready(t);
      expect(down.status).toBe(503);
      expect(down.body.errors[0].message).toBe(
        'Not ready: the primary did not answer within 2000 ms',
      );
      expect(down.body.errors[0].extensions.database).toEqual({
        primary: 'unavailable',
        replicas: ['ok'],
      });
    } finally {
      await cutOff(primaryUrl, true);
    }
    expect((await ready(t)).status).toBe(200);
  });
});
