import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithServer } from './support/server-only.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * DATABASE_READ_URLS (README "Running several API processes"): lists and tallies read from the
 * replica. Stand-in for a streaming replica: a second database holding different rows, so that
 * where an answer came from shows in the answer.
 */
// Replicas belong to a server deployment; the embedded database is one process and ignores them.
// In both suites: the embedded database is chosen explicitly (no DATABASE_URL) in a directory of its own.
describe('read replicas on the embedded database', () => {
  it('ignores DATABASE_READ_URLS and reads and writes its own database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdt-replicas-'));
    const t = await startTestApp({
      databaseUrl: undefined,
      dataDir: dir,
      databaseReadUrls: ['postgres://nobody@127.0.0.1:1/none'],
    });
    try {
      const editor = await t.key('EDITOR');
      const created = await t.gql(
        `mutation { createOfficer(input: { fullName: "Ouk Vibol" }) { id } }`,
        {},
        editor,
      );
      expect(created.errors).toBeUndefined();
      // An officer named in no PUBLIC action is the editors' business (test/visibility.e2e-spec.ts).
      const read = await t.gql(`{ officers { totalCount } tally { count } }`, {}, editor);
      expect(read.data).toEqual({ officers: { totalCount: 1 }, tally: { count: 0 } });
      // The embedded database's own loopback server, whatever DATABASE_URL the suite has.
      expect((t.dataSource.options as { url?: string }).url).toMatch(
        /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/,
      );
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // A fresh embedded database runs every migration (about 20 s on a quiet machine, a minute and
    // more on a loaded one).
  }, 180_000);
});

describeWithServer('read replicas', () => {
  let replica: TestApp;
  let primary: TestApp;
  beforeAll(async () => {
    replica = await startTestApp();
    const editor = await replica.key('EDITOR');
    const src = await replica.gql(
      `mutation { createSource(input: { title: "T", publisher: "P" }) { id } }`,
      {},
      editor,
    );
    const res = await replica.gql(
      `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
      {
        input: {
          actionType: 'DISMISSAL',
          reasonCodes: ['UNSPECIFIED'],
          occurred: '2024-01',
          subjectCount: 5,
          citations: [{ sourceId: src.data!.createSource.id }],
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    const replicaUrl = (replica.dataSource.options as { url: string }).url;
    primary = await startTestApp({ databaseReadUrls: [replicaUrl] });
  });
  afterAll(async () => {
    await primary?.close();
    await replica?.close();
  });

  it('answers tallies, running totals and lists from the replica', async () => {
    const res = await primary.gql(`{
    tally(groupBy: [MONTH]) { count groups { key { month } count } }
    runningTotals(interval: MONTH) { period count }
    actions { edges { node { subjectCount reasons { code } citationCount } } }
  }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally).toEqual({
      count: 5,
      groups: [{ key: { month: '2024-01' }, count: 5 }],
    });
    expect(res.data!.runningTotals).toEqual([{ period: '2024-01', count: 5 }]);
    expect(res.data!.actions.edges).toEqual([
      { node: { subjectCount: 5, reasons: [{ code: 'UNSPECIFIED' }], citationCount: 1 } },
    ]);
  });

  it('reads a record back from the primary right after writing it, and checks keys there', async () => {
    const editor = await primary.key('EDITOR');
    const created = await primary.gql(
      `mutation { createOfficer(input: { fullName: "Heng Dara" }) { fullName version } }`,
      {},
      editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createOfficer).toEqual({ fullName: 'Heng Dara', version: 1 });
  });

  it('writes to the primary', async () => {
    // The primary itself has no actions: the answers above came from the replica.
    expect(await primary.count('disciplinary_action')).toBe(0);
    expect(await replica.count('disciplinary_action')).toBe(1);
  });
});
