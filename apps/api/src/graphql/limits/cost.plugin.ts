import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isCompositeType, isListType, getNullableType } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { QUERY_LIMITS, limitError } from './query-limits.js';

// A list that is not a connection (reasons, citations, parts, history) is costed as 10 items: they are short.
const UNPAGED_LIST_SIZE = 10;
// The default page size of every connection (DEFAULT_PAGE_SIZE in the domain).
const DEFAULT_FIRST = 20;

/**
 * Cost of a field, in the manner of Shopify's and GitHub's: a scalar is free, an object costs 1,
 * a connection costs `first` times its nodes (the work grows with the page), an unpaged list 10 times.
 */
export const costEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  if ('first' in args || field.args.some((a) => a.name === 'first')) {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_FIRST;
    return 1 + first * childComplexity;
  }
  // A connection's edges are already counted `first` times by the connection itself.
  if (field.name === 'edges' && named.name.endsWith('Edge')) return 1 + childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + UNPAGED_LIST_SIZE * childComplexity;
  return 1 + childComplexity;
};

/** Refuses a request whose cost exceeds the budget before it runs (variables included, unlike a validation rule). */
export function costLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [costEstimator],
            });
          } catch {
            // Variables that do not coerce: execution refuses them with BAD_USER_INPUT before any resolver runs.
            return;
          }
          if (cost > QUERY_LIMITS.maxCost) {
            throw limitError(
              'maxCost',
              `The query costs ${cost} points; the limit is ${QUERY_LIMITS.maxCost} (a connection costs \`first\` times its nodes: ask for smaller pages)`,
              { cost },
            );
          }
        },
      };
    },
  };
}
