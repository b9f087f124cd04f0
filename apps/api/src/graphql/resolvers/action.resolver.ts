import { Args, Context, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ActionService, ReferenceService, type Viewer } from '@app/domain';
import { DisciplinaryAction, DisciplinaryActionConnection } from '../models/action.model.js';
import { Officer } from '../models/officer.model.js';
import { Province, Rank, Reason } from '../models/reference.model.js';
import { Citation } from '../models/source.model.js';
import { toConnection, type ConnectionShape } from '../models/connection.model.js';
import { CreateActionInput, RetractActionInput, UpdateActionInput } from '../inputs/record.inputs.js';
import { ActionsArgs, IdArgs } from '../inputs/query.inputs.js';
import { hidesSource, toAction, toOfficer, toSource } from '../mappers.js';
import { mapMaybe, primeParts, type GqlContext } from '../context.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

@Resolver(() => DisciplinaryAction)
export class ActionResolver {
  constructor(
    private readonly actionService: ActionService,
    private readonly reference: ReferenceService,
  ) {}

  @Query(() => DisciplinaryAction)
  async action(@Args() { id }: IdArgs, @CurrentViewer() viewer: Viewer): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.getById(id, viewer));
  }

  @Query(() => DisciplinaryActionConnection, { description: 'Actions, newest entry first.' })
  async actions(@Args() args: ActionsArgs, @CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext): Promise<ConnectionShape<DisciplinaryAction>> {
    const page = await this.actionService.list(args.filter, { first: args.first ?? 20, after: args.after }, viewer);
    primeParts(ctx.loaders, page);
    return toConnection(page, toAction, () => this.actionService.count(args.filter, viewer), Boolean(args.after));
  }

  @Editors()
  @Mutation(() => DisciplinaryAction)
  async createAction(@Args('input') input: CreateActionInput, @CurrentViewer() viewer: Viewer): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.create(input, undefined, viewer));
  }

  @Editors()
  @Mutation(() => DisciplinaryAction)
  async updateAction(@Args('input') input: UpdateActionInput, @CurrentViewer() viewer: Viewer): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.update(input, viewer));
  }

  @Editors()
  @Mutation(() => DisciplinaryAction, { description: 'Withdraws a record (kept, marked retracted, no longer counted).' })
  async retractAction(@Args('input') input: RetractActionInput, @CurrentViewer() viewer: Viewer): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.retract(input, viewer));
  }

  // The field resolvers below take (parent, args, context) without parameter decorators: @nestjs/graphql
  // then calls them directly (its fast path) instead of through pipes and the execution context, which
  // cost ~35 us a field, a third of the time of a page of 100 actions (npm run bench). They answer
  // synchronously from what the list page brought (PrefetchingLoader), with a promise only otherwise.
  @ResolveField(() => Officer, { nullable: true })
  officer(action: DisciplinaryAction, _args: unknown, ctx: GqlContext): Officer | null | Promise<Officer | null> {
    if (!action.officerId) return null;
    return mapMaybe(ctx.loaders.officer.get(action.officerId), (officer) => (officer ? toOfficer(officer) : null));
  }

  @ResolveField(() => Province, { nullable: true, description: 'Null: national (e.g. a headquarters unit) or unknown.' })
  province(action: DisciplinaryAction): Province | null {
    return this.reference.province(action.provinceCode);
  }

  @ResolveField(() => Rank, { nullable: true, description: 'The rank at the time of the action.' })
  rank(action: DisciplinaryAction): Rank | null {
    return this.reference.rank(action.rankCode);
  }

  @ResolveField(() => [Reason])
  reasons(action: DisciplinaryAction, _args: unknown, ctx: GqlContext): Reason[] | Promise<Reason[]> {
    return mapMaybe(ctx.loaders.reasonCodes.get(action.id), (codes) => codes.flatMap((c) => this.reference.reason(c) ?? []));
  }

  @ResolveField(() => [Citation])
  citations(action: DisciplinaryAction, _args: unknown, ctx: GqlContext): Citation[] | Promise<Citation[]> {
    return mapMaybe(ctx.loaders.citations.get(action.id), (rows) =>
      mapMaybe(ctx.loaders.source.getMany(rows.map((r) => r.sourceId)), (sources) =>
        rows.map((row, i) => {
          const source = sources[i];
          if (!source) throw new Error(`source ${row.sourceId} missing`);
          const hidden = hidesSource(source, ctx.viewer);
          return { source: toSource(source, ctx.viewer), excerpt: hidden ? null : row.excerpt, locator: hidden ? null : row.locator };
        }),
      ),
    );
  }

  @ResolveField(() => Int, { description: 'Number of citations (cheap; loaded with the citations).' })
  citationCount(action: DisciplinaryAction, _args: unknown, ctx: GqlContext): number | Promise<number> {
    return mapMaybe(ctx.loaders.citations.get(action.id), (rows) => rows.length);
  }
}
