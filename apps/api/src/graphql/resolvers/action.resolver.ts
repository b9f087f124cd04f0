import { Args, Context, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  ActionService,
  ReferenceService,
  type CitationRow,
  type SourceEntity,
  type Viewer,
} from '@app/domain';
import {
  DisciplinaryAction,
  DisciplinaryActionConnection,
  ReasonCount,
} from '../models/action.model.js';
import { Officer } from '../models/officer.model.js';
import { Agency, Province, Rank, Reason } from '../models/reference.model.js';
import { Citation } from '../models/source.model.js';
import type { ConnectionShape } from '../models/connection.model.js';
import {
  CreateActionInput,
  RetractActionInput,
  UpdateActionInput,
} from '../inputs/record.inputs.js';
import { ActionsArgs, IdArgs } from '../inputs/query.inputs.js';
import { toAction, toCitation, toOfficer } from '../mappers.js';
import { toActionConnection, type GqlContext } from '../context.js';
import { actionSelectionOf } from '../selection/action-selection.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

@Resolver(() => DisciplinaryAction)
export class ActionResolver {
  constructor(
    private readonly actionService: ActionService,
    private readonly reference: ReferenceService,
  ) {}

  @Query(() => DisciplinaryAction)
  async action(
    @Args() { id }: IdArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.getById(id, viewer));
  }

  @Query(() => DisciplinaryActionConnection, { description: 'Actions, newest entry first.' })
  async actions(
    @Args() args: ActionsArgs,
    @CurrentViewer() viewer: Viewer,
    @Context() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<DisciplinaryAction>> {
    const page = await this.actionService.list(
      args.filter,
      { first: args.first ?? 20, after: args.after },
      viewer,
      actionSelectionOf(info),
    );
    return toActionConnection(
      ctx,
      page,
      () => this.actionService.count(args.filter, viewer),
      Boolean(args.after),
    );
  }

  @Editors()
  @Mutation(() => DisciplinaryAction)
  async createAction(
    @Args('input') input: CreateActionInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.create(input, undefined, viewer));
  }

  @Editors()
  @Mutation(() => DisciplinaryAction)
  async updateAction(
    @Args('input') input: UpdateActionInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.update(input, viewer));
  }

  @Editors()
  @Mutation(() => DisciplinaryAction, {
    description: 'Withdraws a record (kept, marked retracted, no longer counted).',
  })
  async retractAction(
    @Args('input') input: RetractActionInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DisciplinaryAction> {
    return toAction(await this.actionService.retract(input, viewer));
  }

  // The field resolvers below take (parent, args, context) without parameter decorators: @nestjs/graphql
  // then calls them directly (its fast path) instead of through pipes and the execution context, which
  // cost ~35 us a field, a third of the time of a page of 100 actions (npm run bench). On a list page
  // they answer synchronously from what the page statement brought (toActionConnection), otherwise through
  // the request's batch loaders.
  @ResolveField(() => Officer, { nullable: true })
  officer(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Officer | null | Promise<Officer | null> {
    const pre = ctx.prefetched.get(action);
    if (pre?.parts.officerId !== undefined) {
      const officer =
        pre.parts.officerId === null ? undefined : pre.officers.get(pre.parts.officerId);
      return officer ? toOfficer(officer) : null;
    }
    if (!action.officerId) return null;
    return ctx.loaders.officer
      .load(action.officerId)
      .then((officer) => (officer ? toOfficer(officer) : null));
  }

  @ResolveField(() => Province, {
    nullable: true,
    description: 'Null: national (e.g. a headquarters unit) or unknown.',
  })
  province(action: DisciplinaryAction): Province | null {
    return this.reference.province(action.provinceCode);
  }

  @ResolveField(() => Agency, {
    nullable: true,
    description: 'The agency that acted or employs the officer (see agencies); null: unknown.',
  })
  agency(action: DisciplinaryAction): Agency | null {
    return this.reference.agency(action.agencyCode);
  }

  @ResolveField(() => Rank, { nullable: true, description: 'The rank at the time of the action.' })
  rank(action: DisciplinaryAction): Rank | null {
    return this.reference.rank(action.rankCode);
  }

  @ResolveField(() => [Reason])
  reasons(action: DisciplinaryAction): Reason[] {
    const reasons: Reason[] = [];
    for (const code of action.reasonCodes ?? []) {
      const reason = this.reference.reason(code);
      if (reason) reasons.push(reason);
    }
    return reasons;
  }

  @ResolveField(() => [ReasonCount], {
    nullable: true,
    description:
      'For a group with several reasons, how many people each concerns, when an editor recorded it; null when the split is unknown.',
  })
  reasonSplit(action: DisciplinaryAction): ReasonCount[] | null {
    if (!action.reasonCounts) return null;
    return action.reasonCodes.map((reasonCode, i) => ({
      reasonCode,
      count: action.reasonCounts![i],
    }));
  }

  @ResolveField(() => [Citation])
  citations(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Citation[] | Promise<Citation[]> {
    const toCitations = (
      rows: CitationRow[],
      sources: readonly (SourceEntity | null | undefined)[],
    ): Citation[] =>
      rows.map((row, i) => {
        const source = sources[i];
        if (!source) throw new Error(`source ${row.sourceId} missing`);
        return toCitation(source, row.excerpt, row.locator, ctx.viewer);
      });
    const pre = ctx.prefetched.get(action);
    if (pre?.parts.citations) {
      const rows = pre.parts.citations;
      return toCitations(
        rows,
        rows.map((r) => pre.sources.get(r.sourceId)),
      );
    }
    return ctx.loaders.citations.load(action.id).then(async (rows) => {
      const sources = await ctx.loaders.source.loadMany(rows.map((r) => r.sourceId));
      return toCitations(
        rows,
        sources.map((s) => (s instanceof Error ? null : s)),
      );
    });
  }

  @ResolveField(() => Int, {
    description: 'Number of citations (cheap; loaded with the citations).',
  })
  citationCount(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): number | Promise<number> {
    const rows = ctx.prefetched.get(action)?.parts.citations;
    return rows ? rows.length : ctx.loaders.citations.load(action.id).then((r) => r.length);
  }
}

@Resolver(() => ReasonCount)
export class ReasonCountResolver {
  constructor(private readonly reference: ReferenceService) {}

  @ResolveField(() => Reason)
  reason(share: ReasonCount): Reason {
    return this.reference.reason(share.reasonCode)!;
  }
}
