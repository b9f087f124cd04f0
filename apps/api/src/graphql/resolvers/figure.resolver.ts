import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReportedFigureService } from '@app/domain';
import { ReportedFigure, ReportedFigureConnection } from '../models/figure.model.js';
import { Citation } from '../models/source.model.js';
import { toConnection, type ConnectionShape } from '../models/connection.model.js';
import { CreateReportedFigureInput, UpdateReportedFigureInput } from '../inputs/record.inputs.js';
import { IdArgs, PageArgs } from '../inputs/query.inputs.js';
import { hidesSource, toFigure, toSource } from '../mappers.js';
import type { GqlContext } from '../context.js';
import { Editors } from '../../auth/roles.guard.js';

@Resolver(() => ReportedFigure)
export class FigureResolver {
  constructor(private readonly figureService: ReportedFigureService) {}

  @Query(() => ReportedFigure)
  async reportedFigure(@Args() { id }: IdArgs): Promise<ReportedFigure> {
    return toFigure(await this.figureService.getById(id));
  }

  @Query(() => ReportedFigureConnection)
  async reportedFigures(@Args() args: PageArgs): Promise<ConnectionShape<ReportedFigure>> {
    const page = await this.figureService.list({ first: args.first ?? 20, after: args.after });
    return toConnection(page, toFigure, () => this.figureService.count(), Boolean(args.after));
  }

  @Editors()
  @Mutation(() => ReportedFigure)
  async createReportedFigure(@Args('input') input: CreateReportedFigureInput): Promise<ReportedFigure> {
    return toFigure(await this.figureService.create(input));
  }

  @Editors()
  @Mutation(() => ReportedFigure)
  async updateReportedFigure(@Args('input') input: UpdateReportedFigureInput): Promise<ReportedFigure> {
    return toFigure(await this.figureService.update(input));
  }

  @ResolveField(() => Citation)
  async citation(@Parent() figure: ReportedFigure, @Context() ctx: GqlContext): Promise<Citation> {
    const source = await ctx.loaders.source.load(figure.sourceId);
    if (!source) throw new Error(`source ${figure.sourceId} missing`);
    const hidden = hidesSource(source, ctx.viewer);
    return { source: toSource(source, ctx.viewer), excerpt: hidden ? null : figure.excerpt, locator: hidden ? null : figure.locator };
  }

  @ResolveField(() => ReportedFigure, { nullable: true, description: 'The whole this figure is a part of.' })
  async parent(@Parent() figure: ReportedFigure, @Context() ctx: GqlContext): Promise<ReportedFigure | null> {
    if (!figure.parentId) return null;
    const parent = await ctx.loaders.figure.load(figure.parentId);
    return parent ? toFigure(parent) : null;
  }

  @ResolveField(() => [ReportedFigure], { description: 'The figures that are parts of this one.' })
  async parts(@Parent() figure: ReportedFigure, @Context() ctx: GqlContext): Promise<ReportedFigure[]> {
    return (await ctx.loaders.figureChildren.load(figure.id)).map(toFigure);
  }
}
