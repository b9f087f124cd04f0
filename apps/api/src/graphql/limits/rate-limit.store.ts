import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** The answer for one request: allowed, or the seconds to wait before the bucket holds a request again. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfter: number };

/** Where the token buckets live: this process's memory, or Redis (shared by every API process). */
export interface RateLimitStore {
  /** Takes one request from the bucket `key`, which holds up to `perMinute` and refills at `perMinute` a minute. */
  take(key: string, perMinute: number): RateVerdict | Promise<RateVerdict>;
  close(): Promise<void>;
}

// A bucket refills completely in one minute: "N a minute" is both the rate and the burst.
const REFILL_MS = 60_000;
// Buckets kept in memory before full (idle) ones are dropped: bounds memory under many addresses.
const MAX_BUCKETS = 50_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets in this process's memory (one API process, or Redis unreachable). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, perMinute: number, now = Date.now()): RateVerdict {
    const rate = perMinute / REFILL_MS;
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, updatedAt: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updatedAt) * rate);
    bucket.updatedAt = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)),
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      // A bucket idle for a minute is full again: forgetting it changes nothing.
      if (now - b.updatedAt > REFILL_MS) this.buckets.delete(key);
    }
  }
}

/**
 * The token bucket of MemoryRateLimitStore as a Redis script, run by rate-limiter-flexible in place
 * of its fixed-window counter (its `customIncrTtlLuaScript`, called with the key, the points to
 * take and the limiter's duration in seconds). It answers in the library's terms: the points used
 * (above `capacity` when refused, which the library turns into a rejection) and the milliseconds
 * before the next request is possible. Redis's own clock serves every process alike. A bucket
 * expires once it would be full again.
 */
function tokenBucketScript(capacity: number): string {
  return `
local capacity = ${capacity}
local period = tonumber(ARGV[2]) * 1000
local rate = capacity / period
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local take = tonumber(ARGV[1])
if tokens < take then
  return {capacity + take, math.ceil((take - tokens) / rate)}
end
tokens = tokens - take
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
return {capacity - math.floor(tokens), math.ceil((capacity - tokens) / rate)}
`;
}

// A Redis call that takes longer is abandoned and the request is limited in memory: Redis answers
// in well under a millisecond on a local network, and a stalled Redis must not stall the API.
export const REDIS_TIMEOUT_MS = 250;
// After a failure, requests use the memory buckets for this long before Redis is tried again, so
// an unresponsive Redis costs one timeout per interval, not one per request.
export const REDIS_RETRY_MS = 5_000;

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key, e.g. `pdt:rl`: several deployments (or test runs) can share a Redis. */
  prefix: string;
  /** The bucket sizes in use (requests a minute), connected at start. */
  capacities: readonly number[];
  logger?: Logger;
  /** REDIS_TIMEOUT_MS and REDIS_RETRY_MS unless a test says otherwise. */
  timeoutMs?: number;
  retryMs?: number;
}

/**
 * Token buckets in Redis, shared by every API process that uses the same Redis and prefix. When
 * Redis cannot be reached, or does not answer within REDIS_TIMEOUT_MS, requests are limited by
 * this process's memory buckets (the API keeps serving; limits are per process meanwhile), with one
 * warning per outage in the log; Redis is tried again every REDIS_RETRY_MS.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly memory = new MemoryRateLimitStore();
  private readonly clients: Redis[] = [];
  private readonly limiters = new Map<number, RateLimiterRedis>();
  private readonly logger: Logger;
  private readonly where: string;
  private down = false;
  private memoryUntil = 0;

  constructor(private readonly options: RedisStoreOptions) {
    this.logger = options.logger ?? new Logger('RateLimits');
    this.where = redactedUrl(options.url);
    for (const capacity of new Set(options.capacities))
      this.limiters.set(capacity, this.limiterFor(capacity));
  }

  /** Resolves once every connection is ready or has failed (then the memory buckets answer meanwhile). */
  async ready(): Promise<void> {
    await Promise.all(
      this.clients.map(
        (client) =>
          new Promise<void>((resolve) => {
            if (client.status === 'ready') return resolve();
            const done = () => {
              client.off('ready', done);
              client.off('error', done);
              resolve();
            };
            client.once('ready', done);
            client.once('error', done);
          }),
      ),
    );
  }

  async take(key: string, perMinute: number): Promise<RateVerdict> {
    const limiter = this.limiters.get(perMinute);
    if (!limiter || Date.now() < this.memoryUntil) return this.memory.take(key, perMinute);
    try {
      await limiter.consume(key, 1);
      this.up();
      return { allowed: true };
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        this.up();
        return { allowed: false, retryAfter: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      }
      this.fail(err);
      return this.memory.take(key, perMinute);
    }
  }

  /** Closes the connections at once (no reply is awaited: a bucket update lost at shutdown is harmless) and stops reconnecting. */
  close(): Promise<void> {
    for (const client of this.clients) client.disconnect();
    return Promise.resolve();
  }

  /**
   * One limiter, and one connection, per bucket size (at most five): ioredis registers a script
   * under one name per connection (rate-limiter-flexible's `rlflxIncr`), and each size has its own.
   */
  private limiterFor(capacity: number): RateLimiterRedis {
    return new RateLimiterRedis({
      storeClient: this.connect(),
      keyPrefix: `${this.options.prefix}:${capacity}`,
      points: capacity,
      duration: REFILL_MS / 1000,
      customIncrTtlLuaScript: tokenBucketScript(capacity),
      // Not connected (yet, or any more): fail at once, and the memory buckets answer.
      rejectIfRedisNotReady: true,
    });
  }

  private connect(): Redis {
    const client = new Redis(this.options.url, {
      // Commands fail at once while disconnected rather than queueing until Redis is back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.options.timeoutMs ?? REDIS_TIMEOUT_MS,
      // 2 s to connect: a Redis on the local network connects in milliseconds.
      connectTimeout: 2_000,
      // Reconnect in the background, at most every 5 s, for as long as the process runs.
      retryStrategy: (times) => Math.min(times * 500, 5_000),
    });
    client.on('error', (err: Error) => this.fail(err));
    this.clients.push(client);
    return client;
  }

  private fail(err: unknown): void {
    this.memoryUntil = Date.now() + (this.options.retryMs ?? REDIS_RETRY_MS);
    if (this.down) return;
    this.down = true;
    const reason = err instanceof Error ? err.message : String(err);
    this.logger.warn(
      `Redis at ${this.where} is unreachable (${reason}): rate limits are kept in this process's memory until it answers again`,
    );
  }

  private up(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`Redis at ${this.where} answers again: rate limits are shared again`);
  }
}

/** The URL without its password, for the log. */
function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(REDIS_URL)';
  }
}

/** Redis when `REDIS_URL` is set (keys under `RATE_LIMIT_REDIS_PREFIX`), else memory. */
export function rateLimitStoreFromEnv(
  capacities: readonly number[],
  env: NodeJS.ProcessEnv = process.env,
): MemoryRateLimitStore | RedisRateLimitStore {
  const url = env.REDIS_URL?.trim();
  if (!url) return new MemoryRateLimitStore();
  if (!/^rediss?:\/\//.test(url))
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${redactedUrl(url)}"`);
  const prefix = env.RATE_LIMIT_REDIS_PREFIX?.trim() || 'pdt:rl';
  return new RedisRateLimitStore({ url, prefix, capacities });
}
