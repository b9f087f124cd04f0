import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActionAttributeEnum, AlternativeStatusEnum } from '../enums.js';
import { DateScalar } from '../scalars.js';

@ObjectType({
  description:
    'A value of one attribute of an action as one source reports it (README "Disagreeing sources"). A versioned record: its history is in the changes feed (entityType ACTION_ALTERNATIVE).',
})
export class ActionAlternative {
  @Field(() => ID) id: string;
  actionId: string;
  @Field(() => ActionAttributeEnum) attribute: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The value in its canonical form (see ActionAttribute): a code, an EDTF date, a number, sorted comma-separated reason codes, an officer id or name. Null: the record had no value (kept when another was preferred).',
  })
  value: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'OCCURRED: the first day the date may mean (as occurredFrom of an action).',
  })
  occurredFrom: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'OCCURRED: the last day the date may mean.',
  })
  occurredTo: string | null;
  @Field(() => AlternativeStatusEnum) status: string;
  @Field({
    description:
      "True for the record's own value, kept as an alternative when another value was preferred (it cites the action's first source).",
  })
  recordValue: boolean;
  @Field(() => String, { nullable: true, description: 'Why: what the editor knows of this value.' })
  note: string | null;
  sourceId: string;
  excerpt: string | null;
  locator: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}
