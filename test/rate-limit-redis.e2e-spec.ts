import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createTestDatabase, serverUrl } from './support/databases.js';
import { cleanEnv, ensureBuilt, startServer, type ServerProcess } from './support/processes.js';
import { requireRedis } from './support/redis.js';

/** GET /health as an anonymous caller: the status, and the refusal when there is one. */
async function hit(
  server: ServerProcess,
): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const res = await fetch(`${server.url}/health`);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

/**
 * Rate limits kept in Redis (REDIS_URL): several API processes share one budget per client; with
 * Redis unreachable each process keeps serving on its own memory buckets and says so once.
 */
describe('rate limits shared across API processes through Redis', () => {
  const prefix = `pdt-test:${randomBytes(6).toString('hex')}`;
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  let redisUrl: string;
  let dropDatabase = async () => {};
  let databaseEnv: () => Record<string, string>;

  beforeAll(async () => {
    redisUrl = await requireRedis();
    ensureBuilt();
    if (serverUrl()) {
      // Two processes on one database, as behind a load balancer.
      const db = await createTestDatabase();
      dropDatabase = db.drop;
      databaseEnv = () => ({ DATABASE_URL: db.url });
    } else {
      // The embedded database serves one process: each gets its own (the budget lives in Redis).
      databaseEnv = () => {
        const dir = mkdtempSync(join(tmpdir(), 'pdt-redis-'));
        dirs.push(dir);
        return { DATA_DIR: dir, SEED_ON_FIRST_START: 'false' };
      };
    }
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await dropDatabase();
    const admin = new Redis(redisUrl, { maxRetriesPerRequest: 0 });
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
  });

  const start = async (extra: Record<string, string>) => {
    const server = await startServer(
      cleanEnv({
        ...databaseEnv(),
        RATE_LIMIT_ANONYMOUS: '4',
        RATE_LIMIT_ADDRESS: '1000',
        ...extra,
      }),
      90_000,
    );
    servers.push(server);
    return server;
  };

  it('lets a second process refuse once the first has used up the anonymous budget', async () => {
    const a = await start({ REDIS_URL: redisUrl, RATE_LIMIT_REDIS_PREFIX: prefix });
    const b = await start({ REDIS_URL: redisUrl, RATE_LIMIT_REDIS_PREFIX: prefix });
    for (let i = 0; i < 4; i++) expect((await hit(a)).status).toBe(200);
    const refused = await hit(b);
    expect(refused.status).toBe(429);
    // 4 a minute: the next request in 15 s.
    expect(refused.retryAfter).toBe('15');
    expect(refused.body.errors[0]).toMatchObject({
      message:
        'Too many requests without an API key from this address: the limit is 4 a minute. Retry in 15 s.',
      extensions: { code: 'RATE_LIMITED', retryAfter: 15, limit: 4 },
    });
    expect((await hit(a)).status).toBe(429);
    for (const s of [a, b]) expect(s.output()).not.toMatch(/Redis .* unreachable/);
  }, 180_000);

  it('without Redis each process has its own budget, as before', async () => {
    const a = await start({ REDIS_URL: '' });
    const b = await start({ REDIS_URL: '' });
    for (let i = 0; i < 4; i++) expect((await hit(a)).status).toBe(200);
    expect((await hit(a)).status).toBe(429);
    expect((await hit(b)).status).toBe(200);
  }, 180_000);

  it('keeps serving on in-memory limits when Redis is unreachable, with one warning', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const a = await start({
      REDIS_URL: `redis://:secret@127.0.0.1:${port}`,
      RATE_LIMIT_REDIS_PREFIX: prefix,
    });
    const started = Date.now();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await hit(a)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(Date.now() - started).toBeLessThan(3000);
    // ioredis keeps trying to reconnect meanwhile: still one warning.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await hit(a)).status).toBe(429);
    const warnings = a.output().match(/Redis at \S+ is unreachable[^\n]*/g) ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`redis://:***@127.0.0.1:${port}`);
    expect(warnings[0]).toContain(
      "rate limits are kept in this process's memory until it answers again",
    );
    expect(a.output()).not.toContain('secret');
  }, 180_000);
});
