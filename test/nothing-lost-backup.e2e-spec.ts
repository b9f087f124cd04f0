import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { adminQuery, serverUrl, withDatabase } from './support/databases.js';
import { describeWithServer } from './support/server-only.js';
import { createAction, createSource } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const WRITERS = 4;
const ACTION_TYPES = ['DISMISSAL', 'SUSPENSION', 'DEMOTION', 'WARNING'];
const PROVINCES = ['KH-12', 'KH-1', 'KH-2', null];

/** Tally by action type and province, with reason and citation counts: the figures a backup must keep. */
const TALLY = `
  SELECT a.action_type AS "type", coalesce(a.province_code, '-') AS province, count(*)::int AS actions,
         sum(cardinality(a.reason_codes))::int AS reasons,
         sum((SELECT count(*) FROM citation c WHERE c.action_id = a.id))::int AS citations
    FROM disciplinary_action a
   WHERE $1::text[] IS NULL OR a.id::text = ANY($1::text[])
   GROUP BY 1, 2 ORDER BY 1, 2`;

type TallyRow = {
  type: string;
  province: string;
  actions: number;
  reasons: number;
  citations: number;
};

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Writes actions through GraphQL from `WRITERS` concurrent editors until stopped; counts acknowledgements. */
function startWriters(t: TestApp, key: string, sourceId: string) {
  let stopped = false;
  const acknowledged: string[] = [];
  /** When the request of each acknowledged write was sent (ms). */
  const sentAt: number[] = [];
  const failures: unknown[] = [];
  const loops = Array.from({ length: WRITERS }, async (_, w) => {
    for (let i = 0; !stopped; i++) {
      try {
        const n = acknowledged.length;
        const sent = Date.now();
        const { id } = await createAction(t, key, sourceId, {
          actionType: ACTION_TYPES[(w + i) % ACTION_TYPES.length],
          provinceCode: PROVINCES[(n + w) % PROVINCES.length],
          reasonCodes: i % 3 === 0 ? ['DRUG_POSITIVE_TEST', 'CORRUPTION'] : ['DRUG_POSITIVE_TEST'],
          citations:
            i % 2
              ? [{ sourceId, excerpt: `writer ${w} #${i}` }]
              : [
                  { sourceId, excerpt: `writer ${w} #${i}` },
                  { sourceId, excerpt: 'second' },
                ],
        });
        acknowledged.push(id);
        sentAt.push(sent);
      } catch (err) {
        failures.push(err);
      }
    }
  });
  return {
    acknowledged,
    sentAt,
    failures,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describeWithServer('nothing lost: a pg_dump taken during writes', () => {
  let t: TestApp;
  let dir: string;
  const restoredName = `pdt_restore_${process.pid}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'pdt-backup-'));
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('restores to a database whose tallies equal the source at the dump snapshot', async () => {
    const sourceUrl = (t.dataSource.options as { url: string }).url;
    const restoredUrl = withDatabase(serverUrl()!, restoredName);
    const editor = await t.key('EDITOR');
    const source = await createSource(t, editor, { title: 'Backup report' });
    const writers = startWriters(t, editor, source.id);
    const until = async (n: number) => {
      while (writers.acknowledged.length < n && writers.failures.length === 0)
        await new Promise((r) => setTimeout(r, 10));
    };
    await until(100);

    const file = join(dir, 'source.dump');
    const beforeDump = writers.acknowledged.length;
    const dumpStartedAt = new Date();
    // The dump reads a snapshot this session exports, so the test knows exactly which transactions it holds.
    const holder = new pg.Client({ connectionString: sourceUrl });
    await holder.connect();
    await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const [{ name, snapshot }] = (
      await holder.query<{ name: string; snapshot: string }>(
        `SELECT pg_export_snapshot() AS name, txid_current_snapshot()::text AS snapshot`,
      )
    ).rows;
    await run('pg_dump', ['-Fc', '-f', file, '--snapshot', name, '--dbname', sourceUrl]);
    await holder.query('COMMIT');
    await holder.end();
    const dumpEndedAt = new Date();
    const afterDump = writers.acknowledged.length;
    // Keep writing a little after the dump, so the source has rows the dump must not have.
    await until(afterDump + 50);
    await writers.stop();
    expect(writers.failures).toEqual([]);
    // The dump really ran during writes.
    expect(afterDump).toBeGreaterThan(beforeDump);

    await adminQuery(`CREATE DATABASE ${restoredName}`);
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, file]);

    // The dump's snapshot, exactly: the source's actions whose inserting transaction it sees.
    const restoredIds = (
      await query<{ id: string }>(
        restoredUrl,
        `SELECT id::text AS id FROM disciplinary_action ORDER BY id`,
      )
    ).map((r) => r.id);
    const sourceIdsAtSnapshot = (
      await query<{ id: string }>(
        sourceUrl,
        `SELECT id::text AS id FROM disciplinary_action WHERE txid_visible_in_snapshot(xmin::text::bigint, $1::txid_snapshot) ORDER BY id`,
        [snapshot],
      )
    ).map((r) => r.id);
    const sourceIds = (
      await query<{ id: string }>(sourceUrl, `SELECT id::text AS id FROM disciplinary_action`)
    ).map((r) => r.id);

    // Same set of actions as the source held at the snapshot; every restored action exists in the source.
    expect(restoredIds).toEqual(sourceIdsAtSnapshot);
    expect(restoredIds.every((id) => sourceIds.includes(id))).toBe(true);
    // Everything acknowledged before the dump started is in it; what was sent after the dump ended is not.
    const inRestore = new Set(restoredIds);
    expect(writers.acknowledged.slice(0, beforeDump).every((id) => inRestore.has(id))).toBe(true);
    const sentAfterDump = writers.acknowledged.filter(
      (_, i) => writers.sentAt[i] > dumpEndedAt.getTime(),
    );
    expect(sentAfterDump.length).toBeGreaterThan(0);
    expect(sentAfterDump.some((id) => inRestore.has(id))).toBe(false);
    expect(sourceIds.length).toBe(writers.acknowledged.length);
    expect(restoredIds.length).toBeLessThan(sourceIds.length);

    // Equal tallies (with reasons and citations: no action restored half-written).
    const restoredTally = await query<TallyRow>(restoredUrl, TALLY, [null]);
    const sourceTally = await query<TallyRow>(sourceUrl, TALLY, [restoredIds]);
    expect(restoredTally).toEqual(sourceTally);
    const incomplete = await query<{ n: number }>(
      restoredUrl,
      `SELECT count(*)::int AS n FROM disciplinary_action a
        WHERE cardinality(a.reason_codes) = 0 OR NOT EXISTS (SELECT 1 FROM citation c WHERE c.action_id = a.id)`,
    );
    expect(incomplete[0].n).toBe(0);
    // The record time came along too: each restored action with the moment and author it was recorded with.
    const recorded = await query<{ n: number }>(
      restoredUrl,
      `SELECT count(*)::int AS n FROM disciplinary_action WHERE recorded_at IS NOT NULL AND recorded_by LIKE '%(EDITOR)'`,
    );
    expect(recorded[0].n).toBe(restoredIds.length);

    // The GraphQL "as recorded" tally brackets the snapshot: everything in the dump had been recorded
    // by the time the dump ended, and the source's answer as of then is at least the restored count.
    const tally = async (at?: Date) => {
      const res = await t.gql(
        `query($at: DateTime) { tally(asRecordedAt: $at) { count } }`,
        { at: at?.toISOString() ?? null },
        editor,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.tally.count as number;
    };
    const atStart = await tally(dumpStartedAt);
    const atEnd = await tally(dumpEndedAt);
    expect(atStart).toBeGreaterThanOrEqual(beforeDump);
    expect(atEnd).toBeGreaterThanOrEqual(restoredIds.length);
    expect(await tally()).toBe(sourceIds.length);

    process.stderr.write(
      `nothing-lost backup: ${sourceIds.length} actions written (${beforeDump} before the dump, ${afterDump - beforeDump} during it, ` +
        `${sourceIds.length - afterDump} after), ${restoredIds.length} in the dump (${statSync(file).size} bytes, ` +
        `${dumpEndedAt.getTime() - dumpStartedAt.getTime()} ms); tally asRecordedAt dump start ${atStart}, dump end ${atEnd}\n`,
    );
  });
});
describe('nothing lost: the history the backup test relies on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('each action is recorded with its own change number and author, and the current tally equals the tally as recorded now', async () => {
    const editor = await t.key('EDITOR');
    const source = await createSource(t, editor);
    const writers = startWriters(t, editor, source.id);
    while (writers.acknowledged.length < 40 && writers.failures.length === 0)
      await new Promise((r) => setTimeout(r, 10));
    await writers.stop();
    expect(writers.failures).toEqual([]);
    const rows = (await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT change_seq)::int AS changes FROM disciplinary_action WHERE recorded_by LIKE '%(EDITOR)'`,
    )) as { n: number; changes: number }[];
    expect(rows[0]).toEqual({
      n: writers.acknowledged.length,
      changes: writers.acknowledged.length,
    });
    const res = await t.gql(
      `query($at: DateTime) { now: tally { count } then: tally(asRecordedAt: $at) { count } }`,
      { at: new Date(Date.now() + 1000).toISOString() },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      now: { count: writers.acknowledged.length },
      then: { count: writers.acknowledged.length },
    });
  });
});
