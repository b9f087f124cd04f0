import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection, lazyCount, type ConnectionShape } from './connection.model.js';
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

/** A page of candidates, and whether the list is complete (records still waiting to be scored). */
export interface CandidateConnectionShape<T> extends ConnectionShape<T> {
  unscoredCount: () => Promise<number>;
}

/** unscoredCount counts the queue up to this many records (one short index scan). */
export const UNSCORED_COUNT_LIMIT = 10_000;

const UNSCORED = (what: string) =>
  `${what} written but not yet scored for duplicates (counted up to ${UNSCORED_COUNT_LIMIT.toLocaleString('en')}). Above 0, the list may lack their pairs: an edit is scored by the next page, a bulk load (50 records or more waiting: a large import, an upgrade) in the background (README "Duplicate candidates"). The list is complete when this is 0.`;

@ObjectType('ActionDuplicateCandidateConnection')
export class ActionDuplicateCandidateConnection extends Connection(
  ActionDuplicateCandidate,
  'ActionDuplicateCandidate',
  undefined,
  { abstract: true },
) {
  @Field(() => Int, { description: UNSCORED('Actions'), middleware: [lazyCount] })
  unscoredCount: () => Promise<number>;
}

@ObjectType('OfficerDuplicateCandidateConnection')
export class OfficerDuplicateCandidateConnection extends Connection(
  OfficerDuplicateCandidate,
  'OfficerDuplicateCandidate',
  undefined,
  { abstract: true },
) {
  @Field(() => Int, { description: UNSCORED('Officers'), middleware: [lazyCount] })
  unscoredCount: () => Promise<number>;
}
