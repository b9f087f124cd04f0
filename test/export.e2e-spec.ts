import pg from 'pg';
import { startTestApp, type TestApp } from './support/test-app.js';
import { serverUrl } from './support/databases.js';
import { createAction, createSource } from './support/factories.js';
import { actionsCsv, download, postCsv, readCsv } from './fixtures/exchange.js';

const REQUIRED_COLUMNS = [
  'id',
  'external_id',
  'action_type',
  'officer_name',
  'subject_count',
  'rank_code',
  'rank_text',
  'position',
  'province_code',
  'reason_codes',
  'reason_detail',
  'occurred',
  'occurred_from',
  'occurred_to',
  'decided_by',
  'visibility',
  'source_title',
  'source_publisher',
  'source_url',
  'citation_excerpt',
];

describe('GET /exports/*', () => {
  let t: TestApp;
  let editor: string;
  let confidentialId: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    await t.seed();
    const secret = await createSource(t, editor, {
      title: 'Informant note',
      publisher: 'Internal',
      confidential: true,
    });
    confidentialId = secret.id;
    await createAction(t, editor, secret.id, {
      externalId: 'internal-1',
      visibility: 'INTERNAL',
      provinceCode: 'KH-14',
      citations: [{ sourceId: secret.id, excerpt: 'secret words' }],
    });
    await createAction(t, editor, secret.id, {
      externalId: 'public-secret-source',
      citations: [{ sourceId: secret.id, excerpt: 'secret words' }],
    });
  });
  afterAll(() => t.close());

  it('actions.csv is RFC 4180 UTF-8 with a BOM, CRLF, and the documented columns', async () => {
    const res = await download(t, '/exports/actions.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="actions.csv"');
    expect(res.text.startsWith('\uFEFFid,external_id,action_type,')).toBe(true);
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text.replace(/\r\n/g, '').includes('\n')).toBe(false); // the seed has no line breaks inside values
    const rows = readCsv(res.text);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(REQUIRED_COLUMNS));
    const nath = rows.find((r) => r.external_id === 'camboja-2024-01/nath-ratana')!;
    expect(nath).toMatchObject({
      action_type: 'DISMISSAL',
      officer_name: 'Nath Ratana',
      rank_code: 'LT_COL',
      province_code: 'KH-14',
      reason_codes: 'UNSPECIFIED',
      occurred: '2024-01/2024-01-23',
      occurred_from: '2024-01-01',
      occurred_to: '2024-01-23',
      visibility: 'PUBLIC',
      source_url: '',
    });
    expect(nath.source_publisher).toBe('CamboJA (Cambodian Journalists Alliance Association)');
  });

  it('shows anonymous callers public records only and withholds confidential sources; editors see all', async () => {
    const anonymous = readCsv((await download(t, '/exports/actions.csv')).text);
    expect(anonymous.map((r) => r.external_id)).not.toContain('internal-1');
    const withheld = anonymous.find((r) => r.external_id === 'public-secret-source')!;
    expect(withheld).toMatchObject({
      source_title: '[confidential source]',
      source_publisher: '[withheld]',
      citation_excerpt: '',
      source_url: '',
    });
    expect(JSON.stringify(anonymous)).not.toContain('Informant note');
    expect(JSON.stringify(anonymous)).not.toContain('secret words');

    const edited = readCsv((await download(t, '/exports/actions.csv', editor)).text);
    expect(edited.map((r) => r.external_id)).toContain('internal-1');
    expect(edited.find((r) => r.external_id === 'public-secret-source')).toMatchObject({
      source_title: 'Informant note',
      citation_excerpt: 'secret words',
    });
  });

  it('filters with the ActionFilter parameters, repeatable', async () => {
    const kh14 = readCsv(
      (await download(t, '/exports/actions.csv?province=KH-14&province=KH-12', editor)).text,
    );
    expect(kh14.map((r) => r.province_code).sort()).toEqual(['KH-12', 'KH-12', 'KH-14', 'KH-14']);
    const period = readCsv(
      (await download(t, '/exports/actions.csv?from=2023-12-01&to=2023-12-31')).text,
    );
    expect(period.map((r) => r.external_id).sort()).toEqual([
      'camboja-2024-01/phnom-penh-10',
      'camboja-2024-01/suon-tosit',
    ]);
    const bySource = readCsv(
      (await download(t, `/exports/actions.csv?sourceId=${confidentialId}`, editor)).text,
    );
    expect(bySource).toHaveLength(2);
  });

  it.each([
    ['/exports/actions.csv?province=KH-99', 'province'],
    ['/exports/actions.csv?actionType=FIRED', 'actionType'],
    ['/exports/actions.csv?reason=NOPE', 'reason'],
    ['/exports/actions.csv?from=2024-02-30', 'from'],
    ['/exports/actions.csv?from=2024-02-01&to=2024-01-01', 'to'],
    ['/exports/actions.csv?officerId=abc', 'officerId'],
    ['/exports/actions.csv?includeRetracted=yes', 'includeRetracted'],
    ['/exports/actions.csv?provinc=KH-12', 'provinc'],
    ['/exports/actions.json?rankTier=GENERALS', 'rankTier'],
    ['/exports/tally.csv?groupBy=COLOUR', 'groupBy'],
    ['/exports/figures.csv?province=KH-12', 'province'],
  ])('%s is refused with BAD_USER_INPUT naming %s', async (path, field) => {
    const res = await download(t, path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(res.text).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('actions.json streams the same records as JSON', async () => {
    const res = await download(t, '/exports/actions.json?province=KH-14');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.text);
    expect(body).toEqual([
      expect.objectContaining({
        externalId: 'camboja-2024-01/nath-ratana',
        officer: { fullName: 'Nath Ratana', fullNameKm: null },
        reasonCodes: ['UNSPECIFIED'],
        citations: [
          expect.objectContaining({
            source: expect.objectContaining({ url: null, redacted: false }),
          }),
        ],
      }),
    ]);
    expect(JSON.parse((await download(t, '/exports/actions.json?province=KH-1')).text)).toEqual([]);
  });

  it('neutralises formulas in text cells', async () => {
    const source = await createSource(t, editor, {
      title: '=HYPERLINK("http://evil.example","click")',
      publisher: '@publisher',
    });
    const payloads = [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '  =2',
      '\uFF1D3',
      '\uFF0B4',
      '\uFF0D5',
      '\uFF206',
    ];
    for (const [i, p] of payloads.entries()) {
      await createAction(t, editor, source.id, {
        externalId: `formula-${i}`,
        position: p,
        decidedBy: p,
        citations: [{ sourceId: source.id, excerpt: p }],
      });
    }
    const rows = readCsv((await download(t, `/exports/actions.csv?sourceId=${source.id}`)).text);
    expect(rows).toHaveLength(payloads.length);
    for (const row of rows) {
      const payload = payloads[Number(row.external_id.split('-')[1])];
      expect(row.position).toBe(`'${payload}`);
      expect(row.decided_by).toBe(`'${payload}`);
      expect(row.citation_excerpt).toBe(`'${payload}`);
      expect(row.source_title).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(row.source_publisher).toBe("'@publisher");
    }
  });

  it('tally.csv has a row type, one column per dimension, the counts and whether groups overlap, equal to the GraphQL tally', async () => {
    const res = await download(
      t,
      '/exports/tally.csv?groupBy=PROVINCE&actionType=DISMISSAL&from=2023-11-01&to=2024-01-23',
    );
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tally.csv"');
    const rows = readCsv(res.text);
    expect(Object.keys(rows[0])).toEqual([
      'row_type',
      'province_code',
      'count',
      'count_min',
      'count_max',
      'groups_overlap',
    ]);
    const { data } = await t.gql(
      `{ tally(filter: { actionTypes: [DISMISSAL], from: "2023-11-01", to: "2024-01-23" }, groupBy: [PROVINCE]) { range { min max } groups { key { province { code } } count range { min max } } } }`,
    );
    const row = (type: string, code: string, r: { min: number; max: number }) => ({
      row_type: type,
      province_code: code,
      count: String(r.min),
      count_min: String(r.min),
      count_max: String(r.max),
      groups_overlap: 'false',
    });
    expect(rows).toEqual([
      row('total', '', data!.tally.range),
      ...data!.tally.groups.map((g: any) => row('group', g.key.province?.code ?? '', g.range)),
    ]);
    const total = readCsv((await download(t, '/exports/tally.csv')).text);
    expect(Object.keys(total[0])).toEqual([
      'row_type',
      'count',
      'count_min',
      'count_max',
      'groups_overlap',
    ]);
    expect(total.map((r) => r.row_type)).toEqual(['total']);
  });

  it('tally.csv by MONTH always carries the year, and by REASON says the groups overlap', async () => {
    const byMonth = readCsv((await download(t, '/exports/tally.csv?groupBy=MONTH')).text);
    expect(Object.keys(byMonth[0])).toEqual([
      'row_type',
      'month',
      'year',
      'count',
      'count_min',
      'count_max',
      'groups_overlap',
    ]);
    for (const r of byMonth.filter((x) => x.row_type === 'group' && x.month))
      expect(r.month.startsWith(r.year)).toBe(true);
    const byReason = readCsv((await download(t, '/exports/tally.csv?groupBy=REASON')).text);
    const total = byReason.find((r) => r.row_type === 'total')!;
    const sum = byReason
      .filter((r) => r.row_type === 'group')
      .reduce((s, r) => s + Number(r.count_max), 0);
    expect(total.groups_overlap).toBe(sum > Number(total.count_max) ? 'true' : 'false');
  });

  it('figures.csv lists each figure with its check', async () => {
    const rows = readCsv((await download(t, '/exports/figures.csv')).text);
    expect(rows).toHaveLength(3);
    const seventy = rows.find((r) => r.value === '70')!;
    expect(seventy).toMatchObject({
      qualifier: 'ABOUT',
      verdict: 'UNDER_RECORDED',
      claimed_min: '63',
      claimed_max: '77',
      scope_action_types: 'DISMISSAL',
    });
    // The three seeded records (12 people) and the public ones added above.
    expect(Number(seventy.recorded_max)).toBeGreaterThanOrEqual(12);
    expect(Number(seventy.coverage_max)).toBeCloseTo(Number(seventy.recorded_max) / 63);
    expect(Number(seventy.coverage_min)).toBeCloseTo(Number(seventy.recorded_min) / 77);
    expect(seventy).toMatchObject({ counted_until: '2024-01-23', issues: 'PARTS_MAY_OVERLAP' });
    expect(seventy.explanation).toContain('fewer than');
    expect(rows.find((r) => r.value === '40')).toMatchObject({
      parent_id: seventy.id,
      scope_reason_codes: 'DRUG_POSITIVE_TEST',
    });
  });

  it('datapackage.json describes the CSV resources, the filter, the time, the licence and the citation', async () => {
    const res = await download(t, '/exports/datapackage.json?province=KH-12&groupBy=MONTH');
    expect(res.status).toBe(200);
    const pkg = JSON.parse(res.text);
    expect(pkg).toMatchObject({
      profile: 'tabular-data-package',
      filter: { provinceCodes: ['KH-12'] },
      multiValueSeparator: '|',
    });
    expect(new Date(pkg.created).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(pkg.licenses[0].name).toBeTruthy();
    expect(pkg.citation).toBeTruthy();
    expect(pkg.resources.map((r: any) => r.path)).toEqual([
      'actions.csv?province=KH-12',
      'tally.csv?province=KH-12&groupBy=MONTH',
      'figures.csv',
    ]);
    expect(pkg.resources[0].schema.fields.map((f: any) => f.name)).toEqual(
      expect.arrayContaining(REQUIRED_COLUMNS),
    );
    expect(pkg.resources[1].schema.fields.map((f: any) => f.name)).toEqual([
      'row_type',
      'month',
      'year',
      'count',
      'count_min',
      'count_max',
      'groups_overlap',
    ]);
  });
});

describe('streaming exports', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const res = await postCsv(t, actionsCsv(20_000), editor);
    expect(res.status).toBe(200);
  }, 180_000);
  afterAll(() => t.close());

  it('streams every row', async () => {
    const rows = readCsv((await download(t, '/exports/actions.csv')).text);
    expect(rows).toHaveLength(20_000);
  });

  it('frees the database connection at once when the client disconnects midway', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/exports/actions.csv`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    controller.abort();
    await reader.cancel().catch(() => undefined);

    const started = Date.now();
    if (serverUrl()) {
      // No backend is left running the export query.
      const db = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
      await db.connect();
      try {
        let running = 1;
        while (running > 0 && Date.now() - started < 2000) {
          // This test's own database only: other test files may be exporting at the same time.
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE '/* export:actions */%' AND pid <> pg_backend_pid()`,
          );
          running = rows[0].n;
          if (running) await new Promise((r) => setTimeout(r, 50));
        }
        expect(running).toBe(0);
      } finally {
        await db.end();
      }
    }
    // The next request gets the connection promptly (the embedded database has only one).
    const { data } = await t.gql(`{ actions(first: 1) { totalCount } }`, {}, editor);
    expect(data!.actions.totalCount).toBe(20_000);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('lets other requests wait, not fail, while an export runs', async () => {
    const exporting = download(t, '/exports/actions.csv');
    const [{ data }, csv] = await Promise.all([t.gql(`{ provinces { code } }`), exporting]);
    expect(data!.provinces.length).toBeGreaterThan(0);
    expect(readCsv(csv.text)).toHaveLength(20_000);
  });
});
