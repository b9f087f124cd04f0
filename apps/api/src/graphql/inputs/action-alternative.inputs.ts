import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ActionAttributeEnum, AlternativeStatusEnum } from '../enums.js';
import { CitationInput } from './record.inputs.js';
import { IsOptionalText, LIMITS } from './text.validators.js';

@InputType({
  description:
    'Another value of an action\'s attribute, as a source reports it (README "Disagreeing sources"). Editors only.',
})
export class AddActionAlternativeInput {
  @Field(() => ID) @IsString() actionId: string;
  @Field(() => ActionAttributeEnum)
  @IsIn(Object.values(ActionAttributeEnum))
  attribute: keyof typeof ActionAttributeEnum;
  @Field({
    description:
      'The value, checked as the field itself would be (see ActionAttribute for its form).',
  })
  @IsString()
  value: string;
  @Field(() => CitationInput, {
    description: 'The source that reports this value, and its passage.',
  })
  @ValidateNested()
  @Type(() => CitationInput)
  citation: CitationInput;
  @Field(() => String, { nullable: true, description: 'Why: e.g. which outlet repeats whom.' })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  note?: string | null;
}

@InputType({ description: 'Prefers, keeps or deprecates an alternative value. Editors only.' })
export class SetActionAlternativeStatusInput {
  @Field(() => ID) @IsString() id: string;
  @Field(() => AlternativeStatusEnum)
  @IsIn(Object.values(AlternativeStatusEnum))
  status: keyof typeof AlternativeStatusEnum;
}
