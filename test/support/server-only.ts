import { serverUrl } from './databases.js';

/**
 * Tests that need a PostgreSQL server (DATABASE_URL): they run in the server suite and are reported
 * as skipped in the embedded suite, with the reason in their title, instead of vanishing from it.
 * The only skips in the suite, and conditional: every test runs in the server suite (`.ci/run`
 * runs both).
 */
const NEEDS_SERVER = '[needs a PostgreSQL server]';

/* eslint-disable no-restricted-properties -- the one sanctioned skip: server-only tests on the embedded database */
const describeOrSkip = serverUrl() ? describe : describe.skip;
const itOrSkip = serverUrl() ? it : it.skip;
/* eslint-enable no-restricted-properties */

export function describeWithServer(title: string, fn: () => void): void {
  describeOrSkip(`${title} ${NEEDS_SERVER}`, fn);
}

export function itWithServer(title: string, fn: () => Promise<unknown>, timeout?: number): void {
  itOrSkip(`${title} ${NEEDS_SERVER}`, fn, timeout);
}
