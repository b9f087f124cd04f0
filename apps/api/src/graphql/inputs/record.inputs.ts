import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalText, IsText, IsTextList, LIMITS, NotNullIfPresent } from './text.validators.js';
import { DateScalar, PartialDateScalar } from '../scalars.js';
import { ActionTypeEnum, FigureQualifierEnum, SourceKindEnum, VisibilityEnum } from '../enums.js';

// ---- officers ----

@InputType()
export class CreateOfficerInput {
  @Field() @IsText(LIMITS.short) fullName: string;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) fullNameKm?: string | null;
  @Field(() => [String], { nullable: true }) @IsTextList(LIMITS.aliases, LIMITS.short) aliases?:
    string[] | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(50) gender?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.notes, { multiline: true })
  notes?: string | null;
}

@InputType()
export class UpdateOfficerInput {
  @Field(() => ID) @IsString() id: string;
  // Versions start at 1 and only grow.
  @Field(() => Int) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true })
  @NotNullIfPresent()
  @IsText(LIMITS.short)
  fullName?: string;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) fullNameKm?: string | null;
  @Field(() => [String], { nullable: true }) @IsTextList(LIMITS.aliases, LIMITS.short) aliases?:
    string[] | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(50) gender?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.notes, { multiline: true })
  notes?: string | null;
}

// ---- sources ----

@InputType()
export class CreateSourceInput {
  @Field() @IsText(LIMITS.medium) title: string;
  @Field() @IsText(LIMITS.short) publisher: string;
  @Field(() => String, { nullable: true }) @IsOptionalText(2048) url?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() publishedOn?: string | null;
  // BCP 47 language tags are at most a few dozen characters (en, km, zh-Hant-TW).
  @Field(() => String, { nullable: true }) @IsOptionalText(35) language?: string | null;
  @Field(() => SourceKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SourceKindEnum))
  kind?: keyof typeof SourceKindEnum | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(2048) archiveUrl?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() accessedOn?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() confidential?:
    boolean | null;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.notes, { multiline: true })
  notes?: string | null;
}

@InputType()
export class UpdateSourceInput {
  @Field(() => ID) @IsString() id: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true })
  @NotNullIfPresent()
  @IsText(LIMITS.medium)
  title?: string;
  @Field(() => String, { nullable: true })
  @NotNullIfPresent()
  @IsText(LIMITS.short)
  publisher?: string;
  @Field(() => String, { nullable: true }) @IsOptionalText(2048) url?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() publishedOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(35) language?: string | null;
  @Field(() => SourceKindEnum, { nullable: true })
  @NotNullIfPresent()
  @IsIn(Object.values(SourceKindEnum))
  kind?: keyof typeof SourceKindEnum;
  @Field(() => String, { nullable: true }) @IsOptionalText(2048) archiveUrl?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() accessedOn?: string | null;
  @Field(() => Boolean, { nullable: true }) @NotNullIfPresent() @IsBoolean() confidential?: boolean;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.notes, { multiline: true })
  notes?: string | null;
}

// ---- actions ----

@InputType({ description: 'A source that reports the record, and the passage that supports it.' })
export class CitationInput {
  @Field(() => ID) @IsString() sourceId: string;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.excerpt, { multiline: true })
  excerpt?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) locator?: string | null;
}

const AGENCY_CODE_DESCRIPTION =
  'The agency that acted or employs the officer (a code of the agencies query, e.g. KH_NP_PP); null: unknown.';
// 50 characters: the longest agency code has 22 (KH_NP_CENTRAL_SECURITY); room for deeper units, no room for text.
const AGENCY_CODE_MAX = 50;

const REASON_COUNTS_DESCRIPTION =
  'For a group with several reasons: how many of its people each reason concerns, in the order of reasonCodes (each person has at least one; one may have several). Without it the split is unknown and each reason counts the group as possible (0 to all).';

@InputType()
export class CreateActionInput {
  @Field(() => ActionTypeEnum)
  @IsIn(Object.values(ActionTypeEnum))
  actionType: keyof typeof ActionTypeEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() officerId?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'People concerned (default 1; above 1 only without officerId).',
  })
  @IsOptional()
  @IsInt()
  subjectCount?: number | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.medium) subjectDescription?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(50) rankCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) rankText?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.medium) position?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(20) provinceCode?: string | null;
  @Field(() => String, { nullable: true, description: AGENCY_CODE_DESCRIPTION })
  @IsOptionalText(AGENCY_CODE_MAX)
  agencyCode?: string | null;
  @Field(() => [String]) @IsArray() @IsString({ each: true }) reasonCodes: string[];
  @Field(() => [Int], { nullable: true, description: REASON_COUNTS_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  reasonCounts?: number[] | null;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  reasonDetail?: string | null;
  @Field(() => PartialDateScalar) @IsString() occurred: string;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) decidedBy?: string | null;
  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(VisibilityEnum))
  visibility?: keyof typeof VisibilityEnum | null;
  @Field(() => [CitationInput])
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CitationInput)
  citations: CitationInput[];
  @Field(() => String, {
    nullable: true,
    description: 'Your own identifier for the record; unique; makes imports idempotent.',
  })
  @IsOptionalText(LIMITS.short)
  externalId?: string | null;
}

@InputType()
export class UpdateActionInput {
  @Field(() => ID) @IsString() id: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => ActionTypeEnum, { nullable: true })
  @NotNullIfPresent()
  @IsIn(Object.values(ActionTypeEnum))
  actionType?: keyof typeof ActionTypeEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() officerId?: string | null;
  @Field(() => Int, { nullable: true }) @NotNullIfPresent() @IsInt() subjectCount?: number;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.medium) subjectDescription?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(50) rankCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) rankText?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.medium) position?: string | null;
  @Field(() => String, { nullable: true }) @IsOptionalText(20) provinceCode?: string | null;
  @Field(() => String, { nullable: true, description: AGENCY_CODE_DESCRIPTION })
  @IsOptionalText(AGENCY_CODE_MAX)
  agencyCode?: string | null;
  @Field(() => [String], { nullable: true })
  @NotNullIfPresent()
  @IsArray()
  @IsString({ each: true })
  reasonCodes?: string[];
  @Field(() => [Int], {
    nullable: true,
    description: `${REASON_COUNTS_DESCRIPTION} New reasonCodes without reasonCounts leave the split unknown.`,
  })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  reasonCounts?: number[] | null;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  reasonDetail?: string | null;
  @Field(() => PartialDateScalar, { nullable: true })
  @NotNullIfPresent()
  @IsString()
  occurred?: string;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) decidedBy?: string | null;
  @Field(() => VisibilityEnum, { nullable: true })
  @NotNullIfPresent()
  @IsIn(Object.values(VisibilityEnum))
  visibility?: keyof typeof VisibilityEnum;
  @Field(() => [CitationInput], { nullable: true })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CitationInput)
  citations?: CitationInput[];
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) externalId?: string | null;
}

@InputType()
export class RetractActionInput {
  @Field(() => ID) @IsString() id: string;
  @Field({ description: 'Why the record is withdrawn (shown with it).' })
  @IsText(LIMITS.medium, { multiline: true })
  reason: string;
}

// ---- reported figures ----

@InputType({ description: 'What a figure counts; omitted lists mean "any".' })
export class FigureScopeInput {
  @Field(() => [ActionTypeEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(Object.values(ActionTypeEnum), { each: true })
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
  // 50 agencies: more than the 35 there are.
  @Field(() => [String], {
    nullable: true,
    description:
      'Agencies counted, each with its sub-agencies (KH_NP includes the provincial commissariats).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  agencyCodes?: string[] | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() from?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() to?: string | null;
}

@InputType()
export class CreateReportedFigureInput {
  @Field(() => Int) @IsInt() value: number;
  @Field(() => FigureQualifierEnum)
  @IsIn(Object.values(FigureQualifierEnum))
  qualifier: keyof typeof FigureQualifierEnum;
  @Field(() => Float, {
    nullable: true,
    description: 'For ABOUT: relative margin, 0..1 (default 0.1).',
  })
  @IsOptional()
  @IsNumber()
  tolerance?: number | null;
  @Field(() => FigureScopeInput)
  @ValidateNested()
  @Type(() => FigureScopeInput)
  scope: FigureScopeInput;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) statedBy?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() statedOn?: string | null;
  @Field(() => CitationInput) @ValidateNested() @Type(() => CitationInput) citation: CitationInput;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() parentId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'The figure this one repeats (the same statement reported by another outlet): an original, never itself a repeat (a repeat of a repeat is refused: name the original). Null: not a repeat.',
  })
  @IsOptional()
  @IsString()
  repeatsId?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() partsAreExhaustive?:
    boolean | null;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  description?: string | null;
}

@InputType()
export class UpdateReportedFigureInput {
  @Field(() => ID) @IsString() id: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => Int, { nullable: true }) @NotNullIfPresent() @IsInt() value?: number;
  @Field(() => FigureQualifierEnum, { nullable: true })
  @NotNullIfPresent()
  @IsIn(Object.values(FigureQualifierEnum))
  qualifier?: keyof typeof FigureQualifierEnum;
  @Field(() => Float, { nullable: true })
  @NotNullIfPresent()
  @IsNumber()
  @Min(0)
  @Max(1)
  tolerance?: number;
  @Field(() => FigureScopeInput, { nullable: true })
  @NotNullIfPresent()
  @ValidateNested()
  @Type(() => FigureScopeInput)
  scope?: FigureScopeInput;
  @Field(() => String, { nullable: true }) @IsOptionalText(LIMITS.short) statedBy?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() statedOn?: string | null;
  @Field(() => CitationInput, { nullable: true })
  @NotNullIfPresent()
  @ValidateNested()
  @Type(() => CitationInput)
  citation?: CitationInput;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() parentId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'The figure this one repeats (the same statement reported by another outlet): an original, never itself a repeat (a repeat of a repeat is refused: name the original). Null: not a repeat. Null makes it an original again.',
  })
  @IsOptional()
  @IsString()
  repeatsId?: string | null;
  @Field(() => Boolean, { nullable: true })
  @NotNullIfPresent()
  @IsBoolean()
  partsAreExhaustive?: boolean;
  @Field(() => String, { nullable: true })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  description?: string | null;
}
