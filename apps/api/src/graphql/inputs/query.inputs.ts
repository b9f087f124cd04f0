import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../scalars.js';
import { ActionTypeEnum, RankTierEnum } from '../enums.js';
import { IsOptionalText, LIMITS } from './text.validators.js';

@InputType({ description: 'Which actions to include. Lists are OR within a field, AND across fields.' })
export class ActionFilter {
  @Field(() => [ActionTypeEnum], { nullable: true }) actionTypes?: (keyof typeof ActionTypeEnum)[] | null;
  @Field(() => [String], { nullable: true }) reasonCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) provinceCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) rankCodes?: string[] | null;
  @Field(() => [RankTierEnum], { nullable: true }) rankTiers?: (keyof typeof RankTierEnum)[] | null;
  @Field(() => ID, { nullable: true }) officerId?: string | null;
  @Field(() => ID, { nullable: true }) sourceId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Actions that may have happened on or after this day.' }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Actions that may have happened on or before this day.' }) to?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Include retracted actions (default false).' }) includeRetracted?: boolean | null;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Publication time: only actions with at least one cited source published on or before this day ("what had been published by 23 January"). A source whose publication day is unknown does not count.',
  })
  publishedBy?: string | null;
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
  @Field(() => String, { nullable: true, description: 'Name search, tolerant of spelling variants and word order.' })
  @IsOptionalText(LIMITS.short) search?: string | null;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID) @IsString() id: string;
}

