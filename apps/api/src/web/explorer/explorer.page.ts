import type { WebManifest } from '../web-assets.js';

export const EXPLORER_ASSETS_PATH = '/explorer/assets/';

/** JSON inside a <script type="application/json"> block: no "</script>" can close it early. */
const jsonForHtml = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The explorer's HTML shell: GraphiQL's bundle and stylesheet from our own origin, the addresses of
 * Monaco's workers as data, and the response's CSP nonce for the styles the editor adds at run time.
 */
export function renderExplorerPage(
  manifest: WebManifest['explorer'],
  nonce: string,
  icon: string,
): string {
  const url = (file: string) => EXPLORER_ASSETS_PATH + file.replace(/^explorer\//, '');
  const config = {
    endpoint: '/graphql',
    schema: '/schema.graphql',
    workers: {
      editor: url(manifest.workers.editor),
      json: url(manifest.workers.json),
      graphql: url(manifest.workers.graphql),
    },
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphQL explorer: police discipline tracker</title>
<meta property="csp-nonce" nonce="${nonce}">
<link rel="icon" href="${icon}" type="image/svg+xml">
<link rel="stylesheet" href="${url(manifest.style)}">
<script type="module" src="${url(manifest.script)}"></script>
<script type="application/json" id="explorer-config">${jsonForHtml(config)}</script>
</head><body>
<div id="graphiql"><noscript>The explorer needs JavaScript. GraphQL is served at <a href="/graphql">/graphql</a>; the schema is at <a href="/schema.graphql">/schema.graphql</a>.</noscript></div>
</body></html>`;
}
