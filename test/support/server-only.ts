import { serverUrl } from './databases.js';

/**
 * A describe block that needs a PostgreSQL server (COPY, pg_stat_activity, several connections):
 * run on the server suite, reported as skipped (with the reason in its title) on the embedded one,
 * rather than silently absent.
 */
export function describeOnServer(name: string, fn: () => void): void {
  const title = `${name} [needs a PostgreSQL server]`;
  if (serverUrl()) describe(title, fn);
  // eslint-disable-next-line no-restricted-properties -- the one sanctioned skip: the embedded suite cannot run these
  else describe.skip(title, fn);
}
