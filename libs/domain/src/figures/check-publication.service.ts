import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { DomainError } from '@app/core';
import { parseDateTime } from '../common/partial-date.js';
import { checkId } from '../common/uuid.js';
import { HistoryRepository } from '../history/history.repository.js';
import { ANONYMOUS } from '../common/viewer.js';
import { SourceService } from '../sources/source.service.js';
import { FigureCheckService, type FigureCheckResult } from '../tallies/figure-check.service.js';
import { ReportedFigureService } from './reported-figure.service.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';
import {
  canonicalCheck,
  claimReview,
  type CanonicalCheck,
  type PublicSource,
  type Publisher,
} from './claim-review.js';

/** A check as published at a moment: its result, its canonical data, their JSON and SHA-256. */
export interface PublishedCheck {
  result: FigureCheckResult;
  source: PublicSource | null;
  canonical: CanonicalCheck;
  /** The canonical JSON (RFC 8785: sorted keys, no whitespace), the bytes the hash is of. */
  json: string;
  /** SHA-256 of `json`, hex. */
  sha256: string;
  at: Date;
}

/** A published check with the figures it names, as recorded at the same moment (its whole, its parts, the figures of its issues). */
export interface PublishedCheckWithFigures extends PublishedCheck {
  related: ReportedFigureEntity[];
}

/** Where a published check lives and who publishes it. */
export interface PublicationLinks {
  publisher: Publisher;
  /** The absolute permalink of a figure's check at a moment. */
  permalink(figureId: string, at: Date): string;
}

// 100 figures checked together: the batch of FigureCheckService (one scan of the records each).
const CLAIM_REVIEW_BATCH = 100;

/**
 * Publishing checks (README "Publishing a check"): a figure's check exactly as the records stood at
 * a moment, identified by the SHA-256 of its canonical JSON, and the schema.org ClaimReview of each.
 * Always as the public sees it, whoever asks: a published check is the same for every reader (no
 * INTERNAL record counts, no confidential source is named or quoted), so its hash is too.
 */
@Injectable()
export class CheckPublicationService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly checks: FigureCheckService,
    private readonly figures: ReportedFigureService,
    private readonly sources: SourceService,
  ) {}

  /**
   * The moment a permalink names when none is given: now by the database's clock, the clock that
   * stamps record times (the API's may differ).
   */
  now(): Promise<Date> {
    return this.history.now();
  }

  /**
   * A permalink's moment from the address: an ISO 8601 date and time with a zone, not in the
   * future (a moment still to come could be replayed differently once it has passed).
   */
  async parseMoment(raw: unknown, field = 'asRecordedAt'): Promise<Date> {
    if (typeof raw !== 'string') throw DomainError.badInput(field, `${field} must be given once`);
    const at = parseDateTime(raw, field);
    if (at.getTime() > (await this.now()).getTime()) {
      throw DomainError.badInput(
        field,
        `${field} is in the future: a permalink names a moment that has passed`,
      );
    }
    return at;
  }

  /** NOT_FOUND unless the figure exists now (before redirecting to the permalink of the current moment). */
  async assertExists(figureId: string, field = 'figureId'): Promise<string> {
    const id = checkId(figureId, field);
    await this.figures.getById(id, field);
    return id;
  }

  /** A figure's check as recorded at `at`; NOT_FOUND when the figure had not been recorded by then. */
  async publish(figureId: string, at: Date, field = 'figureId'): Promise<PublishedCheck> {
    const id = checkId(figureId, field);
    const result = await this.checks.check(id, ANONYMOUS, { asRecordedAt: at }, field);
    const [source] = await this.sources.getByIds([result.figure.sourceId]);
    return this.sealed(result, source ?? null, at);
  }

  /** As publish, with the figures the check names (for a page that links them). */
  async publishWithFigures(figureId: string, at: Date): Promise<PublishedCheckWithFigures> {
    const published = await this.publish(figureId, at);
    const f = published.result.figure;
    const named = new Set([f.parentId, ...published.result.issues.flatMap((i) => i.figureIds)]);
    const related = (await this.figures.all(at)).filter(
      (x) => x.id !== f.id && (named.has(x.id) || x.parentId === f.id),
    );
    return { ...published, related };
  }

  /**
   * The ClaimReview of every figure recorded by `at` (or of one), oldest statement first, checked
   * in batches. NOT_FOUND for a `figureId` that had not been recorded by then.
   */
  async *claimReviews(
    at: Date,
    links: PublicationLinks,
    figureId?: string,
  ): AsyncGenerator<Record<string, unknown>> {
    if (figureId !== undefined) {
      const one = await this.publish(figureId, at);
      yield claimReview(one.result, one.source, {
        publisher: links.publisher,
        url: links.permalink(one.result.figure.id, at),
        asRecordedAt: at,
        sha256: one.sha256,
      });
      return;
    }
    const all = (await this.figures.all(at)).sort(
      (a, b) =>
        (a.statedOn ?? a.scopeTo ?? '9999').localeCompare(b.statedOn ?? b.scopeTo ?? '9999') ||
        Number(a.seq) - Number(b.seq),
    );
    const sources = new Map(
      (await this.sources.getByIds([...new Set(all.map((f) => f.sourceId))])).map((s) => [s.id, s]),
    );
    for (let i = 0; i < all.length; i += CLAIM_REVIEW_BATCH) {
      const batch = all.slice(i, i + CLAIM_REVIEW_BATCH);
      const results = await this.checks.checkMany(
        batch.map((f) => f.id),
        ANONYMOUS,
        { asRecordedAt: at },
      );
      for (const result of results) {
        if (!result) continue;
        const published = this.sealed(result, sources.get(result.figure.sourceId) ?? null, at);
        yield claimReview(result, published.source, {
          publisher: links.publisher,
          url: links.permalink(result.figure.id, at),
          asRecordedAt: at,
          sha256: published.sha256,
        });
      }
    }
  }

  private sealed(result: FigureCheckResult, source: PublicSource | null, at: Date): PublishedCheck {
    const publicSource: PublicSource | null = source && {
      url: source.url,
      title: source.title,
      publisher: source.publisher,
      language: source.language,
      confidential: source.confidential,
    };
    const canonical = canonicalCheck(result, publicSource, at);
    const json = canonicalize(canonical);
    if (json === undefined) throw new Error(`the check of ${result.figure.id} has no JSON form`);
    return {
      result,
      source: publicSource,
      canonical,
      json,
      sha256: createHash('sha256').update(json, 'utf8').digest('hex'),
      at,
    };
  }
}
