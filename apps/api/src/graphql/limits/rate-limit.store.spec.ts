import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
} from './rate-limit.store.js';
import { redisUrlForTests, requireRedis } from '../../../../../test/support/redis.js';

/** A logger that records instead of printing. */
function recordingLogger(): Logger & { warnings: string[]; logs: string[] } {
  const logger = new Logger('test') as Logger & { warnings: string[]; logs: string[] };
  logger.warnings = [];
  logger.logs = [];
  logger.warn = (m: unknown) => void logger.warnings.push(String(m));
  logger.log = (m: unknown) => void logger.logs.push(String(m));
  return logger;
}

/**
 * A TCP relay to Redis that can hold the requests (a Redis that keeps its connections but answers
 * nothing for a while, as when it is overloaded), and then passes them on in order.
 */
async function stallingProxy(
  target: URL,
): Promise<{ url: string; stall(on: boolean): void; close(): Promise<void> }> {
  let stalled = false;
  const held: [net.Socket, Buffer][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (d) => {
      if (stalled) held.push([upstream, d]);
      else upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
    for (const s of [client, upstream])
      s.on('error', () => undefined).on('close', () => (client.destroy(), upstream.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    stall: (on) => {
      stalled = on;
      if (!on) for (const [socket, data] of held.splice(0)) socket.write(data);
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function takeAll(store: RateLimitStore, key: string, perMinute: number, n: number) {
  const verdicts = [];
  for (let i = 0; i < n; i++) verdicts.push(await store.take(key, perMinute));
  return verdicts;
}

describe.each([
  ['memory', () => new MemoryRateLimitStore()],
  [
    'Redis',
    () =>
      new RedisRateLimitStore({
        url: redisUrlForTests(),
        prefix: `pdt-test:${randomBytes(6).toString('hex')}`,
        capacities: [60],
      }),
  ],
] as const)('token buckets in %s', (_name, make) => {
  let store: RateLimitStore;
  beforeAll(async () => {
    if (_name === 'Redis') await requireRedis();
    store = make();
    if (store instanceof RedisRateLimitStore) await store.ready();
  });
  afterAll(() => store.close());

  it('allows a burst of perMinute, then refuses with the seconds until the next request, then refills', async () => {
    const verdicts = await takeAll(store, 'a', 60, 61);
    expect(verdicts.slice(0, 60).every((v) => v.allowed)).toBe(true);
    expect(verdicts[60]).toEqual({ allowed: false, retryAfter: 1 });
    // 60 a minute is one a second.
    await sleep(1100);
    expect(await store.take('a', 60)).toEqual({ allowed: true });
    expect(await store.take('a', 60)).toMatchObject({ allowed: false });
    // Other keys have buckets of their own.
    expect(await store.take('b', 60)).toEqual({ allowed: true });
  });
});

describe('token buckets in Redis, shared and failing safe', () => {
  const url = redisUrlForTests();
  const prefix = () => `pdt-test:${randomBytes(6).toString('hex')}`;
  let admin: Redis;
  beforeAll(async () => {
    await requireRedis();
    admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await admin.connect();
  });
  afterAll(() => admin.quit());

  it('shares one bucket between stores of the same prefix (two API processes), and keeps it in Redis only as long as needed', async () => {
    const p = prefix();
    const a = new RedisRateLimitStore({ url, prefix: p, capacities: [5] });
    const b = new RedisRateLimitStore({ url, prefix: p, capacities: [5] });
    await Promise.all([a.ready(), b.ready()]);
    try {
      expect((await takeAll(a, 'anonymous:1.2.3.4', 5, 5)).every((v) => v.allowed)).toBe(true);
      expect(await b.take('anonymous:1.2.3.4', 5)).toEqual({ allowed: false, retryAfter: 12 });
      expect(await a.take('anonymous:1.2.3.4', 5)).toMatchObject({ allowed: false });
      const keys = await admin.keys(`${p}:*`);
      expect(keys).toEqual([`${p}:5:anonymous:1.2.3.4`]);
      // Expires once full again: 5 used at 5 a minute refill in 60 s.
      const ttl = await admin.pttl(keys[0]);
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(61_000);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await admin.del(...(await admin.keys(`${p}:*`)));
    }
  });

  it('limits in memory when Redis is unreachable, with one warning, without delaying requests', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const logger = recordingLogger();
    const store = new RedisRateLimitStore({
      url: `redis://127.0.0.1:${port}`,
      prefix: prefix(),
      capacities: [3],
      logger,
      retryMs: 100,
    });
    await store.ready();
    try {
      const started = performance.now();
      const verdicts = [];
      for (let i = 0; i < 40; i++) {
        verdicts.push(await store.take('k', 3));
        if (i % 10 === 0) await sleep(60);
      }
      expect(performance.now() - started).toBeLessThan(1500);
      expect(verdicts.slice(0, 3).every((v) => v.allowed)).toBe(true);
      expect(verdicts.slice(3).every((v) => !v.allowed)).toBe(true);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toMatch(
        new RegExp(
          `^Redis at redis://127\\.0\\.0\\.1:${port} is unreachable .*: rate limits are kept in this process's memory`,
        ),
      );
    } finally {
      await store.close();
    }
  });

  it('gives up on a Redis that stops answering within its timeout, and shares again when it answers', async () => {
    const proxy = await stallingProxy(new URL(url));
    const logger = recordingLogger();
    const p = prefix();
    const store = new RedisRateLimitStore({
      url: proxy.url,
      prefix: p,
      capacities: [100],
      logger,
      timeoutMs: 150,
      retryMs: 300,
    });
    await store.ready();
    try {
      expect(await store.take('k', 100)).toEqual({ allowed: true });
      proxy.stall(true);
      let started = performance.now();
      expect(await store.take('k', 100)).toEqual({ allowed: true });
      expect(performance.now() - started).toBeLessThan(600);
      // Meanwhile the memory buckets answer without asking Redis: the 20 together take less than
      // one command timeout (each waiting for Redis would take 150 ms; a loaded machine takes
      // tens of milliseconds for the 20, so the bound is the timeout, not a speed).
      started = performance.now();
      for (let i = 0; i < 20; i++) expect((await store.take('k', 100)).allowed).toBe(true);
      expect(performance.now() - started).toBeLessThan(150);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toContain('Command timed out');

      proxy.stall(false);
      await sleep(400);
      const back = Date.now();
      expect(await store.take('k', 100)).toEqual({ allowed: true });
      expect(logger.logs).toEqual([
        expect.stringContaining('answers again: rate limits are shared again'),
      ]);
      // That request was counted in Redis again.
      expect(Number(await admin.hget(`${p}:100:k`, 'at'))).toBeGreaterThanOrEqual(back - 50);
    } finally {
      await store.close();
      await proxy.close();
      const keys = await admin.keys(`${p}:*`);
      if (keys.length) await admin.del(...keys);
    }
  });
});
