import type { Page } from 'playwright-core';
import { openBrowser, type RecordedBrowser } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The fact-check page's `<link rel="alternate">` to its Atom feeds, in a real browser (issue 18). */
describe('the fact-check page announces its feeds', () => {
  let t: TestApp;
  let browser: RecordedBrowser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
    browser = await openBrowser({ locale: 'en-GB' });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const ready = () => page.waitForSelector('body[data-ready="true"]');
  const feedLinks = () =>
    page.$$eval('link[rel="alternate"][type="application/atom+xml"]', (links) =>
      links.map((l) => ({ title: l.getAttribute('title'), href: l.getAttribute('href') })),
    );

  it('links the actions feed of the current filter, and follows the filter when it changes', async () => {
    await page.goto(`${t.url}/?province=KH-14&interval=YEAR`);
    await ready();
    expect(await feedLinks()).toEqual([
      { title: 'New records in this view (Atom feed)', href: '/feeds/actions.atom?province=KH-14' },
      { title: 'New figures and changes of verdict (Atom feed)', href: '/feeds/figures.atom' },
    ]);

    await page.selectOption('#f-province', 'KH-12');
    await page.selectOption('#f-action', 'DISMISSAL');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/province=KH-12/);
    await ready();
    const [actions] = await feedLinks();
    expect(actions.href).toBe('/feeds/actions.atom?actionType=DISMISSAL&province=KH-12');

    // The link leads to the feed of that view: the Phnom Penh dismissals only.
    const feed = await fetch(new URL(actions.href!, t.url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(xml).toContain('Dismissal of 10 police officers, Phnom Penh');
    expect(xml).not.toContain('Prey Veng');

    // Back to the first view: the link follows the address.
    await page.goBack();
    await ready();
    expect((await feedLinks())[0].href).toBe('/feeds/actions.atom?province=KH-14');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.failures).toEqual([]);
    expect(browser.offHost()).toEqual([]);
  });
});
