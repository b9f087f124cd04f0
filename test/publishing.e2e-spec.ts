import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { startTestApp, type TestApp } from './support/test-app.js';
import { cspDirectives } from './support/browser.js';
import { createAction, createSource } from './support/factories.js';

/** Properties each type may carry (schema.org), so a typo or an invented property fails. */
const ALLOWED: Record<string, string[]> = {
  ClaimReview: [
    '@context',
    '@type',
    'url',
    'datePublished',
    'inLanguage',
    'author',
    'claimReviewed',
    'itemReviewed',
    'reviewRating',
    'identifier',
  ],
  Claim: ['@type', 'author', 'datePublished', 'appearance'],
  Rating: [
    '@type',
    'ratingValue',
    'bestRating',
    'worstRating',
    'alternateName',
    'ratingExplanation',
  ],
  Organization: ['@type', 'name', 'url'],
  Person: ['@type', 'name', 'jobTitle', 'affiliation'],
  CreativeWork: ['@type', 'url', 'headline', 'publisher'],
  PropertyValue: ['@type', 'propertyID', 'value'],
};
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;

/** Every problem of one object against schema.org ClaimReview and Google's fact-check markup guidelines. */
function claimReviewProblems(o: Record<string, any>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  const typed = (x: any, path: string) => {
    const allowed = ALLOWED[x?.['@type']];
    if (!allowed) return problems.push(`${path}: unknown @type ${String(x?.['@type'])}`);
    for (const key of Object.keys(x))
      check(allowed.includes(key), `${path}.${key} is not a property of ${x['@type']}`);
  };
  check(o['@context'] === 'https://schema.org', '@context');
  check(o['@type'] === 'ClaimReview', '@type');
  typed(o, 'ClaimReview');
  check(typeof o.claimReviewed === 'string' && o.claimReviewed.trim().length > 0, 'claimReviewed');
  check(typeof o.url === 'string' && HTTP_URL.test(o.url), 'url');
  check(typeof o.datePublished === 'string' && ISO_INSTANT.test(o.datePublished), 'datePublished');
  // The fact-checker: an Organization with a name and an address.
  typed(o.author, 'author');
  check(
    o.author?.['@type'] === 'Organization' && !!o.author.name && HTTP_URL.test(o.author.url ?? ''),
    'author',
  );
  // The rating: numeric with its scale, and the verdict in words.
  const r = o.reviewRating;
  typed(r, 'reviewRating');
  check(r?.['@type'] === 'Rating', 'reviewRating.@type');
  check(
    Number.isInteger(r?.ratingValue) &&
      r.ratingValue >= r.worstRating &&
      r.ratingValue <= r.bestRating,
    'ratingValue',
  );
  check(r?.bestRating === 4 && r?.worstRating === 1, 'best/worst');
  check(typeof r?.alternateName === 'string' && r.alternateName.length > 0, 'alternateName');
  check(
    typeof r?.ratingExplanation === 'string' && /Claimed: .+ Recorded: /.test(r.ratingExplanation),
    'ratingExplanation names both ranges',
  );
  // The claim: who said it, when, where it appeared.
  const c = o.itemReviewed;
  typed(c, 'itemReviewed');
  check(c?.['@type'] === 'Claim', 'itemReviewed.@type');
  if (c?.author) {
    typed(c.author, 'itemReviewed.author');
    check(
      ['Person', 'Organization'].includes(c.author['@type']) && !!c.author.name,
      'itemReviewed.author',
    );
    if (c.author.affiliation) typed(c.author.affiliation, 'itemReviewed.author.affiliation');
  }
  if (c?.datePublished !== undefined)
    check(ISO_DAY.test(c.datePublished), 'itemReviewed.datePublished');
  if (c?.appearance !== undefined) {
    typed(c.appearance, 'itemReviewed.appearance');
    check(HTTP_URL.test(c.appearance.url ?? ''), 'itemReviewed.appearance.url');
  }
  typed(o.identifier, 'identifier');
  check(/^[0-9a-f]{64}$/.test(o.identifier?.value ?? ''), 'identifier (sha256)');
  return problems;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('publishing a check: ClaimReview and citable permalinks (issue 17, items 5 and 6)', () => {
  let t: TestApp;
  let editor: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({
      publisherName: 'CamboJA Fact Check',
      publisherUrl: 'https://factcheck.example.org',
    });
    editor = await t.key('EDITOR');
    await t.seed();
    const res = await t.gql('{ reportedFigures(first: 10) { edges { node { id value } } } }');
    for (const e of res.data!.reportedFigures.edges) ids[e.node.value] = e.node.id;
  });
  afterAll(() => t?.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, { headers, redirect: 'manual' });
  const reviews = async (query = '', key?: string) => {
    const res = await fetch(
      `${t.url}/exports/claimreview.json${query}`,
      key ? { headers: { authorization: `Bearer ${key}` } } : {},
    );
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as any,
    };
  };

  it('answers the seeded report as schema.org ClaimReview objects, every one valid, with literal values', async () => {
    const { status, type, body } = await reviews();
    expect(status).toBe(200);
    expect(type).toBe('application/ld+json; charset=utf-8');
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(3);
    for (const o of body) expect(claimReviewProblems(o)).toEqual([]);
    const seventy = body.find((o: any) => o.url.includes(ids[70]));
    const at = new URL(seventy.url).searchParams.get('asRecordedAt')!;
    expect(seventy).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `${t.url}/checks/${ids[70]}?asRecordedAt=${at}`,
      datePublished: at,
      inLanguage: 'en',
      author: {
        '@type': 'Organization',
        name: 'CamboJA Fact Check',
        url: 'https://factcheck.example.org',
      },
      claimReviewed:
        'As of January 23, the Interior Ministry has dismissed about 70 police officials across the country since a crackdown on various criminal offenses within the police force including drug abuse began in November last year.',
      itemReviewed: {
        '@type': 'Claim',
        author: {
          '@type': 'Person',
          name: 'Touch Sokhak',
          jobTitle: 'spokesperson',
          affiliation: { '@type': 'Organization', name: 'Interior Ministry' },
        },
        datePublished: '2024-01-23',
        // The report's address was not recorded: no appearance.
      },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 2,
        bestRating: 4,
        worstRating: 1,
        alternateName: 'Under-recorded',
        ratingExplanation:
          "Claimed: 63–77. Recorded: 12 (0 citing a source other than the figure's own). The records hold 12 people, fewer than “Police officials dismissed since the crackdown began in November 2023, as of 23 January 2024” (63–77): this tracker may be incomplete, or the figure too high.",
      },
      identifier: {
        '@type': 'PropertyValue',
        propertyID: 'sha256',
        value: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    // The same moment for every object of one answer, and it replays: the hash is the permalink's.
    expect(new Set(body.map((o: any) => o.datePublished)).size).toBe(1);
    const page = await get(new URL(seventy.url).pathname + new URL(seventy.url).search);
    expect(page.status).toBe(200);
    expect(page.headers.get('etag')).toBe(`W/"${seventy.identifier.value}"`);
    // Oldest statement first; the parts' ratings and the verdict names.
    expect(
      body.map((o: any) => [o.reviewRating.ratingValue, o.reviewRating.alternateName]),
    ).toEqual([
      [2, 'Under-recorded'],
      [2, 'Under-recorded'],
      [2, 'Under-recorded'],
    ]);
  });

  it('answers one figure with ?figureId=, and the figures as recorded at ?asRecordedAt=', async () => {
    const one = await reviews(`?figureId=${ids[40]}`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(one.body[0].claimReviewed).toBe(
      'Sokhak confirmed that out of the 70 dismissals, 40 officials tested positive for drugs and the rest were found to have violated internal regulations.',
    );
    expect(claimReviewProblems(one.body[0])).toEqual([]);
    const before = await reviews('?asRecordedAt=2020-01-01T00:00:00Z');
    expect(before).toMatchObject({ status: 200, body: [] });
    const gone = await reviews(`?figureId=${ids[40]}&asRecordedAt=2020-01-01T00:00:00Z`);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it.each([
    ['?province=KH-12', 'province'],
    ['?figureId=nope', 'figureId'],
    ['?asRecordedAt=yesterday', 'asRecordedAt'],
    ['?asRecordedAt=2999-01-01T00:00:00Z', 'asRecordedAt'],
    ['?asRecordedAt=2024-01-01T00:00:00Z&asRecordedAt=2024-02-01T00:00:00Z', 'asRecordedAt'],
  ])('refuses claimreview.json%s with 400 naming %s', async (query, field) => {
    const res = await reviews(query);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers 404 for a figure that does not exist', async () => {
    const res = await reviews('?figureId=00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('never names nor quotes a confidential source, even to an editor; a public source with an address is the appearance', async () => {
    const secret = await createSource(t, editor, {
      title: 'Informant note',
      publisher: 'Internal',
      url: 'https://secret.example.org/note',
      confidential: true,
    });
    const open = await createSource(t, editor, {
      title: 'Police dismissals in Kandal',
      publisher: 'Kiripost',
      url: 'https://kiripost.example.org/kandal',
    });
    const figure = (
      sourceId: string,
      excerpt: string,
      description: string | null,
      statedBy: string,
    ) =>
      t.gql(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            value: 12,
            qualifier: 'AT_LEAST',
            scope: { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-8'], from: '2024-01-01' },
            statedBy,
            statedOn: '2024-02-01',
            description,
            citation: { sourceId, excerpt },
          },
        },
        editor,
      );
    const hidden = (
      await figure(
        secret.id,
        'the informant said at least 12',
        'At least 12 Kandal dismissals since January',
        'Kandal provincial police',
      )
    ).data!.createReportedFigure.id;
    const shown = (
      await figure(
        open.id,
        'at least 12 officers were dismissed in Kandal',
        null,
        'Interior Minister Sar Sokha',
      )
    ).data!.createReportedFigure.id;
    for (const key of [undefined, editor]) {
      const { body } = await reviews('', key);
      const text = JSON.stringify(body);
      expect(text).not.toContain('Informant note');
      expect(text).not.toContain('secret.example.org');
      expect(text).not.toContain('the informant said');
      const h = body.find((o: any) => o.url.includes(hidden));
      expect(h.claimReviewed).toBe('At least 12 Kandal dismissals since January');
      expect(h.itemReviewed).toEqual({
        '@type': 'Claim',
        author: { '@type': 'Organization', name: 'Kandal provincial police' },
        datePublished: '2024-02-01',
      });
      const s = body.find((o: any) => o.url.includes(shown));
      expect(s.claimReviewed).toBe('at least 12 officers were dismissed in Kandal');
      expect(s.itemReviewed).toEqual({
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Sar Sokha', jobTitle: 'Interior Minister' },
        datePublished: '2024-02-01',
        appearance: {
          '@type': 'CreativeWork',
          url: 'https://kiripost.example.org/kandal',
          headline: 'Police dismissals in Kandal',
          publisher: { '@type': 'Organization', name: 'Kiripost' },
        },
      });
      // No record at all in Kandal: fewer than claimed.
      expect(s.reviewRating).toMatchObject({ ratingValue: 2, alternateName: 'Under-recorded' });
      for (const o of body) expect(claimReviewProblems(o)).toEqual([]);
    }
    // The permalink page does not quote the confidential excerpt either.
    const page = await (
      await get(`/checks/${hidden}`, { accept: 'text/html' }).then((r) =>
        get(r.headers.get('location')!),
      )
    ).text();
    expect(page).not.toContain('the informant said');
    expect(page).not.toContain('Informant note');
  });

  describe('/checks/<figureId>', () => {
    let permalink: string;
    let hash: string;
    let body: string;

    it('redirects (302) to the permalink of the current moment, keeping the language chosen', async () => {
      const res = await get(`/checks/${ids[70]}`);
      expect(res.status).toBe(302);
      permalink = res.headers.get('location')!;
      expect(permalink).toMatch(
        new RegExp(
          `^/checks/${ids[70]}\\?asRecordedAt=\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$`,
        ),
      );
      const km = await get(`/checks/${ids[70]}?lang=km`);
      expect(km.headers.get('location')).toMatch(/&lang=km$/);
    });

    it('renders the check as the records stood then, with the SHA-256 of its canonical JSON on the page and as the ETag', async () => {
      const res = await get(permalink, { accept: 'text/html' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      body = await res.text();
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
      hash = etag.slice(3, -1);
      expect(body).toContain(`<code id="check-hash" translate="no">${hash}</code>`);
      // The canonical JSON: sorted keys, no whitespace; its SHA-256 is the hash, and its own ETag (strong).
      const json = await get(permalink.replace('?', '/check.json?'));
      expect(json.headers.get('etag')).toBe(`"${hash}"`);
      const text = await json.text();
      expect(sha256(text)).toBe(hash);
      const canonical = JSON.parse(text);
      // RFC 8785: the serialisation is the canonical one of its own data (sorted keys, no whitespace).
      expect(canonicalize(canonical)).toBe(text);
      expect(Object.keys(canonical)).toEqual([...Object.keys(canonical)].sort());
      expect(canonical).toMatchObject({
        format: 'police-discipline-tracker/check@1',
        asRecordedAt: new URL(permalink, t.url).searchParams.get('asRecordedAt'),
        claimed: { min: 63, max: 77 },
        recorded: { min: 12, max: 12 },
        independent: { min: 0, max: 0 },
        verdict: 'UNDER_RECORDED',
        undecided: 0,
        countedUntil: '2024-01-23',
        figure: {
          id: ids[70],
          value: 70,
          qualifier: 'ABOUT',
          statedOn: '2024-01-23',
          scope: { actionTypes: ['DISMISSAL'], from: '2023-11-01', to: '2024-01-23' },
        },
      });
      expect(canonical.issues.map((i: any) => [i.kind, i.informational])).toEqual([
        ['PARTS_MAY_OVERLAP', true],
      ]);
      // The verdict and numbers in words.
      expect(body).toContain('<p class="verdict verdict-under_recorded">Under-recorded</p>');
      expect(body).toContain('<dd class="recorded">12</dd>');
      expect(body).toContain('<dd class="coverage">between 16% and 19%</dd>');
      // A revalidation is answered 304 (fetch would add `Cache-Control: no-cache` to a conditional request).
      const again = await get(permalink, {
        accept: 'text/html',
        'if-none-match': etag,
        'cache-control': 'max-age=0',
      });
      expect(again.status).toBe(304);
    });

    it('embeds the same ClaimReview as JSON-LD, in a data block the page’s policy allows (no inline script runs)', async () => {
      const res = await get(permalink);
      const csp = cspDirectives(res.headers.get('content-security-policy'));
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
      const blocks = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(blocks).toHaveLength(1);
      expect(blocks[0][1]).toBe(' type="application/ld+json"');
      const embedded = JSON.parse(blocks[0][2]);
      const at = new URL(permalink, t.url).searchParams.get('asRecordedAt');
      const exported = await reviews(`?figureId=${ids[70]}&asRecordedAt=${at}`);
      expect(embedded).toEqual(exported.body[0]);
      expect(embedded.identifier.value).toBe(hash);
      expect(claimReviewProblems(embedded)).toEqual([]);
    });

    it('replays the same answer and hash after new records are added; a new permalink differs', async () => {
      const other = await createSource(t, editor, {
        title: 'Another report',
        publisher: 'Another outlet',
      });
      await createAction(t, editor, other.id, {
        actionType: 'DISMISSAL',
        subjectCount: 55,
        subjectDescription: '55 officers',
        occurred: '2024-01-10',
        reasonCodes: ['DRUG_POSITIVE_TEST'],
        citations: [{ sourceId: other.id, excerpt: '55 officers dismissed' }],
      });
      const replay = await get(permalink, { accept: 'text/html' });
      expect(replay.headers.get('etag')).toBe(`W/"${hash}"`);
      expect(await replay.text()).toBe(body);
      const live = await t.gql(
        `{ checkFigure(id: "${ids[70]}") { verdict recorded { min max } } }`,
      );
      expect(live.data!.checkFigure).toEqual({
        verdict: 'INCONCLUSIVE',
        recorded: { min: 67, max: 67 },
      });
      const next = (await get(`/checks/${ids[70]}`)).headers.get('location')!;
      expect(next).not.toBe(permalink);
      const fresh = await get(next, { accept: 'text/html' });
      expect(fresh.headers.get('etag')).not.toBe(`W/"${hash}"`);
      const page = await fresh.text();
      expect(page).toContain('<p class="verdict verdict-inconclusive">Inconclusive</p>');
      expect(page).toContain('<dd class="recorded">67</dd>');
    });

    it('answers a figure recorded after the instant with 404', async () => {
      const at = new URL(permalink, t.url).searchParams.get('asRecordedAt');
      const res = await t.gql(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            value: 5,
            qualifier: 'EXACT',
            scope: { actionTypes: ['DEMOTION'] },
            statedOn: '2024-03-01',
            citation: { sourceId: (await createSource(t, editor)).id },
          },
        },
        editor,
      );
      const later = res.data!.createReportedFigure.id;
      const old = await get(`/checks/${later}?asRecordedAt=${at}`, { accept: 'application/json' });
      expect(old.status).toBe(404);
      expect(((await old.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
      expect((await get(`/checks/${later}`)).status).toBe(302);
    });

    it.each([
      [
        'an unknown figure',
        '/checks/00000000-0000-4000-8000-000000000000',
        404,
        'NOT_FOUND',
        undefined,
        'No such check',
      ],
      [
        'an unknown figure at a moment',
        '/checks/00000000-0000-4000-8000-000000000000?asRecordedAt=2024-06-01T00:00:00Z',
        404,
        'NOT_FOUND',
        undefined,
        'No such check',
      ],
      [
        'an id that is no id',
        '/checks/not-an-id?asRecordedAt=2024-06-01T00:00:00Z',
        400,
        'BAD_USER_INPUT',
        'figureId',
        'No such check',
      ],
      [
        'a moment that is no moment',
        '/checks/{70}?asRecordedAt=last-week',
        400,
        'BAD_USER_INPUT',
        'asRecordedAt',
        'This address cannot be read',
      ],
      [
        'a day without a time',
        '/checks/{70}?asRecordedAt=2024-06-01',
        400,
        'BAD_USER_INPUT',
        'asRecordedAt',
        'This address cannot be read',
      ],
      [
        'a moment to come',
        '/checks/{70}?asRecordedAt=2999-01-01T00:00:00Z',
        400,
        'BAD_USER_INPUT',
        'asRecordedAt',
        'This address cannot be read',
      ],
      [
        'two moments',
        '/checks/{70}?asRecordedAt=2024-06-01T00:00:00Z&asRecordedAt=2024-07-01T00:00:00Z',
        400,
        'BAD_USER_INPUT',
        'asRecordedAt',
        'This address cannot be read',
      ],
    ])(
      'refuses %s: JSON for programs, an HTML page for browsers',
      async (_what, path, status, code, field, title) => {
        const url = path.replace('{70}', ids[70]);
        const json = await get(url, { accept: 'application/json' });
        expect(json.status).toBe(status);
        const error = ((await json.json()) as any).errors[0];
        expect(error.extensions.code).toBe(code);
        if (field) expect(error.extensions.field).toBe(field);
        const html = await get(url, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
        expect(html.status).toBe(status);
        expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(await html.text()).toContain(`<h1>${title}</h1>`);
        // The canonical data is for programs: always JSON.
        const data = await get(url.replace(/(\/checks\/[^?]+)/, '$1/check.json'), {
          accept: 'text/html',
        });
        expect(data.status).toBe(status);
        expect(data.headers.get('content-type')).toContain('application/json');
      },
    );

    it('renders the permalink in Khmer with the same hash, the verdict worded from the numbers', async () => {
      const res = await get(`${permalink}&lang=km`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-language')).toBe('km');
      expect(res.headers.get('etag')).toBe(`W/"${hash}"`);
      const km = await res.text();
      expect(km).toMatch(/^<!doctype html>\s*<html lang="km">/);
      expect(km).toContain('<p class="verdict verdict-under_recorded">កំណត់ត្រាមិនទាន់គ្រប់</p>');
      expect(km).toContain('កំណត់ត្រាមាន 12 នាក់ តិចជាង «ប្រហែល 70» (63 ដល់ 77)');
      // The server's English explanation stays available, marked as English.
      expect(km).toContain('<p lang="en">The records hold 12 people');
    });
  });
});
