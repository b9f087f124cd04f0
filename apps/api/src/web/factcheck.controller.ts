import { createHash } from 'node:crypto';
import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { FACTCHECK_ICON, renderFactCheckPage } from './factcheck.page.js';
import { isLanguage, pickLanguage } from './i18n/texts.js';
import { WebAssets } from './web-assets.js';
import { FACTCHECK_CSP, setPageHeaders } from './web-security.js';

const etag = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
const ICON_ETAG = etag(FACTCHECK_ICON);

/**
 * The fact-check page for people who do not write GraphQL (issue 7): published figures with their
 * verdicts, the running-total chart and the records behind them, in Khmer or English (issue 18).
 * The page is a shell in the chosen language; its script (bundled from ./client) reads /graphql.
 */
@Controller()
export class FactCheckController {
  private readonly assets = WebAssets.get();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  home(@Req() req: Request, @Res() res: Response): void {
    this.page(req, res);
  }

  @Get('factcheck')
  factCheck(@Req() req: Request, @Res() res: Response): void {
    this.page(req, res);
  }

  /** The page's script in English (with the English catalogue only). */
  @Get('factcheck/app.js')
  appScript(@Req() req: Request, @Res() res: Response): void {
    this.assets.send(req, res, this.assets.require().factcheck.scripts.en, 'revalidate');
  }

  /** The page's script in Khmer (with the Khmer catalogue only). */
  @Get('factcheck/app.km.js')
  appScriptKm(@Req() req: Request, @Res() res: Response): void {
    this.assets.send(req, res, this.assets.require().factcheck.scripts.km, 'revalidate');
  }

  @Get('factcheck/app.css')
  appStyle(@Req() req: Request, @Res() res: Response): void {
    this.assets.send(req, res, this.assets.require().factcheck.style, 'revalidate');
  }

  @Get('factcheck/icon.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'max-age=86400')
  @Header('ETag', ICON_ETAG)
  icon(): string {
    return FACTCHECK_ICON;
  }

  /**
   * The page in the language of `?lang=` or else of Accept-Language. Its body depends on both (and
   * on the query string, which the language links keep), so its ETag is its own hash and caches
   * key it by Accept-Language.
   */
  private page(req: Request, res: Response): void {
    this.assets.require();
    const query = new URLSearchParams(
      req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
    );
    const param = query.get('lang');
    const lang = pickLanguage(param, (languages) => req.acceptsLanguages(languages));
    const body = renderFactCheckPage({
      lang,
      langInAddress: isLanguage(param),
      query,
      path: req.path,
      publisher: this.config.publisherName,
    });
    setPageHeaders(res, FACTCHECK_CSP);
    res.setHeader('Content-Language', lang);
    res.vary('Accept-Language');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', etag(body));
    res.send(body);
  }
}
