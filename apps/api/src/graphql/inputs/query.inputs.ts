import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../scalars.js';
import { ActionTypeEnum, DisputedAsEnum, RankTierEnum } from '../enums.js';
import { IsOptionalText, LIMITS } from './text.validators.js';

@InputType({
  description: 'Which actions to include. Lists are OR within a field, AND across fields.',
})
export class ActionFilter {
  @Field(() => [ActionTypeEnum], { nullable: true }) actionTypes?:
    (keyof typeof ActionTypeEnum)[] | null;
  @Field(() => [String], { nullable: true }) reasonCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) provinceCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) rankCodes?: string[] | null;
  @Field(() => [RankTierEnum], { nullable: true }) rankTiers?: (keyof typeof RankTierEnum)[] | null;
  @Field(() => [String], {
    nullable: true,
    description:
      'Agencies (see agencies), each with its sub-agencies: KH_NP counts the provincial commissariats too.',
  })
  agencyCodes?: string[] | null;
  @Field(() => ID, { nullable: true }) officerId?: string | null;
  @Field(() => ID, { nullable: true }) sourceId?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Actions that may have happened on or after this day.',
  })
  from?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Actions that may have happened on or before this day.',
  })
  to?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Include retracted actions (default false).',
  })
  includeRetracted?: boolean | null;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Publication time: only actions with at least one cited source published on or before this day ("what had been published by 23 January"). A source whose publication day is unknown does not count.',
  })
  publishedBy?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Count records instead of people (default false): a duplicate (SAME_AS), a named member of a counted group (MEMBER_OF) and each step of a case (FOLLOWS) then count each.',
  })
  countDuplicates?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Leave out actions reversed (REVERSES, e.g. a reinstatement) by the end of the period (default false).',
  })
  netOfReversals?: boolean | null;
  @Field(() => DisputedAsEnum, {
    nullable: true,
    description:
      'How to count actions whose sources disagree (README "Disagreeing sources"): PREFERRED (default), by the values shown; UNCERTAIN, over every non-deprecated alternative: certain only where all of them agree on the group and period, possible otherwise. Tallies, running totals and figure checks; a list shows the actions as they stand.',
  })
  disputedAs?: keyof typeof DisputedAsEnum | null;
}

@ArgsType()
export class PageArgs {
  // 1..100 (checked by the service, which names the field): a page is one cheap indexed query.
  @Field(() => Int, { nullable: true, defaultValue: 20 }) @IsOptional() @IsInt() first?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() after?: string | null;
}

@ArgsType()
export class ActionsArgs extends PageArgs {
  @Field(() => ActionFilter, { nullable: true }) @IsOptional() filter?: ActionFilter | null;
}

@ArgsType()
export class OfficersArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Name search, tolerant of spelling variants and word order.',
  })
  @IsOptionalText(LIMITS.short)
  search?: string | null;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID) @IsString() id: string;
}
