import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ActionLinkKindEnum } from '../enums.js';
import { CitationInput } from './record.inputs.js';
import { IsOptionalText, LIMITS } from './text.validators.js';

@InputType({ description: 'Links two actions (README "Counting once"). Editors only.' })
export class LinkActionsInput {
  @Field(() => ID) @IsString() fromId: string;
  @Field(() => ID) @IsString() toId: string;
  @Field(() => ActionLinkKindEnum)
  @IsIn(Object.values(ActionLinkKindEnum))
  kind: keyof typeof ActionLinkKindEnum;
  @Field(() => String, { nullable: true, description: 'Why: what shows that they are linked.' })
  @IsOptionalText(LIMITS.medium, { multiline: true })
  note?: string | null;
  @Field(() => CitationInput, {
    nullable: true,
    description: 'A source that shows the link, and its passage.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationInput)
  citation?: CitationInput | null;
}

@InputType()
export class UnlinkActionsInput {
  @Field(() => ID) @IsString() id: string;
}
