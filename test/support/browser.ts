import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; the flags keep it off the network. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

/**
 * A browser for the page tests, with everything it did on record: every request's address,
 * console errors and uncaught exceptions, failed requests and answers of 400 or more. Requests to
 * any host but 127.0.0.1 are refused (and recorded).
 */
export interface RecordedBrowser {
  context: BrowserContext;
  page: Page;
  requested: string[];
  consoleErrors: string[];
  failures: string[];
  /** Addresses requested from any host but 127.0.0.1. */
  offHost(): string[];
  close(): Promise<void>;
}

export async function openBrowser(options: { locale?: string } = {}): Promise<RecordedBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'pdt-chromium-'));
  // Playwright takes the fresh profile directory itself (it refuses --user-data-dir in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: options.locale ?? 'en-GB',
  });
  const requested: string[] = [];
  const consoleErrors: string[] = [];
  const failures: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (new URL(url).hostname === '127.0.0.1') await route.continue();
    else await route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  page.on('requestfailed', (req) =>
    failures.push(`${req.failure()?.errorText ?? 'failed'} ${req.url()}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) failures.push(`${res.status()} ${res.url()}`);
  });
  return {
    context,
    page,
    requested,
    consoleErrors,
    failures,
    offHost: () =>
      requested.filter((u) => !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1'),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The interface text of a page in its own language: every text node and every label a person or a
 * screen reader meets (aria-label, title, alt, placeholder, the document title), leaving out data
 * (inside `translate="no"`) and text marked as another language (`lang` other than the page's).
 * Hidden elements count too: a string shown later must be translated as well.
 */
export async function interfaceText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const exempt = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        if (e.getAttribute('translate') === 'no') return true;
        const lang = e.getAttribute('lang');
        if (lang !== null && e !== document.documentElement) return lang !== pageLang;
        if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || e.tagName === 'NOSCRIPT')
          return true;
      }
      return false;
    };
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      if (text && !exempt(n.parentElement)) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      if (exempt(el)) continue;
      for (const attr of ['aria-label', 'title', 'alt', 'placeholder']) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
    }
    const description = document.querySelector('meta[name="description"]')?.getAttribute('content');
    if (description) out.push(description);
    return out;
  });
}

/** The directives of a Content-Security-Policy header, by name. */
export function cspDirectives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}
