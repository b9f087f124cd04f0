import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CountRange } from './tally.model.js';
import { Connection } from './connection.model.js';
import { DateScalar, PartialDateScalar } from '../scalars.js';
import { ActionTypeEnum, DateQualifierEnum, VisibilityEnum } from '../enums.js';

@ObjectType({
  description: 'One disciplinary action: a named officer, or a counted group of unnamed officers.',
})
export class DisciplinaryAction {
  @Field(() => ID) id: string;
  @Field(() => ActionTypeEnum) actionType: string;
  officerId: string | null;
  @Field(() => Int, {
    description: 'People concerned: 1 for a named officer; more for an unnamed group.',
  })
  subjectCount: number;
  @Field(() => String, { nullable: true }) subjectDescription: string | null;
  rankCode: string | null;
  @Field(() => String, { nullable: true, description: 'The rank as the source wrote it.' })
  rankText: string | null;
  @Field(() => String, { nullable: true, description: 'The position as the source wrote it.' })
  position: string | null;
  provinceCode: string | null;
  agencyCode: string | null;
  reasonCodes: string[];
  reasonCounts: number[] | null;
  @Field(() => String, { nullable: true }) reasonDetail: string | null;
  @Field(() => PartialDateScalar, {
    description: 'When it happened, as precisely as the sources allow (EDTF).',
  })
  occurred: string;
  @Field(() => DateQualifierEnum, {
    nullable: true,
    description:
      'APPROXIMATE (~), UNCERTAIN (?) or both (%): the date is "about" or "perhaps"; null when the source gives it as certain.',
  })
  occurredQualifier: string | null;
  @Field(() => DateScalar, {
    description:
      'First day the action may have happened (counted over: a week, month or year earlier for an approximate or uncertain date).',
  })
  occurredFrom: string;
  @Field(() => DateScalar, {
    description: 'Last day the action may have happened (widened likewise).',
  })
  occurredTo: string;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => VisibilityEnum) visibility: string;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => Date, { nullable: true }) retractedAt: Date | null;
  @Field(() => String, { nullable: true }) retractionReason: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

export enum CountsAs {
  CERTAIN = 'CERTAIN',
  POSSIBLE = 'POSSIBLE',
  NOT_COUNTED = 'NOT_COUNTED',
}
registerEnumType(CountsAs, {
  name: 'CountsAs',
  description:
    'How an action counts towards the filter it was listed with: CERTAIN (its whole date range lies in the period, and its people count whole), POSSIBLE (its dates only overlap the period, or a group\'s split between reasons is unknown), or NOT_COUNTED (README "Counting once": a duplicate folded into an earlier record of the same action, an earlier step of a case counted at its latest step, an action reversed with netOfReversals, or a group whose people are all named in records of their own).',
});

@ObjectType({
  description:
    "An action of a list, with how it counts towards the list's filter (so its people can be read against a tally's range).",
})
export class DisciplinaryActionEdge {
  @Field() cursor: string;
  @Field(() => DisciplinaryAction) node: DisciplinaryAction;
  @Field(() => CountsAs) countsAs: CountsAs;
  @Field(() => CountRange, {
    description:
      'The people this action adds to the tally of the same filter: min for certain, max possibly.',
  })
  counted: CountRange;
}

export const DisciplinaryActionConnection = Connection<
  DisciplinaryAction,
  { countsAs: CountsAs; counted: CountRange }
>(DisciplinaryAction, 'DisciplinaryAction', DisciplinaryActionEdge);

@ObjectType({
  description: 'How many people of a group one of its reasons concerns, as an editor recorded it.',
})
export class ReasonCount {
  reasonCode: string;
  @Field(() => Int) count: number;
}
