import type { ApolloServerPlugin } from '@apollo/server';

// Request errors that the GraphQL-over-HTTP spec answers with 200 under application/json (and 4xx
// under application/graphql-response+json): the document did not parse, validate or coerce, or a limit refused it.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

/** The q-value an Accept header gives `type` (exact match over `type/*` over `*\/*`), 0 when absent. */
export function acceptQuality(accept: string, type: string): number {
  let best = -1;
  let quality = 0;
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? '1',
    );
    const specificity =
      range === type ? 2 : range === `${type.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity > best) {
      best = specificity;
      quality = Number.isFinite(q) ? q : 0;
    }
  }
  return best < 0 ? 0 : quality;
}

/**
 * GraphQL over HTTP, legacy `application/json` responses: a well-formed request whose document fails
 * answers 200 with `errors` (clients of that media type read the body, not the status); with
 * `application/graphql-response+json` the 4xx stays. Apollo answers 400 in both cases; this plugin
 * corrects the first (graphql-http's auditServer checks it).
 */
export function statusCodesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (
            errors.length === 0 ||
            !errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))
          )
            return;
          const accept = request.http?.headers.get('accept');
          if (!accept) {
            response.http.status = 200;
            return;
          }
          const graphqlResponse = acceptQuality(accept, 'application/graphql-response+json');
          const json = acceptQuality(accept, 'application/json');
          if (json > 0 && json >= graphqlResponse) response.http.status = 200;
        },
      };
    },
  };
}
