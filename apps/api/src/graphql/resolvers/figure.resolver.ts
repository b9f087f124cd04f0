import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FigureCheckService, ReportedFigureService, type Viewer } from '@app/domain';
import { ReportedFigure, ReportedFigureConnection } from '../models/figure.model.js';
import { Citation } from '../models/source.model.js';
import { toConnection, type ConnectionShape } from '../models/connection.model.js';
import { CreateReportedFigureInput, UpdateReportedFigureInput } from '../inputs/record.inputs.js';
import { IdArgs } from '../inputs/query.inputs.js';
import {
  FigureCheckFieldArgs,
  ReportedFiguresArgs,
  VerdictTimelineArgs,
} from '../inputs/tally.inputs.js';
import { FigureCheck, VerdictPoint } from '../models/figure-check.model.js';
import { toFigureCheck } from './figure-check.resolver.js';
import { toCitation, toFigure } from '../mappers.js';
import type { GqlContext } from '../context.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

@Resolver(() => ReportedFigure)
export class FigureResolver {
  constructor(
    private readonly figureService: ReportedFigureService,
    private readonly checks: FigureCheckService,
  ) {}

  @Query(() => ReportedFigure)
  async reportedFigure(@Args() { id }: IdArgs): Promise<ReportedFigure> {
    return toFigure(await this.figureService.getById(id));
  }

  @Query(() => ReportedFigureConnection, {
    description:
      'Published figures; with `scope` and `orderBy: STATED_ON`, the timeline of every figure about one campaign.',
  })
  async reportedFigures(
    @Args() args: ReportedFiguresArgs,
  ): Promise<ConnectionShape<ReportedFigure>> {
    const options = { scope: args.scope, orderBy: args.orderBy };
    const page = await this.figureService.list(
      { first: args.first ?? 20, after: args.after },
      options,
    );
    return toConnection(
      page,
      toFigure,
      () => this.figureService.count(args.scope),
      Boolean(args.after),
    );
  }

  @Editors()
  @Mutation(() => ReportedFigure)
  async createReportedFigure(
    @Args('input') input: CreateReportedFigureInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReportedFigure> {
    return toFigure(await this.figureService.create(input, undefined, viewer));
  }

  @Editors()
  @Mutation(() => ReportedFigure)
  async updateReportedFigure(
    @Args('input') input: UpdateReportedFigureInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReportedFigure> {
    return toFigure(await this.figureService.update(input, viewer));
  }

  @ResolveField(() => Citation)
  async citation(@Parent() figure: ReportedFigure, @Context() ctx: GqlContext): Promise<Citation> {
    const source = await ctx.loaders.source.load(figure.sourceId);
    if (!source) throw new Error(`source ${figure.sourceId} missing`);
    return toCitation(source, figure.excerpt, figure.locator, ctx.viewer);
  }

  @ResolveField(() => ReportedFigure, {
    nullable: true,
    description: 'The whole this figure is a part of.',
  })
  async parent(
    @Parent() figure: ReportedFigure,
    @Context() ctx: GqlContext,
  ): Promise<ReportedFigure | null> {
    if (!figure.parentId) return null;
    const parent = await ctx.loaders.figure.load(figure.parentId);
    return parent ? toFigure(parent) : null;
  }

  @ResolveField(() => FigureCheck, {
    description:
      'This figure checked against the records and the other figures (as checkFigure); the figures of a list are checked together, in one scan of the records.',
  })
  async check(
    @Parent() figure: ReportedFigure,
    @Args() { publishedBy, disputedAs }: FigureCheckFieldArgs,
    @Context() ctx: GqlContext,
  ): Promise<FigureCheck> {
    const result =
      publishedBy || disputedAs === 'UNCERTAIN'
        ? await this.checks.check(figure.id, ctx.viewer, { publishedBy, disputedAs })
        : await ctx.loaders.figureCheck.load(figure.id);
    if (!result) throw new Error(`figure ${figure.id} missing`);
    return toFigureCheck(result);
  }

  @ResolveField(() => ReportedFigure, {
    nullable: true,
    description:
      'The figure this one repeats: the same statement reported by another outlet. A repeat is no second confirmation or contradiction: the consistency checks compare originals only, and records citing any outlet of the statement are not independent of it.',
  })
  async repeats(
    @Parent() figure: ReportedFigure,
    @Context() ctx: GqlContext,
  ): Promise<ReportedFigure | null> {
    if (!figure.repeatsId) return null;
    const original = await ctx.loaders.figure.load(figure.repeatsId);
    return original ? toFigure(original) : null;
  }

  @ResolveField(() => [ReportedFigure], {
    description:
      'The figures that repeat this one (the same statement reported by other outlets), oldest entry first.',
  })
  async repeatedBy(
    @Parent() figure: ReportedFigure,
    @Context() ctx: GqlContext,
  ): Promise<ReportedFigure[]> {
    return (await ctx.loaders.figureRepeats.load(figure.id)).map(toFigure);
  }

  @ResolveField(() => FigureCheck, {
    description:
      'When the figure became verifiable: its check counting only records whose sources had been published by the day it was stated (the last day of its scope when that day is unknown).',
  })
  async checkAsStated(
    @Parent() figure: ReportedFigure,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FigureCheck> {
    return toFigureCheck(await this.checks.checkAsStated(figure.id, viewer));
  }

  @ResolveField(() => [VerdictPoint], {
    description:
      'The verdict by publication date, one point per period from the one holding the day the figure was stated to today: when public reporting came to corroborate (or contradict) it. More periods than the interval allows answer BAD_USER_INPUT on `interval` (reason TOO_MANY_PERIODS).',
  })
  verdictTimeline(
    @Parent() figure: ReportedFigure,
    @Args() { interval }: VerdictTimelineArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<VerdictPoint[]> {
    return this.checks.verdictTimeline(figure.id, interval, viewer);
  }

  @ResolveField(() => [ReportedFigure], { description: 'The figures that are parts of this one.' })
  async parts(
    @Parent() figure: ReportedFigure,
    @Context() ctx: GqlContext,
  ): Promise<ReportedFigure[]> {
    return (await ctx.loaders.figureChildren.load(figure.id)).map(toFigure);
  }
}
