import pg from 'pg';
import { describeWithServer } from './support/server-only.js';
import { snapshotCounts, startTestApp, type TestApp } from './support/test-app.js';
import { actionsCsv, postCsv } from './fixtures/exchange.js';

// Big enough that staging and applying take a second or more on the server, so the kill lands mid-way.
const ROWS = 12_000;

const databaseOf = (t: TestApp) =>
  new URL((t.dataSource.options as { url: string }).url).pathname.slice(1);

/**
 * Terminates the import's backend from a separate client as soon as it is seen inside its
 * transaction (`phase` picks the moment: while rows are streamed in by COPY, or while the
 * set-based statements write the actions, their reasons and citations). Returns what was killed.
 */
async function killImportWhen(
  t: TestApp,
  phase: 'copy' | 'apply',
  until: Promise<unknown>,
): Promise<{ pid: number; query: string } | undefined> {
  const client = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
  await client.connect();
  let finished = false;
  void until.finally(() => (finished = true));
  try {
    while (!finished) {
      const { rows } = await client.query<{ pid: number; query: string }>(
        `SELECT pid, query FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle' AND xact_start IS NOT NULL
            AND (CASE WHEN $2 = 'copy' THEN query LIKE 'COPY import_action%'
                      ELSE query ~ '^INSERT INTO (disciplinary_action|citation) ' END)`,
        [databaseOf(t), phase],
      );
      if (rows.length > 0) {
        await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid = ANY($2::int[])`,
          [databaseOf(t), rows.map((r) => r.pid)],
        );
        return rows[0];
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return undefined;
  } finally {
    await client.end();
  }
}

describeWithServer(
  'nothing lost: the database connection killed in the middle of an import',
  () => {
    let t: TestApp;
    let editor: string;
    const file = actionsCsv(ROWS);
    beforeAll(async () => {
      t = await startTestApp();
      editor = await t.key('EDITOR');
    });
    afterAll(() => t.close());

    it.each(['copy', 'apply'] as const)(
      `killed during %s: a clear error, nothing kept`,
      async (phase) => {
        const before = await snapshotCounts(t);
        const started = Date.now();
        const request = postCsv(t, file, editor);
        const killed = await killImportWhen(t, phase, request);
        const res = await request;
        const elapsed = Date.now() - started;
        process.stderr.write(
          `nothing-lost import (${phase}): ${ROWS} rows, killed ${killed ? `"${killed.query.slice(0, 60)}"` : 'nothing'} after ${elapsed} ms, answer ${res.status} ${JSON.stringify(res.body).slice(0, 300)}\n`,
        );
        expect(killed).toBeDefined();
        expect(res.status).toBe(503);
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0].extensions.code).toBe('UNAVAILABLE');
        // A message for people, never the database's own words.
        expect(res.body.errors[0].message).not.toMatch(
          /terminat|administrator|ECONN|EPIPE|pg_|SQL/i,
        );
        expect(res.body.errors[0].message).toMatch(/nothing was imported/i);
        expect(await snapshotCounts(t)).toEqual(before);
        // The app still answers (the broken connection left the pool).
        expect((await t.gql(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
      },
    );

    it('a retry of the same file applies it exactly once; another retry changes nothing', async () => {
      const before = await snapshotCounts(t);
      const retry = await postCsv(t, file, editor);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ rows: ROWS, created: ROWS, updated: 0, unchanged: 0 });
      const after = await snapshotCounts(t);
      expect(after.disciplinary_action).toBe(before.disciplinary_action + ROWS);
      const [kept] = (await t.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS ids FROM disciplinary_action WHERE external_id LIKE 'partner-%'`,
      )) as { n: number; ids: number }[];
      expect(kept).toEqual({ n: ROWS, ids: ROWS });

      const again = await postCsv(t, file, editor);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ rows: ROWS, created: 0, updated: 0, unchanged: ROWS });
      expect(await snapshotCounts(t)).toEqual(after);
      process.stderr.write(
        `nothing-lost import: retry created ${retry.body.created}, second retry unchanged ${again.body.unchanged}; ${kept.n} rows kept\n`,
      );
    });
  },
);
describe('nothing lost: an import refused mid-way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps nothing of a file refused at its last row, and a corrected retry applies exactly once', async () => {
    const editor = await t.key('EDITOR');
    const n = 2000;
    const before = await snapshotCounts(t);
    const refused = await postCsv(t, actionsCsv(n, { [n]: { occurred: '2023-02-29' } }), editor);
    expect(refused.status).toBe(400);
    expect(await snapshotCounts(t)).toEqual(before);
    const ok = await postCsv(t, actionsCsv(n), editor);
    expect(ok.body).toMatchObject({ created: n });
    const again = await postCsv(t, actionsCsv(n), editor);
    expect(again.body).toMatchObject({ created: 0, unchanged: n });
    expect(await t.count('disciplinary_action')).toBe(before.disciplinary_action + n);
  });
});
