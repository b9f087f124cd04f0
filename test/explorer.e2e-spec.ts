import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXPLORER_PRESETS } from '../apps/api/src/web/explorer/explorer.presets.js';
import { ARTIFACTS, cspDirectives, openBrowser, type RecordedBrowser } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the GraphQL explorer: GraphiQL from our own bundle (issue 18)', () => {
  let t: TestApp;
  let browser: RecordedBrowser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
    browser = await openBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const queryEditor = () => page.locator('.graphiql-query-editor .monaco-editor');
  const resultText = () => page.locator('section.result-window').innerText();

  it('gives each explorer response its own style nonce, published to the editor in a meta tag', async () => {
    const pages = await Promise.all([fetch(`${t.url}/explorer`), fetch(`${t.url}/explorer`)]);
    const nonces = await Promise.all(
      pages.map(async (res) => {
        const csp = cspDirectives(res.headers.get('content-security-policy'));
        const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(
          csp['style-src-elem'].find((v) => v.startsWith("'nonce-")) ?? '',
        )?.[1];
        expect(nonce).toBeDefined();
        expect(await res.text()).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
        // Only Monaco's style attributes are inline; no inline <style> element without the nonce.
        expect(csp['style-src-elem']).not.toContain("'unsafe-inline'");
        expect(csp['style-src-attr']).toEqual(["'unsafe-inline'"]);
        expect(res.headers.get('cache-control')).toBe('no-store');
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('serves its bundle from content-hashed addresses, compressed, and answers 404 for any other', async () => {
    const html = await (await fetch(`${t.url}/explorer`)).text();
    const script = /<script type="module" src="(\/explorer\/assets\/explorer-[A-Z0-9]+\.js)">/.exec(
      html,
    )?.[1];
    expect(script).toBeDefined();
    const res = await fetch(`${t.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const missing of [
      '/explorer/assets/nope.js',
      '/explorer/assets/..%2Fmanifest.json',
      '/explorer/assets/manifest.json',
    ]) {
      const gone = await fetch(`${t.url}${missing}`);
      expect(gone.status).toBe(404);
      expect((await gone.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it.each(EXPLORER_PRESETS.map((p) => [p.title, p.query]))(
    'the example "%s" runs and answers data',
    async (_title, query) => {
      const res = await t.gql(query);
      expect(res.errors).toBeUndefined();
      expect(Object.keys(res.data ?? {}).length).toBeGreaterThan(0);
    },
  );

  it('opens with the examples as tabs, runs the first, with no request leaving 127.0.0.1 and no error', async () => {
    const res = await page.goto(`${t.url}/explorer`);
    expect(res?.status()).toBe(200);
    await queryEditor().waitFor();
    const tabs = await page.locator('.graphiql-tabs .graphiql-tab').allInnerTexts();
    expect(tabs.map((s) => s.trim())).toEqual([
      'PublishedFigures',
      'Actions',
      'FigureChecks',
      'TalliesAndRunningTotals',
      'OfficerSearch',
      'ReferenceData',
    ]);
    const answer = page.waitForResponse(
      (r) => r.url() === `${t.url}/graphql` && r.request().method() === 'POST',
    );
    await page.click('.graphiql-execute-button');
    const body = await (await answer).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.reportedFigures.edges).toHaveLength(3);
    await page.waitForFunction(() =>
      document.querySelector('section.result-window')?.textContent?.includes('Sokhak'),
    );
    expect(await resultText()).toContain('"reportedFigures"');
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-preset.png') });
  });

  it('offers tally when typing "{ ta", from the schema', async () => {
    await page.click('.graphiql-tab-add');
    await queryEditor().click();
    await page.keyboard.type('{ ta');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await suggestions.first().waitFor();
    const labels = (await suggestions.allInnerTexts()).map((s) => s.split('\n')[0].trim());
    expect(labels).toContain('tally');
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-autocomplete.png') });
    await page.keyboard.press('Escape');
  });

  it('documents the schema, and opens an example from the Examples panel in a new tab', async () => {
    await page.click('button[aria-label="Show Documentation Explorer"]');
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('tally', { exact: true }).first().waitFor();
    expect(await docs.innerText()).toContain('runningTotals');

    await page.click('button[aria-label="Show Examples"]');
    const tabsBefore = await page.locator('.graphiql-tabs .graphiql-tab').count();
    await page.getByRole('button', { name: 'Reference data' }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.graphiql-tabs .graphiql-tab').length === n + 1,
      tabsBefore,
    );
    const answer = page.waitForResponse((r) => r.url() === `${t.url}/graphql`);
    await page.click('.graphiql-execute-button');
    expect((await (await answer).json()).data.provinces.length).toBeGreaterThan(20);
    await page.waitForFunction(() =>
      document.querySelector('section.result-window')?.textContent?.includes('"provinces"'),
    );
  });

  it('sends the API key from the request headers editor', async () => {
    const key = await t.key('EDITOR', 'explorer test');
    await page.click('.graphiql-tab-add');
    await queryEditor().click();
    // insertText: no key events, so Monaco does not auto-close the braces and quotes.
    await page.keyboard.insertText('{ actions(first: 1) { totalCount } }');
    await page.click('.graphiql-editor-tools button[data-name="headers"]');
    const headers = page.locator('.monaco-editor[data-uri$="request-headers.json"]');
    // Replaces the editor's text; Monaco closes the brace it sees typed, so what follows the
    // cursor goes too.
    const setHeaders = async (json: string) => {
      await headers.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(json);
      await page.keyboard.press('Shift+Control+End');
      await page.keyboard.press('Delete');
    };
    await setHeaders('{ "Authorization": "Bearer not-a-key-of-this-tracker" }');
    let answer = page.waitForResponse((r) => r.url() === `${t.url}/graphql`);
    await page.click('.graphiql-execute-button');
    let response = await answer;
    expect(response.request().headers()['authorization']).toBe('Bearer not-a-key-of-this-tracker');
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    await setHeaders(`{ "Authorization": "Bearer ${key}" }`);
    answer = page.waitForResponse((r) => r.url() === `${t.url}/graphql`);
    await page.click('.graphiql-execute-button');
    response = await answer;
    expect(response.request().headers()['authorization']).toBe(`Bearer ${key}`);
    expect((await response.json()).data.actions.totalCount).toBe(3);
  });

  it('loaded everything from 127.0.0.1, Monaco’s workers included, with no console error and no failed request', () => {
    expect(browser.offHost()).toEqual([]);
    // The one refusal on purpose: the made-up key above (401), which the browser logs too.
    expect(browser.failures.filter((f) => f !== `401 ${t.url}/graphql`)).toEqual([]);
    expect(browser.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    for (const worker of ['editor.worker', 'json.worker', 'graphql.worker'])
      expect(
        browser.requested.some((u) =>
          new RegExp(`/explorer/assets/${worker}-[A-Z0-9]+\\.js$`).test(u),
        ),
      ).toBe(true);
    expect(browser.requested).toContain(`${t.url}/factcheck/icon.svg`);
  });
});
