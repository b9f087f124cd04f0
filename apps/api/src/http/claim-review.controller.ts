import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { APP_CONFIG, DomainError, type AppConfig } from '@app/core';
import { CheckPublicationService } from '@app/domain';
import { publicationLinks } from '../web/publication-links.js';
import { Downloads } from './download.js';
import { ApiDownload, ApiFilterQuery } from './openapi.decorators.js';

const PARAMS = ['figureId', 'asRecordedAt'];

/** A JSON array streamed from its items: `[`, the items separated by commas, `]`. */
async function* jsonArray(items: AsyncIterable<unknown>): AsyncGenerator<string> {
  let first = true;
  for await (const item of items) {
    yield `${first ? '[\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

/**
 * `GET /exports/claimreview.json` (README "Publishing a check"): the schema.org ClaimReview of
 * every published figure's check, or of one (`?figureId=`), as the records stood at `asRecordedAt`
 * (default: now). A JSON array of complete JSON-LD documents, each with its own `@context`.
 */
@Controller('exports')
export class ClaimReviewController {
  constructor(
    private readonly publication: CheckPublicationService,
    private readonly downloads: Downloads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiFilterQuery({ only: ['asRecordedAt'] })
  @ApiDownload({
    summary: 'The fact-checks as schema.org ClaimReview (JSON-LD)',
    description:
      'A JSON array of ClaimReview documents, one per published figure (`?figureId=<id>` for one figure), as the records stood at `asRecordedAt` (default: now); README "Publishing a check".',
    mediaType: 'application/json',
    schema: { type: 'array', items: { type: 'object' } },
  })
  @Get('claimreview.json')
  claimReviews(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.downloads.send(req, res, async () => {
      const query = req.query as Record<string, unknown>;
      const unknown = Object.keys(query).find((k) => !PARAMS.includes(k));
      if (unknown !== undefined)
        throw DomainError.badInput(unknown, `claimreview.json takes only ${PARAMS.join(' and ')}`);
      if (Array.isArray(query.figureId))
        throw DomainError.badInput('figureId', 'figureId must be given once');
      const at =
        query.asRecordedAt === undefined
          ? await this.publication.now()
          : await this.publication.parseMoment(query.asRecordedAt);
      const figureId = query.figureId as string | undefined;
      const reviews = this.publication.claimReviews(
        at,
        publicationLinks(req, this.config),
        figureId,
      );
      // The first review is made before the answer starts, so an unknown figure answers 404.
      const first = await reviews.next();
      async function* all(): AsyncGenerator<unknown> {
        if (!first.done) yield first.value;
        yield* reviews;
      }
      return {
        contentType: 'application/ld+json; charset=utf-8',
        fileName: 'claimreview.json',
        body: Readable.from(jsonArray(all())),
      };
    });
  }
}
