import { Injectable } from '@nestjs/common';
import type { ActionFilter } from '../actions/action-filter.js';
import { FULL_ACTION_SELECTION, type ActionSelection } from '../actions/action-selection.js';
import { ActionService, type ActionPage } from '../actions/action.service.js';
import type { ReportedFigureEntity } from '../figures/reported-figure.entity.js';
import { ReportedFigureService } from '../figures/reported-figure.service.js';
import type { PageRequest } from '../common/pagination.js';
import type { Viewer } from '../common/viewer.js';
import { TallyService } from './tally.service.js';
import type { CountRange } from './tally.types.js';
import {
  claimedRange,
  coverageOf,
  cumulativeIssues,
  describePartsAgainstWhole,
  partsIssues,
  verdictOf,
  type ClaimedRange,
  type FigureIssue,
  type FigureVerdict,
} from './figure-check.js';

export interface FigureCheckResult {
  figure: ReportedFigureEntity;
  /** C of DOMAIN.md §3; max null when the claim is unbounded ("at least 40"). */
  claimed: ClaimedRange;
  /** R: the tally of the figure's scope, for this viewer. */
  recorded: CountRange;
  verdict: FigureVerdict;
  /** R.max / C.min when UNDER_RECORDED; otherwise null. */
  coverage: number | null;
  /** Consistency issues between this figure and its whole, its parts, or its earlier/later totals. */
  issues: FigureIssue[];
  /** "40 + about 30 = 67–73, consistent with about 70 (63–77)" when the figure has parts; else null. */
  partsSummary: string | null;
  /** The figure's scope as an ActionFilter: the actions that may contribute (page them with `actions`). */
  actionFilter: ActionFilter;
}

interface RelatedFigures {
  children: ReportedFigureEntity[];
  wholes: ReportedFigureEntity[];
  sameScope: ReportedFigureEntity[];
}

/** The figure's scope as an ActionFilter (empty lists mean "any"). */
export function scopeFilter(f: ReportedFigureEntity): ActionFilter {
  const list = <T>(values: T[]) => (values.length ? values : null);
  return {
    actionTypes: list(f.scopeActionTypes),
    reasonCodes: list(f.scopeReasonCodes),
    provinceCodes: list(f.scopeProvinceCodes),
    rankCodes: list(f.scopeRankCodes),
    from: f.scopeFrom,
    to: f.scopeTo,
    includeRetracted: false,
  };
}

/** Fact checks of published figures (DOMAIN.md §3). */
@Injectable()
export class FigureCheckService {
  constructor(
    private readonly figures: ReportedFigureService,
    private readonly tallies: TallyService,
    private readonly actions: ActionService,
  ) {}

  /** `asRecordedAt`: the records as the database held them then (the figures as they are now). */
  async check(figureId: string, viewer: Viewer, asRecordedAt?: Date | null): Promise<FigureCheckResult> {
    const figure = await this.figures.getById(figureId);
    const actionFilter = { ...scopeFilter(figure), asRecordedAt: asRecordedAt ?? null };
    const [tally, related] = await Promise.all([this.tallies.tally(actionFilter, [], viewer), this.relatedFigures(figure)]);
    const issues = this.issuesOf(figure, related);
    const partsSummary = describePartsAgainstWhole(figure, related.children.filter((c) => c.parentId === figure.id));
    const claimed = claimedRange(figure.value, figure.qualifier, figure.tolerance);
    return {
      figure,
      claimed,
      recorded: tally.range,
      verdict: verdictOf(claimed, tally.range),
      coverage: coverageOf(claimed, tally.range),
      issues,
      partsSummary,
      actionFilter,
    };
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

  /** The figures a check compares with: the parts of the figure and of its whole, its whole, and same-scope totals. One query each. */
  private async relatedFigures(figure: ReportedFigureEntity): Promise<RelatedFigures> {
    const wholeIds = [figure.id, ...(figure.parentId ? [figure.parentId] : [])];
    const [children, wholes, sameScope] = await Promise.all([
      this.figures.childrenOf(wholeIds),
      figure.parentId ? this.figures.getByIds([figure.parentId]) : Promise.resolve([]),
      this.figures.sameScopeExceptTo(figure),
    ]);
    return { children, wholes, sameScope };
  }

  /** Issues involving the figure: as a whole, as a part of its whole, and as a running total. */
  private issuesOf(figure: ReportedFigureEntity, { children, wholes, sameScope }: RelatedFigures): FigureIssue[] {
    const issues: FigureIssue[] = [];
    for (const whole of [figure, ...wholes]) {
      issues.push(...partsIssues(whole, children.filter((c) => c.parentId === whole.id)));
    }
    issues.push(...cumulativeIssues(sameScope, figure.id));
    return issues;
  }
}
