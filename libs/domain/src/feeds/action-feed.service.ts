import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/core';
import type { ActionFilter } from '../actions/action-filter.js';
import type { DisciplinaryActionEntity } from '../actions/action.entities.js';
import { ActionService, type ActionPage } from '../actions/action.service.js';
import { ExportService } from '../exchange/export.service.js';
import type { ExportQuery } from '../exchange/export-query.js';
import { WITHHELD_PUBLISHER, WITHHELD_TITLE } from '../exchange/action-columns.js';
import { OfficerService } from '../officers/officer.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { SourceService } from '../sources/source.service.js';
import { ANONYMOUS } from '../common/viewer.js';
import { visibilityOf } from '../access/visibility.js';
import {
  actionsFeedAddress,
  FEED_PATHS,
  nameBasedId,
  pageAddress,
  recordAddress,
  recordId,
} from './feed-addresses.js';
import {
  actionTypeWords,
  capitalise,
  dayWords,
  listWords,
  occurredWords,
  scopeWords,
} from './feed-words.js';
import {
  FEED_ENTRIES,
  FEED_PUBLISHER,
  type FeedCategory,
  type FeedDocument,
  type FeedEntry,
  type FeedLink,
} from './feed.types.js';

// A feed with no entry has never changed: its `updated` is the start of the epoch, the same on
// every request and in every process (so that its ETag and Last-Modified stay put).
export const NEVER = new Date(0);

/** The viewer of every feed: feeds are public documents (README "Feeds"). */
const PUBLIC = ANONYMOUS;
const PUBLIC_VIEW = visibilityOf(PUBLIC);

/**
 * `/feeds/actions.atom`: the newest records (by entry, newest first) that the filters of the
 * downloads select, as an anonymous caller sees them: never an INTERNAL record, never what
 * identifies a confidential source.
 */
@Injectable()
export class ActionFeedService {
  constructor(
    private readonly exports: ExportService,
    private readonly actions: ActionService,
    private readonly reference: ReferenceService,
    private readonly officers: OfficerService,
    private readonly sources: SourceService,
  ) {}

  /** BAD_USER_INPUT naming the parameter for an unknown or invalid one, as the downloads answer. */
  async feed(query: ExportQuery): Promise<FeedDocument> {
    const filter = await this.exports.filterFrom(query);
    const page = await this.actions.list(filter, { first: FEED_ENTRIES }, PUBLIC);
    const entries = page.items.map((a) => this.entry(a, page));
    const title = `Disciplinary actions${await this.filterWords(filter)}`;
    return {
      id: nameBasedId(actionsFeedAddress(filter)),
      title,
      subtitle:
        'The newest records of the police discipline tracker, newest first, each with its sources.',
      updated: entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), NEVER),
      links: [
        {
          rel: 'alternate',
          type: 'text/html',
          href: pageAddress(filter),
          title: 'The fact-check page for this view',
        },
      ],
      authors: [{ name: FEED_PUBLISHER, uri: '/' }],
      entries,
    };
  }

  private entry(a: DisciplinaryActionEntity, page: ActionPage): FeedEntry {
    const parts = page.parts.get(a.id);
    const officer = a.officerId ? page.officers.get(a.officerId) : undefined;
    const rank = this.reference.rank(a.rankCode);
    const province = this.reference.province(a.provinceCode);
    const who = officer
      ? [rank?.name ?? a.rankText, officer.fullName].filter(Boolean).join(' ')
      : a.subjectCount > 1
        ? `${a.subjectCount} police officers`
        : `an unnamed ${rank?.name ?? a.rankText ?? 'police officer'}`;
    const retracted = a.retractedAt ? 'Retracted: ' : '';
    const title = `${retracted}${capitalise(actionTypeWords(a.actionType))} of ${[
      who,
      province?.name,
      occurredWords(a.occurred, a.occurredFrom, a.occurredTo),
    ]
      .filter(Boolean)
      .join(', ')}`;
    const citations = (parts?.citations ?? []).map((c) => ({
      citation: c,
      source: page.sources.get(c.sourceId),
    }));
    const shown = (s: SourceEntity | undefined): s is SourceEntity =>
      !!s && !PUBLIC_VIEW.withholdsSource(s);
    const reasons = (parts?.reasonCodes ?? a.reasonCodes).map(
      (code) => this.reference.reason(code)?.label ?? code,
    );

    const lines = [
      `${capitalise(actionTypeWords(a.actionType))} of ${who}${a.subjectDescription && !officer ? ` (${a.subjectDescription})` : ''}.`,
      a.rankText && rank && a.rankText !== rank.name
        ? `Rank as the source writes it: ${a.rankText}.`
        : '',
      a.position ? `Position: ${a.position}.` : '',
      `Province: ${province ? `${province.name}${province.nameKm ? ` (${province.nameKm})` : ''}` : 'national or not known'}.`,
      `When: ${occurredWords(a.occurred, a.occurredFrom, a.occurredTo, true)} (recorded as ${a.occurred}).`,
      `People: ${a.subjectCount}.`,
      `Reasons: ${listWords(reasons)}${a.reasonDetail ? `; the source says: ${a.reasonDetail}` : ''}.`,
      a.decidedBy ? `Decided by: ${a.decidedBy}.` : '',
      officer?.fullNameKm ? `Name in Khmer: ${officer.fullNameKm}.` : '',
      a.retractedAt
        ? `Retracted on ${dayWords(a.retractedAt.toISOString().slice(0, 10))}${a.retractionReason ? `: ${a.retractionReason}` : ''}.`
        : '',
      citations.length ? 'Sources:' : '',
      ...citations.map(({ citation, source }) =>
        shown(source)
          ? `- ${source.title}, ${source.publisher}${source.publishedOn ? `, ${dayWords(source.publishedOn)}` : ''}${citation.locator ? ` (${citation.locator})` : ''}${
              citation.excerpt ? `: “${citation.excerpt}”` : ''
            }${source.url ? ` ${source.url}` : ''}`
          : `- ${WITHHELD_TITLE} (${WITHHELD_PUBLISHER}): its title, publisher and excerpt are not published.`,
      ),
    ].filter(Boolean);

    const links: FeedLink[] = [
      {
        rel: 'alternate',
        type: 'text/html',
        href: recordAddress(a),
        title: 'On the fact-check page',
      },
    ];
    const seen = new Set<string>();
    for (const { source } of citations) {
      if (!shown(source) || !source.url || seen.has(source.url)) continue;
      seen.add(source.url);
      links.push({ rel: 'related', href: source.url, title: source.title });
    }
    const firstPublisher = citations.map((c) => c.source).find(shown)?.publisher;
    return {
      id: recordId(a.id),
      title,
      updated: a.recordedAt,
      published: a.createdAt,
      at: a.createdAt,
      links,
      content: lines.join('\n'),
      categories: this.categories(a, reasons),
      authors: [{ name: firstPublisher ?? FEED_PUBLISHER }],
    };
  }

  /** Action type, province and reasons, each naming the feed of its category (scheme + term). */
  private categories(a: DisciplinaryActionEntity, reasonLabels: string[]): FeedCategory[] {
    const scheme = (param: string) => `${FEED_PATHS.actions}?${param}=`;
    const out: FeedCategory[] = [
      {
        term: a.actionType,
        scheme: scheme('actionType'),
        label: capitalise(actionTypeWords(a.actionType)),
      },
    ];
    const province = this.reference.province(a.provinceCode);
    if (province)
      out.push({ term: province.code, scheme: scheme('province'), label: province.name });
    a.reasonCodes.forEach((code, i) =>
      out.push({ term: code, scheme: scheme('reason'), label: reasonLabels[i] ?? code }),
    );
    return out;
  }

  /** The filter in words, for the feed's title: ": dismissals, Prey Veng, from 1 November 2023 to 23 January 2024". */
  private async filterWords(f: ActionFilter): Promise<string> {
    const words = scopeWords(this.reference, f);
    if (f.officerId) words.push(`concerning ${await this.officerName(f.officerId)}`);
    if (f.sourceId) words.push(`citing ${await this.sourceName(f.sourceId)}`);
    if (f.includeRetracted) words.push('retracted records included');
    if (f.asRecordedAt) words.push(`as recorded at ${f.asRecordedAt.toISOString()}`);
    return words.length ? `: ${words.join(', ')}` : '';
  }

  private async officerName(id: string): Promise<string> {
    try {
      return (await this.officers.getById(id, PUBLIC)).fullName;
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND)
        return 'an officer in no public record';
      throw err;
    }
  }

  private async sourceName(id: string): Promise<string> {
    try {
      const source = await this.sources.getById(id);
      return PUBLIC_VIEW.withholdsSource(source)
        ? 'a confidential source'
        : `“${source.title}” (${source.publisher})`;
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND)
        return 'an unknown source';
      throw err;
    }
  }
}
