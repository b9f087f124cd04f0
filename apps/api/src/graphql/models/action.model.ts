import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from './connection.model.js';
import { DateScalar, PartialDateScalar } from '../scalars.js';
import { ActionTypeEnum, VisibilityEnum } from '../enums.js';

@ObjectType({ description: 'One disciplinary action: a named officer, or a counted group of unnamed officers.' })
export class DisciplinaryAction {
  @Field(() => ID) id: string;
  @Field(() => ActionTypeEnum) actionType: string;
  officerId: string | null;
  @Field(() => Int, { description: 'People concerned: 1 for a named officer; more for an unnamed group.' })
  subjectCount: number;
  @Field(() => String, { nullable: true }) subjectDescription: string | null;
  rankCode: string | null;
  @Field(() => String, { nullable: true, description: 'The rank as the source wrote it.' }) rankText: string | null;
  @Field(() => String, { nullable: true, description: 'The position as the source wrote it.' }) position: string | null;
  provinceCode: string | null;
  @Field(() => String, { nullable: true }) reasonDetail: string | null;
  @Field(() => PartialDateScalar, { description: 'When it happened, as precisely as the sources allow (EDTF).' })
  occurred: string;
  @Field(() => DateScalar, { description: 'First day the action may have happened.' }) occurredFrom: string;
  @Field(() => DateScalar, { description: 'Last day the action may have happened.' }) occurredTo: string;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => VisibilityEnum) visibility: string;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => Date, { nullable: true }) retractedAt: Date | null;
  @Field(() => String, { nullable: true }) retractionReason: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

export const DisciplinaryActionConnection = Connection(DisciplinaryAction, 'DisciplinaryAction');
