import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isCompositeType, isListType, getNullableType, type DocumentNode, type GraphQLSchema } from 'graphql';
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

// Costs remembered per document: 64 variable sets each (the page sizes and filters a client
// repeats); variables longer than 2 KiB of JSON are costed afresh every time.
const COSTS_PER_DOCUMENT = 64;
const MAX_CACHED_VARIABLES_JSON = 2048;

/**
 * The cost of running `document` with `variables`, remembered: walking a page query's syntax tree
 * with graphql-query-complexity took ~4 % of the CPU of a page of 20 actions under load (profile
 * under npm run bench), and a client repeats the same document with the same few variable sets. The
 * cost is a function of the schema, the document, the operation and the variables alone (variables
 * count: `first`, `@include(if:)`), so that is the key. Apollo's document store hands back the same
 * DocumentNode for the same query text; the entries go with it.
 */
export class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  cost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
    const compute = () => getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator] });
    const json = JSON.stringify(variables);
    if (json.length > MAX_CACHED_VARIABLES_JSON) return compute();
    const key = `${operationName ?? ''}\u0000${json}`;
    let costs = this.byDocument.get(document);
    const known = costs?.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    if (!costs) this.byDocument.set(document, (costs = new Map()));
    if (costs.size < COSTS_PER_DOCUMENT) costs.set(key, cost);
    return cost;
  }
}

/** Refuses a request whose cost exceeds the budget before it runs (variables included, unlike a validation rule). */
export function costLimitPlugin(cache = new CostCache()): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = cache.cost(schema, document, request.operationName ?? undefined, request.variables ?? {});
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
