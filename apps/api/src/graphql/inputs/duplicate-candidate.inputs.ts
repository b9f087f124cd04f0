import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsNumber, IsOptional, IsString } from 'class-validator';
import { PageArgs } from './query.inputs.js';
import { IsOptionalText, LIMITS } from './text.validators.js';

@ArgsType()
export class ActionDuplicateCandidatesArgs extends PageArgs {
  @Field(() => Float, {
    nullable: true,
    description:
      'Only pairs scoring at least this, 0..1 (default 0.7; pairs under 0.5 are not kept).',
  })
  @IsOptional()
  @IsNumber()
  minScore?: number | null;
}

@InputType({ description: 'A pair of actions that are not the same action: never proposed again.' })
export class DismissDuplicateCandidateInput {
  @Field(() => ID) @IsString() aId: string;
  @Field(() => ID) @IsString() bId: string;
  @Field(() => String, { nullable: true, description: 'Why they are different actions.' })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  note?: string | null;
}
