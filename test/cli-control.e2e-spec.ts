import { createServer, type Server } from 'node:net';
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { startEmbeddedPostgres } from '@app/core';
import { actionsCsv, readCsv } from './fixtures/exchange.js';
import {
  CLI_MAIN,
  ROOT,
  cleanEnv,
  ensureBuilt,
  errorLines,
  gqlAt,
  runApiToExit,
  runCli,
  startServer,
  type ServerProcess,
} from './support/processes.js';

/** The phases of an import, in the order its report and summary give them. */
const PHASES = [
  'reading',
  'matching',
  'writing actions',
  'writing citations',
  'finishing',
  'checking duplicates',
];

/**
 * Item 11 of issue 13: every CLI command works while `npm start` runs on the same embedded data
 * directory, through the API's control socket (HTTP over `<DATA_DIR>/control.sock`, mode 0600),
 * and prints what it prints when it opens the database itself. The built programs, as a user runs
 * them; always on a temporary embedded DATA_DIR (DATABASE_URL unset for the child processes), so the
 * file runs the same in both suites.
 */
describe('the command line while the API runs on the same embedded data directory', () => {
  let dataDir: string;
  let scratch: string;
  let server: ServerProcess | undefined;
  const env = () => cleanEnv({ DATA_DIR: dataDir });
  const socket = () => join(dataDir, 'control.sock');
  // Two keys that share a prefix (prefixes are random: crafted in the database).
  const TWIN_A = '00000000-0000-4000-8000-00000000000a';
  const TWIN_B = '00000000-0000-4000-8000-00000000000b';
  const AMBIGUOUS =
    `error: The prefix pdt_TWINPREF matches 2 keys: ${TWIN_A} "Twin A", ${TWIN_B} "Twin B". ` +
    'Nothing was revoked: name one of them by its id. (id)\n';
  const file = () => join(scratch, 'partner.csv');
  /** What the command line prints to a pseudo-terminal 80 columns wide (`script`), as in an interactive shell. */
  const onTerminal = (args: string[]) => {
    const command = `stty cols 80 rows 24; ${process.execPath} ${CLI_MAIN} ${args.join(' ')}`;
    return new Promise<string>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      // 'close', not 'exit': the report is still in the pipe when the process exits.
      child.on('close', () => resolve(out));
    });
  };
  // What the commands printed when they opened the database themselves, to compare with the API's.
  const direct: Record<string, { code: number | null; stdout: string; stderr: string }> = {};

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'pdt-ctl-'));
    scratch = mkdtempSync(join(tmpdir(), 'pdt-ctl-files-'));
    writeFileSync(file(), actionsCsv(40));
    writeFileSync(
      join(scratch, 'bad.csv'),
      'action_type,reason_codes,occurred,source_title,source_publisher\r\nFIRED,UNSPECIFIED,2024-01,T,P\r\n',
    );
  }, 180000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('works directly while no API runs; a prefix shared by two keys is refused and nothing is revoked', async () => {
    expect((await runCli(['migrate'], env())).code).toBe(0);
    const db = await startEmbeddedPostgres(dataDir);
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      for (const [id, name, day] of [
        [TWIN_A, 'Twin A', '2024-01-01'],
        [TWIN_B, 'Twin B', '2024-01-02'],
      ]) {
        await client.query(
          `INSERT INTO api_key (id, name, role, prefix, secret_hash, created_at) VALUES ($1, $2, 'READER', 'pdt_TWINPREF', $3, $4)`,
          [id, name, createHash('sha256').update(name).digest(), day],
        );
      }
      await client.end();
    } finally {
      await db.stop();
    }
    direct.ambiguous = await runCli(['keys', 'revoke', 'pdt_TWINPREF'], env());
    expect(direct.ambiguous).toEqual({ code: 2, stdout: '', stderr: AMBIGUOUS });
    const list = await runCli(['keys', 'list'], env());
    expect(list.stdout).toBe(
      `pdt_TWINPREF\tREADER\tactive\t${TWIN_A}\tTwin A\npdt_TWINPREF\tREADER\tactive\t${TWIN_B}\tTwin B\n`,
    );
    direct.dryRun = await runCli(['import', file(), '--dry-run'], env());
    expect(direct.dryRun.code).toBe(0);
    direct.bad = await runCli(['import', join(scratch, 'bad.csv')], env());
    expect(direct.bad.code).toBe(2);
  }, 90000);

  it('starts the API, which serves the control socket to its own user only (mode 0600)', async () => {
    server = await startServer(env());
    const st = lstatSync(socket());
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.uid).toBe(process.getuid!());
    expect(statSync(dataDir).mode & 0o002).toBe(0);
    expect(server.output()).toContain(`Command line control socket at ${socket()}`);
  }, 60000);

  it('refuses the ambiguous prefix through the API with the same message, then revokes by id, once', async () => {
    expect(await runCli(['keys', 'revoke', 'pdt_TWINPREF'], env())).toEqual(direct.ambiguous);
    const revoked = await runCli(['keys', 'revoke', TWIN_A], env());
    expect(revoked).toMatchObject({
      code: 0,
      stdout: 'Revoked READER key "Twin A" (pdt_TWINPREF)\n',
      stderr: '',
    });
    const again = await runCli(['keys', 'revoke', TWIN_A], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^The READER key "Twin A" \(pdt_TWINPREF\) was already revoked on \d{4}-\d\d-\d\dT[\d:.]+Z; nothing changed\n$/,
    );
    const list = await runCli(['keys', 'list'], env());
    expect(list.stdout).toBe(
      `pdt_TWINPREF\tREADER\trevoked\t${TWIN_A}\tTwin A\npdt_TWINPREF\tREADER\tactive\t${TWIN_B}\tTwin B\n`,
    );
    expect(server!.output()).toContain('Command line: keys revoke');
  }, 60000);

  it('creates a key through the API, printed alone on the last line, and the key writes at once', async () => {
    const res = await runCli(
      ['keys', 'create', '--role', 'editor', '--name', 'Socket editor ខ្មែរ'],
      env(),
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^pdt_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{40}\n$/);
    expect(res.stderr).toMatch(
      /^Created EDITOR key "Socket editor ខ្មែរ" \(id [0-9a-f-]{36}, prefix pdt_[A-Za-z0-9_-]{8}\)\. Store it now: it is not shown again\.\n$/,
    );
    const key = res.stdout.trim();
    const created = await gqlAt(
      server!.url,
      `mutation { createOfficer(input: { fullName: "Keo Sophal" }) { fullName } }`,
      {},
      key,
    );
    expect(created).toEqual({ data: { createOfficer: { fullName: 'Keo Sophal' } } });
    const anonymous = await gqlAt(
      server!.url,
      `mutation { createOfficer(input: { fullName: "Nobody" }) { fullName } }`,
    );
    expect(anonymous.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }, 60000);

  it('imports a file through the API: the same dry-run report as in-process, then the records are served', async () => {
    // The same report, but for how long each phase took this time.
    const untimed = (r: { stdout: string }) => ({
      ...r,
      stdout: r.stdout.replace(/"ms": \d+/g, '"ms": 0'),
    });
    expect(untimed(await runCli(['import', file(), '--dry-run'], env()))).toEqual(
      untimed(direct.dryRun),
    );
    const res = await runCli(['import', file()], env());
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('Imported: 40 rows, 40 created, 0 updated, 0 unchanged\n');
    expect(JSON.parse(res.stdout)).toMatchObject({
      dryRun: false,
      rows: 40,
      created: 40,
      updated: 0,
      unchanged: 0,
    });
    const served = await gqlAt(server!.url, `{ actions { totalCount } }`);
    expect(served.data.actions.totalCount).toBe(43);
    // A refused file: the problems on stdout and exit code 2, as in-process.
    expect(await runCli(['import', join(scratch, 'bad.csv')], env())).toEqual(direct.bad);
  }, 60000);

  it('streams the import progress back as JSON lines, then the report', async () => {
    const body = actionsCsv(3000);
    const lines: any[] = await new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: socket(),
          method: 'POST',
          path: '/v1/imports/actions?dryRun=true',
          headers: { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('application/x-ndjson');
          const out: any[] = [];
          createInterface({ input: res })
            .on('line', (l) => out.push(JSON.parse(l)))
            .on('close', () => resolve(out));
        },
      );
      req.on('error', reject);
      // In pieces, as a file is read: the server reports progress while it still receives.
      const chunk = 64 * 1024;
      let at = 0;
      const next = () => {
        if (at >= body.length) return req.end();
        req.write(body.slice(at, (at += chunk)));
        setTimeout(next, 120);
      };
      next();
    });
    const progress = lines.filter((l) => l.progress).map((l) => l.progress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].bytes).toBeGreaterThanOrEqual(progress[i - 1].bytes);
      expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    }
    // Every phase has its share of one bar, and the last line says the whole import is done.
    expect(progress[progress.length - 1]).toEqual({
      phase: 'checking duplicates',
      fraction: 1,
      bytes: Buffer.byteLength(body),
      rows: 3000,
    });
    // The file's size is known (Content-Length), so the bar grows with the bytes read, within the
    // reading phase's share of it: part of the file read is part of the bar, not 0 %.
    const total = Buffer.byteLength(body);
    const reading = progress.filter((p: any) => p.phase === 'reading' && p.bytes > 0);
    expect(reading.length).toBeGreaterThanOrEqual(2);
    const last = reading[reading.length - 1];
    const share = last.fraction / (last.bytes / total);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThanOrEqual(0.5);
    for (const p of reading) expect(p.fraction).toBeCloseTo((p.bytes / total) * share, 3);
    expect(lines[lines.length - 1].report).toMatchObject({ dryRun: true, rows: 3000 });
    // The report says how long each phase took.
    expect(lines[lines.length - 1].report.phases.map((p: any) => p.phase)).toEqual(PHASES);
    expect(
      lines[lines.length - 1].report.phases.every((p: any) => Number.isInteger(p.ms) && p.ms >= 0),
    ).toBe(true);
    expect(lines.filter((l) => !l.progress)).toHaveLength(1);
  }, 60000);

  it('shows one bar over every phase on an 80-column terminal: part of the file read is part of the bar, the time left is never a non-number and never cut', async () => {
    const csv = join(dataDir, 'bar.csv');
    writeFileSync(csv, actionsCsv(20000));
    const output = await onTerminal(['import', csv, '--dry-run']);
    const frames = [
      ...output.matchAll(/(\[[^\]]*\] (\d+)% ([a-z ]+), (\d+) rows, (\d+)\/s, ([^\x1b\r\n]*))/g),
    ].map((m) => ({
      line: m[1],
      percent: Number(m[2]),
      phase: m[3],
      rows: Number(m[4]),
      left: m[6],
    }));
    expect(frames.length).toBeGreaterThanOrEqual(3);
    // Each frame fits the terminal (the last column left free), so the time left is whole.
    for (const f of frames) expect(f.line.length).toBeLessThanOrEqual(79);
    expect(output).not.toMatch(/NF|NaN|Infinity/);
    for (let i = 1; i < frames.length; i++)
      expect(frames[i].percent).toBeGreaterThanOrEqual(frames[i - 1].percent);
    expect(
      frames.some((f) => f.phase === 'reading' && f.percent > 0 && f.percent < 50 && f.rows > 0),
    ).toBe(true);
    for (const f of frames) expect(f.left).toMatch(/^(estimating|(\d+[hm])*\d+[sm] left|done)$/);
    expect(frames[frames.length - 1]).toMatchObject({ percent: 100, left: 'done' });
    // The 40 rows imported above are unchanged; the rest would be created.
    expect(output).toContain(
      'Dry run (nothing written): 20000 rows, 19960 created, 0 updated, 40 unchanged',
    );
  }, 120000);

  it('on a terminal, prints a summary of the report (the JSON with --json, or redirected), and a refused file one problem a line', async () => {
    const summary = await onTerminal(['import', file(), '--dry-run']);
    expect(summary).toMatch(
      /Officers \(names matched fail-on-ambiguous\): \d+ matched, \d+ created, 0 ambiguous/,
    );
    expect(summary).toMatch(/Sources: \d+, \d+ created/);
    expect(summary).toContain('Likely duplicates: not checked on a dry run');
    // Each phase's time: milliseconds under a second, else seconds to a tenth.
    const time = String.raw`(\d{1,3} ms|\d+\.\d s)`;
    expect(summary).toMatch(
      new RegExp(`Took ${time}: ${PHASES.map((p) => `${p} ${time}`).join(', ')}`),
    );
    expect(summary).toContain('add --json, or redirect the output');
    expect(summary).not.toContain('"actions"');
    const json = await onTerminal(['import', file(), '--dry-run', '--json']);
    expect(json).toContain('"actions": [');
    expect(json).not.toContain('Took ');
    const refused = await onTerminal(['import', join(scratch, 'bad.csv')]);
    const piped = JSON.parse(direct.bad.stdout) as {
      problems: { row?: number; line?: number; column?: number; message: string }[];
    };
    expect(piped.problems.length).toBeGreaterThan(0);
    for (const p of piped.problems) {
      expect(refused).toContain(`row ${p.row}, line ${p.line}, column ${p.column}`);
      expect(refused).toContain(p.message);
    }
    expect(refused).not.toContain('"problems"');
  }, 120000);

  it('keeps nothing of an import whose command line goes away midway, and frees the database at once', async () => {
    const body = actionsCsv(3000);
    const req = request({
      socketPath: socket(),
      method: 'POST',
      path: '/v1/imports/actions?dryRun=false',
      headers: { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', () => undefined);
    const firstProgress = new Promise<void>((resolve) =>
      req.on('response', (res) => {
        res.on('error', () => undefined); // destroyed below, on purpose
        res.once('data', () => resolve()); // the first progress line
      }),
    );
    req.write(body.slice(0, body.length / 2));
    await firstProgress;
    req.destroy();
    const started = Date.now();
    const res = await gqlAt(server!.url, `{ actions { totalCount } tally { count } }`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.data.actions.totalCount).toBe(43);
    expect(server!.output()).not.toMatch(/ERROR/);
  }, 60000);

  it('exports through the API while it serves requests', async () => {
    const out = join(scratch, 'through-api.csv');
    const [res, tally] = await Promise.all([
      runCli(['export', 'actions', '--out', out], env()),
      gqlAt(server!.url, `{ tally { count } }`),
    ]);
    expect(res).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(tally.data.tally.count).toBeGreaterThan(0);
    const rows = readCsv(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(43);
    expect(rows.map((r) => r.external_id)).toContain('partner-40');
    const byProvince = await runCli(
      ['export', 'tally', '--group-by', 'PROVINCE', '--province', 'KH-12'],
      env(),
    );
    expect(byProvince.code).toBe(0);
    expect(byProvince.stdout.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'row_type,province_code,count,count_min,count_max,groups_overlap',
    );
    const bad = await runCli(['export', 'actions', '--province', 'XX'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: Unknown province code "XX" (see the provinces query; e.g. KH-12) (province)\n',
    );
  }, 60000);

  it('refuses a second API on the same directory in one line with exit code 1; the first keeps serving', async () => {
    const second = await runApiToExit({ ...env(), PORT: '0', HOST: '127.0.0.1' });
    expect(second.code).toBe(1);
    const pid = server!.child.pid;
    expect(errorLines(second.output)).toEqual([
      expect.stringContaining(
        `Could not start: The embedded database in ${dataDir} is in use by process ${pid}. Stop that process, or set DATA_DIR`,
      ),
    ]);
    expect(second.output).not.toMatch(/^\s+at /m);
    expect((await runCli(['keys', 'list'], env())).code).toBe(0);
    expect(existsSync(socket())).toBe(true);
  }, 60000);

  it('stops on SIGTERM, removing its socket; the command line then prints the same export directly', async () => {
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    server = undefined;
    expect(existsSync(socket())).toBe(false);
    expect(existsSync(join(dataDir, '.tracker.lock'))).toBe(false);
    const out = join(scratch, 'direct.csv');
    expect((await runCli(['export', 'actions', '--out', out], env())).code).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(join(scratch, 'through-api.csv')));
  }, 60000);

  it('works directly after the API was killed, and the next API replaces the stale socket', async () => {
    server = await startServer(env());
    server.child.kill('SIGKILL');
    await server.exited;
    server = undefined;
    expect(lstatSync(socket()).isSocket()).toBe(true); // left behind
    const list = await runCli(['keys', 'list'], env());
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    server = await startServer(env());
    const seed = await runCli(['seed'], env());
    expect(seed).toMatchObject({
      code: 0,
      stdout: 'The CamboJA report is already loaded; nothing changed\n',
    });
    expect(server.output()).toContain('Command line: seed');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
  }, 90000);
});

describe('start-up and command line failures: one line that says what to do, no stack trace', () => {
  let dataDir: string;
  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'pdt-fail-'));
  }, 180000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('an invalid setting', async () => {
    const api = await runApiToExit(cleanEnv({ DATA_DIR: dataDir, PORT: 'abc' }));
    expect(api.code).toBe(1);
    expect(errorLines(api.output)).toEqual([
      expect.stringContaining(
        'Could not start: Invalid setting: PORT must be an integer between 0 and 65535, got "abc". Fix the environment variable and try again.',
      ),
    ]);
    const cli = await runCli(
      ['keys', 'list'],
      cleanEnv({ DATA_DIR: dataDir, STATEMENT_TIMEOUT_MS: '-1' }),
    );
    expect(cli).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: Invalid setting: STATEMENT_TIMEOUT_MS must be an integer between 100 and 3600000, got "-1". Fix the environment variable and try again.\n',
    });
  }, 60000);

  it('a port in use: the API says so, and releases the data directory', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const api = await runApiToExit(
        cleanEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }),
      );
      expect(api.code).toBe(1);
      expect(errorLines(api.output)).toEqual([
        expect.stringContaining(
          `Could not start: The address 127.0.0.1:${port} is already in use (another program, or another API, listens there). Stop it, or set PORT to a free port.`,
        ),
      ]);
      expect(api.output).not.toMatch(/^\s+at /m);
      expect(existsSync(join(dataDir, '.tracker.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'control.sock'))).toBe(false);
    } finally {
      blocker.close();
    }
  }, 60000);

  it('a database server that refuses connections; the stack only with LOG_LEVEL=debug', async () => {
    const refused =
      'The database server at 127.0.0.1:1 refused the connection. Is PostgreSQL running there? Check DATABASE_URL, or unset it to use the embedded database.';
    const api = await runApiToExit(
      cleanEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', PORT: '0' }),
    );
    expect(api.code).toBe(1);
    expect(errorLines(api.output)).toEqual([
      expect.stringContaining(`Could not start: ${refused}`),
    ]);
    expect(api.output).not.toMatch(/^\s+at /m);
    const cli = await runCli(
      ['keys', 'list'],
      cleanEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }),
    );
    expect(cli).toEqual({ code: 1, stdout: '', stderr: `error: ${refused}\n` });
    const debug = await runCli(
      ['keys', 'list'],
      cleanEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LOG_LEVEL: 'debug' }),
    );
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\s+at /m);
    expect(debug.stderr.trimEnd().split('\n').pop()).toBe(`error: ${refused}`);
  }, 60000);

  it('a data directory that other users can write: the API serves no control socket, and the CLI says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdt-open-'));
    chmodSync(dir, 0o777);
    const api = await startServer(cleanEnv({ DATA_DIR: dir }));
    try {
      expect(api.output()).toContain(
        `No control socket for the command line (${dir} is writable by every user (mode 0777); run chmod o-w ${dir}); CLI commands on ${dir} need the API stopped`,
      );
      expect(existsSync(join(dir, 'control.sock'))).toBe(false);
      const cli = await runCli(['keys', 'list'], cleanEnv({ DATA_DIR: dir }));
      expect(cli).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `error: The embedded database in ${dir} is in use by process ${api.child.pid}, and its control socket is not safe to use: ` +
          `${dir} is writable by every user (mode 0777); run chmod o-w ${dir}. Stop that process to run the command directly.\n`,
      });
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('a data directory held by a process that takes no commands', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {
      stdio: 'ignore',
    });
    const dir = mkdtempSync(join(tmpdir(), 'pdt-held-'));
    try {
      writeFileSync(
        join(dir, '.tracker.lock'),
        JSON.stringify({ pid: holder.pid, host: hostname(), since: new Date() }),
      );
      const cli = await runCli(['keys', 'list'], cleanEnv({ DATA_DIR: dir }));
      expect(cli).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `error: The embedded database in ${dir} is in use by process ${holder.pid}, which takes no commands ` +
          '(another command still running, or an API still starting). Wait for it to finish and run the command again, or stop that process.\n',
      });
    } finally {
      holder.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
