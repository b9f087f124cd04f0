/**
 * Imported first by bootstrap.ts, before any library loads: NODE_ENV defaults to `production`, so
 * that graphql-js skips its development-mode `instanceOf` checks (a tenth of the CPU of a list page;
 * npm run bench) and Express runs in production mode. An explicit NODE_ENV (jest sets `test`) is kept.
 */
process.env.NODE_ENV ??= 'production';
