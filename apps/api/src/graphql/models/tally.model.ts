import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ActionTypeEnum, RankTierEnum } from '../enums.js';

@ObjectType({
  description:
    'A count that imprecise dates leave uncertain: `min` people certainly match, `max` possibly do (their date range only overlaps the period). Without from/to, min = max.',
})
export class CountRange {
  @Field(() => Int) min: number;
  @Field(() => Int) max: number;
}

@ObjectType({
  description: 'The values a group was formed on; fields of dimensions not grouped on are null.',
})
export class TallyKey {
  @Field(() => ActionTypeEnum, { nullable: true }) actionType: string | null;
  reasonCode: string | null;
  provinceCode: string | null;
  rankCode: string | null;
  agencyCode: string | null;
  @Field(() => RankTierEnum, {
    nullable: true,
    description: 'Null when grouped by RANK_TIER: rank not recorded.',
  })
  rankTier: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Grouped by MONTH: "2024-01", or null for the actions whose date range spans more than one month (never guessed).',
  })
  month: string | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Grouped by MONTH or YEAR: the year, or null for date ranges that span more than one year.',
  })
  year: number | null;
}

@ObjectType()
export class TallyGroup {
  @Field(() => TallyKey) key: TallyKey;
  @Field(() => Int, {
    description: 'People (sum of subjectCount) certainly in this group: range.min.',
  })
  count: number;
  @Field(() => CountRange) range: CountRange;
}

@ObjectType({
  description:
    'What the counting rules changed in the total, in people (README "Counting once"): why the count differs from the sum of the records\' subjectCount. All 0 with countDuplicates: true.',
})
export class TallyAdjustments {
  @Field(() => Int, {
    description:
      'People in records folded into an earlier record of the same action (SAME_AS links): not counted again.',
  })
  duplicatesFolded: number;
  @Field(() => Int, {
    description:
      'Named officers recorded apart and taken off the counted group they belong to (MEMBER_OF links); a group never goes below 0.',
  })
  namedMembersOfGroups: number;
  @Field(() => Int, {
    description:
      'People in actions left out because a later record reverses them (REVERSES links; only with netOfReversals).',
  })
  reversed: number;
  @Field(() => Int, {
    description:
      'People in earlier steps of a case counted once, at its latest step matching the filter (FOLLOWS links).',
  })
  earlierSteps: number;
}

@ObjectType({
  description:
    'People counted by the rules of DOMAIN.md §2: the sum of subjectCount, each count a range.',
})
export class Tally {
  @Field(() => Int, {
    description:
      'People certainly matching: range.min. Each action counts once, whatever its reasons.',
  })
  count: number;
  @Field(() => CountRange) range: CountRange;
  @Field(() => [TallyGroup]) groups: TallyGroup[];
  @Field({
    description:
      'True when some action is in more than one group: grouped by REASON, an action with several reasons counts once in each of its reason groups (and once in the total), so the groups add up to more than the total. Do not add reason groups up.',
  })
  groupsOverlap: boolean;
  @Field(() => CountRange, {
    nullable: true,
    description:
      'Grouped by REASON: people in actions with more than one (matching) reason, counted in several groups. Null otherwise.',
  })
  multiReasonActions: CountRange | null;
  @Field(() => TallyAdjustments) adjustments: TallyAdjustments;
}

@ObjectType({ description: 'One period of a running total.' })
export class RunningTotalPoint {
  @Field({
    description: 'DAY "2024-01-23", WEEK "2024-W04" (ISO week), MONTH "2024-01", YEAR "2024".',
  })
  period: string;
  @Field(() => Int, { description: 'People whose action certainly lies within this period.' })
  count: number;
  @Field(() => CountRange, {
    description:
      "People up to the end of this period (cut at the filter's `to`): min certainly (whole date range on or before the end, from the filter's `from`), max possibly.",
  })
  cumulative: CountRange;
}
