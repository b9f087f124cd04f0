import { resolve } from 'node:path';
import proxyAddr from 'proxy-addr';

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
  /**
   * The proxies in front of the API whose X-Forwarded-For, -Proto and -Host are believed (Express's
   * `trust proxy`): false (none, the default), a number of proxies, or their addresses and ranges.
   */
  trustProxy: TrustProxy;
  /**
   * The web origins whose pages may read the API from a browser (CORS): '*' (any, the default:
   * reading is public and keys travel in a header, never in cookies), a list, or none (false).
   */
  corsOrigins: '*' | string[] | false;
}

/**
 * CORS_ORIGINS: unset or `*` lets a page on any origin read the API from a browser; `none` lets
 * none; otherwise comma-separated origins (`https://graphics.example.org`), each a scheme, host and
 * port without a path.
 */
function corsOriginsFrom(raw: string | undefined): AppConfig['corsOrigins'] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '*') return '*';
  if (value === 'none') return false;
  return value.split(',').map((entry) => {
    const origin = entry.trim();
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username;
    if (!url || !bare || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error(
        `CORS_ORIGINS must be *, none or comma-separated origins such as https://graphics.example.org (a scheme, host and port, no path); "${origin}" is not one`,
      );
    }
    // As browsers send it: `https://Graphics.example.org/` is `https://graphics.example.org`.
    return url.origin;
  });
}

/** Express's `trust proxy` setting, in the forms TRUST_PROXY accepts. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY beside addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset or `false` trusts no proxy (each caller is the TCP peer); `1` to `10` trusts
 * that many proxies in front of the API; otherwise comma-separated addresses, CIDR ranges or
 * proxy-addr's names (loopback, linklocal, uniquelocal). `true` is refused: it would believe any
 * address a caller writes in X-Forwarded-For, so one caller could take every address's rate limit.
 */
function trustProxyFrom(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  const expected =
    'the number of proxies in front of the API (1 to 10) or their addresses (for example loopback or 10.0.0.0/8)';
  if (value === 'true') {
    throw new Error(
      `TRUST_PROXY=true would believe any address a caller writes in X-Forwarded-For; give ${expected}`,
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new Error(`TRUST_PROXY must be ${expected}, got "${raw}"`);
    return hops;
  }
  const list = value.split(',').map((s) => s.trim());
  for (const entry of list) {
    try {
      // The parser Express itself applies to the setting: what it accepts here, it applies there.
      proxyAddr.compile(entry);
    } catch {
      throw new Error(
        `TRUST_PROXY must be ${expected}; "${entry}" is not an address, a CIDR range or one of ${PROXY_RANGE_NAMES.join(', ')}`,
      );
    }
  }
  return list;
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
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    corsOrigins: corsOriginsFrom(env.CORS_ORIGINS),
  };
}
