import Excel from 'exceljs';
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION_COLUMNS, FILTER_PARAM_DOCS } from '@app/domain';
import { createTestDatabase, serverUrl } from './support/databases.js';
import { CLI_MAIN, ROOT, cleanEnv, ensureBuilt, runCli } from './support/processes.js';
import { readCsv } from './fixtures/exchange.js';

async function readXlsx(path: string): Promise<Excel.Workbook> {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** `npm run cli -- export ...` as a user runs it, on a database of its own (server or embedded). */
describe('npm run cli -- export', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let drop = async () => {};

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pdt-cli-export-'));
    if (serverUrl()) {
      const db = await createTestDatabase();
      drop = db.drop;
      env = cleanEnv({ DATABASE_URL: db.url });
    } else {
      env = cleanEnv({ DATA_DIR: join(dir, 'data') });
    }
    const seed = await runCli(['seed'], env);
    expect(seed.code).toBe(0);
  }, 240_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('writes actions.xlsx to --out with the cells of the CSV export', async () => {
    const xlsx = join(dir, 'actions.xlsx');
    const csv = join(dir, 'actions.csv');
    const a = await runCli(
      [
        'export',
        'actions',
        '--format',
        'xlsx',
        '--province',
        'KH-12',
        '--province',
        'KH-14',
        '--out',
        xlsx,
      ],
      env,
    );
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(
      (
        await runCli(
          ['export', 'actions', '--province', 'KH-12', '--province', 'KH-14', '--out', csv],
          env,
        )
      ).code,
    ).toBe(0);
    const records = readCsv(readFileSync(csv, 'utf8'));
    const workbook = await readXlsx(xlsx);
    const sheet = workbook.getWorksheet('actions')!;
    expect(sheet.rowCount).toBe(records.length + 1);
    expect(records).toHaveLength(2);
    records.forEach((record, i) => {
      const row = sheet.getRow(i + 2);
      ACTION_COLUMNS.forEach((c, j) => {
        const value = row.getCell(j + 1).value;
        const text = record[c.name];
        if (text === '') expect(value).toBeNull();
        else if (c.type === 'integer') expect(value).toBe(Number(text));
        else if (c.type === 'date') expect(value).toEqual(new Date(`${text}T00:00:00Z`));
        else if (c.type === 'datetime') expect(value).toEqual(new Date(text));
        else expect(value).toBe(text);
      });
    });
    const about = workbook.getWorksheet('About')!;
    expect(about.getCell('B4').value).toBe('provinceCodes: KH-12, KH-14');
  });

  it('writes tally.xlsx with its dimensions and counts', async () => {
    const out = join(dir, 'tally.xlsx');
    const res = await runCli(
      ['export', 'tally', '--format', 'xlsx', '--group-by', 'PROVINCE', '--out', out],
      env,
    );
    expect(res.code).toBe(0);
    const sheet = (await readXlsx(out)).getWorksheet('tally')!;
    const rows = [] as unknown[][];
    sheet.eachRow({ includeEmpty: true }, (r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows[0] as string[];
    expect(header).toEqual(
      expect.arrayContaining(['province_code', 'count', 'count_min', 'count_max']),
    );
    const pick = (row: unknown[]) =>
      ['province_code', 'count', 'count_min', 'count_max'].map(
        (name) => row[header.indexOf(name)] ?? null,
      );
    expect(rows.slice(1).map(pick)).toEqual(
      expect.arrayContaining([
        ['KH-12', 10, 10, 10],
        ['KH-14', 1, 1, 1],
      ]),
    );
  });

  it('writes xlsx to stdout when it is a file or a pipe', async () => {
    const out = join(dir, 'piped.xlsx');
    const fd = openSync(out, 'w');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI_MAIN, 'export', 'actions', '--format', 'xlsx'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', fd, 'ignore'],
      });
      child.on('exit', resolve);
    });
    closeSync(fd);
    expect(code).toBe(0);
    expect((await readXlsx(out)).getWorksheet('actions')!.rowCount).toBe(4);
  });

  it('refuses xlsx to a terminal without --out, with a clear message', async () => {
    // `script` gives the CLI a pseudo-terminal as stdout, as in an interactive shell.
    const command = `${process.execPath} ${CLI_MAIN} export actions --format xlsx`;
    const res = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => resolve({ code, output }));
    });
    expect(res.code).toBe(2);
    expect(res.output).toContain(
      'An XLSX file is binary: give --out <file>, or redirect stdout to a file (out)',
    );
    expect(res.output).not.toContain('PK');
  });

  it('refuses xlsx for figures', async () => {
    const res = await runCli(
      ['export', 'figures', '--format', 'xlsx', '--out', join(dir, 'f.xlsx')],
      env,
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('XLSX is available for actions and tally; figures are CSV');
  });
  it('offers every filter of the downloads, under the same names', async () => {
    const res = await runCli(['export', '--help'], env);
    expect(res.code).toBe(0);
    const params = Object.keys(FILTER_PARAM_DOCS);
    expect(params).toEqual(expect.arrayContaining(['asRecordedAt', 'publishedBy', 'disputedAs']));
    for (const param of params) {
      const flag = `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      expect(res.stdout).toMatch(new RegExp(`^\\s+${flag}(\\s|$)`, 'm'));
    }
  });

  it('exports the records as they were recorded at a moment (--as-recorded-at)', async () => {
    const tally = async (...extra: string[]) => {
      const res = await runCli(['export', 'tally', '--group-by', 'PROVINCE', ...extra], env);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      return readCsv(res.stdout);
    };
    const total = (rows: Record<string, string>[]) =>
      rows.find((r) => r.row_type === 'total')?.count;
    const now = await tally();
    expect(total(now)).toBe('12');
    expect(total(await tally('--as-recorded-at', '2000-01-01T00:00:00Z'))).toBe('0');
    expect(await tally('--as-recorded-at', new Date().toISOString())).toEqual(now);
    const before = await runCli(
      ['export', 'actions', '--as-recorded-at', '2000-01-01T00:00:00Z'],
      env,
    );
    expect(before.code).toBe(0);
    expect(readCsv(before.stdout)).toHaveLength(0);
  });

  it.each([
    [['export', 'actions', '--as-recorded-at', 'yesterday'], 'asRecordedAt'],
    [['export', 'tally', '--disputed-as', 'MAYBE'], 'disputedAs'],
    [['export', 'actions', '--published-by', '23/01/2024'], 'publishedBy'],
    [['export', 'figures', '--count-duplicates'], 'countDuplicates'],
  ])('refuses %j with a clear error naming %s', async (args, field) => {
    const res = await runCli(args, env);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`(${field})`);
    expect(res.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
  it.each([
    [['import', '/nowhere/actions.csv'], 'There is no file at /nowhere/actions.csv (file)'],
    [['import', '.'], '. is a folder: give the path of a CSV file (file)'],
    [
      ['export', 'actions', '--out', '/nowhere/actions.csv'],
      'The folder /nowhere does not exist: create it first, or give another path (out)',
    ],
    [
      ['export', 'actions', '--out', '.'],
      '. is a folder: give the path of the file to write (out)',
    ],
  ])('refuses %j in one line, before any work', async (args, message) => {
    const res = await runCli(args, env);
    expect(res).toEqual({ code: 2, stdout: '', stderr: `error: ${message}\n` });
  });

  it('writes --out whole or not at all: a refused export leaves no file, a finished one no leftovers', async () => {
    const out = join(dir, 'whole', 'actions.csv');
    mkdirSync(join(dir, 'whole'));
    const refused = await runCli(
      ['export', 'actions', '--as-recorded-at', 'yesterday', '--out', out],
      env,
    );
    expect(refused.code).toBe(2);
    expect(readdirSync(join(dir, 'whole'))).toEqual([]);
    const done = await runCli(['export', 'actions', '--out', out], env);
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(join(dir, 'whole'))).toEqual(['actions.csv']);
    expect(readCsv(readFileSync(out, 'utf8'))).toHaveLength(3);
    // Written again over an older file: the new file replaces it only once complete.
    writeFileSync(out, 'older');
    expect((await runCli(['export', 'actions', '--out', out], env)).code).toBe(0);
    expect(readCsv(readFileSync(out, 'utf8'))).toHaveLength(3);
    expect(readdirSync(join(dir, 'whole'))).toEqual(['actions.csv']);
  });
  it('removes the unfinished file when the export is interrupted (Ctrl-C)', async () => {
    const folder = join(dir, 'interrupted');
    mkdirSync(folder);
    const child = spawn(
      process.execPath,
      [CLI_MAIN, 'export', 'actions', '--out', join(folder, 'actions.csv')],
      { cwd: ROOT, env, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // The hidden file exists from before the export starts (the database is still being opened).
    const deadline = Date.now() + 20_000;
    while (!readdirSync(folder).some((f) => f.endsWith('.partial')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\.actions\.csv\.\d+\.partial$/)]);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(folder)).toEqual([]);
  }, 60000);
  it('writes an --internal export readable by its owner only', async () => {
    const internal = join(dir, 'internal.csv');
    const res = await runCli(['export', 'actions', '--internal', '--out', internal], env);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(internal).mode & 0o777).toBe(0o600);
    expect(readCsv(readFileSync(internal, 'utf8')).length).toBeGreaterThanOrEqual(3);
    const open = join(dir, 'public.csv');
    expect((await runCli(['export', 'actions', '--out', open], env)).code).toBe(0);
    expect(statSync(open).mode & 0o044).toBe(0o044 & ~process.umask());
  });
});
