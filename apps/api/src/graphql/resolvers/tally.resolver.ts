import { Args, Info, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  ReferenceService,
  TallyService,
  type TallyKey as TallyKeyData,
  type TallyResult,
  type Viewer,
} from '@app/domain';
import { RunningTotalPoint, Tally, TallyKey } from '../models/tally.model.js';
import { Agency, Province, Rank, Reason } from '../models/reference.model.js';
import { RunningTotalsArgs, TallyArgs } from '../inputs/tally.inputs.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';
import { selectsField } from '../selection/action-selection.js';

function toKey(k: TallyKeyData): TallyKey {
  return {
    actionType: k.actionType ?? null,
    reasonCode: k.reasonCode ?? null,
    provinceCode: k.provinceCode ?? null,
    rankCode: k.rankCode ?? null,
    rankTier: k.rankTier ?? null,
    agencyCode: k.agencyCode ?? null,
    month: k.month ?? null,
    year: k.year ?? null,
  };
}

function toTally(r: TallyResult): Tally {
  return { ...r, groups: r.groups.map((g) => ({ ...g, key: toKey(g.key) })) };
}

@Resolver(() => Tally)
export class TallyResolver {
  constructor(private readonly tallyService: TallyService) {}

  @Query(() => Tally, {
    description:
      'People (sum of subjectCount) matching the filter, optionally grouped (DOMAIN.md §2).',
  })
  async tally(
    @Args() args: TallyArgs,
    @CurrentViewer() viewer: Viewer,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Tally> {
    // The adjustments cost a few aggregates per row: worked out only when the query asks for them.
    const adjustments = selectsField(info, 'adjustments');
    return toTally(
      await this.tallyService.tally(
        { ...args.filter, asRecordedAt: args.asRecordedAt },
        args.groupBy,
        viewer,
        { adjustments },
      ),
    );
  }

  @Query(() => [RunningTotalPoint], {
    description:
      'Cumulative counts per period, every period from the first possible action to the last present (empty ones too).',
  })
  runningTotals(
    @Args() args: RunningTotalsArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RunningTotalPoint[]> {
    return this.tallyService.runningTotals(
      { ...args.filter, asRecordedAt: args.asRecordedAt },
      args.interval,
      viewer,
    );
  }
}

/**
 * The reference objects of a group key, from the in-memory reference data: no query, no promise. No
 * parameter decorators: @nestjs/graphql then calls these directly (its fast path) instead of through
 * pipes and the execution context, which cost ~35 us a field, 80 ms on a tally of 2,300 groups (npm run bench).
 */
@Resolver(() => TallyKey)
export class TallyKeyResolver {
  constructor(private readonly reference: ReferenceService) {}

  @ResolveField(() => Reason, { nullable: true })
  reason(key: TallyKey): Reason | null {
    return key.reasonCode ? this.reference.reason(key.reasonCode) : null;
  }

  @ResolveField(() => Province, {
    nullable: true,
    description: 'Null when grouped by PROVINCE: national or unknown.',
  })
  province(key: TallyKey): Province | null {
    return this.reference.province(key.provinceCode);
  }

  @ResolveField(() => Rank, {
    nullable: true,
    description: 'Null when grouped by RANK: rank not recorded.',
  })
  rank(key: TallyKey): Rank | null {
    return this.reference.rank(key.rankCode);
  }

  @ResolveField(() => Agency, {
    nullable: true,
    description: "Grouped by AGENCY: the action's own agency (not its parents); null: unknown.",
  })
  agency(key: TallyKey): Agency | null {
    return this.reference.agency(key.agencyCode);
  }
}
