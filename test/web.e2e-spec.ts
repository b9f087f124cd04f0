import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, cspDirectives, openBrowser, type RecordedBrowser } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the fact-check page in a real browser (issue 7)', () => {
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

  it.each(['/', '/factcheck', '/explorer'])(
    '%s (issue 13, item 9) may not be framed, loads no plugin, runs no inline script, and is not sniffed',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      const csp = cspDirectives(res.headers.get('content-security-policy'));
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(JSON.stringify(csp)).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  const ready = () => page.waitForSelector('body[data-ready="true"]');
  const figure = (claim: string) =>
    page
      .locator('article.figure')
      .filter({ has: page.locator('.claim', { hasText: new RegExp(`^${claim}$`) }) });

  it('opens at / with no console error and no request leaving 127.0.0.1', async () => {
    const res = await page.goto(`${t.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    await ready();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.requested.length).toBeGreaterThan(3);
    expect(browser.offHost()).toEqual([]);
    // No missing asset (the icon included) and no failed request.
    expect(browser.failures).toEqual([]);
    expect(browser.requested).toContain(`${t.url}/factcheck/icon.svg`);
    // The explorer for developers is still reachable.
    expect(await page.locator('a[href="/explorer"]').count()).toBe(1);
  });

  it('lists the seeded report’s figures in a timeline, with who said them and the wording', async () => {
    expect(await page.locator('article.figure').count()).toBe(3);
    for (const claim of ['about 70', '40', 'about 30']) expect(await figure(claim).count()).toBe(1);
    const seventy = figure('about 70');
    expect(await seventy.locator('.meta').innerText()).toContain('Touch Sokhak');
    expect(await seventy.locator('blockquote').innerText()).toContain(
      'dismissed about 70 police officials',
    );
    // Another figure is named by its wording, not by its number.
    expect(await figure('40').locator('.family').innerText()).toContain(
      'Part of “Police officials dismissed since the crackdown began in November 2023, as of 23 January 2024”',
    );
  });

  it('shows the verdicts: about 70 is under-recorded with 12 recorded; its parts that may overlap are information, not a problem', async () => {
    const seventy = figure('about 70');
    expect(await seventy.getAttribute('data-verdict')).toBe('UNDER_RECORDED');
    expect(await seventy.locator('.verdict').innerText()).toBe('Under-recorded');
    expect(await seventy.locator('dd.recorded').innerText()).toBe('12');
    expect(await seventy.locator('dd.claimed').innerText()).toBe('63 to 77');
    expect(await seventy.locator('dd.coverage').innerText()).toBe('between 16% and 19%');
    expect(await seventy.locator('.explain').innerText()).toBe(
      'The records hold 12 people, fewer than “Police officials dismissed since the crackdown began in November 2023, as of 23 January 2024” (63–77): this tracker may be incomplete, or the figure too high.',
    );
    expect(await seventy.locator('li.issue').count()).toBe(0);
    const info = seventy.locator('li.info');
    expect(await info.count()).toBe(1);
    expect(await info.innerText()).toMatch(
      /^For information: Its parts may count the same records \(they are split by reason\)\. The parts of .+ may count the same actions/,
    );
    // The figures it names are named by their wording.
    expect(await info.innerText()).toContain(
      'See “Of the 70 dismissed, those who tested positive for drugs”',
    );
  });

  it('a filter changes the chart and the URL', async () => {
    const before = await page.locator('#chart-box').innerHTML();
    await page.selectOption('#f-province', 'KH-14');
    // The province list carries the Khmer names.
    expect(await page.locator('#f-province option[value="KH-14"]').innerText()).toMatch(
      /Prey Veng · \p{Script=Khmer}+/u,
    );
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/province=KH-14/);
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '1 record',
    );
    expect(new URL(page.url()).searchParams.getAll('province')).toEqual(['KH-14']);
    expect(await page.locator('#chart-box svg .band').count()).toBe(1);
    expect(await page.locator('#chart-box').innerHTML()).not.toBe(before);
    // The shared address restores the same view.
    await page.goto(page.url());
    await ready();
    expect(await page.inputValue('#f-province')).toBe('KH-14');
    expect(await page.locator('#records-count').innerText()).toBe('1 record');
  });

  it('drills down from a figure to the records behind it, with citations and a CSV link for the same view', async () => {
    await page.goto(`${t.url}/`);
    await ready();
    await figure('about 70').getByRole('link', { name: 'Records behind this figure' }).click();
    await page.waitForFunction(
      () => document.querySelector('#records-title')?.textContent === 'Records behind “about 70”',
    );
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '3 records',
    );
    expect(page.url()).toContain('show=figure%3A');
    const ratana = page.locator('li.record', { hasText: 'Nath Ratana' });
    expect(await ratana.count()).toBe(1);
    expect(await ratana.locator('blockquote').innerText()).toContain(
      'Interior Minister Sar Sokha fired Lieutenant Colonel Nath Ratana',
    );
    expect(await ratana.locator('[lang="km"]').count()).toBeGreaterThan(0);
    const csv = new URL((await page.getAttribute('#csv-link', 'href'))!, t.url);
    expect(csv.pathname).toBe('/exports/actions.csv');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      actionType: 'DISMISSAL',
      from: '2023-11-01',
      to: '2024-01-23',
    });
  });

  it('drills down from a point of the chart to the records up to that period', async () => {
    await page.goto(`${t.url}/?actionType=DISMISSAL&from=2023-11-01&to=2024-01-23`);
    await ready();
    expect(await page.locator('#chart-box .figure-point').count()).toBeGreaterThan(0);
    await page.locator('#chart-box a.period-point').last().click();
    await page.waitForFunction(() =>
      document.querySelector('#records-title')?.textContent?.startsWith('Records up to the end of'),
    );
    await ready();
    expect(await page.locator('li.record', { hasText: 'Nath Ratana' }).count()).toBe(1);
  });

  it('fits a phone screen, and saves screenshots as test artifacts', async () => {
    await page.goto(`${t.url}/`);
    await ready();
    await page.screenshot({ path: join(ARTIFACTS, 'web-factcheck-desktop.png'), fullPage: true });
    const asked = browser.requested.filter((u) => u.endsWith('/graphql')).length;
    await page.setViewportSize({ width: 390, height: 844 });
    // The chart redraws for the new width from the points it has: no request for a resize.
    await page.waitForTimeout(400);
    expect(browser.requested.filter((u) => u.endsWith('/graphql')).length).toBe(asked);
    await page.goto(`${t.url}/`);
    await ready();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'web-factcheck-phone.png'), fullPage: true });
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.offHost()).toEqual([]);
    expect(browser.failures).toEqual([]);
  });
});
