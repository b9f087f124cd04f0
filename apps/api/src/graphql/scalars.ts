import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DomainError } from '@app/core';
import { parseCalendarDate, parseDateTime, parsePartialDate } from '@app/domain';

function badScalar(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function stringLiteral(ast: ValueNode, name: string): string {
  if (ast.kind !== Kind.STRING) throw new TypeError(`${name} must be a string`);
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

/**
 * A literal in the query: a plain error, which graphql-js reports with the literal's place
 * ("Expected value of type ..., found ...; <why>"), so that the answer names the argument
 * (format-error.ts); a GraphQLError would be reported as it is, with no place.
 */
function literal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) throw new TypeError(err.message);
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
  parseLiteral: (ast) => literal(() => parseCalendarDate(stringLiteral(ast, 'A Date'), 'date')),
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
  parseLiteral: (ast) =>
    literal(() => parsePartialDate(stringLiteral(ast, 'A PartialDate'), 'occurred').edtf),
});

/**
 * A moment, ISO 8601 with a zone. Stricter than the default DateTime scalar, which turns any
 * string into a Date (an Invalid Date for "garbage", 1 ms after 1970 for "1"): such input is
 * refused here, for every DateTime argument at once.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date and time, ISO 8601 with a zone, such as 2024-01-23T23:59:59Z.',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string')
      throw badScalar('A DateTime must be a string such as 2024-01-23T23:59:59Z');
    return wrap(() => parseDateTime(value, 'dateTime'));
  },
  parseLiteral: (ast) => literal(() => parseDateTime(stringLiteral(ast, 'A DateTime'), 'dateTime')),
});

/** Maps TypeScript `Date` fields and arguments to DateTimeScalar (code-first schema). */
export const SCALARS_MAP = [{ type: Date, scalar: DateTimeScalar }];
