import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DomainError } from '@app/core';
import { parseCalendarDate, parsePartialDate } from '@app/domain';

function badScalar(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function stringLiteral(ast: ValueNode, name: string): string {
  if (ast.kind !== Kind.STRING) throw badScalar(`${name} must be a string`);
  return ast.value;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) throw badScalar(err.message);
    throw err;
  }
}

/** A calendar day, `YYYY-MM-DD`, that exists (2024-02-30 is refused). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: (value) => {
    if (typeof value !== 'string') throw badScalar('A Date must be a string YYYY-MM-DD');
    return wrap(() => parseCalendarDate(value, 'date'));
  },
  parseLiteral: (ast) => wrap(() => parseCalendarDate(stringLiteral(ast, 'A Date'), 'date')),
});

/** An EDTF (ISO 8601-2) level 0/1 date: 2024-01-23, 2024-01, 2024, 2023-11/2024-01-23, 2024-01?, 2024~. */
export const PartialDateScalar = new GraphQLScalarType({
  name: 'PartialDate',
  description:
    'An Extended Date/Time Format (EDTF, ISO 8601-2) date, levels 0-1: a day (2024-01-23), month (2024-01), year (2024), a closed interval (2023-11/2024-01-23), optionally uncertain (?) or approximate (~).',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string') throw badScalar('A PartialDate must be a string');
    return wrap(() => parsePartialDate(value, 'occurred').edtf);
  },
  parseLiteral: (ast) => wrap(() => parsePartialDate(stringLiteral(ast, 'A PartialDate'), 'occurred').edtf),
});
