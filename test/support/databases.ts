import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * One new, empty database per test file on the PostgreSQL server named by DATABASE_URL; the app
 * migrates it at start exactly as in production.
 */

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL?.trim() || undefined;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const url = serverUrl();
  if (!url) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = serverUrl();
  if (!url) throw new Error('DATABASE_URL is not set');
  const name = `pdt_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(url, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
