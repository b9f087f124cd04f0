import { ArgsType, Field } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { WORDING_LANGUAGES, type WordingLanguage } from '@app/domain';
import { LanguageEnum } from '../models/figure-wording.model.js';
import { IsText } from './text.validators.js';

// 2,000 characters: a figure's sentence or paragraph; longer texts are articles, to be cut to the passage first.
export const WORDING_MAX_LENGTH = 2000;

@ArgsType()
export class ParseFigureWordingArgs {
  @Field({
    description: `The sentence that states the figure, at most ${WORDING_MAX_LENGTH} characters.`,
  })
  @IsText(WORDING_MAX_LENGTH, { multiline: true })
  text: string;
  @Field(() => LanguageEnum) @IsIn(WORDING_LANGUAGES) language: WordingLanguage;
}
