// Import and export of N actions through the CLI on a PostgreSQL server: rows/s and peak RSS.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/exchange-bench.mjs [rows]
// (builds dist/ first through `npm run cli`'s ensure-build; creates and drops its own database).
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const rows = Number(process.argv[2] ?? 100_000);
const server = process.env.DATABASE_URL;
if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server');
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pdt-bench-'));
const name = `pdt_bench_${Date.now()}`;
const admin = async (sql) => {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(sql).finally(() => c.end());
};

const header = [
  'external_id',
  'action_type',
  'officer_name',
  'subject_count',
  'rank_code',
  'rank_text',
  'position',
  'province_code',
  'reason_codes',
  'reason_detail',
  'occurred',
  'decided_by',
  'visibility',
  'source_title',
  'source_publisher',
  'source_url',
  'citation_excerpt',
];
async function writeFile(path) {
  const out = createWriteStream(path);
  out.write(header.join(',') + '\r\n');
  for (let i = 1; i <= rows; i++) {
    const named = i % 4 !== 0;
    const line = [
      `bench-${i}`,
      i % 3 ? 'DISMISSAL' : 'SUSPENSION',
      named ? `Officer ${i % 5000}` : '',
      named ? 1 : 3,
      i % 2 ? 'LT_COL' : '',
      i % 2 ? 'Lieutenant Colonel' : '',
      'Provincial police',
      i % 5 ? 'KH-12' : '',
      i % 7 ? 'DRUG_POSITIVE_TEST' : 'DRUG_POSITIVE_TEST|CORRUPTION',
      '',
      `2024-0${1 + (i % 9)}-1${i % 10}`,
      'Interior Ministry',
      'PUBLIC',
      `Report ${i % 500}`,
      'Partner NGO',
      i % 500 < 250 ? `https://example.org/r/${i % 500}` : '',
      `"Row ${i}, dismissed"`,
    ].join(',');
    if (!out.write(line + '\r\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function timed(label, args) {
  const cli = join(root, 'dist/apps/cli/apps/cli/src/main.js');
  const env = {
    ...process.env,
    DATABASE_URL: `${server.replace(/\/[^/]*$/, '')}/${name}`,
    LOG_LEVEL: 'error',
  };
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)[1]) / 1024;
  console.log(
    `${label}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (process incl. start-up), peak RSS ${rss.toFixed(0)} MiB`,
  );
}

try {
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { stdio: 'inherit' });
  const file = join(dir, 'actions.csv');
  await writeFile(file);
  console.log(`generated ${(statSync(file).size / 1048576).toFixed(1)} MiB`);
  await admin(`CREATE DATABASE ${name}`);
  timed('import --dry-run', ['import', file, '--dry-run']);
  timed('import', ['import', file]);
  timed('import again (no-op)', ['import', file]);
  timed('export actions csv', ['export', 'actions', '--out', join(dir, 'out.csv')]);
  timed('export actions json', [
    'export',
    'actions',
    '--format',
    'json',
    '--out',
    join(dir, 'out.json'),
  ]);
  console.log(`export size ${(statSync(join(dir, 'out.csv')).size / 1048576).toFixed(1)} MiB`);
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
