import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '@app/core';
import { MIGRATIONS } from '@app/migrations';
import { VERSIONED_TABLES } from '../libs/domain/src/history/record-time.js';
import { columnsOf } from '../libs/domain/src/common/entity-columns.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, serverUrl } from './support/databases.js';

/**
 * The system-versioned record tables (issue 15): what an insert, an update and a delete write;
 * that the history is append-only; that the column maps cover every column; and that a database
 * edited under the old JSON edit log answers the same history and as-of tallies after migrating.
 */

const CHANGES = `query($type: ChangeEntityType) { changes(first: 100, entityType: $type) {
  edges { node { id entityType entityId operation changedBy before after } } } }`;
const pause = () => new Promise((r) => setTimeout(r, 40));

describe('versioned tables', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR', 'Jane, newsroom');
  });
  afterAll(() => t.close());

  it('attributes a change from psql to "database": each version, then the deletion', async () => {
    const [{ id }] = (await t.dataSource.query(
      `INSERT INTO source (title, publisher) VALUES ('Outside', 'P') RETURNING id`,
    )) as { id: string }[];
    await t.dataSource.query(`UPDATE source SET notes = 'from psql' WHERE id = $1`, [id]);
    await t.dataSource.query(`DELETE FROM source WHERE id = $1`, [id]);
    const rows = (await t.dataSource.query(
      `SELECT recorded_by, superseded_by, end_how, notes FROM source_history WHERE id = $1 ORDER BY change_seq`,
      [id],
    )) as Record<string, string | null>[];
    expect(rows).toEqual([
      { recorded_by: 'database', superseded_by: 'database', end_how: 'U', notes: null },
      { recorded_by: 'database', superseded_by: 'database', end_how: 'D', notes: 'from psql' },
    ]);
    const feed = await t.gql(CHANGES, { type: 'SOURCE' }, editor);
    const entries = feed
      .data!.changes.edges.map((e: any) => e.node)
      .filter((n: any) => n.entityId === id);
    expect(
      entries.map((n: any) => [
        n.operation,
        n.changedBy,
        n.before?.notes ?? null,
        n.after?.notes ?? null,
      ]),
    ).toEqual([
      ['INSERT', 'database', null, null],
      ['UPDATE', 'database', null, 'from psql'],
      ['DELETE', 'database', 'from psql', null],
    ]);
  });

  it('writes no history for an insert, and one history row per row for an update or a delete', async () => {
    const count = async () =>
      (
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM source_history`)) as {
          n: number;
        }[]
      )[0].n;
    const before = await count();
    await t.dataSource.query(
      `INSERT INTO source (title, publisher) SELECT 'Bulk ' || g, 'Bulk' FROM generate_series(1, 50) g`,
    );
    expect(await count()).toBe(before);
    await t.dataSource.query(`UPDATE source SET notes = 'bulk' WHERE publisher = 'Bulk'`);
    expect(await count()).toBe(before + 50);
    await t.dataSource.query(`DELETE FROM source WHERE publisher = 'Bulk' AND title <> 'Bulk 1'`);
    expect(await count()).toBe(before + 99);
  });

  it('keeps every history table append-only (update, delete, truncate refused, even of no row)', async () => {
    for (const table of Object.keys(VERSIONED_TABLES).map((name) => `${name}_history`)) {
      await expect(
        t.dataSource.query(`UPDATE ${table} SET superseded_by = 'someone else'`),
      ).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
  });

  it('records a change to citations made alone (psql) as a new version of the action', async () => {
    const source = await t.gql(
      `mutation { createSource(input: { title: "Cited", publisher: "P" }) { id } }`,
      {},
      editor,
    );
    const sourceId = source.data!.createSource.id;
    const created = await t.gql(
      `mutation($s: ID!) { createAction(input: { actionType: DISMISSAL, reasonCodes: ["UNSPECIFIED"], occurred: "2024-01", citations: [{ sourceId: $s, excerpt: "one" }] }) { id } }`,
      { s: sourceId },
      editor,
    );
    const id = created.data!.createAction.id;
    await t.dataSource.query(
      `UPDATE citation SET excerpt = 'changed in psql' WHERE action_id = $1`,
      [id],
    );
    const res = await t.gql(
      `query($id: ID!) { action(id: $id) { version history { operation changedBy before after } } }`,
      { id },
      editor,
    );
    const history = res.data!.action.history;
    expect(history.map((h: any) => [h.operation, h.changedBy])).toEqual([
      ['INSERT', 'Jane, newsroom (EDITOR)'],
      ['UPDATE', 'database'],
    ]);
    expect(history[1].before.citations).toEqual([
      { source_id: sourceId, excerpt: 'one', locator: null },
    ]);
    expect(history[1].after.citations).toEqual([
      { source_id: sourceId, excerpt: 'changed in psql', locator: null },
    ]);
    expect(res.data!.action.version).toBe(2);
  });

  it('has a history twin with the same columns for every record table, and entities that declare every column', async () => {
    for (const [table, entity] of Object.entries(VERSIONED_TABLES)) {
      const columns = async (name: string) =>
        (
          (await t.dataSource.query(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
            [name],
          )) as { column_name: string }[]
        ).map((r) => r.column_name);
      const current = await columns(table);
      const history = await columns(`${table}_history`);
      expect(
        history.filter(
          (c) => !['superseded_at', 'superseded_by', 'end_seq', 'end_how'].includes(c),
        ),
      ).toEqual(current);
      expect(
        columnsOf(entity)
          .map((c) => c.column)
          .sort(),
      ).toEqual(current);
    }
  });

  it('runs history triggers compiled for each table, naming every column of it (versioning_compile)', async () => {
    for (const table of Object.keys(VERSIONED_TABLES)) {
      const triggers = (await t.dataSource.query(
        `SELECT t.tgname, p.proname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
         WHERE t.tgrelid = $1::regclass AND t.tgname IN ('versioning_superseded', 'versioning_deleted') ORDER BY t.tgname`,
        [table],
      )) as { tgname: string; proname: string; prosrc: string }[];
      expect(triggers.map((r) => [r.tgname, r.proname])).toEqual([
        ['versioning_deleted', `versioning_deleted_${table}`],
        ['versioning_superseded', `versioning_superseded_${table}`],
      ]);
      const [{ cols }] = (await t.dataSource.query(
        `SELECT versioning_columns($1::regclass, '') AS cols`,
        [table],
      )) as {
        cols: string;
      }[];
      // A column added to the table since its triggers were compiled would be missing from its history.
      for (const r of triggers)
        expect(r.prosrc).toContain(`(${cols}, superseded_at, superseded_by, end_seq, end_how)`);
    }
  });
});

/** A database edited under the old design (migrations up to the JSON edit log), then migrated. */
describe('migrating a database edited under the JSON edit log', () => {
  let t: TestApp;
  let editor: string;
  let cleanup: () => Promise<void>;
  const at: Record<'t1' | 't2', string> = { t1: '', t2: '' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    let url: string;
    let stopEmbedded: (() => Promise<void>) | undefined;
    let dir: string | undefined;
    if (serverUrl()) {
      const db = await createTestDatabase();
      url = db.url;
      cleanup = db.drop;
    } else {
      dir = mkdtempSync(join(tmpdir(), 'pdt-old-'));
      const embedded = await startEmbeddedPostgres(dir);
      url = embedded.url;
      stopEmbedded = () => embedded.stop();
      cleanup = async () => rmSync(dir!, { recursive: true, force: true });
    }
    const old = new DataSource({
      type: 'postgres',
      url,
      migrations: MIGRATIONS.slice(0, 4),
      migrationsTableName: 'schema_migration',
      extra: { max: 1 },
    });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    const tx = async (
      work: (q: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<void>,
    ) => {
      await old.transaction(async (m) => {
        await m.query(`SELECT set_config('app.actor', 'Jane, newsroom (EDITOR)', true)`);
        await work((sql, params) => m.query(sql, params));
      });
    };
    const action = async (
      q: (sql: string, params?: unknown[]) => Promise<any[]>,
      type: string,
      province: string,
      occurred: string,
      from: string,
      to: string,
      reasons: string[],
    ) => {
      const [{ id }] = await q(
        `INSERT INTO disciplinary_action (action_type, province_code, occurred, occurred_from, occurred_to) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [type, province, occurred, from, to],
      );
      await q(`INSERT INTO action_reason (action_id, reason_code) SELECT $1, unnest($2::text[])`, [
        id,
        reasons,
      ]);
      await q(
        `INSERT INTO citation (action_id, source_id, excerpt, ordinal) VALUES ($1, $2, 'reported', 1)`,
        [id, ids.source],
      );
      return id as string;
    };
    await tx(async (q) => {
      [{ id: ids.source }] = await q(
        `INSERT INTO source (title, publisher) VALUES ('Old report', 'Old paper') RETURNING id`,
      );
      ids.a1 = await action(q, 'DISMISSAL', 'KH-12', '2024-01-15', '2024-01-15', '2024-01-15', [
        'DRUG_POSITIVE_TEST',
      ]);
      ids.a2 = await action(q, 'DISMISSAL', 'KH-14', '2024-01', '2024-01-01', '2024-01-31', [
        'UNSPECIFIED',
      ]);
    });
    await pause();
    at.t1 = new Date().toISOString();
    await pause();
    await tx(async (q) => {
      await q(
        `UPDATE disciplinary_action SET province_code = 'KH-14', version = version + 1 WHERE id = $1`,
        [ids.a1],
      );
      await q(`INSERT INTO action_reason (action_id, reason_code) VALUES ($1, 'CORRUPTION')`, [
        ids.a1,
      ]);
      ids.a3 = await action(q, 'SUSPENSION', 'KH-12', '2024-02-01', '2024-02-01', '2024-02-01', [
        'ABSENCE',
      ]);
    });
    await pause();
    at.t2 = new Date().toISOString();
    await pause();
    await tx(async (q) => {
      await q(
        `UPDATE disciplinary_action SET retracted_at = now(), retraction_reason = 'duplicate', version = version + 1 WHERE id = $1`,
        [ids.a2],
      );
      await q(`DELETE FROM disciplinary_action WHERE id = $1`, [ids.a3]);
    });
    await old.destroy();
    await stopEmbedded?.();
    t = await startTestApp(dir ? { dataDir: dir, databaseUrl: undefined } : { databaseUrl: url });
    editor = await t.key('EDITOR');
  });
  afterAll(async () => {
    await t.close();
    await cleanup();
  });

  it('keeps every version: the same history of each action', async () => {
    const history = async (id: string) =>
      (
        await t.gql(
          `query($id: ID!) { action(id: $id) { history { operation changedBy before after } } }`,
          { id },
          editor,
        )
      ).data!.action.history;
    const a1 = await history(ids.a1);
    expect(a1.map((h: any) => [h.operation, h.changedBy])).toEqual([
      ['INSERT', 'Jane, newsroom (EDITOR)'],
      ['UPDATE', 'Jane, newsroom (EDITOR)'],
    ]);
    expect(a1[1].before).toMatchObject({
      province_code: 'KH-12',
      reason_codes: ['DRUG_POSITIVE_TEST'],
      version: 1,
    });
    expect(a1[1].after).toMatchObject({
      province_code: 'KH-14',
      reason_codes: ['CORRUPTION', 'DRUG_POSITIVE_TEST'],
      version: 2,
    });
    expect(a1[1].after.citations).toEqual([
      { source_id: ids.source, excerpt: 'reported', locator: null },
    ]);
    const a2 = await history(ids.a2);
    expect(a2.map((h: any) => h.operation)).toEqual(['INSERT', 'RETRACT']);
    expect(a2[1].after).toMatchObject({ retraction_reason: 'duplicate' });
    const feed = await t.gql(CHANGES, { type: 'DISCIPLINARY_ACTION' }, editor);
    const a3 = feed
      .data!.changes.edges.map((e: any) => e.node)
      .filter((n: any) => n.entityId === ids.a3);
    expect(a3.map((n: any) => n.operation)).toEqual(['INSERT', 'DELETE']);
    expect(a3[1].before).toMatchObject({ action_type: 'SUSPENSION', reason_codes: ['ABSENCE'] });
    expect(a3[1].before.citations).toEqual([
      { source_id: ids.source, excerpt: 'reported', locator: null },
    ]);
  });

  it.each([
    ['before the update', 't1', {}, [], { min: 2, max: 2 }, []],
    [
      'by province before the update',
      't1',
      {},
      ['PROVINCE'],
      { min: 2, max: 2 },
      ['KH-12 1', 'KH-14 1'],
    ],
    ['after the update', 't2', {}, ['PROVINCE'], { min: 3, max: 3 }, ['KH-12 1', 'KH-14 2']],
    [
      'dismissals by reason after the update',
      't2',
      { actionTypes: ['DISMISSAL'] },
      ['REASON'],
      { min: 2, max: 2 },
      ['CORRUPTION 1', 'DRUG_POSITIVE_TEST 1', 'UNSPECIFIED 1'],
    ],
    ['now', null, {}, ['PROVINCE'], { min: 1, max: 1 }, ['KH-14 1']],
  ])('answers the same as-of tally %s', async (_name, moment, filter, groupBy, total, groups) => {
    const res = await t.gql(
      `query($f: ActionFilter, $g: [TallyDimension!], $at: DateTime) { tally(filter: $f, groupBy: $g, asRecordedAt: $at) {
        range { min max } groups { count key { province { code } reason { code } } } } }`,
      { f: filter, g: groupBy, at: moment ? at[moment as 't1' | 't2'] : null },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally.range).toEqual(total);
    expect(
      res.data!.tally.groups.map(
        (g: any) => `${g.key.province?.code ?? g.key.reason?.code} ${g.count}`,
      ),
    ).toEqual(groups);
  });
});

/** The newest migrations undone and done again: each `down` leaves a database the next `up` accepts. */
describe('undoing and redoing the newest migrations', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    let url: string;
    if (serverUrl()) {
      const db = await createTestDatabase();
      url = db.url;
      cleanup = db.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'pdt-undo-'));
      const embedded = await startEmbeddedPostgres(dir);
      url = embedded.url;
      cleanup = async () => {
        await embedded.stop();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    ds = new DataSource({
      type: 'postgres',
      url,
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migration',
      extra: { max: 1 },
    });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
  });

  const functionOf = async (table: string, trigger: string) =>
    (
      (await ds.query(
        `SELECT p.proname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = $1::regclass AND t.tgname = $2`,
        [table, trigger],
      )) as { proname: string }[]
    )[0]?.proname;

  // The citation triggers that an import skips (ImportSkipsRedundantTriggers) and that check app.import.
  const skippingInImport = async () =>
    (
      (await ds.query(
        `SELECT proname FROM pg_proc WHERE prosrc LIKE '%current_setting(''app.import''%' ORDER BY 1`,
      )) as { proname: string }[]
    ).map((r) => r.proname);
  const SKIPPING = [
    'citation_touch_new',
    'citation_touch_old',
    'duplicate_dirty_citation_new',
    'duplicate_dirty_citation_old',
  ];

  it('undoes the import trigger skips, the compiled history triggers and the duplicate-scoring indexes, then does them again', async () => {
    expect(await skippingInImport()).toEqual(SKIPPING);
    await ds.undoLastMigration({ transaction: 'each' });
    expect(await skippingInImport()).toEqual([]);
    expect(await functionOf('citation', 'versioning_superseded')).toBe(
      'versioning_superseded_citation',
    );
    await ds.undoLastMigration({ transaction: 'each' });
    expect(await functionOf('citation', 'versioning_superseded')).toBe('versioning_superseded');
    expect(await functionOf('citation', 'versioning_deleted')).toBe('versioning_deleted');
    await ds.undoLastMigration({ transaction: 'each' });
    const indexes = async () =>
      (
        (await ds.query(
          `SELECT indexname FROM pg_indexes WHERE indexname IN ('action_retracted_idx', 'officer_search_gist') ORDER BY 1`,
        )) as {
          indexname: string;
        }[]
      ).map((r) => r.indexname);
    expect(await indexes()).toEqual(['officer_search_gist']);
    // Undone, the generic triggers still write the history.
    const [{ id }] = (await ds.query(
      `INSERT INTO source (title, publisher) VALUES ('Undo', 'P') RETURNING id`,
    )) as { id: string }[];
    await ds.query(`UPDATE source SET notes = 'generic' WHERE id = $1`, [id]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await indexes()).toEqual(['action_retracted_idx', 'officer_search_gist']);
    expect(await functionOf('source', 'versioning_superseded')).toBe(
      'versioning_superseded_source',
    );
    expect(await skippingInImport()).toEqual(SKIPPING);
    await ds.query(`UPDATE source SET notes = 'compiled' WHERE id = $1`, [id]);
    await ds.query(`DELETE FROM source WHERE id = $1`, [id]);
    const rows = (await ds.query(
      `SELECT notes, end_how FROM source_history WHERE id = $1 ORDER BY change_seq`,
      [id],
    )) as {
      notes: string | null;
      end_how: string;
    }[];
    expect(rows).toEqual([
      { notes: null, end_how: 'U' },
      { notes: 'generic', end_how: 'U' },
      { notes: 'compiled', end_how: 'D' },
    ]);
  });
});
