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
import type { CountRange } from './tally.types.js';
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
export function scopeFilter(f: ReportedFigureEntity, within: AgenciesWithin, options: CheckOptions = {}): ActionFilter {
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
  async check(figureId: string, viewer: Viewer, options: CheckOptions = {}): Promise<FigureCheckResult> {
    const [result] = await this.checkMany([checkId(figureId)], viewer, options);
    if (!result) throw DomainError.notFound('Reported figure', figureId);
    return result;
  }

  /**
   * The checks of several figures, in the order of `ids` (null for one that does not exist at that
   * record time): their recorded ranges in one statement, their related figures in one read.
   */
  async checkMany(ids: readonly string[], viewer: Viewer, options: CheckOptions = {}): Promise<(FigureCheckResult | null)[]> {
    if (options.publishedBy != null) parseCalendarDate(options.publishedBy, 'publishedBy');
    const out: (FigureCheckResult | null)[] = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH) out.push(...(await this.checkBatch(ids.slice(i, i + MAX_BATCH), viewer, options)));
    return out;
  }

  private async checkBatch(ids: readonly string[], viewer: Viewer, options: CheckOptions): Promise<(FigureCheckResult | null)[]> {
    const asOf = options.asRecordedAt ?? null;
    const [found, all] = await Promise.all([this.figures.getByIds(ids, asOf), this.figures.all(asOf)]);
    const byId = new Map(found.map((f) => [f.id, f]));
    const figures = ids.map((id) => byId.get(id)).filter((f): f is ReportedFigureEntity => Boolean(f));
    const ranges = await this.tallies.checkRanges(
      figures.map((f) => ({ filter: scopeFilter(f, this.within, options), ownSourceId: f.sourceId })),
      viewer,
      asOf,
    );
    const rangeOf = new Map(figures.map((f, i) => [f.id, ranges[i]]));
    const facts = all.map((f) => figureFacts(f, this.within));
    return ids.map((id) => {
      const figure = byId.get(id);
      if (!figure) return null;
      const { recorded, independent } = rangeOf.get(id)!;
      const claimed = claimedRange(figure.value, figure.qualifier, figure.tolerance);
      const judgement = judge(claimed, recorded, independent, figure.description ? `“${figure.description}”` : describeFigure(figure));
      const children = all.filter((f) => f.parentId === figure.id);
      return {
        figure,
        claimed,
        recorded,
        independent,
        ...judgement,
        coverage: coverageOf(claimed, recorded),
        issues: this.issuesOf(figure, all, facts),
        partsSummary: describePartsAgainstWhole(
          { ...figureFacts(figure, this.within), partsAreExhaustive: figure.partsAreExhaustive },
          children.map((c) => figureFacts(c, this.within)),
        ),
        countedUntil: figure.scopeTo ?? figure.statedOn,
        actionFilter: scopeFilter(figure, this.within, options),
      };
    });
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

  /** Issues involving the figure: as a whole, as a part of its whole, and as a running total. */
  private issuesOf(figure: ReportedFigureEntity, all: readonly ReportedFigureEntity[], facts: readonly FigureFacts[]): FigureIssue[] {
    const issues: FigureIssue[] = [];
    const wholes = [figure, ...all.filter((f) => f.id === figure.parentId)];
    for (const whole of wholes) {
      const parts = all.filter((c) => c.parentId === whole.id).map((c) => figureFacts(c, this.within));
      issues.push(...partsIssues({ ...figureFacts(whole, this.within), partsAreExhaustive: whole.partsAreExhaustive }, parts));
    }
    issues.push(...cumulativeIssues(facts, figure.id));
    return issues;
  }
}
