import { Field, ID, InputType } from '@nestjs/graphql';
import { IsArray, IsString } from 'class-validator';
import { IsText, LIMITS } from './text.validators.js';

@InputType({
  description:
    'Merges officers who are one person into a survivor (README "Merging officers"). Editors only.',
})
export class MergeOfficersInput {
  @Field(() => ID, {
    description: "The officer that stays: it takes the others' actions and names.",
  })
  @IsString()
  survivorId: string;
  @Field(() => [ID], { description: 'The officers merged into it (1 to 20; none already merged).' })
  @IsArray()
  @IsString({ each: true })
  mergedIds: string[];
  @Field({ description: 'Why they are one person (kept with the merge).' })
  @IsText(LIMITS.medium, { multiline: true })
  reason: string;
}

@InputType({
  description:
    'Undoes one merge: the merged officer gets its own actions and names back. Editors only.',
})
export class SplitOfficerInput {
  @Field(() => ID, { description: 'The survivor (or any id merged into it).' })
  @IsString()
  officerId: string;
  @Field(() => ID, { description: 'The officer to give back (one of `mergedFrom`).' })
  @IsString()
  mergedId: string;
}
