import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  BREAK,
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLFormattedError,
  type Source,
} from 'graphql';
import { DomainError, fromDatabaseError } from '@app/core';
import { limitRefusal } from './limits/query-limits.js';

const logger = new Logger('GraphQL');

// Codes that graphql-js / Apollo produce for malformed requests; their messages are safe to show.
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** `Variable "$input" got invalid value ... at "input.citations[0].sourceId"` -> `citations.0.sourceId`. */
function fieldFromMessage(message: string): string | undefined {
  const at = /at "([^"]+)"/.exec(message);
  const variable = /^Variable "\$([A-Za-z0-9_]+)"/.exec(message);
  const path = at?.[1] ?? variable?.[1];
  if (!path) return undefined;
  // Inside a mutation's `input` the field is named as in the input type: `input.occurred` -> `occurred`.
  const dotted = path.replace(/\[(\d+)\]/g, '.$1');
  return dotted.startsWith('input.') ? dotted.slice('input.'.length) : dotted;
}

// One parse per refused query, however many errors it has (graphql-js stops at 100).
const parsed = new WeakMap<Source, DocumentNode>();

/**
 * The argument or input field an error points at, from its place in the query: `asRecordedAt`,
 * `filter.from`, `groupBy` (a literal that is not of the argument's type, an unknown argument).
 * The query is parsed again to find it: only for a refused request, once however many errors it
 * has, and the request limits bound its size.
 */
function fieldFromNode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const target = error.nodes?.[0];
  if (!target?.loc || !error.source) return undefined;
  let document = parsed.get(error.source);
  if (!document) {
    try {
      document = parse(error.source);
    } catch {
      return undefined;
    }
    parsed.set(error.source, document);
  }
  const names: string[] = [];
  let found: string | undefined;
  const at = (node: ASTNode) => node.kind === target.kind && node.loc?.start === target.loc!.start;
  const named = {
    enter(node: { name: { value: string } } & ASTNode) {
      names.push(node.name.value);
      if (at(node)) {
        found = names.join('.');
        return BREAK;
      }
      return undefined;
    },
    leave() {
      names.pop();
    },
  };
  visit(document, {
    [Kind.ARGUMENT]: named,
    [Kind.OBJECT_FIELD]: named,
    enter(node: ASTNode) {
      if (names.length && at(node)) {
        found = names.join('.');
        return BREAK;
      }
      return undefined;
    },
  });
  // Inside a mutation's `input` the field is named as in the input type: `input.occurred` -> `occurred`.
  return found?.startsWith('input.') ? found.slice('input.'.length) : found;
}

/**
 * The one place where errors become what a client sees: domain errors with their code and
 * details; GraphQL's own request errors as they are (with the field when one is named);
 * everything else logged with its stack and masked as INTERNAL_SERVER_ERROR.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  // A database error that is the client's lot (a statement or lock timeout on a read) becomes a
  // domain error here, whichever path sent the statement; others stay as they are, to be masked.
  const original = fromDatabaseError(unwrapResolverError(error));
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...original.details },
    };
  }
  // A request limit (graphql/limits): BAD_USER_INPUT naming the limit, whichever stage refused it.
  const limit = limitRefusal(formatted);
  if (limit)
    return { message: formatted.message, locations: formatted.locations, extensions: limit };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    // A field named by the error itself (e.g. the argument a variable could not fill), else read from graphql-js's message.
    const named = formatted.extensions?.field;
    const field =
      typeof named === 'string'
        ? named
        : (fieldFromMessage(formatted.message) ?? fieldFromNode(error));
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...(field ? { field } : {}) },
    };
  }
  logger.error(
    `Unexpected error at ${formatted.path?.join('.') ?? '(request)'}: ${original instanceof Error ? original.message : String(original)}`,
    original instanceof Error ? original.stack : undefined,
  );
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
