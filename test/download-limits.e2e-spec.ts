import http from 'node:http';
import pg from 'pg';
import { startTestApp, type TestApp } from './support/test-app.js';
import { serverUrl } from './support/databases.js';
import { describeWithServer } from './support/server-only.js';

/**
 * Downloads never starve the API (issue 13, item 3): a client that reads a few bytes and stops
 * holds no database connection that others need, is cut after the idle timeout, and the number of
 * downloads at once is bounded.
 */

// 10,000 rows of about 4 KB: 40 MB, more than the loopback socket buffers of both ends can hold.
const ROWS = 10_000;
const TALLY = `{ tally(filter: { actionTypes: [DISMISSAL] }) { count } }`;

/** Writes ROWS actions with a reason and a citation each, straight in SQL (fast on both databases). */
async function fill(t: TestApp): Promise<void> {
  await t.dataSource.query(`INSERT INTO source (title, publisher) VALUES ('Bulk', 'Bulk news')`);
  await t.dataSource.query(
    `INSERT INTO disciplinary_action (action_type, occurred, occurred_from, occurred_to, province_code, subject_description, position, reason_codes)
     SELECT 'DISMISSAL', '2024-01-15', '2024-01-15', '2024-01-15', 'KH-12', 'an officer of the bulk set ' || g, repeat('deputy chief ', 300), '{DRUG_POSITIVE_TEST}'
     FROM generate_series(1, ${ROWS}) g`,
  );
  await t.dataSource.query(
    `INSERT INTO citation (action_id, source_id, excerpt, ordinal) SELECT a.id, s.id, repeat('excerpt ', 20), 1 FROM disciplinary_action a, source s`,
  );
  await t.dataSource.query(`ANALYZE disciplinary_action, citation`);
}

/**
 * Starts a download, reads its first chunk and then stops reading. `finish()` reads on and tells
 * whether the download was complete or had been cut by the server meanwhile.
 */
function stall(
  url: string,
): Promise<{ res: http.IncomingMessage; finish: () => Promise<'complete' | 'cut'> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.once('data', () => {
        res.pause();
        const finish = () =>
          new Promise<'complete' | 'cut'>((done) => {
            res.once('aborted', () => done('cut'));
            res.once('error', () => done('cut'));
            res.once('end', () => done(res.complete ? 'complete' : 'cut'));
            res.resume();
          });
        resolve({ res, finish });
      });
    });
    req.on('error', reject);
  });
}

/** Waits (up to 10 s) until /health says this many downloads run. */
async function downloadsRunning(t: TestApp, expected: number): Promise<void> {
  let running = -1;
  for (let i = 0; i < 100 && running !== expected; i++) {
    running = (
      (await (await fetch(`${t.url}/health`)).json()) as { downloads: { running: number } }
    ).downloads.running;
    if (running !== expected) await new Promise((r) => setTimeout(r, 100));
  }
  expect(running).toBe(expected);
}

async function exportQueriesRunning(t: TestApp): Promise<number> {
  const db = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE '%/* export:actions */%' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  } finally {
    await db.end();
  }
}

/** Waits until no export query runs (its connection closed); fails after `ms`. */
async function noExportQueryWithin(t: TestApp, ms: number): Promise<void> {
  let running = await exportQueriesRunning(t);
  for (const end = Date.now() + ms; running > 0 && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 50));
    running = await exportQueriesRunning(t);
  }
  expect(running).toBe(0);
}

describe('a stalled download', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ downloadIdleTimeoutMs: 1500, maxConcurrentDownloads: 2 });
    await fill(t);
  });
  afterAll(() => t.close());

  it.each(['/exports/actions.csv', '/exports/actions.json'])(
    '%s: a tally is answered within 2 s meanwhile, and the stalled client is cut after the idle timeout',
    async (path) => {
      const { res, finish } = await stall(`${t.url}${path}`);
      expect(res.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const tally = await t.gql(TALLY);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(tally.errors).toBeUndefined();
      expect(tally.data!.tally.count).toBe(ROWS);
      // Cut by the server after 1.5 s without progress, not at the 30-minute export timeout.
      await downloadsRunning(t, 0);
      expect(await finish()).toBe('cut');
      if (serverUrl()) await noExportQueryWithin(t, 2000);
    },
  );

  it.each([
    ['/exports/actions.csv', 'text/csv; charset=utf-8', 'actions.csv'],
    ['/exports/actions.json', 'application/json; charset=utf-8', 'actions.json'],
    [
      '/exports/actions.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'actions.xlsx',
    ],
  ])(
    'HEAD %s: the headers of a GET, no body, and no export query left running',
    async (path, contentType, fileName) => {
      const head = await fetch(`${t.url}${path}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(contentType);
      expect(head.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
      expect((await head.arrayBuffer()).byteLength).toBe(0);
      await downloadsRunning(t, 0);
      if (serverUrl()) await noExportQueryWithin(t, 2000);
    },
  );

  describeWithServer('a download left before its first rows', () => {
    // The export's query waits for a lock, as a long sort would keep it from its first rows.
    let locker: pg.Client;
    beforeEach(async () => {
      locker = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE citation IN ACCESS EXCLUSIVE MODE');
    });
    afterEach(async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    });

    it('HEAD: its query ends within a second or so, not when its first rows would come', async () => {
      const head = await fetch(`${t.url}/exports/actions.json`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      await downloadsRunning(t, 0);
      await noExportQueryWithin(t, 3000);
    });

    it('a client that goes away: its query ends within a second or so', async () => {
      const abort = new AbortController();
      const get = fetch(`${t.url}/exports/actions.json`, { signal: abort.signal }).catch(
        () => undefined,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(await exportQueriesRunning(t)).toBe(1);
      abort.abort();
      await get;
      await downloadsRunning(t, 0);
      await noExportQueryWithin(t, 3000);
    });
  });

  it('HEAD of a download with a bad parameter answers its error status, as a GET would', async () => {
    const head = await fetch(`${t.url}/exports/actions.csv?province=KH-99`, { method: 'HEAD' });
    expect(head.status).toBe(400);
    expect(head.headers.get('content-type')).toContain('application/json');
    await downloadsRunning(t, 0);
  });

  it('a slow upload holds no connection: the API answers while an import body trickles in', async () => {
    const editor = await t.key('EDITOR');
    const url = new URL(`${t.url}/imports/actions?dryRun=true`);
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${editor}` },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
    });
    req.write('action_type,reason_codes,occurred,source_title,source_publisher\r\n');
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    expect((await t.gql(TALLY)).data!.tally.count).toBe(ROWS);
    expect(Date.now() - started).toBeLessThan(2000);
    req.end('DISMISSAL,UNSPECIFIED,2024-01,A report,A paper\r\n');
    const { status, body } = await answered;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ dryRun: true, rows: 1 });
  });
});

// Its own app, with an idle timeout far longer than the test: on a loaded machine the 1.5 s above
// could cut a stalled download before the third request arrives, and free its slot.
describe('concurrent downloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ downloadIdleTimeoutMs: 60_000, maxConcurrentDownloads: 2 });
    await fill(t);
  });
  afterAll(() => t.close());

  it('beyond the concurrent downloads, answers 503 UNAVAILABLE with Retry-After; a slot frees when a download ends', async () => {
    const first = await stall(`${t.url}/exports/actions.csv`);
    const second = await stall(`${t.url}/exports/actions.json`);
    await downloadsRunning(t, 2);
    const refused = await fetch(`${t.url}/exports/actions.csv`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', limit: 2 });
    // The API itself is not refused meanwhile.
    expect((await t.gql(TALLY)).data!.tally.count).toBe(ROWS);
    first.res.destroy();
    second.res.destroy();
    await downloadsRunning(t, 0);
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      const again = await fetch(`${t.url}/exports/tally.csv`);
      status = again.status;
      await again.arrayBuffer();
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });
});

describeWithServer(
  'waiting for a connection (the embedded database lends none to downloads)',
  () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ poolSize: 1, acquireTimeoutMs: 800, downloadIdleTimeoutMs: 20000 });
      await fill(t);
    });
    afterAll(() => t.close());

    it('answers UNAVAILABLE, not a 500 and not an endless wait, when no connection frees in time', async () => {
      const { res } = await stall(`${t.url}/exports/actions.csv`);
      const started = Date.now();
      const tally = await t.gql(TALLY);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(tally.errors?.[0].extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfter: 2 });
      res.destroy();
      let count: number | undefined;
      for (let i = 0; i < 40 && count === undefined; i++) {
        count = (await t.gql(TALLY)).data?.tally.count;
        if (count === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      expect(count).toBe(ROWS);
    });
  },
);
