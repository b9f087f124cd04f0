import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanEnv,
  ensureBuilt,
  gqlAt,
  runCli,
  startServer,
  type ServerProcess,
} from './support/processes.js';

/**
 * The built programs as a user runs them (`npm start`, `npm run cli`), on the embedded database:
 * first start with the first data, the CLI's keys, the directory lock between processes, and a
 * clean shutdown on SIGTERM. The CLI while the API runs: cli-control.e2e-spec.ts.
 */
describe('the built API and CLI on the embedded database', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'pdt-proc-'));
  }, 180000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates a new database with the CLI, then finds it up to date', async () => {
    const first = await runCli(['migrate'], cleanEnv({ DATA_DIR: dataDir }));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): CreateRecordTables/);
    const second = await runCli(['migrate'], cleanEnv({ DATA_DIR: dataDir }));
    expect(second.stdout.trim()).toBe('The database is up to date');
  }, 60000);

  it('creates an editor key with the CLI, printed alone on the last line', async () => {
    const res = await runCli(
      ['keys', 'create', '--role', 'editor', '--name', 'CLI test'],
      cleanEnv({ DATA_DIR: dataDir }),
    );
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^pdt_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{40}$/);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('EDITOR');
    process.env.__PDT_TEST_KEY = lines[lines.length - 1];
  }, 60000);

  it('refuses an unknown role with a clear message and exit code 2', async () => {
    const res = await runCli(
      ['keys', 'create', '--role', 'king', '--name', 'x'],
      cleanEnv({ DATA_DIR: dataDir }),
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--role must be one of READER, EDITOR, ADMIN');
  }, 60000);

  it('serves the first data on the first start, and the CLI key writes', async () => {
    server = await startServer(cleanEnv({ DATA_DIR: dataDir }));
    const figures = await gqlAt(
      server.url,
      `{ reportedFigures { totalCount } actions { totalCount } }`,
    );
    expect(figures.data).toEqual({
      reportedFigures: { totalCount: 3 },
      actions: { totalCount: 3 },
    });
    const created = await gqlAt(
      server.url,
      `mutation { createOfficer(input: { fullName: "Lim Bora" }) { fullName } }`,
      {},
      process.env.__PDT_TEST_KEY,
    );
    expect(created.data).toEqual({ createOfficer: { fullName: 'Lim Bora' } });
    expect(existsSync(join(dataDir, '.tracker.lock'))).toBe(true);
  }, 60000);

  it('refuses a second API on the same data directory with a clear message; the CLI goes through the running one', async () => {
    await expect(startServer(cleanEnv({ DATA_DIR: dataDir }), 30000)).rejects.toThrow(
      /in use by process \d+/,
    );
    const res = await runCli(['seed'], cleanEnv({ DATA_DIR: dataDir }));
    expect(res).toMatchObject({
      code: 0,
      stdout: 'The CamboJA report is already loaded; nothing changed\n',
    });
    expect(server!.output()).toContain('Command line: seed');
  }, 60000);

  it('shuts down cleanly on SIGTERM, releasing the lock', async () => {
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    expect(existsSync(join(dataDir, '.tracker.lock'))).toBe(false);
    server = undefined;
  }, 30000);

  it('keeps the data across restarts and does not load the first data twice', async () => {
    const seed = await runCli(['seed'], cleanEnv({ DATA_DIR: dataDir }));
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('already loaded');
    server = await startServer(cleanEnv({ DATA_DIR: dataDir }));
    // Lim Bora is named in no PUBLIC action: the editors' business (an anonymous search finds nothing).
    const res = await gqlAt(
      server.url,
      `{ actions { totalCount } officers(search: "lim bora") { edges { node { fullName } } } }`,
      {},
      process.env.__PDT_TEST_KEY,
    );
    expect(res.data.actions.totalCount).toBe(3);
    expect(res.data.officers.edges[0].node.fullName).toBe('Lim Bora');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    server = undefined;
  }, 60000);

  it('takes over the lock left by a killed process', async () => {
    server = await startServer(cleanEnv({ DATA_DIR: dataDir }));
    server.child.kill('SIGKILL');
    await server.exited;
    expect(existsSync(join(dataDir, '.tracker.lock'))).toBe(true);
    server = await startServer(cleanEnv({ DATA_DIR: dataDir }));
    const res = await gqlAt(server.url, `{ actions { totalCount } }`);
    expect(res.data.actions.totalCount).toBe(3);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
  }, 90000);
});
