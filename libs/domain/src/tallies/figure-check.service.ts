import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import type { ActionFilter } from '../actions/action-filter.js';
import type { DisputedAs } from '../actions/action.entities.js';
import { FULL_ACTION_SELECTION, type ActionSelection } from '../actions/action-selection.js';
import { ActionService, type ActionPage } from '../actions/action.service.js';
import type { ReportedFigureEntity } from '../figures/reported-figure.entity.js';
import { ReportedFigureService } from '../figures/reported-figure.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { PageRequest } from '../common/pagination.js';
import { parseCalendarDate } from '../common/partial-date.js';
import { checkId } from '../common/uuid.js';
import type { Viewer } from '../common/viewer.js';
import { TallyRepository } from './tally.repository.js';
import { INTERVALS, type CountRange, type Interval } from './tally.types.js';
import {
  claimedRange,
  coverageOf,
  cumulativeIssues,
  describeFigure,
  describePartsAgainstWhole,
  judge,
  partsIssues,
  type ClaimedRange,
  type FigureFacts,
  type FigureIssue,
  type FigureVerdict,
  type FloatRange,
} from './figure-check.js';

/** When a check is made: the records (and the figures) as recorded at a moment; only records published by a day. */
export interface CheckOptions {
  asRecordedAt?: Date | null;
  /** Only records with at least one cited source published on or before this day. */
  publishedBy?: string | null;
  /** UNCERTAIN: count disputed actions over every non-deprecated value (README "Disagreeing sources"); the verdict then uses the widened range. */
  disputedAs?: DisputedAs | null;
}

export interface FigureCheckResult {
  figure: ReportedFigureEntity;
  /** C of DOMAIN.md §3; max null when the claim is unbounded ("at least 40"). */
  claimed: ClaimedRange;
  /** R: the tally of the figure's scope, for this viewer. */
  recorded: CountRange;
  /** The same, counting only records that cite a source other than the figure's own. */
  independent: CountRange;
  verdict: FigureVerdict;
  /** People who may or may not count: R.max - R.min. */
  undecided: number;
  explanation: string;
  /** R.max / C.min when UNDER_RECORDED; otherwise null (deprecated: coverageRange). */
  coverage: number | null;
  coverageRange: FloatRange | null;
  /** Consistency issues between this figure and its whole, its parts, or earlier/later totals. */
  issues: FigureIssue[];
  /** "40 + about 30 = 67–73, ..." when the figure has parts; else null. */
  partsSummary: string | null;
  /** The last day counted: scope.to, else the day the figure was stated. */
  countedUntil: string | null;
  /** The figure's scope as an ActionFilter (with the check's record and publication time): the actions that may count. */
  actionFilter: ActionFilter;
}

/** The agencies a scope's agency codes count: each with every agency under it (ReferenceService.agencyCodesWithin). */
export type AgenciesWithin = (codes: readonly string[]) => string[];

/** The figure's scope as an ActionFilter (empty lists mean "any"); its period ends when it was stated unless scope.to says. */
export function scopeFilter(
  f: ReportedFigureEntity,
  within: AgenciesWithin,
  options: CheckOptions = {},
): ActionFilter {
  const list = <T>(values: T[]) => (values.length ? values : null);
  return {
    actionTypes: list(f.scopeActionTypes),
    reasonCodes: list(f.scopeReasonCodes),
    provinceCodes: list(f.scopeProvinceCodes),
    rankCodes: list(f.scopeRankCodes),
    agencyCodes: list(within(f.scopeAgencyCodes)),
    from: f.scopeFrom,
    to: f.scopeTo ?? f.statedOn,
    includeRetracted: false,
    asRecordedAt: options.asRecordedAt ?? null,
    publishedBy: options.publishedBy ?? null,
    disputedAs: options.disputedAs ?? null,
  };
}

/** What the pure checks need of a figure; its agencies with their sub-agencies, so that scopes compare as the counts do. */
export function figureFacts(f: ReportedFigureEntity, within: AgenciesWithin): FigureFacts {
  return {
    id: f.id,
    value: f.value,
    qualifier: f.qualifier,
    tolerance: f.tolerance,
    description: f.description,
    scope: {
      actionTypes: f.scopeActionTypes,
      reasonCodes: f.scopeReasonCodes,
      provinceCodes: f.scopeProvinceCodes,
      rankCodes: f.scopeRankCodes,
      agencyCodes: within(f.scopeAgencyCodes),
      from: f.scopeFrom,
      to: f.scopeTo ?? f.statedOn,
    },
  };
}

// 100 figures per batch: a page of figures; each adds four aggregates to one scan of the records.
const MAX_BATCH = 100;

/** Fact checks of published figures (DOMAIN.md §3), one at a time or a page at once (one scan of the records). */
@Injectable()
export class FigureCheckService {
  constructor(
    private readonly figures: ReportedFigureService,
    private readonly tallies: TallyRepository,
    private readonly actions: ActionService,
    private readonly reference: ReferenceService,
  ) {}

  private readonly within: AgenciesWithin = (codes) => this.reference.agencyCodesWithin(codes);

  /** One figure's check; NOT_FOUND when it does not exist (or had not been recorded yet at `asRecordedAt`). */
  async check(
    figureId: string,
    viewer: Viewer,
    options: CheckOptions = {},
    field = 'id',
  ): Promise<FigureCheckResult> {
    const [result] = await this.checkMany([checkId(figureId, field)], viewer, options);
    if (!result) throw DomainError.notFound('Reported figure', figureId, field);
    return result;
  }

  /**
   * The checks of several figures, in the order of `ids` (null for one that does not exist at that
   * record time): their recorded ranges in one statement, their related figures in one read.
   */
  async checkMany(
    ids: readonly string[],
    viewer: Viewer,
    options: CheckOptions = {},
  ): Promise<(FigureCheckResult | null)[]> {
    if (options.publishedBy != null) parseCalendarDate(options.publishedBy, 'publishedBy');
    const out: (FigureCheckResult | null)[] = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH)
      out.push(...(await this.checkBatch(ids.slice(i, i + MAX_BATCH), viewer, options)));
    return out;
  }

  private async checkBatch(
    ids: readonly string[],
    viewer: Viewer,
    options: CheckOptions,
  ): Promise<(FigureCheckResult | null)[]> {
    const asOf = options.asRecordedAt ?? null;
    const [found, all] = await Promise.all([
      this.figures.getByIds(ids, asOf),
      this.figures.all(asOf),
    ]);
    const byId = new Map(found.map((f) => [f.id, f]));
    const figures = ids
      .map((id) => byId.get(id))
      .filter((f): f is ReportedFigureEntity => Boolean(f));
    const statements = new Statements(all);
    const ranges = await this.tallies.checkRanges(
      figures.map((f) => ({
        filter: scopeFilter(f, this.within, options),
        ownSourceIds: statements.sourcesOf(f),
      })),
      viewer,
      asOf,
    );
    const rangeOf = new Map(figures.map((f, i) => [f.id, ranges[i]]));
    // Only independent statements are compared: a repeat is neither a second confirmation nor a second contradiction.
    const facts = statements.originals.map((f) => figureFacts(f, this.within));
    return ids.map((id) => {
      const figure = byId.get(id);
      if (!figure) return null;
      const { recorded, independent } = rangeOf.get(id)!;
      const claimed = claimedRange(figure.value, figure.qualifier, figure.tolerance);
      const judgement = judge(
        claimed,
        recorded,
        independent,
        figure.description ? `“${figure.description}”` : describeFigure(figure),
      );
      const children = statements.partsOf(figure.id);
      return {
        figure,
        claimed,
        recorded,
        independent,
        ...judgement,
        coverage: coverageOf(claimed, recorded),
        // A repeat has the issues of the statement it repeats (the same ones, not a second set).
        issues: this.issuesOf(statements.originalOf(figure), statements, facts),
        partsSummary: describePartsAgainstWhole(
          { ...figureFacts(figure, this.within), partsAreExhaustive: figure.partsAreExhaustive },
          children.map((c) => figureFacts(c, this.within)),
        ),
        countedUntil: figure.scopeTo ?? figure.statedOn,
        actionFilter: scopeFilter(figure, this.within, options),
      };
    });
  }

  /**
   * checkAsStated: the check counting only records whose sources had been published by the day the
   * figure was stated (its scope's last day when the day it was stated is unknown): could the figure
   * have been verified from public reports on that day?
   */
  async checkAsStated(figureId: string, viewer: Viewer): Promise<FigureCheckResult> {
    const figure = await this.figures.getById(figureId);
    return this.check(figure.id, viewer, { publishedBy: statementDay(figure) });
  }

  /**
   * The verdict of a figure by publication date: one point per period of `interval` from the one
   * holding the day the figure was stated to the one holding today, each the check counting only
   * records with a source published by the end of that period (today for the current one). All
   * points are counted in one scan of the records. More than MAX_VERDICT_POINTS[interval] periods
   * are refused (BAD_USER_INPUT on `interval`, reason TOO_MANY_PERIODS): use a longer interval.
   */
  async verdictTimeline(
    figureId: string,
    interval: Interval,
    viewer: Viewer,
    today: string = utcToday(),
  ): Promise<VerdictPoint[]> {
    if (!(INTERVALS as readonly string[]).includes(interval)) {
      throw DomainError.badInput(
        'interval',
        `Unknown interval "${String(interval)}": use one of ${INTERVALS.join(', ')}`,
      );
    }
    const figure = await this.figures.getById(figureId);
    const start = statementDay(figure);
    if (!start) return [];
    const max = MAX_VERDICT_POINTS[interval];
    const periods = periodsBetween(start, today, interval, max + 1);
    if (periods.length > max) {
      throw DomainError.badInput(
        'interval',
        `From ${start} to today is more than ${max} periods of a ${interval.toLowerCase()}: use a longer interval`,
        { reason: 'TOO_MANY_PERIODS', maxPeriods: max },
      );
    }
    const all = await this.figures.all();
    const ownSourceIds = new Statements(all).sourcesOf(figure);
    const ranges = await this.tallies.checkRanges(
      periods.map((p) => ({
        filter: scopeFilter(figure, this.within, { publishedBy: p.until }),
        ownSourceIds,
      })),
      viewer,
      null,
    );
    const claimed = claimedRange(figure.value, figure.qualifier, figure.tolerance);
    const wording = figure.description ? `“${figure.description}”` : describeFigure(figure);
    return periods.map((p, i) => ({
      period: p.label,
      until: p.until,
      verdict: judge(claimed, ranges[i].recorded, ranges[i].independent, wording).verdict,
      recorded: ranges[i].recorded,
      independent: ranges[i].independent,
    }));
  }

  /** The actions that may contribute to the figure (its scope's filter), newest entry first. */
  actionsOf(
    check: Pick<FigureCheckResult, 'actionFilter'>,
    page: PageRequest,
    viewer: Viewer,
    selection: ActionSelection = FULL_ACTION_SELECTION,
  ): Promise<ActionPage> {
    return this.actions.list(check.actionFilter, page, viewer, selection);
  }

  countActionsOf(check: Pick<FigureCheckResult, 'actionFilter'>, viewer: Viewer): Promise<number> {
    return this.actions.count(check.actionFilter, viewer);
  }

  /** Issues involving the figure: as a whole, as a part of its whole, and as a running total (repeats left out). */
  private issuesOf(
    figure: ReportedFigureEntity,
    statements: Statements,
    facts: readonly FigureFacts[],
  ): FigureIssue[] {
    const issues: FigureIssue[] = [];
    const wholes = [figure, ...statements.originals.filter((f) => f.id === figure.parentId)];
    for (const whole of wholes) {
      const parts = statements.partsOf(whole.id).map((c) => figureFacts(c, this.within));
      issues.push(
        ...partsIssues(
          { ...figureFacts(whole, this.within), partsAreExhaustive: whole.partsAreExhaustive },
          parts,
        ),
      );
    }
    issues.push(...cumulativeIssues(facts, figure.id));
    return issues;
  }
}

/** The most periods a verdict timeline answers, per interval (each period adds a figure's four aggregates to one scan). */
export const MAX_VERDICT_POINTS: Readonly<Record<Interval, number>> = {
  DAY: 92,
  WEEK: 104,
  MONTH: 120,
  YEAR: 30,
};

/** One point of a verdict timeline: the check counting only records published by `until`. */
export interface VerdictPoint {
  /** DAY "2024-01-23", WEEK "2024-W04" (ISO), MONTH "2024-01", YEAR "2024". */
  period: string;
  /** The publication day counted up to: the period's last day, or today for the current period. */
  until: string;
  verdict: FigureVerdict;
  recorded: CountRange;
  independent: CountRange;
}

/** The day a figure was stated; its scope's last day when that is unknown (it was stated on or after it). */
export function statementDay(f: Pick<ReportedFigureEntity, 'statedOn' | 'scopeTo'>): string | null {
  return f.statedOn ?? f.scopeTo;
}

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the period of `interval` holding `day` (UTC). WEEK: the ISO week's Monday. */
function periodStart(day: Date, interval: Interval): Date {
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth();
  switch (interval) {
    case 'DAY':
      return day;
    case 'WEEK':
      return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
    case 'MONTH':
      return new Date(Date.UTC(y, m, 1));
    case 'YEAR':
      return new Date(Date.UTC(y, 0, 1));
  }
}

function nextPeriod(start: Date, interval: Interval): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  switch (interval) {
    case 'DAY':
      return new Date(start.getTime() + DAY_MS);
    case 'WEEK':
      return new Date(start.getTime() + 7 * DAY_MS);
    case 'MONTH':
      return new Date(Date.UTC(y, m + 1, 1));
    case 'YEAR':
      return new Date(Date.UTC(y + 1, 0, 1));
  }
}

/** The ISO week label of a week starting on Monday `monday`: its Thursday's year, "2024-W04". */
function isoWeekLabel(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${pad(week)}`;
}

function periodLabel(start: Date, interval: Interval): string {
  switch (interval) {
    case 'DAY':
      return isoDay(start);
    case 'WEEK':
      return isoWeekLabel(start);
    case 'MONTH':
      return `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}`;
    case 'YEAR':
      return String(start.getUTCFullYear());
  }
}

/** The periods from the one holding `from` to the one holding `to` (at most `limit`), each with its last day, cut at `to`. */
export function periodsBetween(
  from: string,
  to: string,
  interval: Interval,
  limit: number,
): { label: string; until: string }[] {
  const out: { label: string; until: string }[] = [];
  const end = new Date(`${to}T00:00:00Z`);
  for (
    let p = periodStart(new Date(`${from}T00:00:00Z`), interval);
    p <= end && out.length < limit;
    p = nextPeriod(p, interval)
  ) {
    const last = new Date(nextPeriod(p, interval).getTime() - DAY_MS);
    out.push({ label: periodLabel(p, interval), until: isoDay(last < end ? last : end) });
  }
  return out;
}

/**
 * The figures as statements: a repeat (the same statement reported by another outlet) belongs to
 * its original. The consistency checks compare originals only; a statement's sources are its
 * original's and every repeat's, and none of them is independent of it.
 */
class Statements {
  readonly originals: ReportedFigureEntity[];
  private readonly byId: Map<string, ReportedFigureEntity>;
  private readonly repeatsOf = new Map<string, ReportedFigureEntity[]>();

  constructor(readonly all: readonly ReportedFigureEntity[]) {
    this.byId = new Map(all.map((f) => [f.id, f]));
    this.originals = all.filter((f) => !f.repeatsId);
    for (const f of all)
      if (f.repeatsId)
        this.repeatsOf.set(f.repeatsId, [...(this.repeatsOf.get(f.repeatsId) ?? []), f]);
  }

  originalOf(f: ReportedFigureEntity): ReportedFigureEntity {
    return (f.repeatsId && this.byId.get(f.repeatsId)) || f;
  }

  /** The parts of a whole that are statements of their own (a repeated part is counted once). */
  partsOf(id: string): ReportedFigureEntity[] {
    return this.originals.filter((f) => f.parentId === id);
  }

  /** The sources of the statement `f` belongs to: its own, its original's, and every repeat's. */
  sourcesOf(f: ReportedFigureEntity): string[] {
    const original = this.originalOf(f);
    return [
      ...new Set([
        f.sourceId,
        original.sourceId,
        ...(this.repeatsOf.get(original.id) ?? []).map((r) => r.sourceId),
      ]),
    ];
  }
}
