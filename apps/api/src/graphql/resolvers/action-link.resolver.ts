import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { ActionLinkService, type ActionLinkEntity, type Viewer } from '@app/domain';
import { DisciplinaryAction } from '../models/action.model.js';
import { ActionIssue, ActionLink } from '../models/action-link.model.js';
import { Citation } from '../models/source.model.js';
import { LinkActionsInput, UnlinkActionsInput } from '../inputs/action-link.inputs.js';
import { toAction, toCitation } from '../mappers.js';
import type { GqlContext } from '../context.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

function toLink(e: ActionLinkEntity): ActionLink {
  return {
    id: e.id,
    kind: e.kind,
    fromId: e.fromId,
    toId: e.toId,
    note: e.note,
    sourceId: e.sourceId,
    excerpt: e.excerpt,
    locator: e.locator,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}

/** The action behind a link end, as the caller may see it (links never join PUBLIC and INTERNAL actions). */
async function actionOf(ctx: GqlContext, id: string): Promise<DisciplinaryAction> {
  const action = await ctx.loaders.action.load(id);
  if (!action) throw new Error(`action ${id} of a visible link is not visible`);
  return toAction(action);
}

@Resolver(() => ActionLink)
export class ActionLinkResolver {
  constructor(private readonly links: ActionLinkService) {}

  @Editors()
  @Mutation(() => ActionLink, {
    description:
      'Links two actions (README "Counting once"): SAME_AS, MEMBER_OF, FOLLOWS or REVERSES. Refused when it links an action to itself, forms a cycle, makes a member of something that is not a group, or joins a PUBLIC and an INTERNAL action.',
  })
  async linkActions(
    @Args('input') input: LinkActionsInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ActionLink> {
    return toLink(await this.links.link(input, viewer));
  }

  @Editors()
  @Mutation(() => ActionLink, {
    description: 'Removes a link (kept in the history); answers the link as it was.',
  })
  async unlinkActions(
    @Args('input') input: UnlinkActionsInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ActionLink> {
    return toLink(await this.links.unlink(input, viewer));
  }

  @ResolveField(() => DisciplinaryAction)
  from(link: ActionLink, _args: unknown, ctx: GqlContext): Promise<DisciplinaryAction> {
    return actionOf(ctx, link.fromId);
  }

  @ResolveField(() => DisciplinaryAction)
  to(link: ActionLink, _args: unknown, ctx: GqlContext): Promise<DisciplinaryAction> {
    return actionOf(ctx, link.toId);
  }

  @ResolveField(() => Citation, {
    nullable: true,
    description:
      'The source that shows the link, with its passage (hidden like any citation of a confidential source).',
  })
  async citation(link: ActionLink, _args: unknown, ctx: GqlContext): Promise<Citation | null> {
    if (!link.sourceId) return null;
    const source = await ctx.loaders.source.load(link.sourceId);
    return source ? toCitation(source, link.excerpt, link.locator, ctx.viewer) : null;
  }
}

/** The counting-once fields of an action (README "Counting once"). */
@Resolver(() => DisciplinaryAction)
export class ActionCountingResolver {
  constructor(private readonly linkService: ActionLinkService) {}

  @ResolveField(() => [ActionLink], {
    description: 'Links from and to this action that you may see, oldest first.',
  })
  async links(action: DisciplinaryAction, _args: unknown, ctx: GqlContext): Promise<ActionLink[]> {
    return (await ctx.loaders.links.load(action.id)).map(toLink);
  }

  @ResolveField(() => DisciplinaryAction, {
    nullable: true,
    description:
      'When this record is a duplicate (SAME_AS), the record it is counted as: the earliest-created counted record of its set. Null: it counts itself.',
  })
  async countedAs(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Promise<DisciplinaryAction | null> {
    const full = await ctx.loaders.action.load(action.id);
    const id = full ? this.linkService.countedAsId(full, ctx.viewer) : null;
    if (!id) return null;
    const into = await ctx.loaders.action.load(id);
    return into ? toAction(into) : null;
  }

  @ResolveField(() => [DisciplinaryAction], {
    description:
      'The other records of this same action (SAME_AS) that count as this one, oldest first: their sources and excerpts report it too. Empty when this record is not the one its set counts as.',
  })
  async duplicates(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Promise<DisciplinaryAction[]> {
    const ids = await ctx.loaders.duplicates.load(action.id);
    const rows = await ctx.loaders.action.loadMany(ids);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toAction(r)] : []));
  }

  @ResolveField(() => [ActionIssue], {
    description: 'Consistency issues of this record: GROUP_OVERFLOW.',
  })
  async issues(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Promise<ActionIssue[]> {
    const full = await ctx.loaders.action.load(action.id);
    return full ? this.linkService.issuesOf(full, ctx.viewer) : [];
  }
}
