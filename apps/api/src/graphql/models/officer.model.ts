import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from './connection.model.js';

@ObjectType({ description: 'A police officer named in at least one record.' })
export class Officer {
  @Field(() => ID) id: string;
  @Field({ description: 'The name in Latin script, as most often printed.' }) fullName: string;
  @Field(() => String, { nullable: true, description: 'The name in Khmer script.' }) fullNameKm:
    string | null;
  @Field(() => [String], { description: 'Other spellings of the name.' }) aliases: string[];
  @Field(() => String, { nullable: true }) gender: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

export const OfficerConnection = Connection(Officer, 'Officer');
