import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/core';
import {
  ActionFeedService,
  ATOM_MEDIA_TYPE,
  FigureFeedService,
  writeAtom,
  type ExportQuery,
  type FeedDocument,
} from '@app/domain';
import { publicBase } from '../web/publication-links.js';
import { sendHttpError } from './http-errors.js';
import { ApiDownload } from './openapi.decorators.js';

// Seconds a feed reader or a shared cache may reuse a feed without asking: readers poll every 15
// to 60 minutes, and five minutes bounds how late a new record or a withdrawn one shows.
const FEED_MAX_AGE_SECONDS = 300;

const query = (req: Request) => req.query as ExportQuery;

/**
 * Atom feeds (issue 18): public documents. They show what an anonymous caller sees whether or not
 * the request carries a key (README "Feeds"), so a key-holder's feed reader cannot carry INTERNAL
 * records or confidential sources into readers, caches and shared lists that check no key.
 */
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly actionFeed: ActionFeedService,
    private readonly figureFeed: FigureFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiDownload({
    summary: 'The newest 50 actions as an Atom feed',
    description:
      'Newest entry first, with the filters of the downloads (actionType, reason, province, rank, rankTier, officerId, sourceId, from, to, includeRetracted, asRecordedAt); always what an anonymous caller sees (README "Feeds").',
    mediaType: 'application/atom+xml',
  })
  @Get('actions.atom')
  async actions(@Req() req: Request, @Res() res: Response): Promise<void> {
    await sendFeed(req, res, this.config, () => this.actionFeed.feed(query(req)));
  }

  @ApiDownload({
    summary: 'The reported figures and their verdict changes as an Atom feed',
    description:
      'Each figure when it was recorded, with its verdict now, and an entry each time its verdict changed; newest 50 first; no parameters.',
    mediaType: 'application/atom+xml',
  })
  @Get('figures.atom')
  async figures(@Req() req: Request, @Res() res: Response): Promise<void> {
    await sendFeed(req, res, this.config, () => this.figureFeed.feed(query(req)));
  }
}

/**
 * Writes the feed with this tracker's public address (PUBLIC_URL, else the address it was requested
 * at; links resolve against it) and validators
 * for polling readers: an ETag (the hash of the body) and Last-Modified (the feed's `updated`);
 * Express answers 304 to a matching If-None-Match, or If-Modified-Since without one.
 */
async function sendFeed(
  req: Request,
  res: Response,
  config: AppConfig,
  build: () => Promise<FeedDocument>,
): Promise<void> {
  try {
    const doc = await build();
    const base = publicBase(req, config);
    const body = writeAtom(doc, { base, self: `${base}${req.originalUrl}` });
    res.setHeader('Content-Type', ATOM_MEDIA_TYPE);
    res.setHeader('Cache-Control', `public, max-age=${FEED_MAX_AGE_SECONDS}`);
    res.setHeader(
      'ETag',
      `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    );
    res.setHeader('Last-Modified', doc.updated.toUTCString());
    res.send(body);
  } catch (err) {
    sendHttpError(res, err, req);
  }
}
