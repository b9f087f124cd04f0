import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { ActionAlternativeService, type ActionAlternativeEntity, type Viewer } from '@app/domain';
import { DisciplinaryAction } from '../models/action.model.js';
import { ActionAlternative } from '../models/action-alternative.model.js';
import { Citation } from '../models/source.model.js';
import {
  AddActionAlternativeInput,
  SetActionAlternativeStatusInput,
} from '../inputs/action-alternative.inputs.js';
import { ActionAttributeEnum } from '../enums.js';
import { toAction, toCitation } from '../mappers.js';
import type { GqlContext } from '../context.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

function toAlternative(e: ActionAlternativeEntity): ActionAlternative {
  return {
    id: e.id,
    actionId: e.actionId,
    attribute: e.attribute,
    value: e.value,
    occurredFrom: e.occurredFrom,
    occurredTo: e.occurredTo,
    status: e.status,
    recordValue: e.recordValue,
    note: e.note,
    sourceId: e.sourceId,
    excerpt: e.excerpt,
    locator: e.locator,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}

@Resolver(() => ActionAlternative)
export class ActionAlternativeResolver {
  constructor(private readonly alternatives: ActionAlternativeService) {}

  @Editors()
  @Mutation(() => ActionAlternative, {
    description:
      'Records another value of an action\'s attribute with the source that reports it (README "Disagreeing sources"). The value is checked as the field itself would be; it starts as an ALTERNATIVE.',
  })
  async addActionAlternative(
    @Args('input') input: AddActionAlternativeInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ActionAlternative> {
    return toAlternative(await this.alternatives.add(input, viewer));
  }

  @Editors()
  @Mutation(() => ActionAlternative, {
    description:
      "Sets an alternative's status. PREFERRED writes its value into the action (a new version; the record's own value is kept as an alternative citing the action's first source) and demotes the previous PREFERRED value of the attribute; demoting the preferred value puts the record's own value back.",
  })
  async setActionAlternativeStatus(
    @Args('input') input: SetActionAlternativeStatusInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ActionAlternative> {
    return toAlternative(await this.alternatives.setStatus(input, viewer));
  }

  @ResolveField(() => DisciplinaryAction)
  async action(
    alt: ActionAlternative,
    _args: unknown,
    ctx: GqlContext,
  ): Promise<DisciplinaryAction> {
    const action = await ctx.loaders.action.load(alt.actionId);
    if (!action) throw new Error(`action ${alt.actionId} of a visible alternative is not visible`);
    return toAction(action);
  }

  @ResolveField(() => Citation, {
    description:
      'The source that reports this value, with its passage (hidden like any citation of a confidential source).',
  })
  async citation(alt: ActionAlternative, _args: unknown, ctx: GqlContext): Promise<Citation> {
    const source = await ctx.loaders.source.load(alt.sourceId);
    if (!source) throw new Error(`source ${alt.sourceId} missing`);
    return toCitation(source, alt.excerpt, alt.locator, ctx.viewer);
  }
}

/** The disagreeing-sources fields of an action (README "Disagreeing sources"). */
@Resolver(() => DisciplinaryAction)
export class ActionDisputeResolver {
  constructor(private readonly service: ActionAlternativeService) {}

  @ResolveField(() => [ActionAlternative], {
    description:
      "Other values of this action's attributes as sources report them, with their citations, oldest first (deprecated ones included).",
  })
  async alternatives(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Promise<ActionAlternative[]> {
    return (await ctx.loaders.alternatives.load(action.id)).map(toAlternative);
  }

  @ResolveField(() => [ActionAttributeEnum], {
    description:
      'The attributes some source disputes: those with a non-deprecated alternative that differs from the value shown.',
  })
  async disputed(action: DisciplinaryAction, _args: unknown, ctx: GqlContext): Promise<string[]> {
    const [full, rows] = await Promise.all([
      ctx.loaders.action.load(action.id),
      ctx.loaders.alternatives.load(action.id),
    ]);
    return full ? this.service.disputed(full, rows) : [];
  }
}
