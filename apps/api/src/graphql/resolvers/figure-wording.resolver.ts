import { Args, Query, Resolver } from '@nestjs/graphql';
import { parseFigureWording } from '@app/domain';
import { FigureWordingSuggestion } from '../models/figure-wording.model.js';
import { ParseFigureWordingArgs } from '../inputs/figure-wording.inputs.js';

@Resolver()
export class FigureWordingResolver {
  @Query(() => FigureWordingSuggestion, {
    nullable: true,
    description:
      'Proposes a figure\'s value and qualifier from its wording in English or Khmer ("more than 50", "ប្រហែល ៧០ នាក់"). The first count of people in the text; null when there is none (README "Reading a figure\'s wording").',
  })
  parseFigureWording(
    @Args() { text, language }: ParseFigureWordingArgs,
  ): FigureWordingSuggestion | null {
    return parseFigureWording(text, language);
  }
}
