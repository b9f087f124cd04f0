import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DomainError } from '@app/core';
import type { ExportQuery } from '../exchange/export-query.js';
import { WITHHELD_PUBLISHER, WITHHELD_TITLE } from '../exchange/action-columns.js';
import type { ReportedFigureEntity } from '../figures/reported-figure.entity.js';
import { ReportedFigureService } from '../figures/reported-figure.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { SourceService } from '../sources/source.service.js';
import { describeFigure } from '../tallies/figure-check.js';
import { FigureCheckService } from '../tallies/figure-check.service.js';
import { ANONYMOUS } from '../common/viewer.js';
import { visibilityOf } from '../access/visibility.js';
import { NEVER } from './action-feed.service.js';
import { FEED_PATHS, figureAddress, nameBasedId, recordId } from './feed-addresses.js';
import { dayWords, peopleWords, rangeWords, scopeWords, verdictWords } from './feed-words.js';
import {
  FEED_ENTRIES,
  FEED_PUBLISHER,
  type FeedCategory,
  type FeedDocument,
  type FeedEntry,
} from './feed.types.js';
import { FigureMomentsRepository } from './figure-moments.repository.js';
import { newestFigureEvents, type FigureEvent, type VerdictAt } from './verdict-changes.js';

/** The viewer of every feed: feeds are public documents (README "Feeds"). */
const PUBLIC = ANONYMOUS;
const PUBLIC_VIEW = visibilityOf(PUBLIC);

// Checks as recorded at a past moment that one request may run: each rebuilds the figure's scope
// from the edit history (measured on 5,000 actions: ~15 ms on a server, ~30 ms embedded), so 20
// keep a request under a second; what they find is remembered, and the next request goes on.
export const MAX_EVALUATIONS_PER_REQUEST = 20;
// Moments looked at per figure, newest first: a feed shows recent changes; older changes of a figure
// whose scope changed more often than this are left to checkFigure(asRecordedAt). It bounds the
// checks a new process runs before its feed is complete (figures x 100, 20 a request).
export const MAX_MOMENTS_PER_FIGURE = 100;
// Figures looked at, newest first: more than a campaign's published figures (the seed has 3).
export const MAX_FIGURES = 1_000;
// Verdicts remembered (about 300 bytes each, 6 MB in all): a verdict as recorded at a settled
// moment never changes, so they are kept until the least recently used goes.
export const MAX_REMEMBERED_VERDICTS = 20_000;
// Figures read per page when listing them (the largest page the figure list serves).
const FIGURE_PAGE = 100;

/**
 * `/feeds/figures.atom`: each reported figure when it was recorded (with its verdict now), and each
 * change of a figure's verdict, in record time: the verdict as recorded at a moment is what
 * `FigureCheckService.check(figure, viewer, asRecordedAt)` answers, evaluated at the moments when
 * what the figure counts changed (FigureMomentsRepository). Newest 50 first, as an anonymous
 * caller sees them.
 */
@Injectable()
export class FigureFeedService {
  private readonly remembered = new LRUCache<string, VerdictAt>({ max: MAX_REMEMBERED_VERDICTS });
  /** The feed being built now: concurrent requests wait for the same one instead of repeating its checks. */
  private building: Promise<FeedDocument> | null = null;
  /** Checks run by the last build (for the README's figures and the tests). */
  lastEvaluations = 0;

  constructor(
    private readonly figures: ReportedFigureService,
    private readonly checks: FigureCheckService,
    private readonly sources: SourceService,
    private readonly reference: ReferenceService,
    private readonly moments: FigureMomentsRepository,
  ) {}

  /** The figures feed takes no parameter: any is refused, naming it. */
  async feed(query: ExportQuery): Promise<FeedDocument> {
    const unknown = Object.keys(query)[0];
    if (unknown !== undefined)
      throw DomainError.badInput(
        unknown,
        `Unknown parameter "${unknown}": the figures feed takes none (every figure, newest first)`,
      );
    this.building ??= this.build().finally(() => (this.building = null));
    return this.building;
  }

  private async build(): Promise<FeedDocument> {
    const figures = await this.allFigures();
    const byId = new Map(figures.map((f) => [f.id, f]));
    // What is settled is decided first: a transaction that starts later is stamped later than every moment settled now.
    const state = await this.moments.cacheState();
    const timelines = await this.moments.moments(figures, MAX_MOMENTS_PER_FIGURE + 1, (codes) =>
      this.reference.agencyCodesWithin(codes),
    );
    const key = (figureId: string, ms: number) =>
      `${figureId}:${byId.get(figureId)!.changeSeq}:${state.internalActions}:${ms}`;
    const found = await newestFigureEvents(
      timelines,
      {
        remembered: (figureId, ms) => this.remembered.get(key(figureId, ms)),
        evaluate: async (figureId, ms) => {
          const check = await this.checks.check(figureId, PUBLIC, { asRecordedAt: new Date(ms) });
          const verdict: VerdictAt = {
            verdict: check.verdict,
            claimed: check.claimed,
            recorded: check.recorded,
            coverage: check.coverage,
          };
          if (ms < state.settledBeforeMs) this.remembered.set(key(figureId, ms), verdict);
          return verdict;
        },
      },
      {
        limit: FEED_ENTRIES,
        budget: MAX_EVALUATIONS_PER_REQUEST,
        perFigure: MAX_MOMENTS_PER_FIGURE,
      },
    );
    this.lastEvaluations = found.evaluations;
    const sources = new Map(
      (
        await this.sources.getByIds([
          ...new Set(found.events.map((e) => byId.get(e.figureId)!.sourceId)),
        ])
      ).map((s) => [s.id, s]),
    );
    const newestMoment = new Map(timelines.map((t) => [t.figureId, t.moments[0]]));
    const entries: FeedEntry[] = [];
    for (const event of found.events) {
      const figure = byId.get(event.figureId)!;
      const source = sources.get(figure.sourceId);
      entries.push(
        event.kind === 'recorded'
          ? await this.recordedEntry(figure, source, newestMoment.get(figure.id))
          : this.changeEntry(figure, event),
      );
    }
    const reached = found.complete
      ? ''
      : ` Verdict changes before ${new Date(found.reachedMs!).toISOString()} are still being worked out and appear in later versions of this feed.`;
    return {
      id: nameBasedId(FEED_PATHS.figures),
      title: 'Reported figures and their verdicts',
      subtitle: `Figures published by officials and the press, each checked against the records of the police discipline tracker, and each change of a verdict as records were added, edited or retracted.${reached}`,
      updated: entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), NEVER),
      links: [
        {
          rel: 'alternate',
          type: 'text/html',
          href: '/#figures',
          title: 'The figures on the fact-check page',
        },
      ],
      authors: [{ name: FEED_PUBLISHER, uri: '/' }],
      entries,
    };
  }

  private async allFigures(): Promise<ReportedFigureEntity[]> {
    const out: ReportedFigureEntity[] = [];
    let after: string | null = null;
    while (out.length < MAX_FIGURES) {
      const page = await this.figures.list({ first: FIGURE_PAGE, after });
      out.push(...page.items);
      if (!page.hasNextPage) break;
      after = page.cursors[page.cursors.length - 1];
    }
    return out.slice(0, MAX_FIGURES);
  }

  /** "about 70: Police officials dismissed ... (Interior Ministry (spokesperson Touch Sokhak), 23 January 2024)". */
  private figureName(f: ReportedFigureEntity): string {
    const what = f.description
      ? `: ${f.description}`
      : ` ${scopeWords(this.reference, this.scopeOf(f)).join(', ') || 'disciplinary actions of any kind'}`;
    const said = [f.statedBy, f.statedOn ? dayWords(f.statedOn) : null].filter(Boolean).join(', ');
    return `${describeFigure(f)}${what}${said ? ` (${said})` : ''}`;
  }

  private scopeOf(f: ReportedFigureEntity) {
    return {
      actionTypes: f.scopeActionTypes,
      provinceCodes: f.scopeProvinceCodes,
      reasonCodes: f.scopeReasonCodes,
      rankCodes: f.scopeRankCodes,
      from: f.scopeFrom,
      to: f.scopeTo,
    };
  }

  private shown(source: SourceEntity | undefined): source is SourceEntity {
    return !!source && !PUBLIC_VIEW.withholdsSource(source);
  }

  private numbersLines(v: VerdictAt): string[] {
    return [
      `Claimed: ${peopleWords(v.claimed)}. Recorded: ${peopleWords(v.recorded)}.`,
      v.coverage !== null
        ? `The records account for at most ${Math.round(v.coverage * 100)} % of the claim.`
        : '',
    ].filter(Boolean);
  }

  /** `changedMs`: the last moment what the figure counts changed (its recorded range, in the text, may have changed then). */
  private async recordedEntry(
    f: ReportedFigureEntity,
    source: SourceEntity | undefined,
    changedMs: number | undefined,
  ): Promise<FeedEntry> {
    const check = await this.checks.check(f.id, PUBLIC);
    const name = this.figureName(f);
    const shown = this.shown(source);
    const scope = scopeWords(this.reference, this.scopeOf(f));
    const lines = [
      `Claim: ${describeFigure(f)}${f.statedBy ? `, stated by ${f.statedBy}` : ''}${f.statedOn ? ` on ${dayWords(f.statedOn)}` : ''}.`,
      f.description ? `What it counts: ${f.description}.` : '',
      `Scope: ${scope.length ? scope.join(', ') : 'every action'}.`,
      shown
        ? `Source: ${source.title}, ${source.publisher}${f.locator ? ` (${f.locator})` : ''}${f.excerpt ? `: “${f.excerpt}”` : ''}${source.url ? ` ${source.url}` : ''}`
        : `Source: ${WITHHELD_TITLE} (${WITHHELD_PUBLISHER}): its title, publisher and wording are not published.`,
      `Verdict now: ${verdictWords(check.verdict)}.`,
      ...this.numbersLines(check),
      ...check.issues.map((i) => `Consistency: ${i.message}`),
      check.partsSummary ? `Parts: ${check.partsSummary}` : '',
    ].filter(Boolean);
    return {
      id: recordId(f.id),
      title: name,
      updated:
        changedMs !== undefined && changedMs > f.recordedAt.getTime()
          ? new Date(changedMs)
          : f.recordedAt,
      published: f.createdAt,
      at: f.createdAt,
      links: [
        {
          rel: 'alternate',
          type: 'text/html',
          href: figureAddress(f.id),
          title: 'On the fact-check page',
        },
        ...(shown && source.url
          ? [{ rel: 'related' as const, href: source.url, title: source.title }]
          : []),
      ],
      summary: `${name}: ${verdictWords(check.verdict)} (claimed ${rangeWords(check.claimed)}, recorded ${rangeWords(check.recorded)}).`,
      content: lines.join('\n'),
      categories: [this.verdictCategory(check.verdict), ...this.scopeCategories(f)],
      authors: [{ name: shown ? source.publisher : FEED_PUBLISHER }],
    };
  }

  private changeEntry(
    f: ReportedFigureEntity,
    e: Extract<FigureEvent, { kind: 'changed' }>,
  ): FeedEntry {
    const at = new Date(e.ms);
    const name = this.figureName(f);
    const change = `${verdictWords(e.now.verdict)} (was ${verdictWords(e.before.verdict)})`;
    const lines = [
      `As recorded at ${at.toISOString()}, the verdict on ${describeFigure(f)} changed from ${verdictWords(e.before.verdict)} to ${verdictWords(e.now.verdict)}.`,
      ...this.numbersLines(e.now),
      `Before: recorded ${peopleWords(e.before.recorded)}.`,
      `The figure: ${name}.`,
      `The same check: checkFigure(id: "${f.id}", asRecordedAt: "${at.toISOString()}").`,
    ];
    return {
      id: nameBasedId(`figure/${f.id}/verdict/${e.ms}`),
      title: `Verdict on ${name}: ${change}`,
      // A figure edited later rewrites what this entry says of it.
      updated: f.recordedAt > at ? f.recordedAt : at,
      published: at,
      at,
      links: [
        {
          rel: 'alternate',
          type: 'text/html',
          href: figureAddress(f.id),
          title: 'On the fact-check page',
        },
      ],
      summary: `Verdict on ${describeFigure(f)}: ${change}.`,
      content: lines.join('\n'),
      categories: [this.verdictCategory(e.now.verdict), ...this.scopeCategories(f)],
      authors: [{ name: FEED_PUBLISHER, uri: '/' }],
    };
  }

  private verdictCategory(verdict: string): FeedCategory {
    return { term: verdict, label: `Verdict: ${verdictWords(verdict)}` };
  }

  /** The scope's action types, provinces and reasons, in the vocabularies of the actions feed. */
  private scopeCategories(f: ReportedFigureEntity): FeedCategory[] {
    const scheme = (param: string) => `${FEED_PATHS.actions}?${param}=`;
    return [
      ...f.scopeActionTypes.map((t) => ({ term: t, scheme: scheme('actionType') })),
      ...f.scopeProvinceCodes.map((c) => ({
        term: c,
        scheme: scheme('province'),
        label: this.reference.province(c)?.name,
      })),
      ...f.scopeReasonCodes.map((c) => ({
        term: c,
        scheme: scheme('reason'),
        label: this.reference.reason(c)?.label,
      })),
    ];
  }
}
