import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Connection } from './connection.model.js';
import { DisciplinaryAction } from './action.model.js';
import { Officer } from './officer.model.js';

@ObjectType({
  description:
    'Two actions that probably record the same action (README "Counting once" > "Duplicate candidates"): link them SAME_AS, or dismiss the pair.',
})
export class ActionDuplicateCandidate {
  aId: string;
  bId: string;
  @Field(() => DisciplinaryAction) a: DisciplinaryAction;
  @Field(() => DisciplinaryAction) b: DisciplinaryAction;
  @Field(() => Float, { description: 'How likely they are the same, 0..1.' }) score: number;
  @Field(() => [String], { description: 'What they have in common, in words.' }) reasons: string[];
}

@ObjectType({
  description:
    'Two officers that are probably one person (similar names in any spelling, Khmer script or alias).',
})
export class OfficerDuplicateCandidate {
  aId: string;
  bId: string;
  @Field(() => Officer) a: Officer;
  @Field(() => Officer) b: Officer;
  @Field(() => Float, { description: 'How likely they are one person, 0..1.' }) score: number;
  @Field(() => [String], { description: 'Why, in words.' }) reasons: string[];
}

export const ActionDuplicateCandidateConnection = Connection(
  ActionDuplicateCandidate,
  'ActionDuplicateCandidate',
);
export const OfficerDuplicateCandidateConnection = Connection(
  OfficerDuplicateCandidate,
  'OfficerDuplicateCandidate',
);
