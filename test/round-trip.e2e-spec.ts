import { startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';
import { actionsCsv, download, postCsv, readCsv } from './fixtures/exchange.js';

/** Columns that belong to the database an export came from, not to the records. */
const LOCAL = ['id', 'created_at', 'updated_at'];
const comparable = (text: string) =>
  readCsv(text).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !LOCAL.includes(k))),
  );

const TALLIES = [
  '',
  '?groupBy=PROVINCE',
  '?groupBy=REASON',
  '?groupBy=MONTH&groupBy=ACTION_TYPE',
  '?groupBy=RANK_TIER&from=2024-01-01&to=2024-03-31',
  '?groupBy=YEAR',
];

describe('round trip: export everything, import into an empty database, export again', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(), startTestApp()]);
    const editor = await a.key('EDITOR');
    await a.seed();
    expect((await postCsv(a, actionsCsv(300), editor)).status).toBe(200);
    const source = await createSource(a, editor, {
      title: 'Report | with a pipe, "quotes" and \\ backslash',
      publisher: 'ខ្មែរ publisher',
      url: 'https://example.org/x?a=1,2',
    });
    const officer = await createOfficer(a, editor, {
      fullName: 'Nath Ratana Junior',
      fullNameKm: 'ណាត រតនា',
    });
    await createAction(a, editor, source.id, {
      officerId: officer.id,
      position: '=formula-looking position',
      reasonCodes: ['CORRUPTION', 'ABUSE_OF_POWER'],
      reasonDetail: 'two\nlines, and "quotes"',
      occurred: '2024-01~',
      visibility: 'INTERNAL',
      citations: [
        { sourceId: source.id, excerpt: '+ first', locator: 'p. 2' },
        { sourceId: source.id, excerpt: null, locator: null },
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('gives the same file (apart from ids and timestamps) and the same tallies', async () => {
    const [editorA, editorB] = [await a.key('EDITOR'), await b.key('EDITOR')];
    const first = await download(a, '/exports/actions.csv', editorA);
    const imported = await postCsv(b, first.text, editorB);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ rows: 304, created: 304 });
    const second = await download(b, '/exports/actions.csv', editorB);
    expect(comparable(second.text)).toEqual(comparable(first.text));
    // The whole file, byte for byte, once the local columns are blanked.
    const blank = (text: string) =>
      readCsv(text).map((r) => ({ ...r, created_at: '', updated_at: '' }));
    expect(blank(second.text)).toEqual(blank(first.text));

    for (const q of TALLIES) {
      const [ta, tb] = await Promise.all([
        download(a, `/exports/tally.csv${q}`, editorA),
        download(b, `/exports/tally.csv${q}`, editorB),
      ]);
      expect(tb.text).toBe(ta.text);
    }
    // Importing the same export again changes nothing.
    const again = await postCsv(b, first.text, editorB);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 304 });
  });
});
