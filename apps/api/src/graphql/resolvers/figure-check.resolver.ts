import { Args, Context, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { FigureCheckService, type FigureCheckResult, type Viewer } from '@app/domain';
import { FigureCheck, FigureIssue } from '../models/figure-check.model.js';
import { ReportedFigure } from '../models/figure.model.js';
import { DisciplinaryAction, DisciplinaryActionConnection } from '../models/action.model.js';
import type { ConnectionShape } from '../models/connection.model.js';
import { PageArgs } from '../inputs/query.inputs.js';
import { CheckFigureArgs } from '../inputs/tally.inputs.js';
import { toFigure } from '../mappers.js';
import { toActionConnection, type GqlContext } from '../context.js';
import { actionSelectionOf } from '../selection/action-selection.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

export function toFigureCheck(r: FigureCheckResult): FigureCheck {
  return {
    figureId: r.figure.id,
    figure: toFigure(r.figure),
    claimed: r.claimed,
    recorded: r.recorded,
    independent: r.independent,
    verdict: r.verdict,
    undecided: r.undecided,
    explanation: r.explanation,
    coverage: r.coverage,
    coverageRange: r.coverageRange,
    countedUntil: r.countedUntil,
    issues: r.issues,
    partsSummary: r.partsSummary,
    actionFilter: r.actionFilter,
  };
}

@Resolver(() => FigureCheck)
export class FigureCheckResolver {
  constructor(private readonly checks: FigureCheckService) {}

  @Query(() => FigureCheck, {
    description:
      'A published figure checked against the records and the other figures (DOMAIN.md §3).',
  })
  async checkFigure(
    @Args() { id, asRecordedAt, publishedBy, disputedAs }: CheckFigureArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FigureCheck> {
    return toFigureCheck(
      await this.checks.check(id, viewer, { asRecordedAt, publishedBy, disputedAs }),
    );
  }

  @ResolveField(() => ReportedFigure)
  figure(@Parent() check: FigureCheck): ReportedFigure {
    return check.figure;
  }

  @ResolveField(() => DisciplinaryActionConnection, {
    description:
      'The actions that may count for the figure (date ranges overlapping its scope), newest entry first.',
  })
  async actions(
    @Parent() check: FigureCheck,
    @Args() args: PageArgs,
    @CurrentViewer() viewer: Viewer,
    @Context() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<DisciplinaryAction>> {
    const page = await this.checks.actionsOf(
      check,
      { first: args.first ?? 20, after: args.after },
      viewer,
      actionSelectionOf(info),
    );
    return toActionConnection(
      ctx,
      page,
      () => this.checks.countActionsOf(check, viewer),
      Boolean(args.after),
    );
  }
}

@Resolver(() => FigureIssue)
export class FigureIssueResolver {
  @ResolveField(() => [ReportedFigure], { description: 'The figures involved.' })
  async figures(
    @Parent() issue: FigureIssue,
    @Context() ctx: GqlContext,
  ): Promise<ReportedFigure[]> {
    const figures = await ctx.loaders.figure.loadMany(issue.figureIds);
    return figures.flatMap((f) => (f && !(f instanceof Error) ? [toFigure(f)] : []));
  }
}
