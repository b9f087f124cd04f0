/**
 * Imported first by bootstrap.ts, before any library loads: NODE_ENV defaults to `production`, so
 * that graphql-js skips its development-mode `instanceOf` checks (about 3 % of the CPU of a list
 * page in a profile under npm run bench's load) and Express runs in production mode. An explicit NODE_ENV (jest sets `test`) is kept.
 */
process.env.NODE_ENV ??= 'production';
