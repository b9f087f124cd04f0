import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EN_MESSAGES } from '../apps/api/src/web/i18n/en.messages.js';
import { ARTIFACTS, interfaceText, openBrowser, type RecordedBrowser } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Latin-script names the Khmer interface keeps as they are (formats and technologies). */
const KEPT_NAMES = ['CSV', 'GraphQL', 'JavaScript'];

/** Words of English interface text found in a Khmer page's interface text (data and other-language text left out). */
function englishIn(texts: string[]): string[] {
  const words =
    texts
      .join('\n')
      .replace(/SHA-256/g, '')
      .match(/[A-Za-z][A-Za-z'’-]+/g) ?? [];
  return words.filter((w) => !KEPT_NAMES.includes(w));
}

/** The English catalogue's literal phrases (placeholders cut out) that appear in the texts. */
function englishCatalogueIn(texts: string[]): string[] {
  const all = texts.join('\n');
  const phrases = Object.values(EN_MESSAGES)
    .flatMap((m) => m.split(/\{\w+\}/))
    .map((f) => f.trim())
    .filter((f) => /[A-Za-z]{3,}/.test(f) && !KEPT_NAMES.includes(f));
  return [...new Set(phrases)].filter((p) => all.includes(p));
}

describe('the fact-check page in Khmer and English (issue 18)', () => {
  let t: TestApp;
  let browser: RecordedBrowser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
    // A Khmer reader's browser: Accept-Language km-KH.
    browser = await openBrowser({ locale: 'km-KH' });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const ready = () => page.waitForSelector('body[data-ready="true"]');

  it.each([
    [undefined, '', 'en'],
    ['km', '', 'km'],
    ['km-KH,km;q=0.9,en-US;q=0.8,en;q=0.7', '', 'km'],
    ['en-US,en;q=0.9,km;q=0.5', '', 'en'],
    ['fr-FR,fr;q=0.9', '', 'en'],
    ['fr;q=0.9, km;q=0.8', '', 'km'],
    ['en', '?lang=km', 'km'],
    ['km', '?lang=en', 'en'],
    ['km', '?lang=xx', 'km'],
  ])('Accept-Language %s with %s answers the page in %s', async (accept, query, lang) => {
    const res = await fetch(`${t.url}/${query}`, {
      headers: accept ? { 'accept-language': accept } : {},
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${lang}">`));
    expect(res.headers.get('content-language')).toBe(lang);
    expect(res.headers.get('vary')).toContain('Accept-Language');
  });

  it('sends each language its own script, with its catalogue only', async () => {
    const en = await (await fetch(`${t.url}/factcheck/app.js`)).text();
    const km = await (await fetch(`${t.url}/factcheck/app.km.js`)).text();
    expect(en).toContain('Records behind this figure');
    expect(en).not.toMatch(/\p{Script=Khmer}{3}/u);
    expect(km).toContain('កំណត់ត្រានៅពីក្រោយតួលេខនេះ');
    expect(km).not.toContain('Records behind this figure');
    const page = await (await fetch(`${t.url}/?lang=km`)).text();
    expect(page).toContain('<script type="module" src="/factcheck/app.km.js"></script>');
    expect(await (await fetch(`${t.url}/?lang=en`)).text()).toContain(
      '<script type="module" src="/factcheck/app.js"></script>',
    );
  });

  it('opens in Khmer for a Khmer browser: every interface string from the Khmer catalogue, dates and numbers by Intl', async () => {
    const res = await page.goto(`${t.url}/`);
    expect(res?.status()).toBe(200);
    await ready();
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.locator('h1').innerText()).toBe('ការត្រួតពិនិត្យការពិត៖ តួលេខវិន័យនគរបាល');
    const seventy = page.locator('article.figure', {
      has: page.locator('.claim', { hasText: /^ប្រហែល 70$/ }),
    });
    expect(await seventy.count()).toBe(1);
    expect(await seventy.locator('.verdict').innerText()).toBe('កំណត់ត្រាមិនទាន់គ្រប់');
    expect(await seventy.locator('dd.claimed').innerText()).toBe('63 ដល់ 77');
    expect(await seventy.locator('dd.coverage').innerText()).toBe('ចន្លោះពី 16% ដល់ 19%');
    expect(await page.locator('h3.when').first().innerText()).toBe('23 មករា 2024');
    // Information, worded in Khmer from the claims of the figures.
    expect(await seventy.locator('li.info').innerText()).toContain(
      'ផ្នែកនៃ «ប្រហែល 70» អាចរាប់កំណត់ត្រាដដែល (កំណត់ត្រាមួយត្រូវបានរាប់ក្នុងមូលហេតុនីមួយៗរបស់វា) ដូច្នេះ 40 + ប្រហែល 30 = 67 ដល់ 73 អាចលើស «ប្រហែល 70» (63 ដល់ 77) ដោយមិនផ្ទុយនឹងវាទេ។',
    );
    expect(await seventy.locator('.explain').innerText()).toContain(
      'កំណត់ត្រាមាន 12 នាក់ តិចជាង «ប្រហែល 70» (63 ដល់ 77)៖ ប្រព័ន្ធតាមដាននេះប្រហែលជាមិនទាន់គ្រប់ ឬតួលេខនោះខ្ពស់ពេក។',
    );
    // The data stays as stored: the spokesperson's name and the English excerpt.
    expect(await seventy.locator('.meta').innerText()).toContain('Touch Sokhak');
    expect(await seventy.locator('blockquote').getAttribute('lang')).toBe('en');

    const texts = await interfaceText(page);
    expect(texts.length).toBeGreaterThan(50);
    expect(englishIn(texts)).toEqual([]);
    expect(englishCatalogueIn(texts)).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
    await page.screenshot({
      path: join(ARTIFACTS, 'web-factcheck-km-desktop.png'),
      fullPage: true,
    });
  });

  it('renders the Khmer text with a Khmer font Debian ships (fonts-khmeros)', async () => {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const khmer = fonts.filter((f) => /Khmer/.test(f.familyName));
    expect(khmer.length).toBeGreaterThan(0);
    // Nearly every glyph of the Khmer heading comes from a Khmer font, none from a fallback box.
    const glyphs = fonts.reduce((n, f) => n + f.glyphCount, 0);
    expect(khmer.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(glyphs * 0.8);
    await cdp.detach();
  });

  it('filters in Khmer, and the language switch keeps the filters in the address', async () => {
    await page.selectOption('#f-province', 'KH-14');
    expect(await page.locator('#f-province option[value="KH-14"]').innerText()).toMatch(
      /^\p{Script=Khmer}+ · Prey Veng$/u,
    );
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/province=KH-14/);
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === 'កំណត់ត្រា 1',
    );
    expect(await page.locator('#status').innerText()).toBe(
      'ក្រាហ្វិក និងកំណត់ត្រាឥឡូវនេះបង្ហាញតាមតម្រងរបស់អ្នក។',
    );

    // To English: same filters, and the address says which language was chosen.
    await page.click('nav.languages a[data-lang="en"]');
    await page.waitForURL(/lang=en/);
    await ready();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const english = new URL(page.url());
    expect(english.searchParams.getAll('province')).toEqual(['KH-14']);
    expect(await page.inputValue('#f-province')).toBe('KH-14');
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === '1 record',
    );

    // A filter chosen in English keeps `lang=en`, and the Khmer link follows the new filters.
    await page.selectOption('#f-action', 'DISMISSAL');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/actionType=DISMISSAL/);
    await ready();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    const khmerLink = new URL(
      (await page.getAttribute('nav.languages a[data-lang="km"]', 'href'))!,
      t.url,
    );
    expect(Object.fromEntries(khmerLink.searchParams)).toMatchObject({
      province: 'KH-14',
      actionType: 'DISMISSAL',
      lang: 'km',
    });
    await page.click('nav.languages a[data-lang="km"]');
    await page.waitForURL(/lang=km/);
    await ready();
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.inputValue('#f-action')).toBe('DISMISSAL');
    expect(await page.inputValue('#f-province')).toBe('KH-14');
    expect(englishIn(await interfaceText(page))).toEqual([]);
  });

  it('drills down to the records in Khmer, with no English interface text and no Khmer on the English page', async () => {
    await page.goto(`${t.url}/?lang=km`);
    await ready();
    await page
      .locator('article.figure', { has: page.locator('.claim', { hasText: /^ប្រហែល 70$/ }) })
      .getByRole('link', { name: 'កំណត់ត្រានៅពីក្រោយតួលេខនេះ' })
      .click();
    await page.waitForFunction(
      () => document.querySelector('#records-title')?.textContent === 'កំណត់ត្រានៅពីក្រោយ «ប្រហែល 70»',
    );
    await ready();
    await page.waitForFunction(
      () => document.querySelector('#records-count')?.textContent === 'កំណត់ត្រា 3',
    );
    expect(new URL(page.url()).searchParams.get('lang')).toBe('km');
    const ratana = page.locator('li.record', { hasText: 'Nath Ratana' });
    expect(await ratana.innerText()).toContain('ការបណ្តេញចេញ');
    expect(await ratana.innerText()).toContain('ចន្លោះ មករា 2024 និង 23 មករា 2024');
    const texts = await interfaceText(page);
    expect(englishIn(texts)).toEqual([]);
    expect(englishCatalogueIn(texts)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${t.url}/?lang=km`);
    await ready();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'web-factcheck-km-phone.png'), fullPage: true });

    // The English page, after the same drill-down, shows no Khmer outside names and data.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${t.url}/?lang=en`);
    await ready();
    await page.getByRole('link', { name: 'Records behind this figure' }).first().click();
    await ready();
    await page.screenshot({
      path: join(ARTIFACTS, 'web-factcheck-en-desktop.png'),
      fullPage: true,
    });
    expect((await interfaceText(page)).filter((s) => /\p{Script=Khmer}/u.test(s))).toEqual([]);

    expect(browser.consoleErrors).toEqual([]);
    expect(browser.failures).toEqual([]);
    expect(browser.offHost()).toEqual([]);
  });
});
