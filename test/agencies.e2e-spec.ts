import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '@app/core';
import { MIGRATIONS } from '@app/migrations';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, serverUrl } from './support/databases.js';
import { createAction, createSource } from './support/factories.js';
import { csvLine, download, postCsv, readCsv } from './fixtures/exchange.js';

/**
 * Agencies (issue 16): the reference list and its tree, an action's agency, filters that include
 * sub-agencies, tallies by agency, figures scoped to agencies (and their consistency checks), the
 * agency_code column of actions.csv and the import, and the seeded actions of an existing database.
 */

const TALLY = `query($f: ActionFilter, $g: [TallyDimension!]) {
  tally(filter: $f, groupBy: $g) { range { min max } groups { range { min max } key { agency { code } actionType } } } }`;
const CHECK = `query($id: ID!) { checkFigure(id: $id) {
  recorded { min max } verdict issues { kind figures { id } }
  actions(first: 20) { totalCount edges { node { externalId agency { code } } } } } }`;
const FIGURE = `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id scope { agencyCodes } } }`;

type Row = [code: string | null, min: number, max: number];

describe('agencies', () => {
  let t: TestApp;
  let editor: string;
  let sourceId: string;
  const ids: Record<string, string> = {};

  // [externalId, agency, actionType, people, occurred]
  const ACTIONS: [string, string | null, string, number, string][] = [
    ['np', 'KH_NP', 'DISMISSAL', 1, '2024-01-10'],
    ['pp-group', 'KH_NP_PP', 'DISMISSAL', 10, '2024-01-12'],
    ['prey-veng', 'KH_NP_PROV_14', 'DISMISSAL', 1, '2024-01-15'],
    ['immigration', 'KH_GDI', 'DISMISSAL', 8, '2024-01-20'],
    ['prison', 'KH_GDP', 'DISMISSAL', 1, '2024-01-05'],
    ['unknown', null, 'DISMISSAL', 2, '2024-01-07'],
    ['pp-suspension', 'KH_NP_PP', 'SUSPENSION', 1, '2024-02-01'],
  ];

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    sourceId = (await createSource(t, editor, { title: 'Agency report', publisher: 'Agency news' }))
      .id;
    for (const [externalId, agencyCode, actionType, subjectCount, occurred] of ACTIONS) {
      ids[externalId] = (
        await createAction(t, editor, sourceId, {
          externalId,
          agencyCode,
          actionType,
          subjectCount,
          occurred,
          provinceCode: null,
        })
      ).id;
    }
  });
  afterAll(() => t.close());

  it('lists the 35 agencies of reference/agencies-kh.csv with their parents, parents first', async () => {
    const res = await t.gql(
      `{ agencies { code name nameKm kind source note parent { code parent { code } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const agencies = res.data!.agencies as {
      code: string;
      name: string;
      nameKm: string | null;
      kind: string;
      source: string;
      note: string;
      parent: { code: string; parent: { code: string } | null } | null;
    }[];
    expect(agencies).toHaveLength(35);
    const file = parse(readFileSync(new URL('../reference/agencies-kh.csv', import.meta.url)), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(
      agencies.map((a) => [
        a.code,
        a.name,
        a.nameKm,
        a.parent?.code ?? null,
        a.kind,
        a.source,
        a.note,
      ]),
    ).toEqual(
      file.map((r) => [
        r.code,
        r.name,
        r.name_km || null,
        r.parent || null,
        r.kind,
        r.source,
        r.note,
      ]),
    );
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    expect(agencies.filter((a) => a.parent === null).map((a) => a.code)).toEqual([
      'KH_MOI',
      'KH_MOND',
    ]);
    expect(byCode.get('KH_NP_PROV_14')).toMatchObject({
      name: 'Prey Veng Provincial Police Commissariat',
      nameKm: 'ស្នងការដ្ឋាននគរបាលខេត្តព្រៃវែង',
      kind: 'PROVINCIAL_COMMISSARIAT',
      parent: { code: 'KH_NP', parent: { code: 'KH_MOI' } },
    });
    // Immigration left the National Police in 2014: it is under the ministry.
    expect(byCode.get('KH_GDI')!.parent).toEqual({ code: 'KH_MOI', parent: null });
    expect(byCode.get('KH_GRK')!.parent).toEqual({ code: 'KH_MOND', parent: null });
    expect(byCode.get('KH_NP_ANTI_DRUG')!.nameKm).toBeNull();
    expect(agencies.filter((a) => a.parent?.code === 'KH_NP')).toHaveLength(29);
    const seen = new Set<string>();
    for (const a of agencies) {
      if (a.parent) expect(seen.has(a.parent.code)).toBe(true);
      seen.add(a.code);
    }
  });

  it('gives each action its agency, changes it, and clears it', async () => {
    const read = `query($id: ID!) { action(id: $id) { version agency { code name parent { code } } } }`;
    const pp = await t.gql(read, { id: ids['pp-group'] });
    expect(pp.data!.action.agency).toEqual({
      code: 'KH_NP_PP',
      name: 'Phnom Penh Municipal Police Commissariat',
      parent: { code: 'KH_NP' },
    });
    expect((await t.gql(read, { id: ids.unknown })).data!.action.agency).toBeNull();
    const update = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { version agency { code } } }`;
    const moved = await t.gql(
      update,
      { i: { id: ids.unknown, expectedVersion: 1, agencyCode: 'KH_GRK' } },
      editor,
    );
    expect(moved.data!.updateAction).toEqual({ version: 2, agency: { code: 'KH_GRK' } });
    const cleared = await t.gql(
      update,
      { i: { id: ids.unknown, expectedVersion: 2, agencyCode: null } },
      editor,
    );
    expect(cleared.data!.updateAction).toEqual({ version: 3, agency: null });
    const history = await t.gql(
      `query($id: ID!) { action(id: $id) { history { after } } }`,
      { id: ids.unknown },
      editor,
    );
    expect(
      history.data!.action.history.map(
        (h: { after: { agency_code: string | null } }) => h.after.agency_code,
      ),
    ).toEqual([null, 'KH_GRK', null]);
  });

  it.each([
    // The National Police with its Phnom Penh and Prey Veng commissariats: 1 + 10 + 1 + 1.
    ['the National Police', { agencyCodes: ['KH_NP'] }, 13, 4],
    ['its dismissals', { agencyCodes: ['KH_NP'], actionTypes: ['DISMISSAL'] }, 12, 3],
    ['the Phnom Penh commissariat', { agencyCodes: ['KH_NP_PP'] }, 11, 2],
    // Everything under the ministry: police, immigration (8) and prisons (1); not the action without an agency.
    ['the Ministry of Interior', { agencyCodes: ['KH_MOI'] }, 22, 6],
    ['a commissariat and immigration', { agencyCodes: ['KH_NP_PROV_14', 'KH_GDI'] }, 9, 2],
    ['an agency and one under it, counted once', { agencyCodes: ['KH_NP', 'KH_NP_PP'] }, 13, 4],
    ['the gendarmerie (none)', { agencyCodes: ['KH_GRK'] }, 0, 0],
  ])('filters on %s, sub-agencies included', async (_name, filter, people, actions) => {
    const res = await t.gql(
      `query($f: ActionFilter) { tally(filter: $f) { count } actions(filter: $f, first: 20) { totalCount } }`,
      { f: filter },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.tally.count).toBe(people);
    expect(res.data!.actions.totalCount).toBe(actions);
  });

  it.each([
    [
      'every agency',
      {},
      [
        ['KH_GDI', 8, 8],
        ['KH_GDP', 1, 1],
        ['KH_NP', 1, 1],
        ['KH_NP_PP', 11, 11],
        ['KH_NP_PROV_14', 1, 1],
        [null, 2, 2],
      ],
    ],
    [
      'the National Police',
      { agencyCodes: ['KH_NP'] },
      [
        ['KH_NP', 1, 1],
        ['KH_NP_PP', 11, 11],
        ['KH_NP_PROV_14', 1, 1],
      ],
    ],
    [
      'January',
      { from: '2024-01-01', to: '2024-01-31' },
      [
        ['KH_GDI', 8, 8],
        ['KH_GDP', 1, 1],
        ['KH_NP', 1, 1],
        ['KH_NP_PP', 10, 10],
        ['KH_NP_PROV_14', 1, 1],
        [null, 2, 2],
      ],
    ],
  ] as [string, Record<string, unknown>, Row[]][])(
    'tallies by AGENCY: %s (each action under its own agency)',
    async (_name, filter, groups) => {
      const res = await t.gql(TALLY, { f: filter, g: ['AGENCY'] });
      expect(res.errors).toBeUndefined();
      expect(
        res.data!.tally.groups.map((g: any) => [
          g.key.agency?.code ?? null,
          g.range.min,
          g.range.max,
        ]),
      ).toEqual(groups);
    },
  );

  it('tallies by AGENCY and ACTION_TYPE', async () => {
    const res = await t.gql(TALLY, {
      f: { agencyCodes: ['KH_NP_PP'] },
      g: ['AGENCY', 'ACTION_TYPE'],
    });
    expect(
      res.data!.tally.groups.map(
        (g: any) => `${g.key.agency.code} ${g.key.actionType} ${g.range.min}`,
      ),
    ).toEqual(['KH_NP_PP DISMISSAL 10', 'KH_NP_PP SUSPENSION 1']);
  });

  describe('figures scoped to agencies', () => {
    const figures: Record<string, string> = {};
    const create = async (
      name: string,
      value: number,
      agencyCodes: string[],
      statedOn: string,
      extra: Record<string, unknown> = {},
    ) => {
      const res = await t.gql(
        FIGURE,
        {
          i: {
            value,
            qualifier: 'EXACT',
            scope: { agencyCodes },
            statedOn,
            citation: { sourceId },
            ...extra,
          },
        },
        editor,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      expect(res.data!.createReportedFigure.scope.agencyCodes).toEqual(agencyCodes);
      figures[name] = res.data!.createReportedFigure.id;
    };
    beforeAll(async () => {
      // 11 in Phnom Penh by 31 January; later, 2 in Prey Veng (another agency: no running total of the 11);
      // later still, 5 for the National Police (which contains Phnom Penh: a running total below 11).
      await create('pp', 11, ['KH_NP_PP'], '2024-01-31');
      await create('preyVeng', 2, ['KH_NP_PROV_14'], '2024-02-20');
      await create('np', 5, ['KH_NP'], '2024-02-25');
      // A whole for the National Police with parts by commissariat: parts that cannot share an action.
      await create('whole', 20, ['KH_NP'], '2024-03-01');
      await create('partPp', 15, ['KH_NP_PP'], '2024-03-01', { parentId: figures.whole });
      await create('partPreyVeng', 10, ['KH_NP_PROV_14'], '2024-03-01', {
        parentId: figures.whole,
      });
    });

    it("checks a figure scoped to the Phnom Penh commissariat against that agency's actions only", async () => {
      const res = await t.gql(CHECK, { id: figures.pp });
      expect(res.errors).toBeUndefined();
      const check = res.data!.checkFigure;
      // The group of 10 (the suspension of 1 February is after the figure was stated).
      expect(check.recorded).toEqual({ min: 10, max: 10 });
      expect(check.verdict).toBe('UNDER_RECORDED');
      expect(check.actions.totalCount).toBe(1);
      expect(check.actions.edges.map((e: any) => [e.node.externalId, e.node.agency.code])).toEqual([
        ['pp-group', 'KH_NP_PP'],
      ]);
    });

    it('checks a figure scoped to the National Police against its commissariats too', async () => {
      const res = await t.gql(CHECK, { id: figures.np });
      expect(res.data!.checkFigure.recorded).toEqual({ min: 13, max: 13 });
      expect(res.data!.checkFigure.actions.totalCount).toBe(4);
      expect(res.data!.checkFigure.verdict).toBe('CONTRADICTED');
    });

    it('does not compare figures of different agencies as one running total, but does an agency with one under it', async () => {
      const issues = async (id: string) =>
        (await t.gql(CHECK, { id }))
          .data!.checkFigure.issues.filter((i: any) => i.kind === 'CUMULATIVE_DECREASE')
          .map((i: any) => i.figures.map((f: { id: string }) => f.id));
      expect(await issues(figures.preyVeng)).toEqual([]);
      // The earlier figure first, then the later one.
      expect(await issues(figures.pp)).toEqual([[figures.pp, figures.np]]);
      expect(await issues(figures.np)).toEqual([[figures.pp, figures.np]]);
    });

    it('treats parts of different agencies as parts that cannot share an action', async () => {
      const res = await t.gql(CHECK, { id: figures.whole });
      expect(res.data!.checkFigure.issues.map((i: any) => i.kind)).toEqual(['PARTS_EXCEED_WHOLE']);
    });

    it.each([
      // A figure on an agency overlaps a filter on the agency above or below it, not a sibling.
      ['Phnom Penh', ['KH_NP_PP'], ['pp', 'np', 'whole', 'partPp']],
      ['Prey Veng', ['KH_NP_PROV_14'], ['preyVeng', 'np', 'whole', 'partPreyVeng']],
      ['the ministry', ['KH_MOI'], ['pp', 'preyVeng', 'np', 'whole', 'partPp', 'partPreyVeng']],
      ['the prisons', ['KH_GDP'], []],
    ])('lists the figures whose scope overlaps %s', async (_name, agencyCodes, names) => {
      const res = await t.gql(
        `query($s: FigureScopeFilter) { reportedFigures(scope: $s, first: 20) { totalCount edges { node { id } } } }`,
        { s: { agencyCodes } },
      );
      expect(res.errors).toBeUndefined();
      const byId = new Map(Object.entries(figures).map(([name, id]) => [id, name]));
      expect(res.data!.reportedFigures.edges.map((e: any) => byId.get(e.node.id)).sort()).toEqual(
        [...names].sort(),
      );
      expect(res.data!.reportedFigures.totalCount).toBe(names.length);
    });

    it('writes scope_agency_codes in figures.csv', async () => {
      const rows = readCsv((await download(t, '/exports/figures.csv')).text);
      expect(rows.find((r) => r.id === figures.pp)!.scope_agency_codes).toBe('KH_NP_PP');
    });
  });

  describe('actions.csv and the import', () => {
    it('downloads agency_code, and filters and groups downloads by agency', async () => {
      const rows = readCsv((await download(t, '/exports/actions.csv', editor)).text);
      expect(Object.fromEntries(rows.map((r) => [r.external_id, r.agency_code]))).toEqual({
        np: 'KH_NP',
        'pp-group': 'KH_NP_PP',
        'prey-veng': 'KH_NP_PROV_14',
        immigration: 'KH_GDI',
        prison: 'KH_GDP',
        unknown: '',
        'pp-suspension': 'KH_NP_PP',
      });
      const json = JSON.parse(
        (await download(t, '/exports/actions.json?agency=KH_NP_PP')).text,
      ) as { externalId: string; agencyCode: string }[];
      expect(json.map((a) => [a.externalId, a.agencyCode]).sort()).toEqual([
        ['pp-group', 'KH_NP_PP'],
        ['pp-suspension', 'KH_NP_PP'],
      ]);
      const filtered = readCsv(
        (await download(t, '/exports/actions.csv?agency=KH_NP&actionType=DISMISSAL')).text,
      );
      expect(filtered.map((r) => r.external_id).sort()).toEqual(['np', 'pp-group', 'prey-veng']);
      const tally = readCsv(
        (await download(t, '/exports/tally.csv?groupBy=AGENCY&agency=KH_MOI')).text,
      );
      expect(tally.map((r) => [r.row_type, r.agency_code, r.count])).toEqual([
        ['total', '', '22'],
        ['group', 'KH_GDI', '8'],
        ['group', 'KH_GDP', '1'],
        ['group', 'KH_NP', '1'],
        ['group', 'KH_NP_PP', '11'],
        ['group', 'KH_NP_PROV_14', '1'],
      ]);
    });

    it('round-trips agency_code: the download imports unchanged; a changed cell updates; a new row gets its agency', async () => {
      const exported = (await download(t, '/exports/actions.csv', editor)).text;
      const same = await postCsv(t, exported, editor);
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ created: 0, updated: 0, unchanged: 7 });

      const rows = readCsv(exported);
      const header = Object.keys(rows[0]);
      const changed = rows.map((r) =>
        r.external_id === 'unknown'
          ? { ...r, agency_code: 'KH_GDP' }
          : r.external_id === 'prison'
            ? { ...r, agency_code: '' }
            : r,
      );
      const added: Record<string, string> = {
        ...rows[0],
        id: '',
        external_id: 'imported-gendarme',
        agency_code: 'KH_GRK',
        subject_count: '4',
        officer_name: '',
      };
      const file =
        csvLine(header) + [...changed, added].map((r) => csvLine(header.map((h) => r[h]))).join('');
      const imported = await postCsv(t, file, editor);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ created: 1, updated: 2, unchanged: 5 });

      const after = readCsv((await download(t, '/exports/actions.csv', editor)).text);
      expect(Object.fromEntries(after.map((r) => [r.external_id, r.agency_code]))).toMatchObject({
        unknown: 'KH_GDP',
        prison: '',
        'imported-gendarme': 'KH_GRK',
        np: 'KH_NP',
      });
      const tally = await t.gql(TALLY, { f: { agencyCodes: ['KH_MOND'] } });
      expect(tally.data!.tally.range).toEqual({ min: 4, max: 4 });
    });

    it('refuses an unknown agency_code, naming the row and the column, and imports nothing', async () => {
      const before = await t.count('disciplinary_action');
      const header = [
        'external_id',
        'action_type',
        'reason_codes',
        'occurred',
        'source_title',
        'source_publisher',
        'agency_code',
      ];
      const file =
        csvLine(header) +
        csvLine(['bad-1', 'DISMISSAL', 'UNSPECIFIED', '2024-01', 'T', 'P', 'KH_NP_PP']) +
        csvLine(['bad-2', 'DISMISSAL', 'UNSPECIFIED', '2024-01', 'T', 'P', 'KH_POLICE']);
      const res = await postCsv(t, file, editor);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].extensions.problems).toEqual([
        {
          row: 2,
          line: 3,
          column: 7,
          columnName: 'agency_code',
          message: 'Unknown agency code "KH_POLICE" (see the agencies query; e.g. KH_NP_PP)',
        },
      ]);
      expect(await t.count('disciplinary_action')).toBe(before);
    });
  });
});

describe('agencies of the seeded report', () => {
  it('are set when the seed loads it', async () => {
    const t = await startTestApp();
    try {
      await t.seed();
      const res = await t.gql(
        `{ actions(first: 10) { edges { node { externalId version agency { code } } } } }`,
      );
      expect(
        Object.fromEntries(
          res.data!.actions.edges.map((e: any) => [
            e.node.externalId,
            [e.node.agency.code, e.node.version],
          ]),
        ),
      ).toEqual({
        'camboja-2024-01/nath-ratana': ['KH_NP_PROV_14', 1],
        'camboja-2024-01/suon-tosit': ['KH_NP', 1],
        'camboja-2024-01/phnom-penh-10': ['KH_NP_PP', 1],
      });
    } finally {
      await t.close();
    }
  });

  describe('on a database seeded before agencies existed', () => {
    let t: TestApp;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      let url: string;
      let dir: string | undefined;
      let stopEmbedded: (() => Promise<void>) | undefined;
      if (serverUrl()) {
        const db = await createTestDatabase();
        url = db.url;
        cleanup = db.drop;
      } else {
        dir = mkdtempSync(join(tmpdir(), 'pdt-agency-'));
        const embedded = await startEmbeddedPostgres(dir);
        url = embedded.url;
        stopEmbedded = () => embedded.stop();
        cleanup = async () => rmSync(dir!, { recursive: true, force: true });
      }
      const before = MIGRATIONS.findIndex((m) => m.name === 'CreateAgencies1764158400500');
      const old = new DataSource({
        type: 'postgres',
        url,
        migrations: MIGRATIONS.slice(0, before),
        migrationsTableName: 'schema_migration',
        extra: { max: 1 },
      });
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      // The three actions as the seed wrote them; an editor has since taken the Phnom Penh group's province away.
      await old.transaction(async (m) => {
        await m.query(`SELECT set_config('app.actor', 'seed', true)`);
        for (const [externalId, province, people, occurred, from, to] of [
          [
            'camboja-2024-01/nath-ratana',
            'KH-14',
            1,
            '2024-01/2024-01-23',
            '2024-01-01',
            '2024-01-23',
          ],
          ['camboja-2024-01/suon-tosit', null, 1, '2023-12', '2023-12-01', '2023-12-31'],
          [
            'camboja-2024-01/phnom-penh-10',
            'KH-12',
            10,
            '2023-11/2024-01-23',
            '2023-11-01',
            '2024-01-23',
          ],
        ]) {
          await m.query(
            `INSERT INTO disciplinary_action (external_id, action_type, province_code, subject_count, occurred, occurred_from, occurred_to, reason_codes)
             VALUES ($1, 'DISMISSAL', $2, $3, $4, $5, $6, '{UNSPECIFIED}')`,
            [externalId, province, people, occurred, from, to],
          );
        }
      });
      await old.transaction(async (m) => {
        await m.query(`SELECT set_config('app.actor', 'Jane (EDITOR)', true)`);
        await m.query(
          `UPDATE disciplinary_action SET province_code = NULL, version = version + 1 WHERE external_id = 'camboja-2024-01/phnom-penh-10'`,
        );
      });
      await old.destroy();
      await stopEmbedded?.();
      t = await startTestApp(dir ? { dataDir: dir, databaseUrl: undefined } : { databaseUrl: url });
    });
    afterAll(async () => {
      await t.close();
      await cleanup();
    });

    it('gives the seeded actions their agency as a new version by "migration", and leaves one an editor changed alone', async () => {
      const editor = await t.key('EDITOR');
      const res = await t.gql(
        `{ actions(first: 10) { edges { node { externalId version agency { code } history { operation changedBy before after } } } } }`,
        {},
        editor,
      );
      expect(res.errors).toBeUndefined();
      const byId = Object.fromEntries(
        res.data!.actions.edges.map((e: any) => [e.node.externalId, e.node]),
      );
      expect(byId['camboja-2024-01/nath-ratana']).toMatchObject({
        version: 2,
        agency: { code: 'KH_NP_PROV_14' },
      });
      expect(byId['camboja-2024-01/suon-tosit']).toMatchObject({
        version: 2,
        agency: { code: 'KH_NP' },
      });
      expect(byId['camboja-2024-01/phnom-penh-10']).toMatchObject({ version: 2, agency: null });
      const history = byId['camboja-2024-01/nath-ratana'].history;
      expect(
        history.map((h: any) => [
          h.operation,
          h.changedBy,
          h.before?.agency_code ?? null,
          h.after.agency_code,
        ]),
      ).toEqual([
        ['INSERT', 'seed', null, null],
        ['UPDATE', 'migration', null, 'KH_NP_PROV_14'],
      ]);
      expect(byId['camboja-2024-01/phnom-penh-10'].history.map((h: any) => h.changedBy)).toEqual([
        'seed',
        'Jane (EDITOR)',
      ]);
    });

    it('records the agencies as written by "migration", in the changes feed', async () => {
      const res = await t.gql(
        `{ changes(first: 100, entityType: AGENCY) { edges { node { operation changedBy entityId } } } }`,
      );
      const entries = res.data!.changes.edges.map((e: any) => e.node);
      expect(entries).toHaveLength(35);
      expect(new Set(entries.map((e: any) => `${e.operation} ${e.changedBy}`))).toEqual(
        new Set(['INSERT migration']),
      );
    });
  });
});
