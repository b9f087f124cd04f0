import type { Page } from 'playwright-core';
import { openBrowser, type RecordedBrowser } from './support/browser.js';
import { createAction, createOfficer, createSource } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The fact-check page with repeated statements (issue 17, item 3) and records counted once (issue
 * 16), literal numbers. Siem Reap (KH-17) dismissals in January 2024:
 *   G   a group of 10 officers, 10 January, from the Post
 *   M   Chea Sokha, one of that group (MEMBER_OF G), from VOD: the group counts 9
 *   D1  an officer of the traffic police, 20 January, from the Post
 *   D2  the same dismissal from VOD (SAME_AS D1): counted once
 * The records count 9 + 1 + 1 = 11 people.
 * Figures: the ministry's "11 in January" (1 February), repeated by Kiripost (3 February), and the
 * governor's "at least 5" (2 February), between them by day.
 */
describe('the fact-check page: repeats with their original, records counted once', () => {
  let t: TestApp;
  let editor: string;
  let browser: RecordedBrowser;
  let page: Page;
  const ids: Record<string, string> = {};

  async function gqlOk(query: string, variables: Record<string, unknown>) {
    const res = await t.gql(query, variables, editor);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const post = await createSource(t, editor, { title: 'Siem Reap purge', publisher: 'Post' });
    const vod = await createSource(t, editor, { title: 'Dismissals', publisher: 'VOD' });
    const ministry = await createSource(t, editor, {
      title: 'Statement',
      publisher: 'Ministry of Interior',
    });
    const kiripost = await createSource(t, editor, {
      title: 'Ministry: 11 dismissed',
      publisher: 'Kiripost',
    });
    const officer = await createOfficer(t, editor, { fullName: 'Chea Sokha' });
    const action = async (key: string, sourceId: string, input: Record<string, unknown>) => {
      ids[key] = (
        await createAction(t, editor, sourceId, {
          provinceCode: 'KH-17',
          reasonCodes: ['UNSPECIFIED'],
          citations: [{ sourceId, excerpt: key }],
          ...input,
        })
      ).id;
    };
    await action('G', post.id, {
      occurred: '2024-01-10',
      subjectCount: 10,
      subjectDescription: 'ten officers of Siem Reap',
    });
    await action('M', vod.id, { occurred: '2024-01-10', officerId: officer.id });
    await action('D1', post.id, {
      occurred: '2024-01-20',
      subjectDescription: 'an officer of the traffic police',
    });
    await action('D2', vod.id, {
      occurred: '2024-01-20',
      subjectDescription: 'a traffic police officer',
    });
    const link = (fromId: string, toId: string, kind: string) =>
      gqlOk(`mutation($i: LinkActionsInput!) { linkActions(input: $i) { id } }`, {
        i: { fromId, toId, kind },
      });
    await link(ids.M, ids.G, 'MEMBER_OF');
    await link(ids.D2, ids.D1, 'SAME_AS');
    const figure = async (key: string, sourceId: string, input: Record<string, unknown>) => {
      const d = await gqlOk(
        `mutation($i: CreateReportedFigureInput!) { createReportedFigure(input: $i) { id } }`,
        {
          i: {
            qualifier: 'EXACT',
            scope: {
              actionTypes: ['DISMISSAL'],
              provinceCodes: ['KH-17'],
              from: '2024-01-01',
              to: '2024-01-31',
            },
            citation: { sourceId, excerpt: key },
            ...input,
          },
        },
      );
      ids[key] = d.createReportedFigure.id;
    };
    await figure('orig', ministry.id, {
      value: 11,
      statedOn: '2024-02-01',
      description: 'Eleven Siem Reap officers dismissed in January',
    });
    await figure('governor', ministry.id, {
      value: 5,
      qualifier: 'AT_LEAST',
      statedOn: '2024-02-02',
      description: 'At least five dismissed',
    });
    await figure('rep', kiripost.id, {
      value: 11,
      statedOn: '2024-02-03',
      description: 'Eleven Siem Reap officers dismissed in January',
      repeatsId: ids.orig,
    });
    browser = await openBrowser({ locale: 'en-GB' });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const ready = () => page.waitForSelector('body[data-ready="true"]');

  it('shows a repeat with its original, on the original’s day', async () => {
    await page.goto(`${t.url}/?province=KH-17`);
    await ready();
    const order = await page
      .locator('article.figure')
      .evaluateAll((cards) => cards.map((c) => c.id.replace('figure-', '')));
    const ours = order.filter((id) => Object.values(ids).includes(id));
    expect(ours).toEqual([ids.orig, ids.rep, ids.governor]);
    const statement = page.locator(`.statement[data-figure="${ids.orig}"]`);
    expect(await statement.locator('.repeats article.figure').getAttribute('id')).toBe(
      `figure-${ids.rep}`,
    );
    expect(await page.locator(`#figure-${ids.orig} p.family`).innerText()).toBe(
      'Repeated by Kiripost: the same statement, compared with the other figures once.',
    );
    expect(await page.locator(`#figure-${ids.rep} p.family`).innerText()).toBe(
      'Repeats “Eleven Siem Reap officers dismissed in January”: the same statement reported by another outlet, no second confirmation.',
    );
    expect(await page.locator(`#figure-${ids.rep}`).getAttribute('data-repeats')).toBe(ids.orig);
    // Both are checked against the same 11 people.
    expect(await page.locator(`#figure-${ids.orig}`).getAttribute('data-verdict')).toBe(
      'CORROBORATED',
    );
    expect(await page.locator(`#figure-${ids.rep}`).getAttribute('data-verdict')).toBe(
      'CORROBORATED',
    );
    expect(browser.consoleErrors).toEqual([]);
  });

  it('shows, among a figure’s records, the duplicates folded and the named members of a group', async () => {
    await page.goto(`${t.url}/?show=figure:${ids.orig}#records`);
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '4 records',
    );
    const record = (key: string) => page.locator(`#record-${ids[key]}`);
    expect(await record('D1').locator('p.counted-once').innerText()).toBe(
      'Counted once: 2 reports of the same dismissal',
    );
    expect(await record('D2').locator('p.counts').innerText()).toBe('Not counted again');
    expect(await record('D2').locator('p.counted-once').innerText()).toBe(
      'Counted once: a report of the same dismissal as another record',
    );
    expect(await record('D2').locator('p.counted-once a').getAttribute('href')).toBe(
      `#record-${ids.D1}`,
    );
    expect(await record('G').locator('p.counted-once').innerText()).toBe(
      '1 named member of a group of 10, recorded apart: the group counts 9',
    );
    expect(await record('G').locator('p.counts').innerText()).toBe('Counts for certain: 9 people');
    expect(await record('M').locator('p.counted-once').innerText()).toBe(
      'Named member of a group of 10 (another record): counted once',
    );
    expect(await page.locator('#records-sum').innerText()).toBe(
      'Added up, these records count 11 people for certain and 11 people at most: 11. The figure’s check records 11.',
    );
    expect(browser.consoleErrors).toEqual([]);
  });
});
