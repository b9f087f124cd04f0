import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ReferenceService,
  TallyService,
  type ProvinceEntity,
  type RankEntity,
  type ReasonEntity,
  type TallyKey as TallyKeyData,
  type TallyResult,
  type Viewer,
} from '@app/domain';
import { RunningTotalPoint, Tally, TallyKey } from '../models/tally.model.js';
import { Province, Rank, Reason } from '../models/reference.model.js';
import { RunningTotalsArgs, TallyArgs } from '../inputs/tally.inputs.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

/** The reference data by code, read once per request (the service's cache) rather than once per group. */
interface ReferenceMaps {
  provinces: Map<string, ProvinceEntity>;
  ranks: Map<string, RankEntity>;
  reasons: Map<string, ReasonEntity>;
}

/** A group key with its reference objects already looked up, so that the key's fields resolve synchronously. */
type ResolvedKey = TallyKey & { refs?: { reason: Reason | null; province: Province | null; rank: Rank | null } };

async function referenceMaps(reference: ReferenceService): Promise<ReferenceMaps> {
  const [provinces, ranks, reasons] = await Promise.all([reference.provinces(), reference.ranks(), reference.reasons()]);
  return {
    provinces: new Map(provinces.map((p) => [p.code, p])),
    ranks: new Map(ranks.map((r) => [r.code, r])),
    reasons: new Map(reasons.map((r) => [r.code, r])),
  };
}

function toKey(k: TallyKeyData, maps: ReferenceMaps): ResolvedKey {
  return {
    actionType: k.actionType ?? null,
    reasonCode: k.reasonCode ?? null,
    provinceCode: k.provinceCode ?? null,
    rankCode: k.rankCode ?? null,
    rankTier: k.rankTier ?? null,
    month: k.month ?? null,
    year: k.year ?? null,
    refs: {
      reason: (k.reasonCode && maps.reasons.get(k.reasonCode)) || null,
      province: (k.provinceCode && maps.provinces.get(k.provinceCode)) || null,
      rank: (k.rankCode && maps.ranks.get(k.rankCode)) || null,
    },
  };
}

function toTally(r: TallyResult, maps: ReferenceMaps): Tally {
  return { ...r, groups: r.groups.map((g) => ({ ...g, key: toKey(g.key, maps) })) };
}

@Resolver(() => Tally)
export class TallyResolver {
  constructor(
    private readonly tallyService: TallyService,
    private readonly reference: ReferenceService,
  ) {}

  @Query(() => Tally, { description: 'People (sum of subjectCount) matching the filter, optionally grouped (DOMAIN.md §2).' })
  async tally(@Args() args: TallyArgs, @CurrentViewer() viewer: Viewer): Promise<Tally> {
    const [result, maps] = await Promise.all([this.tallyService.tally({ ...args.filter, asRecordedAt: args.asRecordedAt }, args.groupBy, viewer), referenceMaps(this.reference)]);
    return toTally(result, maps);
  }

  @Query(() => [RunningTotalPoint], {
    description: 'Cumulative counts per period, every period from the first possible action to the last present (empty ones too).',
  })
  runningTotals(@Args() args: RunningTotalsArgs, @CurrentViewer() viewer: Viewer): Promise<RunningTotalPoint[]> {
    return this.tallyService.runningTotals({ ...args.filter, asRecordedAt: args.asRecordedAt }, args.interval, viewer);
  }
}

/**
 * The reference objects of a group key (from the in-memory reference cache: no query). No parameter
 * decorators: @nestjs/graphql then calls these directly (its fast path) instead of through pipes and
 * the execution context, which cost ~35 us a field, 80 ms on a tally of 2,300 groups (npm run bench).
 */
@Resolver(() => TallyKey)
export class TallyKeyResolver {
  constructor(private readonly reference: ReferenceService) {}

  @ResolveField(() => Reason, { nullable: true })
  reason(key: ResolvedKey): Reason | null | Promise<Reason | null> {
    if (key.refs) return key.refs.reason;
    return key.reasonCode ? this.reference.reason(key.reasonCode) : Promise.resolve(null);
  }

  @ResolveField(() => Province, { nullable: true, description: 'Null when grouped by PROVINCE: national or unknown.' })
  province(key: ResolvedKey): Province | null | Promise<Province | null> {
    return key.refs ? key.refs.province : this.reference.province(key.provinceCode);
  }

  @ResolveField(() => Rank, { nullable: true, description: 'Null when grouped by RANK: rank not recorded.' })
  rank(key: ResolvedKey): Rank | null | Promise<Rank | null> {
    return key.refs ? key.refs.rank : this.reference.rank(key.rankCode);
  }
}
