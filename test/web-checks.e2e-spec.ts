import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, interfaceText, openBrowser, type RecordedBrowser } from './support/browser.js';
import { createAction, createSource } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { readCsv } from './fixtures/exchange.js';

/**
 * The fact-check page against a small campaign with literal numbers (issue 14, items 10-12; issue
 * 17, item 6), in English and Khmer. Phnom Penh dismissals, every record citing an outlet other
 * than the figures' own:
 *   A 2024-01-10, 1 officer        certain in January
 *   B 2024-01-15, 4 officers       certain in January
 *   C 2024-01-29~, 1 officer       about 29 January: 22 January to 5 February, possible in January
 *   D 2024-01/2024-02, 2 officers  possible in January
 *   E 2024-02-05, 1 officer        February
 * Figures (stated by the ministry, cited from its own statement):
 *   seven  "7 in January", stated 1 February: recorded 5-8, INCONCLUSIVE, 3 undecided
 *   ten    "about 10 in January" (9-11): recorded 5-8, UNDER_RECORDED, coverage 45 % to 89 %
 *   april  "at least 6 since 1 January", stated 10 April (after the last record): recorded 9, CORROBORATED
 */
describe('the fact-check page: each figure against its own records, neutral words, certain and possible records, citable checks', () => {
  let t: TestApp;
  let editor: string;
  let browser: RecordedBrowser;
  let page: Page;
  const ids: Record<string, string> = {};
  const VIEW = '?actionType=DISMISSAL&province=KH-12';

  beforeAll(async () => {
    t = await startTestApp({ publisherName: 'CamboJA Fact Check' });
    editor = await t.key('EDITOR');
    const outlet = await createSource(t, editor, {
      title: 'Phnom Penh police purge',
      publisher: 'Kiripost',
    });
    const ministry = await createSource(t, editor, {
      title: 'Press statement',
      publisher: 'Ministry of Interior',
      url: 'https://interior.example.gov.kh/statement',
    });
    const action = (occurred: string, subjectCount: number, subjectDescription: string) =>
      createAction(t, editor, outlet.id, {
        occurred,
        subjectCount,
        subjectDescription,
        provinceCode: 'KH-12',
        reasonCodes: ['DRUG_POSITIVE_TEST'],
        citations: [{ sourceId: outlet.id, excerpt: 'dismissed' }],
      });
    await action('2024-01-10', 1, 'an officer of Daun Penh district');
    await action('2024-01-15', 4, 'four traffic police officers');
    await action('2024-01-29~', 1, 'an officer of Chamkar Mon district');
    await action('2024-01/2024-02', 2, 'two officers of the border police');
    await action('2024-02-05', 1, 'an officer of Sen Sok district');
    const figure = async (key: string, input: Record<string, unknown>) => {
      const res = await t.gql(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            statedBy: 'Interior Ministry (spokesperson Touch Sokhak)',
            citation: { sourceId: ministry.id, excerpt: `The ministry said: ${key}` },
            ...input,
          },
        },
        editor,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      ids[key] = res.data!.createReportedFigure.id;
    };
    const january = {
      actionTypes: ['DISMISSAL'],
      provinceCodes: ['KH-12'],
      from: '2024-01-01',
      to: '2024-01-31',
    };
    await figure('seven', {
      value: 7,
      qualifier: 'EXACT',
      scope: january,
      statedOn: '2024-02-01',
      description: 'Seven Phnom Penh police officers dismissed in January',
    });
    await figure('ten', {
      value: 10,
      qualifier: 'ABOUT',
      scope: january,
      statedOn: '2024-02-01',
      description: 'About ten Phnom Penh police officers dismissed in January',
    });
    await figure('april', {
      value: 6,
      qualifier: 'AT_LEAST',
      scope: { actionTypes: ['DISMISSAL'], provinceCodes: ['KH-12'], from: '2024-01-01' },
      statedOn: '2024-04-10',
      description: 'At least six Phnom Penh dismissals this year',
    });
    browser = await openBrowser({ locale: 'en-GB' });
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: t.url,
    });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const ready = () => page.waitForSelector('body[data-ready="true"]');
  const card = (key: string) => page.locator(`#figure-${ids[key]}`);
  const checkOf = async (key: string) =>
    (
      await t.gql(
        `{ checkFigure(id: "${ids[key]}") { verdict explanation recorded { min max } undecided countedUntil } }`,
      )
    ).data!.checkFigure;

  it('draws each figure against the records of its own scope and period; one stated after the last period extends the axis (item 10)', async () => {
    await page.goto(`${t.url}/${VIEW}`);
    await ready();
    const box = page.locator('#chart-box');
    // January and February are recorded; March and April are added to reach the April figure.
    expect(await box.getAttribute('data-points')).toBe('4');
    expect((await box.getAttribute('data-figures'))!.split(' ').sort()).toEqual(
      [ids.seven, ids.ten, ids.april].sort(),
    );
    const point = (key: string) => box.locator(`a.figure-point[data-figure="${ids[key]}"]`);
    expect(await point('april').getAttribute('data-period')).toBe('2024-04');
    expect(await point('seven').getAttribute('data-period')).toBe('2024-01');
    // The point and the card agree: the recorded range of the figure's own scope and period.
    for (const [key, min, max, words] of [
      ['seven', '5', '8', '5 to 8'],
      ['ten', '5', '8', '5 to 8'],
      ['april', '9', '9', '9'],
    ]) {
      expect(await point(key).getAttribute('data-recorded-min')).toBe(min);
      expect(await point(key).getAttribute('data-recorded-max')).toBe(max);
      expect(await card(key).locator('dd.recorded').innerText()).toBe(words);
      expect(await point(key).locator('title').textContent()).toContain(
        `recorded for its own scope and period: ${words}`,
      );
    }
    expect((await checkOf('april')).countedUntil).toBe('2024-04-10');
    // The band is the chart's own count (9 by the end of February), flat after the last record.
    const rows = await page
      .locator('#chart-table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent)),
      );
    expect(rows).toEqual([
      ['January 2024', '5', '5', '8'],
      ['February 2024', '1', '9', '9'],
      ['March 2024', '0', '9', '9'],
      ['April 2024', '0', '9', '9'],
    ]);
    expect(await page.locator('#chart-desc').innerText()).toContain(
      'with the records of its own scope and period',
    );
    // A chart cut before the April statement lists that figure instead of pinning it to the edge.
    await page.goto(`${t.url}/${VIEW}&to=2024-02-29`);
    await ready();
    expect(await box.getAttribute('data-points')).toBe('2');
    expect((await box.getAttribute('data-figures'))!.split(' ')).not.toContain(ids.april);
    expect(await page.locator('#chart-note').innerText()).toContain(
      '1 published figure counts up to a day outside this chart’s period and is not drawn: “At least six Phnom Penh dismissals this year”.',
    );
  });

  it('shows an INCONCLUSIVE figure with the server’s explanation and who is undecided, in neutral words (item 11)', async () => {
    await page.goto(`${t.url}/${VIEW}`);
    await ready();
    const seven = await checkOf('seven');
    expect(seven).toMatchObject({
      verdict: 'INCONCLUSIVE',
      recorded: { min: 5, max: 8 },
      undecided: 3,
    });
    expect(await card('seven').locator('.verdict').innerText()).toBe('Inconclusive');
    expect(await card('seven').locator('.explain').innerText()).toBe(seven.explanation);
    expect(seven.explanation).toContain('3 people may or may not count');
    expect(await card('seven').locator('dd.undecided').innerText()).toBe('3 people');
    // Coverage as a range of percentages.
    expect(await card('ten').locator('.verdict').innerText()).toBe('Under-recorded');
    expect(await card('ten').locator('dd.coverage').innerText()).toBe('between 45% and 89%');
    expect(await card('seven').locator('dd.coverage').innerText()).toBe('between 71% and 114%');
    // Neutral words for UNDER_RECORDED, in the legend and the explanation.
    expect(await page.locator('ul.verdicts').innerText()).toContain(
      'Under-recorded: the records hold fewer than claimed: this tracker may be incomplete, or the figure too high.',
    );
    expect(await card('ten').locator('.explain').innerText()).toContain(
      'this tracker may be incomplete, or the figure too high',
    );
    // Dates one way: the period of a figure is written out, ending when it was stated.
    expect(await card('april').locator('h3 .what').innerText()).toBe(
      'dismissals, in Phnom Penh (រាជធានីភ្នំពេញ), from 1 January 2024 to 10 April 2024',
    );
    expect(await card('april').locator('.verdict').innerText()).toBe('Corroborated');
    const visible =
      (await page.locator('#figures').innerText()) + (await page.locator('#chart').innerText());
    expect(visible).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says which records behind a figure count for certain and which only possibly, adding up to the range; the CSV keeps the period (item 12)', async () => {
    await card('seven').getByRole('link', { name: 'Records behind this figure' }).click();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '4 records',
    );
    await ready();
    const records = page.locator('li.record');
    const counted = await records.evaluateAll((lis) =>
      lis.map((li) => [
        li.getAttribute('data-counts-as'),
        Number(li.getAttribute('data-counted-min')),
        Number(li.getAttribute('data-counted-max')),
      ]),
    );
    expect(counted.filter((c) => c[0] === 'CERTAIN')).toHaveLength(2);
    expect(counted.filter((c) => c[0] === 'POSSIBLE')).toHaveLength(2);
    expect(counted.reduce((n, c) => n + (c[1] as number), 0)).toBe(5);
    expect(counted.reduce((n, c) => n + (c[2] as number), 0)).toBe(8);
    expect(await page.locator('#records-sum').innerText()).toBe(
      'Added up, these records count 5 people for certain and 8 people at most: 5 to 8. The figure’s check records 5 to 8.',
    );
    const chamkarMon = records.filter({ hasText: 'Chamkar Mon' });
    expect(await chamkarMon.locator('p.counts').innerText()).toBe('May count: 0 to 1 people');
    expect(await chamkarMon.innerText()).toContain('about 29 January 2024');
    expect(
      await records.filter({ hasText: 'four traffic police' }).locator('p.counts').innerText(),
    ).toBe('Counts for certain: 4 people');
    // The CSV of the same view keeps the period, so counts_as says the same.
    const href = (await page.getAttribute('#csv-link', 'href'))!;
    const csv = new URL(href, t.url);
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      actionType: 'DISMISSAL',
      province: 'KH-12',
      from: '2024-01-01',
      to: '2024-01-31',
    });
    const rows = readCsv(await (await fetch(csv)).text());
    expect(rows.map((r) => r.counts_as).sort()).toEqual([
      'certain',
      'certain',
      'possible',
      'possible',
    ]);
    // A figure without its own end counts up to the day it was stated: so does its CSV.
    await page.goto(`${t.url}/${VIEW}&show=figure:${ids.april}#records`);
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '5 records',
    );
    expect(
      new URL((await page.getAttribute('#csv-link', 'href'))!, t.url).searchParams.get('to'),
    ).toBe('2024-04-10');
    expect(await page.locator('#records-sum').innerText()).toBe(
      'Added up, these records count 9 people for certain and 9 people at most: 9. The figure’s check records 9.',
    );
  });

  it('says the same of the records behind a point of the chart', async () => {
    await page.goto(`${t.url}/${VIEW}`);
    await ready();
    await page.locator('#chart-box a.period-point').first().click();
    await page.waitForFunction(
      () =>
        document.querySelector('#records-title')?.textContent ===
        'Records up to the end of January 2024',
    );
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '4 records',
    );
    // January's point of the band: 5 certain, 8 possible.
    expect(await page.locator('#records-sum').innerText()).toBe(
      'Added up, these records count 5 people for certain and 8 people at most: 5 to 8.',
    );
    expect(
      new URL((await page.getAttribute('#csv-link', 'href'))!, t.url).searchParams.get('to'),
    ).toBe('2024-01-31');
  });

  it('“Cite this check” copies a permalink that replays the same hash, whatever is recorded since (issue 17, item 6)', async () => {
    await page.goto(`${t.url}/${VIEW}`);
    await ready();
    const cite = card('seven').locator('details.cite');
    await cite.locator('summary').click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`details.cite[data-figure="${id}"]`)?.getAttribute('data-ready') ===
        'true',
      ids.seven,
    );
    const url = await cite.locator('input.cite-url').inputValue();
    expect(url).toMatch(
      new RegExp(`^${t.url}/checks/${ids.seven}\\?asRecordedAt=\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z$`),
    );
    const hash = (await cite.getAttribute('data-hash'))!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await cite.locator('.cite-hash code').innerText()).toBe(hash);
    await cite.getByRole('button', { name: 'Copy the address' }).click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`details.cite[data-figure="${id}"] .cite-status`)?.textContent ===
        'Copied.',
      ids.seven,
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const line = await cite.locator('textarea.cite-line').inputValue();
    expect(line).toMatch(
      /^CamboJA Fact Check\. Check of “7” \(Seven Phnom Penh police officers dismissed in January\), stated by Interior Ministry \(spokesperson Touch Sokhak\) on 1 February 2024: Inconclusive\. Records as they stood at \d{1,2} \w+ \d{4}, \d{2}:\d{2}:\d{2} UTC\. /,
    );
    expect(line).toContain(`${url} (SHA-256 ${hash}; accessed `);

    // New records in the figure's scope after the permalink was taken.
    const other = await createSource(t, editor, {
      title: 'Later report',
      publisher: 'Another outlet',
    });
    await createAction(t, editor, other.id, {
      occurred: '2024-01-20',
      subjectCount: 3,
      provinceCode: 'KH-12',
      citations: [{ sourceId: other.id, excerpt: 'three more' }],
    });
    expect((await checkOf('seven')).verdict).toBe('CONTRADICTED');
    const replay = await fetch(url);
    expect(replay.headers.get('etag')).toBe(`W/"${hash}"`);
    await page.goto(url);
    expect(await page.locator('#check-hash').innerText()).toBe(hash);
    expect(await page.locator('.verdict').first().innerText()).toBe('Inconclusive');
    expect(await page.locator('dd.recorded').innerText()).toBe('5 to 8');
    expect(await page.locator('#check-url').inputValue()).toBe(url);
    // The JSON-LD is a data block: the page's policy (no inline script) does not refuse it.
    const ld = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent())!,
    );
    expect(ld).toMatchObject({
      '@type': 'ClaimReview',
      url,
      reviewRating: { ratingValue: 3, alternateName: 'Inconclusive' },
    });
    await page.screenshot({ path: join(ARTIFACTS, 'web-check-permalink.png'), fullPage: true });
    // A permalink taken now is another: the new records count.
    await page.goto(`${t.url}/${VIEW}`);
    await ready();
    await card('seven').locator('details.cite summary').click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`details.cite[data-figure="${id}"]`)?.getAttribute('data-ready') ===
        'true',
      ids.seven,
    );
    expect(await card('seven').locator('details.cite').getAttribute('data-hash')).not.toBe(hash);
    expect(await card('seven').locator('.verdict').innerText()).toBe('Contradicted');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.failures).toEqual([]);
    expect(browser.offHost()).toEqual([]);
  });

  it('words the same in Khmer: the verdict built from the numbers, coverage, approximate dates, the citation control', async () => {
    const km = await openBrowser({ locale: 'km-KH' });
    try {
      const p = km.page;
      await p.goto(`${t.url}/${VIEW}&lang=km`);
      await p.waitForSelector('body[data-ready="true"]');
      const c = (key: string) => p.locator(`#figure-${ids[key]}`);
      // After the record added above, "7" is contradicted (8 certain); "about 10" is inconclusive (8 to 11).
      expect(await c('seven').locator('.explain').innerText()).toContain(
        'កំណត់ត្រារាប់បាន 8 នាក់ ជាប្រាកដ ច្រើនជាងអ្វីដែល «7» (7) អនុញ្ញាត។',
      );
      expect(await c('ten').locator('.verdict').innerText()).toBe('មិនទាន់អាចសន្និដ្ឋានបាន');
      expect(await c('ten').locator('.explain').innerText()).toContain(
        'កំណត់ត្រារាប់បាន 8 ដល់ 11 នាក់ ធៀបនឹង «ប្រហែល 10» (9 ដល់ 11)៖ 3 នាក់ អាចរាប់បញ្ចូល ឬមិនរាប់បញ្ចូល',
      );
      expect(await c('ten').locator('dd.undecided').innerText()).toBe('3 នាក់');
      expect(await c('ten').locator('dd.coverage').innerText()).toBe('ចន្លោះពី 73% ដល់ 122%');
      expect(await p.locator('ul.verdicts').innerText()).toContain(
        'កំណត់ត្រាមានតិចជាងការអះអាង៖ ប្រព័ន្ធតាមដាននេះប្រហែលជាមិនទាន់គ្រប់ ឬតួលេខនោះខ្ពស់ពេក។',
      );
      // The server's English explanation stays available, marked as English.
      expect(await c('ten').locator('details.english p').getAttribute('lang')).toBe('en');
      expect(await c('ten').locator('details.cite summary').innerText()).toBe('យោងការត្រួតពិនិត្យនេះ');
      await c('ten').getByRole('link', { name: 'កំណត់ត្រានៅពីក្រោយតួលេខនេះ' }).click();
      await p.waitForFunction(
        () => document.querySelector('#records-count')?.textContent === 'កំណត់ត្រា 5',
      );
      await p.waitForSelector('body[data-ready="true"]');
      expect(await p.locator('li.record', { hasText: 'Chamkar Mon' }).innerText()).toContain(
        'ប្រហែល 29 មករា 2024',
      );
      expect(
        await p.locator('li.record', { hasText: 'Chamkar Mon' }).locator('p.counts').innerText(),
      ).toBe('អាចរាប់បញ្ចូល៖ 0 ដល់ 1 នាក់');
      expect(await p.locator('#records-sum').innerText()).toBe(
        'សរុបមក កំណត់ត្រាទាំងនេះរាប់បាន 8 នាក់ ជាប្រាកដ និងយ៉ាងច្រើន 11 នាក់៖ 8 ដល់ 11។ ការត្រួតពិនិត្យតួលេខនេះកត់ត្រាបាន 8 ដល់ 11។',
      );
      // No English interface text (data and English marked as such are left out).
      const words = (await interfaceText(p))
        .join('\n')
        .replace(/SHA-256|JSON-LD/g, '')
        .match(/[A-Za-z][A-Za-z'’-]+/g);
      expect((words ?? []).filter((w) => !['CSV', 'GraphQL', 'JavaScript'].includes(w))).toEqual(
        [],
      );
      await p.screenshot({ path: join(ARTIFACTS, 'web-checks-km.png'), fullPage: true });
      // The permalink page in Khmer has no English interface text either.
      const permalink = (
        await fetch(`${t.url}/checks/${ids.ten}?lang=km`, { redirect: 'manual' })
      ).headers.get('location')!;
      await p.goto(`${t.url}${permalink}`);
      expect(await p.locator('html').getAttribute('lang')).toBe('km');
      const pageWords = (await interfaceText(p))
        .join('\n')
        .replace(/SHA-256|JSON-LD|ClaimReview|JSON/g, '')
        .match(/[A-Za-z][A-Za-z'’-]+/g);
      expect(pageWords ?? []).toEqual([]);
      expect(km.consoleErrors).toEqual([]);
      expect(km.failures).toEqual([]);
    } finally {
      await km.close();
    }
  });
  it('lists an alternative value of a record with its citation (issue 17, item 1)', async () => {
    const khmerTimes = await createSource(t, editor, {
      title: 'Sen Sok officer sacked',
      publisher: 'Khmer Times',
    });
    const listed = await t.gql(
      `{ actions(filter: { provinceCodes: ["KH-12"] }, first: 20) { edges { node { id subjectDescription } } } }`,
    );
    const senSok = listed.data!.actions.edges.find(
      (e: { node: { subjectDescription: string } }) =>
        e.node.subjectDescription === 'an officer of Sen Sok district',
    ).node.id as string;
    const added = await t.gql(
      `mutation($i: AddActionAlternativeInput!) { addActionAlternative(input: $i) { id } }`,
      {
        i: {
          actionId: senSok,
          attribute: 'OCCURRED',
          value: '2024-02-06',
          citation: { sourceId: khmerTimes.id, excerpt: 'was dismissed on 6 February' },
        },
      },
      editor,
    );
    expect(added.errors).toBeUndefined();
    await page.goto(`${t.url}/${VIEW}#records`);
    await ready();
    await page.waitForSelector(`#record-${senSok} li.alternative`);
    const alternative = page.locator(`#record-${senSok} li.alternative`);
    expect(await alternative.count()).toBe(1);
    expect(await alternative.getAttribute('data-attribute')).toBe('OCCURRED');
    expect(await alternative.getAttribute('data-status')).toBe('ALTERNATIVE');
    const text = await alternative.innerText();
    expect(text).toContain('When:');
    expect(text).toContain('6 February 2024');
    expect(text).toContain('was dismissed on 6 February');
    expect(text).toContain('Khmer Times');
    expect(await page.locator(`#record-${senSok} h4`).innerText()).toBe('Other sources say');
  });
});
