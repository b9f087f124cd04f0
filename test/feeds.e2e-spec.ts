import http from 'node:http';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { FigureFeedService, MAX_EVALUATIONS_PER_REQUEST } from '@app/domain';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';

const ATOM = 'http://www.w3.org/2005/Atom';
// RFC 3339 date-time (RFC 4287 §3.3).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET as a feed reader sends it (fetch() would add `Cache-Control: no-cache` to conditional requests). */
function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

/** Parses XML, failing on any error or warning: a feed must be well-formed. */
function parse(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(xml, 'application/xml');
}

const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (n): n is Element =>
      n.nodeType === 1 && (n as Element).namespaceURI === ATOM && (n as Element).localName === name,
  );
const child = (parent: Element, name: string): Element | undefined => children(parent, name)[0];
const text = (parent: Element, name: string): string => child(parent, name)?.textContent ?? '';

interface Entry {
  id: string;
  title: string;
  updated: string;
  published: string;
  content: string;
  summary: string;
  alternate: string;
  related: string[];
  categories: { term: string; scheme: string | null; label: string | null }[];
  authors: string[];
}

interface Feed {
  id: string;
  title: string;
  updated: string;
  self: string;
  alternate: string;
  entries: Entry[];
}

/**
 * Checks what RFC 4287 requires (§4.1.1 feed, §4.1.2 entry) and reads the feed. A feed has exactly
 * one id, title and updated, a self link, an author (or one in every entry); an entry has exactly one
 * id, title and updated, content or summary (or an alternate link), at most one alternate link per
 * type and language; dates are RFC 3339; ids are absolute IRIs and unique.
 */
function readFeed(xml: string): Feed {
  const doc = parse(xml);
  const feed = doc.documentElement!;
  expect(feed.namespaceURI).toBe(ATOM);
  expect(feed.localName).toBe('feed');
  for (const name of ['id', 'title', 'updated']) expect(children(feed, name)).toHaveLength(1);
  expect(children(feed, 'generator').length).toBeLessThanOrEqual(1);
  expect(text(feed, 'updated')).toMatch(RFC3339);
  expect(text(feed, 'id')).toMatch(/^(urn:uuid:[0-9a-f-]{36}|https?:\/\/\S+)$/);
  expect(text(feed, 'title').length).toBeGreaterThan(0);
  const links = children(feed, 'link');
  const self = links.filter((l) => l.getAttribute('rel') === 'self');
  expect(self).toHaveLength(1);
  const alternates = links.filter((l) => l.getAttribute('rel') === 'alternate');
  expect(alternates.length).toBeLessThanOrEqual(1);
  const feedAuthors = children(feed, 'author');
  for (const a of feedAuthors) expect(text(a, 'name').length).toBeGreaterThan(0);

  const entries = children(feed, 'entry').map((e): Entry => {
    for (const name of ['id', 'title', 'updated']) expect(children(e, name)).toHaveLength(1);
    expect(children(e, 'published').length).toBeLessThanOrEqual(1);
    expect(text(e, 'updated')).toMatch(RFC3339);
    if (child(e, 'published')) expect(text(e, 'published')).toMatch(RFC3339);
    expect(text(e, 'id')).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const entryLinks = children(e, 'link');
    const alternate = entryLinks.filter((l) => l.getAttribute('rel') === 'alternate');
    expect(alternate).toHaveLength(1);
    expect(child(e, 'content') ?? child(e, 'summary')).toBeDefined();
    for (const name of ['title', 'summary', 'content'])
      if (child(e, name)) expect(child(e, name)!.getAttribute('type')).toBe('text');
    const authors = children(e, 'author');
    if (feedAuthors.length === 0) expect(authors.length).toBeGreaterThan(0);
    for (const a of authors) expect(text(a, 'name').length).toBeGreaterThan(0);
    for (const l of entryLinks) expect(() => new URL(l.getAttribute('href')!)).not.toThrow();
    return {
      id: text(e, 'id'),
      title: text(e, 'title'),
      updated: text(e, 'updated'),
      published: text(e, 'published'),
      content: text(e, 'content'),
      summary: text(e, 'summary'),
      alternate: alternate[0].getAttribute('href')!,
      related: entryLinks
        .filter((l) => l.getAttribute('rel') === 'related')
        .map((l) => l.getAttribute('href')!),
      categories: children(e, 'category').map((c) => ({
        term: c.getAttribute('term')!,
        scheme: c.getAttribute('scheme'),
        label: c.getAttribute('label'),
      })),
      authors: authors.map((a) => text(a, 'name')),
    };
  });
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return {
    id: text(feed, 'id'),
    title: text(feed, 'title'),
    updated: text(feed, 'updated'),
    self: self[0].getAttribute('href')!,
    alternate: alternates[0]?.getAttribute('href') ?? '',
    entries,
  };
}

const CHECK = `query($id: ID!, $at: DateTime) { checkFigure(id: $id, asRecordedAt: $at) { verdict recorded { min max } } }`;
const words = (verdict: string) => verdict.toLowerCase().replace(/_/g, '-');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Atom feeds (issue 18)', () => {
  let t: TestApp;
  let editor: string;
  let publicSource: { id: string };
  let secretSource: { id: string };

  const SECRETS = [
    'SECRET-SOURCE-TITLE',
    'SECRET-PUBLISHER',
    'secret.example',
    'SECRET-EXCERPT',
    'SECRET-FIGURE-EXCERPT',
    'INTERNAL-ONLY-MARKER',
    'INTERNAL-DETAIL',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    await t.seed();
    publicSource = await createSource(t, editor, {
      title: 'Police chiefs sacked',
      publisher: 'Phnom Penh Post',
      url: 'https://news.example/sacked',
    });
    secretSource = await createSource(t, editor, {
      title: 'SECRET-SOURCE-TITLE',
      publisher: 'SECRET-PUBLISHER',
      url: 'https://secret.example/note',
      confidential: true,
    });
    const officer = await createOfficer(t, editor, { fullName: 'Sok Dara', fullNameKm: 'សុខ ដារ៉ា' });
    await createAction(t, editor, publicSource.id, {
      officerId: officer.id,
      rankCode: 'MAJ',
      provinceCode: 'KH-12',
      occurred: '2024-02-05',
      reasonCodes: ['DRUG_POSITIVE_TEST', 'ABSENCE'],
      reasonDetail: 'បានធ្វើតេស្តវិជ្ជមាន & "absent" <twice>',
      decidedBy: 'National Police',
      citations: [
        { sourceId: publicSource.id, excerpt: 'Major Sok Dara was dismissed', locator: 'p. 2' },
        { sourceId: secretSource.id, excerpt: 'SECRET-EXCERPT' },
      ],
    });
    await createAction(t, editor, publicSource.id, {
      visibility: 'INTERNAL',
      officerId: null,
      subjectCount: 3,
      subjectDescription: 'INTERNAL-ONLY-MARKER',
      reasonDetail: 'INTERNAL-DETAIL',
      provinceCode: 'KH-14',
    });
  });
  afterAll(() => t.close());

  const feed = async (path: string, key?: string) => {
    const res = await get(`${t.url}${path}`, key ? { authorization: `Bearer ${key}` } : {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    return { res, feed: readFeed(res.body) };
  };

  describe('/feeds/actions.atom', () => {
    it('is Atom 1.0 with every required element, newest entry first, titled in plain sentences', async () => {
      const { feed: f } = await feed('/feeds/actions.atom');
      expect(f.title).toBe('Disciplinary actions');
      expect(f.self).toBe(`${t.url}/feeds/actions.atom`);
      expect(f.alternate).toBe(`${t.url}/`);
      expect(f.entries).toHaveLength(4); // the seed's three and Sok Dara's; not the INTERNAL one
      const published = f.entries.map((e) => e.published);
      expect([...published].sort().reverse()).toEqual(published);
      expect(f.updated).toBe([...f.entries.map((e) => e.updated)].sort().reverse()[0]);
      const titles = f.entries.map((e) => e.title);
      expect(titles).toEqual([
        'Dismissal of Major Sok Dara, Phnom Penh, 5 February 2024',
        expect.any(String),
        expect.any(String),
        expect.any(String),
      ]);
      expect(titles).toContain(
        'Dismissal of Lieutenant Colonel Nath Ratana, Prey Veng, January 2024',
      );
      expect(titles).toContain(
        'Dismissal of 10 police officers, Phnom Penh, between November 2023 and January 2024',
      );
      expect(titles).toContain('Dismissal of Brigadier General Suon Tosit, December 2023');
    });

    it('each entry has the record’s id, its place on the fact-check page, its sources, reasons and categories', async () => {
      const { feed: f } = await feed('/feeds/actions.atom');
      const nath = f.entries.find((e) => e.title.includes('Nath Ratana'))!;
      const rows = (await t.dataSource.query(
        `SELECT id FROM disciplinary_action WHERE external_id = 'camboja-2024-01/nath-ratana'`,
      )) as { id: string }[];
      expect(nath.id).toBe(`urn:uuid:${rows[0].id}`);
      const page = new URL(nath.alternate);
      expect(page.pathname).toBe('/');
      expect(page.hash).toBe(`#record-${rows[0].id}`);
      expect(Object.fromEntries(page.searchParams)).toEqual({
        actionType: 'DISMISSAL',
        province: 'KH-14',
        from: '2024-01-01',
        to: '2024-01-23',
      });
      // The page answers at that address, and its filter lists the record.
      expect((await get(nath.alternate)).status).toBe(200);
      const listed = await t.gql(
        `query($f: ActionFilter) { actions(filter: $f, first: 20) { edges { node { id } } } }`,
        {
          f: {
            actionTypes: ['DISMISSAL'],
            provinceCodes: ['KH-14'],
            from: '2024-01-01',
            to: '2024-01-23',
          },
        },
      );
      expect(listed.data!.actions.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(
        rows[0].id,
      );
      expect(nath.content).toContain(
        'When: between 1 and 23 January 2024 (recorded as 2024-01/2024-01-23).',
      );
      expect(nath.content).toContain('Decided by: Interior Minister Sar Sokha.');
      expect(nath.content).toContain(
        'In the latest dismissal, Interior Minister Sar Sokha fired Lieutenant Colonel Nath Ratana',
      );
      expect(nath.related).toEqual([]); // the CamboJA report has no address
      expect(nath.authors).toEqual(['CamboJA (Cambodian Journalists Alliance Association)']);
      expect(nath.categories).toEqual(
        expect.arrayContaining([
          {
            term: 'DISMISSAL',
            scheme: `${t.url}/feeds/actions.atom?actionType=`,
            label: 'Dismissal',
          },
          { term: 'KH-14', scheme: `${t.url}/feeds/actions.atom?province=`, label: 'Prey Veng' },
          {
            term: 'UNSPECIFIED',
            scheme: `${t.url}/feeds/actions.atom?reason=`,
            label: expect.any(String),
          },
        ]),
      );

      const dara = f.entries.find((e) => e.title.includes('Sok Dara'))!;
      expect(dara.related).toEqual(['https://news.example/sacked']);
      expect(dara.authors).toEqual(['Phnom Penh Post']);
      expect(dara.categories.map((c) => c.term)).toEqual([
        'DISMISSAL',
        'KH-12',
        'ABSENCE',
        'DRUG_POSITIVE_TEST',
      ]);
      // Khmer and characters that are markup in XML come through as written.
      expect(dara.content).toContain('the source says: បានធ្វើតេស្តវិជ្ជមាន & "absent" <twice>');
      expect(dara.content).toContain('Name in Khmer: សុខ ដារ៉ា.');
      expect(dara.content).toContain(
        '- Police chiefs sacked, Phnom Penh Post (p. 2): “Major Sok Dara was dismissed” https://news.example/sacked',
      );
      expect(dara.content).toContain(
        '- [confidential source] ([withheld]): its title, publisher and excerpt are not published.',
      );
    });

    it('filters like the downloads: a province filter keeps only that province, and the feed says so', async () => {
      const { feed: f } = await feed('/feeds/actions.atom?province=KH-12&actionType=DISMISSAL');
      expect(f.title).toBe('Disciplinary actions: dismissals, Phnom Penh');
      expect(f.self).toBe(`${t.url}/feeds/actions.atom?province=KH-12&actionType=DISMISSAL`);
      expect(f.alternate).toBe(`${t.url}/?actionType=DISMISSAL&province=KH-12`);
      expect(f.entries.length).toBe(2);
      for (const e of f.entries)
        expect(e.categories.filter((c) => c.scheme?.endsWith('province='))).toEqual([
          expect.objectContaining({ term: 'KH-12' }),
        ]);
      const dated = (await feed('/feeds/actions.atom?from=2024-02-01')).feed;
      expect(dated.entries.map((e) => e.title)).toEqual([
        'Dismissal of Major Sok Dara, Phnom Penh, 5 February 2024',
      ]);
      expect(dated.title).toBe('Disciplinary actions: from 1 February 2024');
      // The same filter written differently is the same feed.
      const reordered = (await feed('/feeds/actions.atom?actionType=DISMISSAL&province=KH-12'))
        .feed;
      expect(reordered.id).toBe(f.id);
      expect((await feed('/feeds/actions.atom')).feed.id).not.toBe(f.id);
    });

    it.each([
      ['/feeds/actions.atom?provinces=KH-12', 'provinces'],
      ['/feeds/actions.atom?format=rss', 'format'],
      ['/feeds/actions.atom?province=XX-99', 'province'],
      ['/feeds/actions.atom?actionType=FIRING', 'actionType'],
      ['/feeds/actions.atom?from=2024-13-01', 'from'],
      ['/feeds/actions.atom?officerId=not-a-uuid', 'officerId'],
      ['/feeds/figures.atom?province=KH-12', 'province'],
    ])('%s answers 400 BAD_USER_INPUT as JSON naming %s', async (path, field) => {
      const res = await get(`${t.url}${path}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(res.body) as {
        errors: { message: string; extensions: { code: string; field: string } }[];
      };
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0].message).not.toMatch(/at .*\.ts:\d+/);
    });

    it('answers 304 to a reader that holds the current version (ETag or Last-Modified), 200 once it changes', async () => {
      const first = await get(`${t.url}/feeds/actions.atom?province=KH-12`);
      expect(first.status).toBe(200);
      const etag = first.headers.etag!;
      const lastModified = first.headers['last-modified']!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(new Date(lastModified).toISOString().slice(0, 19)).toBe(
        readFeed(first.body).updated.slice(0, 19),
      );
      expect(first.headers['cache-control']).toBe('public, max-age=300');
      const again = await get(`${t.url}/feeds/actions.atom?province=KH-12`, {
        'if-none-match': etag,
      });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      expect(
        (
          await get(`${t.url}/feeds/actions.atom?province=KH-12`, {
            'if-modified-since': lastModified,
          })
        ).status,
      ).toBe(304);
      expect(
        (await get(`${t.url}/feeds/actions.atom?province=KH-12`, { 'if-none-match': '"stale"' }))
          .status,
      ).toBe(200);

      await sleep(1100); // Last-Modified counts seconds
      await createAction(t, editor, publicSource.id, {
        provinceCode: 'KH-12',
        occurred: '2024-03-01',
        reasonCodes: ['CORRUPTION'],
      });
      const changed = await get(`${t.url}/feeds/actions.atom?province=KH-12`, {
        'if-none-match': etag,
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(readFeed(changed.body).entries[0].title).toBe(
        'Dismissal of an unnamed police officer, Phnom Penh, 1 March 2024',
      );
      expect(
        (
          await get(`${t.url}/feeds/actions.atom?province=KH-12`, {
            'if-modified-since': lastModified,
          })
        ).status,
      ).toBe(200);
    });
  });

  describe('/feeds/figures.atom', () => {
    it('lists every figure when it was recorded, with its verdict now, in the figure’s own words', async () => {
      const { feed: f } = await feed('/feeds/figures.atom');
      expect(f.title).toBe('Reported figures and their verdicts');
      expect(f.alternate).toBe(`${t.url}/#figures`);
      const seventy = f.entries.find((e) => e.title.startsWith('about 70: '))!;
      expect(seventy.title).toBe(
        'about 70: Police officials dismissed since the crackdown began in November 2023, as of 23 January 2024 (Interior Ministry (spokesperson Touch Sokhak), 23 January 2024)',
      );
      const check = await t.gql(CHECK, { id: seventy.id.slice('urn:uuid:'.length) });
      const { verdict, recorded } = check.data!.checkFigure;
      expect(seventy.content).toContain(`Verdict now: ${words(verdict)}.`);
      expect(seventy.content).toContain(
        `Claimed: 63 to 77 people. Recorded: ${recorded.min === recorded.max ? recorded.min : `${recorded.min} to ${recorded.max}`} people.`,
      );
      expect(seventy.content).toContain(
        'As of January 23, the Interior Ministry has dismissed about 70 police officials',
      );
      const id = seventy.id.slice('urn:uuid:'.length);
      expect(seventy.alternate).toBe(`${t.url}/?show=figure%3A${id}#figure-${id}`);
      expect(seventy.categories.map((c) => c.term)).toEqual([verdict, 'DISMISSAL']);
    });

    it('adds an entry each time a figure’s verdict changes, matching checkFigure as recorded at that moment', async () => {
      const own = await createSource(t, editor, {
        title: 'Ministry statement',
        publisher: 'Interior Ministry',
        url: 'https://gov.example/statement',
      });
      const created = await t.gql(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            value: 2,
            qualifier: 'EXACT',
            scope: {
              actionTypes: ['SUSPENSION'],
              provinceCodes: ['KH-1'],
              from: '2024-04-01',
              to: '2024-04-30',
            },
            statedBy: 'Banteay Meanchey police',
            statedOn: '2024-05-02',
            description: 'Officers suspended in April',
            citation: { sourceId: own.id, excerpt: 'two officers were suspended' },
          },
        },
        editor,
      );
      expect(created.errors).toBeUndefined();
      const figureId: string = created.data!.createReportedFigure.id;
      const first = (await t.gql(CHECK, { id: figureId })).data!.checkFigure.verdict as string;

      const add = (input: Record<string, unknown> = {}) =>
        createAction(t, editor, publicSource.id, {
          actionType: 'SUSPENSION',
          provinceCode: 'KH-1',
          occurred: '2024-04-10',
          reasonCodes: ['ABSENCE'],
          ...input,
        });
      // Records in the scope until the verdict differs from the one the figure was recorded with.
      const added: { id: string }[] = [];
      for (let i = 0; i < 4; i++) {
        await sleep(5);
        added.push(await add());
        if ((await t.gql(CHECK, { id: figureId })).data!.checkFigure.verdict !== first) break;
      }
      // An INTERNAL record in the scope changes nothing the public sees.
      await sleep(5);
      await add({ visibility: 'INTERNAL' });
      await sleep(5);
      await t.gql(
        `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
        { i: { id: added[0].id, reason: 'wrong person' } },
        editor,
      );

      const changesOf = async () => {
        const { feed: f } = await feed('/feeds/figures.atom');
        return f.entries.filter((e) =>
          e.title.startsWith('Verdict on 2: Officers suspended in April'),
        );
      };
      const changes = await changesOf();
      expect(changes.length).toBeGreaterThanOrEqual(2); // the change the records made, and the one the retraction undid
      for (const change of changes) {
        const at = new Date(change.published);
        const now = (await t.gql(CHECK, { id: figureId, at: at.toISOString() })).data!.checkFigure
          .verdict as string;
        const before = (
          await t.gql(CHECK, { id: figureId, at: new Date(at.getTime() - 1).toISOString() })
        ).data!.checkFigure.verdict as string;
        expect(now).not.toBe(before);
        expect(change.title).toBe(
          `Verdict on 2: Officers suspended in April (Banteay Meanchey police, 2 May 2024): ${words(now)} (was ${words(before)})`,
        );
        expect(change.content).toContain(`asRecordedAt: "${at.toISOString()}"`);
        expect(change.alternate).toBe(`${t.url}/?show=figure%3A${figureId}#figure-${figureId}`);
        expect(change.categories[0].term).toBe(now);
        expect(change.authors).toEqual(['Police discipline tracker']);
      }
      // Newest first, and the newest is the retraction's.
      expect(changes.map((c) => c.published)).toEqual(
        [...changes.map((c) => c.published)].sort().reverse(),
      );
      const retraction = (await t.dataSource.query(
        `SELECT recorded_at FROM disciplinary_action WHERE id = $1`,
        [added[0].id],
      )) as { recorded_at: Date }[];
      expect(
        Math.abs(new Date(changes[0].published).getTime() - retraction[0].recorded_at.getTime()),
      ).toBeLessThanOrEqual(1);
      // Every moment is accounted for: between the figure's recording and now, the verdict at each
      // change's moment differs from the one just before, and no other record-time moment changed it.
      const moments = (await t.dataSource.query(
        `SELECT DISTINCT ceil(extract(epoch FROM t) * 1000)::bigint AS ms FROM (
           SELECT recorded_at AS t FROM disciplinary_action WHERE action_type = 'SUSPENSION' AND province_code = 'KH-1'
           UNION ALL SELECT superseded_at FROM disciplinary_action_history WHERE action_type = 'SUSPENSION' AND province_code = 'KH-1') v ORDER BY 1`,
      )) as { ms: string }[];
      const reported = new Set(changes.map((c) => new Date(c.published).getTime()));
      for (const { ms } of moments) {
        const at = Number(ms);
        const now = (await t.gql(CHECK, { id: figureId, at: new Date(at).toISOString() })).data!
          .checkFigure.verdict;
        const before = (await t.gql(CHECK, { id: figureId, at: new Date(at - 1).toISOString() }))
          .data!.checkFigure.verdict;
        expect({ at, changed: now !== before }).toEqual({ at, changed: reported.has(at) });
      }
      // Entry ids are stable from one request to the next.
      expect((await changesOf()).map((c) => c.id)).toEqual(changes.map((c) => c.id));
      expect(t.app.get(FigureFeedService).lastEvaluations).toBeLessThanOrEqual(
        MAX_EVALUATIONS_PER_REQUEST,
      );
    });

    it('answers 304 to a reader that holds the current version, 200 once what a figure counts changes', async () => {
      const first = await get(`${t.url}/feeds/figures.atom`);
      expect(first.status).toBe(200);
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      const again = await get(`${t.url}/feeds/figures.atom`, {
        'if-none-match': first.headers.etag!,
      });
      expect(again.status).toBe(304);
      const lastModified = first.headers['last-modified']!;
      expect(
        (await get(`${t.url}/feeds/figures.atom`, { 'if-modified-since': lastModified })).status,
      ).toBe(304);
      // One more record in the scope of "about 70": its recorded range (in the figure's entry) changes, and so does `updated`.
      await sleep(1100); // Last-Modified counts seconds
      await createAction(t, editor, publicSource.id, {
        provinceCode: 'KH-8',
        occurred: '2024-01-10',
        reasonCodes: ['CORRUPTION'],
      });
      const changed = await get(`${t.url}/feeds/figures.atom`, {
        'if-modified-since': lastModified,
      });
      expect(changed.status).toBe(200);
      const seventy = readFeed(changed.body).entries.find((e) => e.title.startsWith('about 70: '))!;
      expect(new Date(seventy.updated).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
    });
  });

  it('never shows confidential sources or INTERNAL records, not even to a request with an editor key', async () => {
    await t.gql(
      `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
      {
        i: {
          value: 5,
          qualifier: 'AT_LEAST',
          scope: { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-14'] },
          statedBy: 'An informant',
          statedOn: '2024-01-23',
          citation: { sourceId: secretSource.id, excerpt: 'SECRET-FIGURE-EXCERPT' },
        },
      },
      editor,
    );
    for (const path of [
      '/feeds/actions.atom',
      '/feeds/actions.atom?province=KH-14',
      '/feeds/actions.atom?includeRetracted=true',
      '/feeds/figures.atom',
    ]) {
      const anonymous = await feed(path);
      const withKey = await feed(path, editor);
      expect(withKey.res.body).toBe(anonymous.res.body);
      for (const secret of SECRETS)
        expect({ path, secret, found: anonymous.res.body.includes(secret) }).toEqual({
          path,
          secret,
          found: false,
        });
    }
    const figures = (await feed('/feeds/figures.atom')).feed;
    const informant = figures.entries.find((e) => e.title.startsWith('at least 5'))!;
    expect(informant.content).toContain(
      'Source: [confidential source] ([withheld]): its title, publisher and wording are not published.',
    );
    expect(informant.related).toEqual([]);
    expect(informant.authors).toEqual(['Police discipline tracker']);
  });

  it('the fact-check page links its feeds: the actions feed for its filter, and the figures feed', async () => {
    const res = await get(
      `${t.url}/?province=KH-14&actionType=DISMISSAL&interval=YEAR&lang=en&show=period%3A2024`,
    );
    expect(res.status).toBe(200);
    const links = [
      ...res.body.matchAll(/<link rel="alternate" type="application\/atom\+xml"[^>]*>/g),
    ].map((m) => m[0]);
    expect(links).toHaveLength(2);
    const href = (link: string) => /href="([^"]*)"/.exec(link)![1].replace(/&amp;/g, '&');
    expect(href(links[0])).toBe('/feeds/actions.atom?actionType=DISMISSAL&province=KH-14');
    expect(links[0]).toMatch(/title="[^"]+"/);
    expect(href(links[1])).toBe('/feeds/figures.atom');
    for (const link of links) expect((await get(`${t.url}${href(link)}`)).status).toBe(200);
    const km = await get(`${t.url}/?lang=km`);
    expect(km.body).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" title="[^"]*\p{Script=Khmer}[^"]*" href="\/feeds\/actions.atom"/u,
    );
  });
});
