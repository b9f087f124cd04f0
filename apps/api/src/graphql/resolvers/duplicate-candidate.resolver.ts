import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DuplicateCandidateService, type DuplicateCandidate, type Viewer } from '@app/domain';
import { DisciplinaryAction } from '../models/action.model.js';
import { Officer } from '../models/officer.model.js';
import {
  ActionDuplicateCandidate,
  ActionDuplicateCandidateConnection,
  OfficerDuplicateCandidate,
  OfficerDuplicateCandidateConnection,
  UNSCORED_COUNT_LIMIT,
  type CandidateConnectionShape,
} from '../models/duplicate-candidate.model.js';
import { toConnection } from '../models/connection.model.js';
import {
  ActionDuplicateCandidatesArgs,
  DismissDuplicateCandidateInput,
} from '../inputs/duplicate-candidate.inputs.js';
import { PageArgs } from '../inputs/query.inputs.js';
import { toAction, toOfficer } from '../mappers.js';
import type { GqlContext } from '../context.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

/** The pair with its ends left to the field resolvers (batched by the request's loaders). */
const toPair = <T>(c: DuplicateCandidate) => ({
  ...c,
  a: undefined as unknown as T,
  b: undefined as unknown as T,
});

/** Duplicate candidates (README "Counting once" > "Duplicate candidates"). Editors only. */
@Resolver(() => ActionDuplicateCandidate)
export class ActionDuplicateCandidateResolver {
  constructor(private readonly duplicates: DuplicateCandidateService) {}

  @Editors()
  @Query(() => ActionDuplicateCandidateConnection, {
    description:
      'Pairs of actions that probably record the same action (similar officer name across spellings, word order, aliases and Khmer script; same type; overlapping dates; same or unknown province; a shared source), best first. Linked (SAME_AS, MEMBER_OF) and dismissed pairs are left out. Editors only.',
  })
  async actionDuplicateCandidates(
    @Args() args: ActionDuplicateCandidatesArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<CandidateConnectionShape<ActionDuplicateCandidate>> {
    const page = await this.duplicates.actionCandidates(
      { first: args.first ?? 20, after: args.after },
      args.minScore,
      viewer,
    );
    return {
      ...toConnection(
        page,
        toPair<DisciplinaryAction>,
        () => this.duplicates.count('action', args.minScore),
        Boolean(args.after),
      ),
      unscoredCount: () => this.duplicates.queued('action', UNSCORED_COUNT_LIMIT),
    };
  }

  @Editors()
  @Mutation(() => Boolean, {
    description:
      'Says two actions are not the same action: the pair is never proposed again (idempotent, either order).',
  })
  dismissDuplicateCandidate(
    @Args('input') input: DismissDuplicateCandidateInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    return this.duplicates.dismiss(input, viewer);
  }

  @ResolveField(() => DisciplinaryAction)
  a(pair: ActionDuplicateCandidate, _args: unknown, ctx: GqlContext): Promise<DisciplinaryAction> {
    return actionOf(ctx, pair.aId);
  }

  @ResolveField(() => DisciplinaryAction)
  b(pair: ActionDuplicateCandidate, _args: unknown, ctx: GqlContext): Promise<DisciplinaryAction> {
    return actionOf(ctx, pair.bId);
  }
}

@Resolver(() => OfficerDuplicateCandidate)
export class OfficerDuplicateCandidateResolver {
  constructor(private readonly duplicates: DuplicateCandidateService) {}

  @Editors()
  @Query(() => OfficerDuplicateCandidateConnection, {
    description:
      'Pairs of officers that are probably one person (similar names across spellings, word order, aliases and Khmer script), best first. Editors only.',
  })
  async officerDuplicateCandidates(
    @Args() args: PageArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<CandidateConnectionShape<OfficerDuplicateCandidate>> {
    const page = await this.duplicates.officerCandidates(
      { first: args.first ?? 20, after: args.after },
      viewer,
    );
    return {
      ...toConnection(
        page,
        toPair<Officer>,
        () => this.duplicates.count('officer', null),
        Boolean(args.after),
      ),
      unscoredCount: () => this.duplicates.queued('officer', UNSCORED_COUNT_LIMIT),
    };
  }

  @ResolveField(() => Officer)
  a(pair: OfficerDuplicateCandidate, _args: unknown, ctx: GqlContext): Promise<Officer> {
    return officerOf(ctx, pair.aId);
  }

  @ResolveField(() => Officer)
  b(pair: OfficerDuplicateCandidate, _args: unknown, ctx: GqlContext): Promise<Officer> {
    return officerOf(ctx, pair.bId);
  }
}

/** Likely duplicates of one action, computed when asked (an editor sees them on what createAction answers). */
@Resolver(() => DisciplinaryAction)
export class ActionLikelyDuplicatesResolver {
  constructor(private readonly duplicates: DuplicateCandidateService) {}

  @ResolveField(() => [DisciplinaryAction], {
    description:
      'Editors only: actions that probably record the same action as this one (score >= 0.7, best first), leaving out linked and dismissed pairs. createAction never refuses a likely duplicate: it answers them here.',
  })
  async likelyDuplicates(
    action: DisciplinaryAction,
    _args: unknown,
    ctx: GqlContext,
  ): Promise<DisciplinaryAction[]> {
    const found = await this.duplicates.likelyDuplicatesOf(action.id, ctx.viewer);
    const rows = await ctx.loaders.action.loadMany(found.map((f) => f.id));
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toAction(r)] : []));
  }
}

async function actionOf(ctx: GqlContext, id: string): Promise<DisciplinaryAction> {
  const action = await ctx.loaders.action.load(id);
  if (!action) throw new Error(`action ${id} of a duplicate candidate is gone`);
  return toAction(action);
}

async function officerOf(ctx: GqlContext, id: string): Promise<Officer> {
  const officer = await ctx.loaders.officer.load(id);
  if (!officer) throw new Error(`officer ${id} of a duplicate candidate is gone`);
  return toOfficer(officer);
}
