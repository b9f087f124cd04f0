import { createHash } from 'node:crypto';
import { Controller, Get, Header } from '@nestjs/common';
import { FACTCHECK_ICON, renderFactCheckPage } from './factcheck.page.js';
import { renderFactCheckScript } from './factcheck.script.js';
import { FACTCHECK_CSS } from './factcheck.styles.js';

/** Everything from our own origin: no inline script or style, nothing from another host. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS = {
  script: '/factcheck/app.js',
  style: '/factcheck/app.css',
  icon: '/factcheck/icon.svg',
};

// Built once at start. Each body carries its own ETag (the app sends none by default): a browser
// revalidating a `no-cache` page gets 304 Not Modified until the next release.
const PAGE = renderFactCheckPage(ASSETS);
const SCRIPT = renderFactCheckScript();
const etag = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
const PAGE_ETAG = etag(PAGE);
const SCRIPT_ETAG = etag(SCRIPT);
const CSS_ETAG = etag(FACTCHECK_CSS);
const ICON_ETAG = etag(FACTCHECK_ICON);

/**
 * The fact-check page for people who do not write GraphQL (issue 7): published figures with their
 * verdicts, the running-total chart and the records behind them. The page is a shell; its script
 * reads the API's own /graphql.
 */
@Controller()
export class FactCheckController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('Cache-Control', 'no-cache')
  @Header('ETag', PAGE_ETAG)
  home(): string {
    return PAGE;
  }

  @Get('factcheck')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('Cache-Control', 'no-cache')
  @Header('ETag', PAGE_ETAG)
  factCheck(): string {
    return PAGE;
  }

  @Get('factcheck/app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('ETag', SCRIPT_ETAG)
  appScript(): string {
    return SCRIPT;
  }

  @Get('factcheck/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('ETag', CSS_ETAG)
  appStyle(): string {
    return FACTCHECK_CSS;
  }

  @Get('factcheck/icon.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'max-age=86400')
  @Header('ETag', ICON_ETAG)
  icon(): string {
    return FACTCHECK_ICON;
  }
}
