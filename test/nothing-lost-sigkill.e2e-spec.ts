import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from './support/databases.js';
import { itWithServer } from './support/server-only.js';

const ROOT = new URL('..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const ADMIN_KEY = 'pdt_sigkill_test_admin_key_0123456789';
// Writes in flight when the process dies: enough that the kill lands mid-request.
const WRITERS = 6;
// Acknowledged writes before the kill: the test then checks each of them after restart.
const ACKS_BEFORE_KILL = 60;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_API_KEY: ADMIN_KEY,
      SEED_ON_FIRST_START: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
    try {
      if (
        (
          await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ reasons { code } }"}',
          })
        ).ok
      ) {
        return { child, url };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start: ${stderr}`);
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );
}

/** Writes officers until `ACKS_BEFORE_KILL` are acknowledged, SIGKILLs the server with writes in flight, restarts, checks. */
async function killDuringWrites(
  env: Record<string, string>,
): Promise<{ acknowledged: number; kept: number; attempted: number }> {
  const first = await startServer(env);
  const acknowledged: { id: string; name: string }[] = [];
  let attempted = 0;
  let killed = false;
  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const name = `Writer ${w} officer ${i}`;
      attempted++;
      try {
        const res = await gql(
          first.url,
          `mutation($name: String!) { createOfficer(input: { fullName: $name }) { id fullName } }`,
          { name },
        );
        if (res.data?.createOfficer) acknowledged.push({ id: res.data.createOfficer.id, name });
        if (acknowledged.length >= ACKS_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch {
        return; // the connection died with the process: not acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  await exited(first.child);
  expect(first.child.signalCode).toBe('SIGKILL');

  const second = await startServer(env);
  try {
    const stored = new Map<string, { fullName: string; history: { operation: string }[] }>();
    let after: string | null = null;
    do {
      const page = await gql(
        second.url,
        `query($after: String) { officers(first: 100, after: $after) { edges { node { id fullName history { operation } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.errors).toBeUndefined();
      for (const { node } of page.data.officers.edges) stored.set(node.id, node);
      after = page.data.officers.pageInfo.hasNextPage
        ? page.data.officers.pageInfo.endCursor
        : null;
    } while (after);
    const missing = acknowledged.filter(
      (a) =>
        stored.get(a.id)?.fullName !== a.name ||
        stored.get(a.id)?.history[0]?.operation !== 'INSERT',
    );
    expect(missing).toEqual([]);
    const total = await gql(second.url, `{ officers(first: 1) { totalCount } }`);
    // Unacknowledged writes may or may not have landed; acknowledged ones all did.
    expect(total.data.officers.totalCount).toBeGreaterThanOrEqual(acknowledged.length);
    expect(total.data.officers.totalCount).toBeLessThanOrEqual(attempted);
    return { acknowledged: acknowledged.length, kept: total.data.officers.totalCount, attempted };
  } finally {
    second.child.kill('SIGTERM');
    await exited(second.child);
  }
}

describe('nothing lost: the API process SIGKILLed during writes', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-build.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }, 300_000);

  it('keeps every acknowledged write on the embedded database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdt-sigkill-'));
    try {
      const figures = await killDuringWrites({ DATA_DIR: dir, DATABASE_URL: '' });
      process.stderr.write(`nothing-lost SIGKILL (embedded): ${JSON.stringify(figures)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  itWithServer(
    'keeps every acknowledged write on the PostgreSQL server',
    async () => {
      const db = await createTestDatabase();
      try {
        const figures = await killDuringWrites({ DATABASE_URL: db.url });
        process.stderr.write(`nothing-lost SIGKILL (server): ${JSON.stringify(figures)}\n`);
      } finally {
        await db.drop();
      }
    },
    180_000,
  );
});
