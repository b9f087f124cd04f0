import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WORDING_LANGUAGES } from '@app/domain';
import { FigureQualifierEnum } from '../enums.js';

export const LanguageEnum = Object.fromEntries(WORDING_LANGUAGES.map((l) => [l, l])) as {
  [K in (typeof WORDING_LANGUAGES)[number]]: K;
};
registerEnumType(LanguageEnum, {
  name: 'Language',
  description: 'The language of a text: EN (English), KM (Khmer).',
});

@ObjectType({
  description:
    'A value and qualifier proposed from the words of a published figure ("about 70", "ជាង ៧០ នាក់"), for an editor to review before `createReportedFigure`.',
})
export class FigureWordingSuggestion {
  @Field(() => Int) value: number;
  @Field(() => FigureQualifierEnum) qualifier: string;
  @Field(() => Float, {
    nullable: true,
    description:
      'For ABOUT when the words give the margin ("between 60 and 70" is ABOUT 65, 0.077); null otherwise (the default 0.1 applies).',
  })
  tolerance: number | null;
  @Field({ description: 'The words read, exactly as in the text ("about 70").' }) words: string;
  @Field(() => Int, {
    description:
      'Where the words start in the text (UTF-16 code units, as JavaScript string indices).',
  })
  start: number;
  @Field(() => Int, {
    description: 'Where the words end (exclusive): text.slice(start, end) = words.',
  })
  end: number;
}
