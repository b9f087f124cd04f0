import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, DomainError, ErrorCode, httpStatusOf, type AppConfig } from '@app/core';
import { CheckPublicationService, claimReview, ReferenceService } from '@app/domain';
import type { Labels } from './client/factcheck.types.js';
import { renderCheckErrorPage, renderCheckPage } from './check.page.js';
import { isLanguage, pickLanguage, type Language } from './i18n/texts.js';
import { permalinkPath, publicationLinks } from './publication-links.js';
import { FACTCHECK_CSP, setPageHeaders } from './web-security.js';

// 4 replays at once per process: each rebuilds the records as they stood at a moment (0.5-2 s of
// database work on 5,000 actions, README "Limits"), and the pool's other connections stay for the
// API. More answer 503 UNAVAILABLE with Retry-After before touching the database.
const MAX_CONCURRENT_REPLAYS = 4;
// Seconds a refused replay is told to wait: about one replay's time.
const RETRY_AFTER_SECONDS = 2;

const queryOf = (req: Request) =>
  new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');

/**
 * Citable permalinks (README "Publishing a check"): `/checks/<figureId>?asRecordedAt=<instant>`
 * renders the check exactly as the records stood at that instant, with the SHA-256 of its
 * canonical JSON on the page and as the ETag; `/checks/<figureId>/check.json?asRecordedAt=` sends
 * those canonical bytes. Without `asRecordedAt`, both redirect (302) to the current moment's.
 */
@Controller('checks')
export class CheckController {
  private running = 0;

  constructor(
    private readonly publication: CheckPublicationService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':figureId')
  async page(
    @Param('figureId') figureId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const query = queryOf(req);
    const lang = pickLanguage(query.get('lang'), (l) => req.acceptsLanguages(l));
    try {
      if (req.query.asRecordedAt === undefined) {
        const id = await this.publication.assertExists(figureId);
        const langParam = isLanguage(query.get('lang')) ? `&lang=${lang}` : '';
        res.redirect(302, `${permalinkPath(id, await this.publication.now())}${langParam}`);
        return;
      }
      const at = await this.publication.parseMoment(req.query.asRecordedAt);
      const published = await this.replay(() => this.publication.publishWithFigures(figureId, at));
      setPageHeaders(res, FACTCHECK_CSP);
      res.setHeader('Content-Language', lang);
      res.vary('Accept-Language').vary('Accept');
      res.setHeader('Cache-Control', 'no-cache');
      // Weak: the page's languages are the same check (the same canonical data) in other words.
      res.setHeader('ETag', `W/"${published.sha256}"`);
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      const links = publicationLinks(req, this.config);
      const review = claimReview(published.result, published.source, {
        publisher: links.publisher,
        url: links.permalink(published.result.figure.id, at),
        asRecordedAt: at,
        sha256: published.sha256,
      });
      res.send(
        renderCheckPage({
          lang,
          query,
          path: req.path,
          published,
          links,
          claimReview: review,
          labels: this.labels(),
        }),
      );
    } catch (err) {
      if (!this.sendHtmlError(req, res, err, lang, query)) throw err;
    }
  }

  @Get(':figureId/check.json')
  async canonical(
    @Param('figureId') figureId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (req.query.asRecordedAt === undefined) {
      const id = await this.publication.assertExists(figureId);
      res.redirect(302, permalinkPath(id, await this.publication.now(), '/check.json'));
      return;
    }
    const at = await this.publication.parseMoment(req.query.asRecordedAt);
    const published = await this.replay(() => this.publication.publish(figureId, at));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    // Strong: these bytes are exactly what the hash is of.
    res.setHeader('ETag', `"${published.sha256}"`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(published.json);
  }

  /** At most MAX_CONCURRENT_REPLAYS at once; more are refused with 503 and Retry-After. */
  private async replay<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_CONCURRENT_REPLAYS) {
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        `${this.running} checks are being replayed, the most this server replays at once. Try again in ${RETRY_AFTER_SECONDS} s`,
        { retryAfter: RETRY_AFTER_SECONDS, limit: MAX_CONCURRENT_REPLAYS },
      );
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
    }
  }

  /**
   * A browser (which prefers HTML) asking for a check that does not exist, or with a bad moment,
   * gets a page in its language with the same status (404, 400); other clients get the JSON error
   * shape of every route. Returns whether it answered.
   */
  private sendHtmlError(
    req: Request,
    res: Response,
    err: unknown,
    lang: Language,
    query: URLSearchParams,
  ): boolean {
    if (!(err instanceof DomainError) || res.headersSent) return false;
    if (req.accepts(['json', 'html']) !== 'html') return false;
    if (err.code !== ErrorCode.NOT_FOUND && err.code !== ErrorCode.BAD_USER_INPUT) return false;
    // A bad moment says what a moment must be; a bad or unknown id, that no such check exists.
    const kind = err.details.field === 'asRecordedAt' ? 'badRequest' : 'notFound';
    setPageHeaders(res, FACTCHECK_CSP);
    res.setHeader('Content-Language', lang);
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(httpStatusOf(err.code))
      .send(renderCheckErrorPage(lang, kind, { query, path: req.path }));
    return true;
  }

  /** Reference data by code, for the page's words (province and rank names, reason labels). */
  private labels(): Labels {
    return {
      provinces: Object.fromEntries(
        this.reference
          .provinces()
          .map((p) => [p.code, { code: p.code, name: p.name, nameKm: p.nameKm }]),
      ),
      ranks: Object.fromEntries(
        this.reference
          .ranks()
          .map((r) => [r.code, { code: r.code, name: r.name, nameKm: r.nameKm }]),
      ),
      reasons: Object.fromEntries(this.reference.reasons().map((r) => [r.code, r.label])),
      agencies: Object.fromEntries(
        this.reference
          .agencies()
          .map((a) => [a.code, { code: a.code, name: a.name, nameKm: a.nameKm }]),
      ),
    };
  }
}
