import { Redis } from 'ioredis';

/**
 * The Redis of the tests: REDIS_URL, or the local one that `.ci/run` starts (127.0.0.1:6379). The
 * tests that need it fail, not skip, when it is unreachable.
 */
export function redisUrlForTests(): string {
  return process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
}

/** Throws a clear error when the tests' Redis does not answer PING. */
export async function requireRedis(): Promise<string> {
  const url = redisUrlForTests();
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${url} (${err instanceof Error ? err.message : String(err)}): these tests need it. ` +
        'Start it as .ci/run does: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no, or set REDIS_URL',
    );
  } finally {
    client.disconnect();
  }
  return url;
}
