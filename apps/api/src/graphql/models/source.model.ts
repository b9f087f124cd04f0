import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from './connection.model.js';
import { DateScalar } from '../scalars.js';
import { SourceKindEnum } from '../enums.js';

@ObjectType({
  description:
    'A document that reports records or figures. For a confidential source, the identifying fields (title, publisher, url, archiveUrl, notes) are null for callers who are not editors or admins.',
})
export class Source {
  @Field(() => ID) id: string;
  @Field(() => String, {
    nullable: true,
    description: 'Null when confidential and hidden from you.',
  })
  title: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Null when confidential and hidden from you.',
  })
  publisher: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn: string | null;
  @Field(() => String, { nullable: true }) language: string | null;
  @Field(() => SourceKindEnum) kind: string;
  @Field(() => String, { nullable: true }) archiveUrl: string | null;
  @Field(() => DateScalar, { nullable: true }) accessedOn: string | null;
  @Field() confidential: boolean;
  @Field({ description: 'True when identifying fields were withheld from you.' }) redacted: boolean;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

export const SourceConnection = Connection(Source, 'Source');

@ObjectType({ description: 'A source that reports a record, with the passage that supports it.' })
export class Citation {
  @Field(() => Source) source: Source;
  @Field(() => String, {
    nullable: true,
    description: 'Null when the source is confidential and hidden from you.',
  })
  excerpt: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Where in the source: page, paragraph, timestamp.',
  })
  locator: string | null;
}
