import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ActionFilter, PageArgs } from './query.inputs.js';
import {
  ActionTypeEnum,
  DisputedAsEnum,
  FigureOrderEnum,
  IntervalEnum,
  TallyDimensionEnum,
} from '../enums.js';
import { DateScalar } from '../scalars.js';

const PUBLISHED_BY =
  'Count only records with at least one cited source published on or before this day: could the figure have been checked from what was public then?';

const AS_RECORDED_AT =
  'Count the records as the database held them at this moment (record time): "what had been documented by then", not "what happened by then" (use filter.to for that).';

@ArgsType()
export class TallyArgs {
  @Field(() => ActionFilter, { nullable: true }) @IsOptional() filter?: ActionFilter | null;
  // 7 dimensions exist; the service refuses unknown and repeated ones, naming the position.
  @Field(() => [TallyDimensionEnum], {
    nullable: true,
    description: 'Dimensions to group by, each at most once.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  groupBy?: (keyof typeof TallyDimensionEnum)[] | null;
  @Field(() => Date, { nullable: true, description: AS_RECORDED_AT })
  @IsOptional()
  asRecordedAt?: Date | null;
}

@ArgsType()
export class RunningTotalsArgs {
  @Field(() => ActionFilter, { nullable: true }) @IsOptional() filter?: ActionFilter | null;
  @Field(() => IntervalEnum) @IsIn(Object.values(IntervalEnum)) interval: keyof typeof IntervalEnum;
  @Field(() => Date, { nullable: true, description: AS_RECORDED_AT })
  @IsOptional()
  asRecordedAt?: Date | null;
}

@ArgsType()
export class CheckFigureArgs {
  @Field(() => ID) @IsString() id: string;
  @Field(() => Date, {
    nullable: true,
    description: `${AS_RECORDED_AT} The figure, its parts and the other figures are taken as of the same moment: a figure recorded later is not found.`,
  })
  @IsOptional()
  asRecordedAt?: Date | null;
  @Field(() => DateScalar, { nullable: true, description: PUBLISHED_BY })
  @IsOptional()
  publishedBy?: string | null;
  @Field(() => DisputedAsEnum, {
    nullable: true,
    description:
      'UNCERTAIN: count actions whose sources disagree over every non-deprecated value (README "Disagreeing sources"); the verdict then judges the widened range. Default PREFERRED.',
  })
  @IsOptional()
  disputedAs?: keyof typeof DisputedAsEnum | null;
}

@ArgsType()
export class FigureCheckFieldArgs {
  @Field(() => DateScalar, { nullable: true, description: PUBLISHED_BY })
  @IsOptional()
  publishedBy?: string | null;
  @Field(() => DisputedAsEnum, {
    nullable: true,
    description:
      'UNCERTAIN: judge the range widened by disagreeing sources (README "Disagreeing sources"). Default PREFERRED.',
  })
  @IsOptional()
  disputedAs?: keyof typeof DisputedAsEnum | null;
}

@ArgsType()
export class VerdictTimelineArgs {
  @Field(() => IntervalEnum, {
    description:
      'The length of each period: at most 92 days, 104 weeks, 120 months or 30 years from the statement to today.',
  })
  @IsIn(Object.values(IntervalEnum))
  interval: keyof typeof IntervalEnum;
}

@InputType({
  description:
    'Keeps figures whose scope overlaps this one; a figure that counts "any" value of a field overlaps every value.',
})
export class FigureScopeFilter {
  // Limits as in FigureScopeInput: far above the codes that exist.
  @Field(() => [ActionTypeEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  actionTypes?: (keyof typeof ActionTypeEnum)[] | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  reasonCodes?: string[] | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  provinceCodes?: string[] | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  rankCodes?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'A figure on an agency overlaps one on an agency above or below it.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  agencyCodes?: string[] | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() from?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() to?: string | null;
}

@ArgsType()
export class ReportedFiguresArgs extends PageArgs {
  @Field(() => FigureScopeFilter, {
    nullable: true,
    description: 'Only figures whose scope overlaps this one.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FigureScopeFilter)
  scope?: FigureScopeFilter | null;
  @Field(() => FigureOrderEnum, {
    nullable: true,
    defaultValue: 'NEWEST_FIRST',
    description: 'STATED_ON for a timeline.',
  })
  @IsOptional()
  @IsIn(Object.values(FigureOrderEnum))
  orderBy?: keyof typeof FigureOrderEnum | null;
}
