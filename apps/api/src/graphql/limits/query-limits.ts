import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { maxFieldsRule } from './max-fields.rule.js';
import {
  GraphQLError,
  type GraphQLFormattedError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * The public limits of one GraphQL request (README "Limits"). Each is checked before anything runs,
 * so an abusive request costs a parse and a walk of its syntax tree, never a database query.
 */
export const QUERY_LIMITS = {
  // 5,000 tokens: a long hand-written query is a few hundred; bounds the parser's work (Apollo answers 400).
  maxTokens: 5000,
  // 10 levels: the deepest useful query (a figure's parts' citations' sources) has 8; stops endless parent/parts nesting.
  maxDepth: 10,
  // 20 aliases: enough to compare a year of monthly tallies side by side; each alias repeats a field's work.
  maxAliases: 20,
  // 20 directives: @include/@skip on a few fields; thousands of them are a known parser/validator attack.
  maxDirectives: 20,
  // 10,000 points (objects 1, scalars 0, connections `first` x their nodes, aggregates their weight in cost-weights.ts):
  // a page of 100 actions with every relation and its history costs about 5,000; pages of pages (100 x 100) are refused.
  maxCost: 10000,
  // 2,000 fields per operation, fragments expanded: the fact-check page sends at most 280, a full introspection
  // 220, 20 aliased records with every field ~1,500; bounds each walk of the expanded document (README "Limits").
  maxFields: 2000,
  // 20 aggregate resolutions per request (a check under a page of 20 counts 20): the fact-check page asks for a page
  // of 20 figures with their checks; 20 side-by-side tallies compare a year of months; each scans the records.
  maxAggregates: 20,
} as const;

/** A limit's refusal: BAD_USER_INPUT (format-error.ts reads `limit`), with the limit in the message and extensions. */
export function limitError(
  limit: keyof typeof QUERY_LIMITS,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      limit,
      max: QUERY_LIMITS[limit],
      ...extra,
      http: { status: 400 },
    },
  });
}

/**
 * The extensions of a refusal by one of these limits (for format-error.ts), or undefined. Apollo's
 * own token limit arrives as GRAPHQL_PARSE_FAILED and is recognised by its message.
 */
export function limitRefusal(
  formatted: GraphQLFormattedError,
): Record<string, unknown> | undefined {
  const ext = formatted.extensions ?? {};
  if (typeof ext.limit === 'string') {
    return {
      code: 'BAD_USER_INPUT',
      limit: ext.limit,
      max: ext.max,
      found: ext.found,
      cost: ext.cost,
    };
  }
  if (
    ext.code === 'GRAPHQL_PARSE_FAILED' &&
    /contains more th\w+ \d+ tokens/.test(formatted.message)
  ) {
    return { code: 'BAD_USER_INPUT', limit: 'maxTokens', max: QUERY_LIMITS.maxTokens };
  }
  return undefined;
}

// graphql-armor reports through these callbacks; throwing (its default) would escape validation as a 500.
function report(limit: 'maxDepth' | 'maxAliases' | 'maxDirectives', what: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, err: GraphQLError) => {
        const found = /found (\d+)/.exec(err.message)?.[1];
        ctx?.reportError(
          limitError(
            limit,
            `The query exceeds the ${what} limit of ${QUERY_LIMITS[limit]}${found ? ` (found ${found})` : ''}`,
            {
              ...(found ? { found: Number(found) } : {}),
            },
          ),
        );
      },
    ],
  };
}

export const LIMIT_VALIDATION_RULES: ValidationRule[] = [
  maxFieldsRule,
  maxDepthRule({
    n: QUERY_LIMITS.maxDepth,
    ...report('maxDepth', 'depth'),
  }) as unknown as ValidationRule,
  maxAliasesRule({
    n: QUERY_LIMITS.maxAliases,
    ...report('maxAliases', 'alias'),
  }) as unknown as ValidationRule,
  maxDirectivesRule({
    n: QUERY_LIMITS.maxDirectives,
    ...report('maxDirectives', 'directive'),
  }) as unknown as ValidationRule,
];
