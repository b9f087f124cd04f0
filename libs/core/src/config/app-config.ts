import { resolve } from 'node:path';

/** Settings read from the environment once at start; see the README's environment table. */
export interface AppConfig {
  /** PostgreSQL server URL; when absent the embedded database in `dataDir` is used. */
  databaseUrl?: string;
  /** Read replicas (comma-separated URLs) for read-only queries; only with `databaseUrl`. */
  databaseReadUrls: string[];
  dataDir: string;
  port: number;
  host: string;
  adminApiKey?: string;
  /** Every SQL statement is cancelled after this many milliseconds. */
  statementTimeoutMs: number;
  /** Connections in the pool when a server is used (the embedded database always uses one). */
  poolSize: number;
  /** How long a request waits for a pooled database connection before it answers UNAVAILABLE. */
  acquireTimeoutMs: number;
  /** Downloads (exports) served at once by this process; more answer 503 UNAVAILABLE with Retry-After. */
  maxConcurrentDownloads: number;
  /** A download whose client reads nothing for this long is cut (its connection freed). */
  downloadIdleTimeoutMs: number;
  /** How often an API process looks for queued records to score as duplicate candidates; 0: never (pages still score a few). */
  duplicateScoringIntervalMs: number;
  /** Load the CamboJA report on first start of an empty database. */
  seedOnFirstStart: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Who publishes the fact checks: the `author` of the ClaimReview objects and of the citations. */
  publisherName: string;
  /** The publisher's address (ClaimReview `author.url`); unset: this tracker's own address. */
  publisherUrl?: string;
  /** This tracker's public address, for absolute permalinks; unset: the address each request came to. */
  publicUrl?: string;
}

/** An absolute http(s) address without a trailing slash, or undefined when unset. */
function urlFrom(name: string, raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute http(s) address, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must be an absolute http(s) address, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function intFrom(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of error, warn, log, debug; got "${logLevel}"`);
  }
  return {
    databaseUrl,
    databaseReadUrls: (env.DATABASE_READ_URLS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    // 0 lets the OS choose a free port (used by tests); 65535 is the highest TCP port.
    port: intFrom('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    adminApiKey: env.ADMIN_API_KEY?.trim() || undefined,
    // 15 s: long enough for a 1M-row tally, short enough that a runaway query cannot hold a connection.
    statementTimeoutMs: intFrom(
      'STATEMENT_TIMEOUT_MS',
      env.STATEMENT_TIMEOUT_MS,
      15000,
      100,
      3600000,
    ),
    // 10 connections: enough for 2 cores; PostgreSQL's default max_connections is 100.
    poolSize: intFrom('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 100),
    // 10 s: far above a healthy wait (a tally takes under 1 s at 1M rows); a request never queues without end.
    acquireTimeoutMs: intFrom(
      'DATABASE_ACQUIRE_TIMEOUT_MS',
      env.DATABASE_ACQUIRE_TIMEOUT_MS,
      10000,
      100,
      600000,
    ),
    // 4 at once: each holds a connection on a server; half the default pool stays for the API.
    maxConcurrentDownloads: intFrom(
      'DOWNLOADS_MAX_CONCURRENT',
      env.DOWNLOADS_MAX_CONCURRENT,
      4,
      1,
      100,
    ),
    // 60 s: a browser or script that reads stalls for milliseconds; a minute of silence is a client gone.
    downloadIdleTimeoutMs: intFrom(
      'DOWNLOAD_IDLE_TIMEOUT_MS',
      env.DOWNLOAD_IDLE_TIMEOUT_MS,
      60000,
      500,
      3600000,
    ),
    // 2 s: a record written is proposed within seconds even when no page asks; 0 turns it off.
    duplicateScoringIntervalMs: intFrom(
      'DUPLICATE_SCORING_INTERVAL_MS',
      env.DUPLICATE_SCORING_INTERVAL_MS,
      2000,
      0,
      3600000,
    ),
    seedOnFirstStart: (env.SEED_ON_FIRST_START ?? 'true') !== 'false',
    logLevel,
    publisherName: env.PUBLISHER_NAME?.trim() || 'Police discipline tracker',
    publisherUrl: urlFrom('PUBLISHER_URL', env.PUBLISHER_URL),
    publicUrl: urlFrom('PUBLIC_URL', env.PUBLIC_URL),
  };
}
