import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@app/core';
import { ApiKeyService, SeedService, type Role } from '@app/domain';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, serverUrl } from './databases.js';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  app: INestApplication;
  url: string;
  dataSource: DataSource;
  /** POST a GraphQL request; `key` is sent as a bearer token. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string,
  ): Promise<GqlResponse<T>>;
  /** A new key with this role. */
  key(role: Role, name?: string): Promise<string>;
  seed(): Promise<void>;
  /** Rows of a table, for "the database is unchanged" assertions. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The API on a database of its own: a clone of the migrated template on the PostgreSQL server when
 * DATABASE_URL is set, otherwise a new embedded database in a temporary directory. Listens on a
 * random loopback port; tests talk to it over HTTP only.
 */
// No background duplicate scoring unless a test asks for it: tests that count the statements a
// request runs (captureStatements) or hold a pool of one connection must see only their requests.
const QUIET: Partial<AppConfig> = { duplicateScoringIntervalMs: 0 };

export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  let cleanup: () => Promise<void>;
  const base = loadConfig({ ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' });
  let config: AppConfig;
  if (serverUrl()) {
    const db = await createTestDatabase();
    config = {
      ...base,
      databaseUrl: db.url,
      seedOnFirstStart: false,
      port: 0,
      host: '127.0.0.1',
      ...QUIET,
      ...overrides,
    };
    cleanup = db.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'pdt-test-'));
    config = {
      ...base,
      databaseUrl: undefined,
      dataDir: dir,
      seedOnFirstStart: false,
      port: 0,
      host: '127.0.0.1',
      ...QUIET,
      ...overrides,
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get(DataSource);
  return {
    app,
    url,
    dataSource,
    async gql(query, variables, key) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key) headers.authorization = `Bearer ${key}`;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      return { status: res.status, data: body.data, errors: body.errors };
    },
    async key(role, name = `test ${role.toLowerCase()}`) {
      return (await app.get(ApiKeyService).create(name, role)).key;
    },
    async seed() {
      await app.get(SeedService).seedCambojaReport();
    },
    async count(table) {
      const rows = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as {
        n: number;
      }[];
      return rows[0].n;
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** Counts of every record table: equal before and after a refused write means nothing was written. */
/**
 * startTestApp with environment variables set while it starts, as an operator sets them: the ones
 * read at start (rate limits, TRUST_PROXY, CORS_ORIGINS). The environment is restored after.
 */
export async function startTestAppWithEnv(
  env: Record<string, string>,
  overrides: Partial<AppConfig> = {},
): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await startTestApp(overrides);
  } finally {
    process.env = saved;
  }
}

export async function snapshotCounts(t: TestApp): Promise<Record<string, number>> {
  const records = [
    'officer',
    'source',
    'disciplinary_action',
    'citation',
    'reported_figure',
    'action_link',
    'officer_merge',
    'action_alternative',
  ];
  const tables = [...records, ...records.map((r) => `${r}_history`), 'api_key'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = await t.count(table);
  return out;
}
