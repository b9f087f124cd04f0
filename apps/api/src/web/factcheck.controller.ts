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

/**
 * The fact-check page for people who do not write GraphQL (issue 7): published figures with their
 * verdicts, the running-total chart and the records behind them. The page is a shell; its script
 * reads the API's own /graphql. Built once at start.
 */
@Controller()
export class FactCheckController {
  private readonly page = renderFactCheckPage(ASSETS);
  private readonly script = renderFactCheckScript();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('Cache-Control', 'no-cache')
  home(): string {
    return this.page;
  }

  @Get('factcheck')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('Cache-Control', 'no-cache')
  factCheck(): string {
    return this.page;
  }

  @Get('factcheck/app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  appScript(): string {
    return this.script;
  }

  @Get('factcheck/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  appStyle(): string {
    return FACTCHECK_CSS;
  }

  @Get('factcheck/icon.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'max-age=86400')
  icon(): string {
    return FACTCHECK_ICON;
  }
}
