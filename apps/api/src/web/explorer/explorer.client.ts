/// <reference lib="dom" />
/**
 * Browser code: the GraphQL explorer at /explorer, GraphiQL 5 bundled by scripts/build-web.mjs.
 * The documentation explorer and autocompletion come from the API's introspection; the example
 * queries open as the first tabs and stay one click away in the "Examples" panel; the request
 * headers editor takes the API key.
 */
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './explorer.css';
import { nonceInjectedStyles } from './explorer-nonce.client.js';
import { setUpMonacoWorkers, type ExplorerWorkers } from './explorer-workers.client.js';
import { EXPLORER_DEFAULT_HEADERS, EXPLORER_PRESETS } from './explorer.presets.js';

interface ExplorerConfig {
  endpoint: string;
  schema: string;
  workers: ExplorerWorkers;
}

/** The operation name GraphiQL gives its schema request (a name no user query is likely to take). */
const SCHEMA_REQUEST = 'ExplorerSchemaRequest';

/**
 * GraphiQL's fetcher, with its schema request answered from the server's printed schema
 * (/schema.graphql, the live schema) instead of the introspection query: that query's nested lists
 * cost about 15,000 points under the API's cost limit of 10,000 and would be refused. Every other
 * request goes to /graphql as sent.
 */
function explorerFetcher(config: ExplorerConfig): Fetcher {
  const graphql = createGraphiQLFetcher({ url: config.endpoint });
  return async (params, options) => {
    if (params.operationName === SCHEMA_REQUEST) {
      const res = await fetch(config.schema, { headers: { accept: 'text/plain' } });
      if (!res.ok) throw new Error(`The schema could not be loaded (HTTP ${res.status})`);
      const introspection = introspectionFromSchema(buildSchema(await res.text()));
      return { data: introspection as unknown as Record<string, unknown> };
    }
    return graphql(params, options);
  };
}

function ExamplesPanel() {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const { addTab } = useGraphiQLActions();
  const open = (query: string) => {
    if (!queryEditor) return;
    // A new tab, so the user's own query is not overwritten.
    if (queryEditor.getValue().trim()) addTab();
    queryEditor.setValue(query);
  };
  return h(
    'section',
    { className: 'explorer-examples', 'aria-label': 'Example queries' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
    h(
      'p',
      null,
      'Each opens in a tab; press the run button (or Ctrl+Enter) to send it. Reading public data needs no key.',
    ),
    h(
      'ul',
      null,
      EXPLORER_PRESETS.map((preset) =>
        h(
          'li',
          { key: preset.title },
          h(
            'button',
            {
              type: 'button',
              className: 'graphiql-un-styled explorer-example',
              onClick: () => open(preset.query),
            },
            preset.title,
          ),
        ),
      ),
    ),
  );
}

function ExamplesIcon() {
  return h(
    'svg',
    {
      viewBox: '0 0 24 24',
      width: 20,
      height: 20,
      'aria-hidden': true,
      fill: 'none',
      stroke: 'currentColor',
      strokeWidth: 1.5,
    },
    h('path', { d: 'M5 4h10l4 4v12H5z M8 11h8 M8 15h8 M8 7h5' }),
  );
}

const EXAMPLES_PLUGIN: GraphiQLPlugin = {
  title: 'Examples',
  icon: ExamplesIcon,
  content: ExamplesPanel,
};

function start(): void {
  const config = JSON.parse(
    document.getElementById('explorer-config')!.textContent!,
  ) as ExplorerConfig;
  nonceInjectedStyles();
  setUpMonacoWorkers(config.workers);
  const fetcher = explorerFetcher(config);
  createRoot(document.getElementById('graphiql')!).render(
    h(GraphiQL, {
      fetcher,
      introspectionQueryName: SCHEMA_REQUEST,
      plugins: [EXAMPLES_PLUGIN, HISTORY_PLUGIN],
      defaultTabs: EXPLORER_PRESETS.map((p) => ({
        query: p.query,
        headers: EXPLORER_DEFAULT_HEADERS,
      })),
      defaultHeaders: EXPLORER_DEFAULT_HEADERS,
      defaultEditorToolsVisibility: 'headers',
      // The key stays in this browser tab only, never in local storage.
      shouldPersistHeaders: false,
    }),
  );
}

start();
