import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { HISTORY_ENTITY_TYPES, type ChangeOperation } from '@app/domain';
import { Connection } from './connection.model.js';

/** A record as it was stored: an output-only JSON object (column names as in the database). */
export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description:
    'A JSON object: a record as the database stored it, with snake_case column names (output only).',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('JSONObject is output only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral: () => {
    throw new GraphQLError('JSONObject is output only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

export const ChangeEntityTypeEnum = Object.fromEntries(
  HISTORY_ENTITY_TYPES.map((t) => [t.toUpperCase(), t.toUpperCase()]),
) as Record<string, string>;
export const ChangeOperationEnum = {
  INSERT: 'INSERT',
  UPDATE: 'UPDATE',
  DELETE: 'DELETE',
  RETRACT: 'RETRACT',
} as const;

registerEnumType(ChangeEntityTypeEnum, {
  name: 'ChangeEntityType',
  description: 'The kinds of record whose changes are kept.',
});
registerEnumType(ChangeOperationEnum, {
  name: 'ChangeOperation',
  description: 'INSERT, UPDATE, DELETE, or RETRACT (an action withdrawn: kept, no longer counted).',
});

@ObjectType({
  description:
    'One change to a record, written by the database itself (no write path can skip it).',
})
export class HistoryEntry {
  @Field(() => ID, { description: 'Increasing with the order of the changes.' }) id: string;
  @Field(() => ChangeEntityTypeEnum) entityType: string;
  @Field(() => ID, { description: 'The record id (the code, for reference data).' })
  entityId: string;
  @Field(() => ChangeOperationEnum) operation: ChangeOperation;
  @Field() changedAt: Date;
  @Field({
    description:
      'The API key name and role, "seed", "migration", or "database" for changes made outside the API.',
  })
  changedBy: string;
  @Field(() => JSONObjectScalar, {
    nullable: true,
    description: 'The record before the change (null for INSERT, or withheld).',
  })
  before: Record<string, unknown> | null;
  @Field(() => JSONObjectScalar, {
    nullable: true,
    description: 'The record after the change (null for DELETE, or withheld).',
  })
  after: Record<string, unknown> | null;
}

export const ChangeConnection = Connection(HistoryEntry, 'Change');
