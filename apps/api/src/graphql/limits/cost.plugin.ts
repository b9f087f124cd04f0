import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { QUERY_LIMITS, limitError } from './query-limits.js';
import { queryCost, VariablesError, type QueryCost } from './query-cost.js';

const logger = new Logger('GraphQL');

// Costs remembered per document: 64 variable sets each (the page sizes and filters a client
// repeats); variables longer than 2 KiB of JSON are costed afresh every time.
const COSTS_PER_DOCUMENT = 64;
const MAX_CACHED_VARIABLES_JSON = 2048;

/**
 * The cost of running an operation of `document` with `variables`, remembered: walking a page
 * query's syntax tree took ~4 % of the CPU of a page of 20 actions under load (profile under npm run
 * bench), and a client repeats the same document with the same few variable sets. The cost is a
 * function of the schema, the document, the operation and the variables alone (variables count:
 * `first`, `@include(if:)`, `asRecordedAt`), so that is the key. Apollo's document store hands back
 * the same DocumentNode for the same query text; the entries go with it.
 */
export class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, QueryCost>>();

  measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): QueryCost {
    const compute = () => queryCost(schema, document, operation, variables);
    const json = JSON.stringify(variables);
    if (json.length > MAX_CACHED_VARIABLES_JSON) return compute();
    const key = `${operation.name?.value ?? ''}\u0000${json}`;
    let costs = this.byDocument.get(document);
    const known = costs?.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    if (!costs) this.byDocument.set(document, (costs = new Map()));
    if (costs.size < COSTS_PER_DOCUMENT) costs.set(key, cost);
    return cost;
  }
}

/** The variables error as the client's error: BAD_USER_INPUT naming the variable (format-error.ts reads it from the message) or the argument. */
function variablesRefusal(err: VariablesError): GraphQLError {
  const [first] = err.errors;
  const more =
    err.errors.length > 1
      ? ` (and ${err.errors.length - 1} more problem${err.errors.length > 2 ? 's' : ''} with the variables)`
      : '';
  return new GraphQLError(`${err.message}${more}`, {
    nodes: first?.nodes,
    extensions: {
      code: 'BAD_USER_INPUT',
      ...(err.argument ? { field: err.argument } : {}),
      http: { status: 400 },
    },
  });
}

/**
 * Refuses, before anything runs, a request whose cost exceeds the budget or that would resolve more
 * aggregate fields than the cap (variables included, unlike a validation rule). Fails closed: a
 * document whose cost cannot be worked out is refused; only variables that do not coerce are
 * answered as what they are, the client's error.
 */
export function costLimitPlugin(cache = new CostCache()): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          // No operation (an unknown or missing operationName): nothing can run, and execution
          // answers OPERATION_RESOLUTION_FAILURE, the client's error, before any resolver.
          if (!operation) return;
          let measured: QueryCost;
          try {
            measured = cache.measure(schema, document, operation, request.variables ?? {});
          } catch (err) {
            if (err instanceof VariablesError) throw variablesRefusal(err);
            logger.error(
              `A query could not be costed and was refused: ${(err as Error)?.message}`,
              (err as Error)?.stack,
            );
            throw limitError(
              'maxCost',
              'The query could not be costed, so it is refused: simplify it (fewer fragments, fields and nested lists)',
            );
          }
          const { cost, aggregates } = measured;
          // `!(x <= max)` refuses NaN too: a number that is not a cost is no permission.
          if (!(aggregates <= QUERY_LIMITS.maxAggregates)) {
            throw limitError(
              'maxAggregates',
              `The query asks for ${aggregates} aggregates (tallies, running totals, figure checks, totalCount; under a list, once per item); the limit is ${QUERY_LIMITS.maxAggregates}: split it into several requests or ask for smaller pages`,
              { found: aggregates },
            );
          }
          if (!(cost <= QUERY_LIMITS.maxCost)) {
            const points = Number.isSafeInteger(cost)
              ? String(cost)
              : `more than ${Number.MAX_SAFE_INTEGER}`;
            throw limitError(
              'maxCost',
              `The query costs ${points} points; the limit is ${QUERY_LIMITS.maxCost} (a connection costs \`first\` times its nodes, an aggregate its weight: ask for smaller pages or fewer aggregates)`,
              { cost: Number.isSafeInteger(cost) ? cost : undefined },
            );
          }
        },
      };
    },
  };
}
