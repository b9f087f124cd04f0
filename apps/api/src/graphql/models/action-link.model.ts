import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActionLinkKindEnum } from '../enums.js';

@ObjectType({
  description:
    'A link between two actions (README "Counting once"), written by an editor with the reason for it. A versioned record: its history is in the changes feed (entityType ACTION_LINK).',
})
export class ActionLink {
  @Field(() => ID) id: string;
  @Field(() => ActionLinkKindEnum) kind: string;
  fromId: string;
  toId: string;
  @Field(() => String, { nullable: true, description: 'Why the editor linked them.' }) note:
    string | null;
  sourceId: string | null;
  excerpt: string | null;
  locator: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

@ObjectType({ description: 'A consistency issue of one action as the caller counts it.' })
export class ActionIssue {
  @Field({
    description:
      'GROUP_OVERFLOW: a group has more named members (MEMBER_OF) than people; the named members are what counts.',
  })
  kind: string;
  @Field() message: string;
}
