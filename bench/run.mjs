// npm run bench [-- --rows N | --quick | --keep | --only tally,list,keyset,export,import,limit]
// Generates a deterministic dataset into the database `pdt_bench` on the local PostgreSQL server,
// starts the API in this process on it (createApp, 127.0.0.1:0) and measures each scenario against
// a baseline in the same process on the same data, in alternating rounds. Prints median [min-max]
// per scenario, one RATIO line per target and `N passed, N failed`; raw samples go to bench-results/.
// Server: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); needs CREATE DATABASE.
import http from 'node:http';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { actions, copyLine, csvField, officers, sizes, sources } from './dataset.mjs';
import { startBaselineServer } from './baseline-server.mjs';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const KEEP = flag('--keep');
const ROWS = Number((option('--rows') ?? (QUICK ? '100000' : '1000000')).replace(/[_,]/g, ''));
const ONLY = option('--only')?.split(',');
// Imports run the change-log triggers for every row (about 1-2k rows/s here): quick mode imports
// 20,000 rows to stay under three minutes; --import-rows N overrides.
const IMPORT_ROWS = Number((option('--import-rows') ?? (QUICK ? '20000' : String(ROWS))).replace(/[_,]/g, ''));
if (!Number.isInteger(ROWS) || ROWS < 1000) throw new Error('--rows must be an integer >= 1000');
// Tally rounds: PostgreSQL's own time for one tally varies by up to 2x here (44-89 ms at 100k);
// about twenty rounds a side settle the median of round ratios (pairedRatio) the targets use.
const R = QUICK
  ? { latency: 21, loadRounds: 3, loadMs: 1500, keyset: 41, export: 2, import: 1, limit: 20 }
  : { latency: 25, loadRounds: 4, loadMs: 3000, keyset: 61, export: 2, import: 1, limit: 30 };
const wants = (s) => !ONLY || ONLY.includes(s);
// Load on each server before the list scenario's measured rounds (see scenarioList).
const WARM_UP_MS = 5000;

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (name) => {
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return u.toString();
};
const DB = 'pdt_bench';
const IMPORT_DB = 'pdt_bench_import';
const ROOT = new URL('..', import.meta.url).pathname;

// The app's per-process rate limits would refuse a benchmark's request rate.
for (const k of ['ANONYMOUS', 'READER', 'EDITOR', 'ADMIN', 'ADDRESS']) process.env[`RATE_LIMIT_${k}`] = '1000000';

const dist = (p) => pathToFileURL(join(ROOT, 'dist/apps/api', p)).href;
const { createApp } = await import(dist('apps/api/src/bootstrap.js'));
const { loadConfig } = await import(dist('libs/core/src/index.js'));
const domain = await import(dist('libs/domain/src/index.js'));

const appConfig = (url) =>
  loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_FIRST_START: 'false',
    // An import of 1M rows runs statements longer than the default 15 s.
    STATEMENT_TIMEOUT_MS: '3600000',
  });

// ---------------------------------------------------------------- statistics and output
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
/**
 * The median of the per-round ratios a[i] / b[i]. The two sides of a round run back to back, and
 * this machine's noise drifts slowly (one tally's SQL alone took 49 ms and 123 ms within the same
 * minute, and each round's two sides moved together), so a round's ratio cancels most of it where
 * a ratio of the two medians does not. Both are saved in the raw results.
 */
const pairedRatio = (a, b) => median(a.map((x, i) => x / b[i]));
/** Side a against side b of alternating rounds: both ratios, for the raw results and the log line. */
function roundRatios(a, b) {
  const r = { ratioOfMedians: median(a) / median(b), pairedRatio: pairedRatio(a, b) };
  return { ...r, text: `ratio of medians ${r.ratioOfMedians.toFixed(2)}, median of round ratios ${r.pairedRatio.toFixed(2)}` };
}
const fmt = (x, d = 1) => (x >= 100 ? x.toFixed(0) : x.toFixed(d));
const summary = (xs, unit = 'ms', d = 1) => `${fmt(median(xs), d)} ${unit} [${fmt(Math.min(...xs), d)}-${fmt(Math.max(...xs), d)}]`;
const results = { rows: ROWS, quick: QUICK, startedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, scenarios: {}, targets: [] };
const log = (s) => process.stdout.write(s + '\n');

function target(name, value, op, limit, note = '') {
  const pass = value !== null && (op === '<=' ? value <= limit : value >= limit);
  results.targets.push({ name, value, op, target: limit, pass, note });
  log(`RATIO ${name} ${value === null ? 'not-measured' : value.toFixed(2)} target ${op} ${limit} ${pass ? 'PASS' : 'FAIL'}${note ? `  (${note})` : ''}`);
}

// ---------------------------------------------------------------- database helpers
async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const admin = (sql) => withClient(SERVER, (c) => c.query(sql));

/** Streams lines into a COPY ... FROM STDIN, in chunks of about 256 KiB, with backpressure. */
class CopyWriter {
  constructor(client, sql) {
    this.stream = client.query(copyFrom(sql));
    this.done = once(this.stream, 'finish');
    this.buf = [];
    this.size = 0;
  }
  async line(s) {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 262144) await this.flush();
  }
  async flush() {
    if (!this.buf.length) return;
    const ok = this.stream.write(this.buf.join(''));
    this.buf = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }
  async end() {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}

const ACTION_COPY_COLUMNS = `id, action_type, officer_id, subject_count, subject_description, rank_code, rank_text, position, province_code,
  reason_detail, occurred, occurred_from, occurred_to, decided_by, visibility, external_id, retracted_at, retraction_reason`;

/**
 * Loads a dataset with COPY on three connections at once (actions, reasons, citations). With
 * `fast`, triggers and foreign-key checks are off (session_replication_role = replica): the data is
 * consistent by construction. Without, it is an ordinary load into the same tables, triggers included.
 */
async function loadDataset(url, rows, { seed, prefix, fast }) {
  const { officers: nOfficers, sources: nSources } = sizes(rows);
  const clients = await Promise.all([0, 1, 2].map(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('BEGIN');
    if (fast) await c.query('SET LOCAL session_replication_role = replica');
    await c.query(`SET LOCAL statement_timeout = 0`);
    return c;
  }));
  try {
    const officerIds = [];
    const sourceIds = [];
    const ow = new CopyWriter(clients[0], `COPY officer (id, full_name, full_name_km, search_text) FROM STDIN`);
    for (const o of officers(nOfficers, seed)) {
      officerIds.push(o.id);
      await ow.line(copyLine([o.id, o.fullName, o.fullNameKm, [o.fullName, o.fullNameKm].filter(Boolean).join(' ').toLowerCase()]));
    }
    await ow.end();
    const sw = new CopyWriter(clients[0], `COPY source (id, title, publisher, url, kind, confidential) FROM STDIN`);
    for (const s of sources(nSources, seed)) {
      sourceIds.push(s.id);
      await sw.line(copyLine([s.id, s.title, s.publisher, s.url, s.kind, s.confidential]));
    }
    await sw.end();
    // Parents first when the foreign keys are checked: actions on one connection, then their parts.
    const aw = new CopyWriter(clients[0], `COPY disciplinary_action (${ACTION_COPY_COLUMNS}) FROM STDIN`);
    const rw = fast ? new CopyWriter(clients[1], `COPY action_reason (action_id, reason_code) FROM STDIN`) : null;
    const cw = fast ? new CopyWriter(clients[2], `COPY citation (action_id, source_id, excerpt, locator, ordinal) FROM STDIN`) : null;
    const parts = fast ? null : { reasons: [], citations: [] };
    for (const a of actions(rows, { seed, nOfficers, nSources, prefix })) {
      await aw.line(copyLine([a.id, a.actionType, a.officer === null ? null : officerIds[a.officer], a.subjectCount, a.subjectDescription, a.rankCode,
        a.rankText, a.position, a.provinceCode, a.reasonDetail, a.occurred, a.from, a.to, a.decidedBy, a.visibility, a.externalId,
        a.retracted ? '2025-06-01T00:00:00Z' : null, a.retracted ? 'Duplicate of another record' : null]));
      const reasonLines = a.reasons.map((r) => copyLine([a.id, r]));
      const citationLines = a.citations.map((c, k) => copyLine([a.id, sourceIds[c.source], c.excerpt, c.locator, k + 1]));
      if (fast) {
        for (const l of reasonLines) await rw.line(l);
        for (const l of citationLines) await cw.line(l);
      } else {
        parts.reasons.push(...reasonLines);
        parts.citations.push(...citationLines);
      }
    }
    await aw.end();
    if (fast) {
      await Promise.all([rw.end(), cw.end()]);
      await Promise.all(clients.map((c) => c.query('COMMIT')));
    } else {
      const rw2 = new CopyWriter(clients[0], `COPY action_reason (action_id, reason_code) FROM STDIN`);
      for (const l of parts.reasons) await rw2.line(l);
      await rw2.end();
      const cw2 = new CopyWriter(clients[0], `COPY citation (action_id, source_id, excerpt, locator, ordinal) FROM STDIN`);
      for (const l of parts.citations) await cw2.line(l);
      await cw2.end();
      await Promise.all(clients.map((c) => c.query('COMMIT')));
    }
  } catch (err) {
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
    throw err;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function prepareBenchDb() {
  const exists = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${DB}'`)).rowCount > 0;
  if (KEEP && exists) {
    const kept = await withClient(dbUrl(DB), (c) => c.query('SELECT rows FROM bench_meta').then((r) => r.rows[0]?.rows, () => undefined));
    if (kept === ROWS) {
      log(`dataset: reusing ${DB} (${ROWS} actions, --keep)`);
      return { reused: true };
    }
  }
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  return { reused: false };
}

// ---------------------------------------------------------------- capture of the SQL the app sends
const capture = { on: false, list: [] };
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  if (capture.on) {
    if (typeof config === 'string') capture.list.push({ text: config, values: Array.isArray(values) ? values : undefined });
    else if (config && typeof config === 'object') {
      const c = config.cursor ?? config;
      capture.list.push({ text: c.text, values: c.values, stream: Boolean(config.cursor) });
    }
  }
  return originalQuery.apply(this, arguments);
};
async function captured(fn) {
  capture.list = [];
  capture.on = true;
  try {
    await fn();
  } finally {
    capture.on = false;
  }
  return capture.list.filter((q) => q.text && !/^\s*(BEGIN|COMMIT|ROLLBACK|SET |SELECT set_config)/i.test(q.text));
}

// ---------------------------------------------------------------- HTTP client
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(port, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
const gql = (port, query, variables) => request(port, 'POST', '/graphql', { query, variables });
async function gqlOk(port, query, variables) {
  const r = await gql(port, query, variables);
  const json = JSON.parse(r.text);
  if (r.status !== 200 || json.errors) throw new Error(`GraphQL ${r.status}: ${r.text.slice(0, 300)}`);
  return { ...r, json };
}
const time = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

// ---------------------------------------------------------------- scenarios
const TALLIES = [
  { name: 'tally_one_dimension', label: 'tally by PROVINCE', query: `{ tally(groupBy: [PROVINCE]) { count range { min max } groups { key { province { code } } count range { min max } } } }` },
  {
    name: 'tally_by_month_running_totals',
    label: 'running totals by MONTH',
    query: `{ runningTotals(interval: MONTH) { period count cumulative { min max } } }`,
  },
  {
    name: 'tally_three_dimensions',
    label: 'tally by PROVINCE, ACTION_TYPE, YEAR',
    query: `{ tally(groupBy: [PROVINCE, ACTION_TYPE, YEAR]) { count range { min max } groups { key { province { code } actionType year } count range { min max } } } }`,
  },
];

async function scenarioTallies(port, pool) {
  for (const t of TALLIES) {
    await gqlOk(port, t.query);
    const statements = await captured(() => gqlOk(port, t.query));
    if (statements.length === 0) throw new Error(`${t.name}: no SQL captured`);
    const direct = async () => {
      for (const s of statements) await pool.query(s.text, s.values);
    };
    await direct();
    const app = [];
    const raw = [];
    for (let i = 0; i < R.latency; i++) {
      // ABBA order: neither side always runs first.
      if (i % 2) {
        raw.push(await time(direct));
        app.push((await gqlOk(port, t.query)).ms);
      } else {
        app.push((await gqlOk(port, t.query)).ms);
        raw.push(await time(direct));
      }
    }
    const { text, ...ratios } = roundRatios(app, raw);
    results.scenarios[t.name] = { app, pg: raw, ...ratios, statements: statements.map((s) => s.text.replace(/\s+/g, ' ').trim()) };
    log(`${t.label} (${statements.length} statement${statements.length > 1 ? 's' : ''}): app ${summary(app)} | pg ${summary(raw)}; ${text}`);
    target(t.name, ratios.pairedRatio, '<=', 1.2, 'median of round ratios');
  }
}

const LIST_QUERY = `query Page($first: Int, $after: String) {
  actions(first: $first, after: $after) {
    edges { cursor node { id actionType occurred subjectCount
      officer { id fullName } province { code name } reasons { code label }
      citations { excerpt locator source { id title url } } } }
    pageInfo { endCursor hasNextPage } } }`;

/** The load generator: a child process (bench/load-client.mjs), so the clients' work is not on the servers' event loop. */
function startLoadClient() {
  const child = fork(new URL('./load-client.mjs', import.meta.url));
  let next = 0;
  const waiting = new Map();
  child.on('message', (m) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error));
    else w.resolve(m.result);
  });
  return {
    /** `concurrency` clients calling `target` back to back for `ms`: { rps, latencies }. */
    load(target, concurrency, ms) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, target, concurrency, ms });
      });
    },
    close: () => new Promise((resolve) => child.once('exit', resolve).send('exit')),
  };
}

async function scenarioList(port, baselinePort) {
  const client = startLoadClient();
  try {
    for (const first of [20, 100]) {
      // Same JSON from both servers (checked on the first page).
      const a = (await gqlOk(port, LIST_QUERY, { first })).json;
      const b = JSON.parse((await request(baselinePort, 'GET', `/actions?first=${first}`)).text);
      const same = JSON.stringify(a) === JSON.stringify(b);
      const appTarget = { port, method: 'POST', path: '/graphql', body: JSON.stringify({ query: LIST_QUERY, variables: { first } }) };
      const baseTarget = { port: baselinePort, method: 'GET', path: `/actions?first=${first}` };
      // Warm-up, the same for both: V8 takes seconds of load to optimise a framework's hot paths (the
      // app served 230 pages of 20 a second in its first 1.5 s and 320-340 from the fifth second on;
      // the hand-written server is warm within a second). Measured rounds are of servers in service.
      await client.load(appTarget, 4, WARM_UP_MS);
      await client.load(baseTarget, 4, WARM_UP_MS);
      const app = [];
      const base = [];
      const appLat = [];
      const baseLat = [];
      for (let i = 0; i < R.loadRounds; i++) {
        const order = i % 2 ? [['b', baseTarget], ['a', appTarget]] : [['a', appTarget], ['b', baseTarget]];
        for (const [who, target] of order) {
          const r = await client.load(target, 4, R.loadMs);
          if (who === 'a') {
            app.push(r.rps);
            appLat.push(...r.latencies);
          } else {
            base.push(r.rps);
            baseLat.push(...r.latencies);
          }
        }
      }
      const name = `list_page_${first}_throughput`;
      results.scenarios[name] = { appRps: app, baselineRps: base, appP99: pct(appLat, 99), appP50: pct(appLat, 50), baselineP99: pct(baseLat, 99), sameJson: same };
      log(`page of ${first}, 4 clients: app ${summary(app, 'req/s', 0)} | hand-written ${summary(base, 'req/s', 0)}; app p50 ${fmt(pct(appLat, 50))} ms p99 ${fmt(pct(appLat, 99))} ms (hand-written p50 ${fmt(pct(baseLat, 50))} p99 ${fmt(pct(baseLat, 99))}); same JSON: ${same ? 'yes' : 'NO'}`);
      if (!same) log(`  app:      ${JSON.stringify(a).slice(0, 300)}\n  baseline: ${JSON.stringify(b).slice(0, 300)}`);
      target(name, median(app) / median(base), '>=', first === 20 ? 0.45 : 0.38);
      if (first === 20) {
        target('list_page_20_p99_ms', pct(appLat, 99), '<=', 15, `absolute, ms; the hand-written server's p99 at 4 clients: ${fmt(pct(baseLat, 99))} ms`);
        // For context (no target): latency with one client, where nothing queues.
        const one = { app: [], base: [] };
        for (let i = 0; i < 2; i++) {
          one.app.push(...(await client.load(appTarget, 1, R.loadMs / 2)).latencies);
          one.base.push(...(await client.load(baseTarget, 1, R.loadMs / 2)).latencies);
        }
        results.scenarios.list_page_20_one_client = { appP50: pct(one.app, 50), appP99: pct(one.app, 99), baselineP50: pct(one.base, 50), baselineP99: pct(one.base, 99) };
        log(`page of 20, 1 client (no target): app p50 ${fmt(pct(one.app, 50))} ms p99 ${fmt(pct(one.app, 99))} ms | hand-written p50 ${fmt(pct(one.base, 50))} p99 ${fmt(pct(one.base, 99))}`);
      }
    }
  } finally {
    await client.close();
  }
}

async function scenarioKeyset(port, pool) {
  const { rows } = await pool.query(
    `SELECT seq FROM disciplinary_action WHERE visibility = 'PUBLIC' AND retracted_at IS NULL ORDER BY seq DESC OFFSET $1 LIMIT 1`,
    [199 * 20 - 1],
  );
  if (!rows.length) throw new Error('not enough rows for page 200');
  const after = domain.encodeCursor(rows[0].seq);
  const p1 = () => gqlOk(port, LIST_QUERY, { first: 20 });
  const p200 = () => gqlOk(port, LIST_QUERY, { first: 20, after });
  await p1();
  await p200();
  const a = [];
  const b = [];
  for (let i = 0; i < R.keyset; i++) {
    if (i % 2) {
      b.push((await p200()).ms);
      a.push((await p1()).ms);
    } else {
      a.push((await p1()).ms);
      b.push((await p200()).ms);
    }
  }
  const { text, ...ratios } = roundRatios(b, a);
  results.scenarios.keyset = { page1: a, page200: b, ...ratios };
  log(`keyset pagination (20 a page): page 1 ${summary(a)} | page 200 ${summary(b)}; ${text}`);
  target('keyset_page200_vs_page1', ratios.pairedRatio, '<=', 1.2, 'median of round ratios');
}

/** Replaces $n parameters by literals (COPY takes none). */
function inline(sql, values = [], client) {
  return sql.replace(/\$(\d+)/g, (_, n) => {
    const v = values[Number(n) - 1];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (Array.isArray(v)) return client.escapeLiteral(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
    return client.escapeLiteral(String(v));
  });
}

async function scenarioExport(port) {
  const rss = () => process.memoryUsage.rss();
  const appExport = async (path = '/exports/actions.csv') => {
    globalThis.gc?.();
    const before = rss();
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rss())), 20);
    let bytes = 0;
    const started = performance.now();
    await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        res.on('data', (c) => {
          bytes += c.length;
          peak = Math.max(peak, rss());
        });
        res.on('end', resolve);
        res.on('error', reject);
      }).on('error', reject);
    });
    const ms = performance.now() - started;
    clearInterval(timer);
    return { ms, bytes, growthMiB: (peak - before) / 1048576 };
  };
  // First app export: captures the SELECT the app streams.
  let statement;
  const first = [];
  const list = await captured(async () => first.push(await appExport()));
  statement = list.find((q) => /export:actions/.test(q.text));
  if (!statement) throw new Error('export statement not captured');
  // The baseline is PostgreSQL writing the same rows itself: the app's own COPY statement when it
  // sends one (a server), consumed here as it arrives (no HTTP, no CRLF records, no header).
  const copySql = /^\s*(\/\*.*?\*\/\s*)?COPY\s*\(/s.test(statement.text)
    ? statement.text
    : await withClient(dbUrl(DB), async (c) => `COPY (${inline(statement.text, statement.values, c)}) TO STDOUT WITH (FORMAT csv, HEADER)`);
  const copyExport = () =>
    withClient(dbUrl(DB), async (c) => {
      const started = performance.now();
      let bytes = 0;
      const out = c.query(copyTo(copySql));
      for await (const chunk of out) bytes += chunk.length;
      return { ms: performance.now() - started, bytes };
    });
  // Rounds: COPY, the app's actions.csv, the app's actions.xlsx (the same rows, written by exceljs),
  // back to back; the first app CSV (above) warms the cache for all three.
  // exceljs is imported on the first spreadsheet a process writes (it would add ~0.3 s to every
  // start): a one-row download loads it before the measured rounds, as any earlier download would.
  await appExport('/exports/actions.xlsx?from=2023-12-01&to=2023-12-01');
  const app = [...first];
  const copy = [];
  const xlsx = [];
  for (let i = 0; i < R.export; i++) {
    copy.push(await copyExport());
    if (i > 0 || app.length < R.export) app.push(await appExport());
    xlsx.push(await appExport('/exports/actions.xlsx'));
  }
  const appMs = app.map((x) => x.ms / 1000);
  const copyMs = copy.map((x) => x.ms / 1000);
  const xlsxMs = xlsx.map((x) => x.ms / 1000);
  const growth = app.map((x) => x.growthMiB);
  const xlsxGrowth = xlsx.map((x) => x.growthMiB);
  // Each xlsx round against the CSV round just before it (the last R.export app rounds).
  const xlsxRatios = roundRatios(xlsxMs, appMs.slice(-R.export));
  results.scenarios.export_csv = { app, copy, sql: statement.text.replace(/\s+/g, ' ') };
  results.scenarios.export_xlsx = { xlsx, ratioOfMedians: xlsxRatios.ratioOfMedians, pairedRatio: xlsxRatios.pairedRatio };
  log(`CSV export of all rows: app ${summary(appMs, 's', 2)} (${(app[0].bytes / 1048576).toFixed(0)} MiB) | COPY TO STDOUT ${summary(copyMs, 's', 2)} (${(copy[0].bytes / 1048576).toFixed(0)} MiB); app RSS growth ${summary(growth, 'MiB', 0)}`);
  log(`XLSX export of all rows: app ${summary(xlsxMs, 's', 2)} (${(xlsx[0].bytes / 1048576).toFixed(0)} MiB); RSS growth ${summary(xlsxGrowth, 'MiB', 0)}; against actions.csv: ${xlsxRatios.text}`);
  target('export_csv_vs_copy', median(appMs) / median(copyMs), '<=', 1.5);
  target('export_csv_rss_growth_mib', Math.max(...growth), '<=', 64, 'absolute, MiB, worst round');
  target('export_xlsx_vs_csv', xlsxRatios.pairedRatio, '<=', 3, 'median of round ratios');
  target('export_xlsx_rss_growth_mib', Math.max(...xlsxGrowth), '<=', 64, 'absolute, MiB, worst round');
}

const IMPORT_HEADER = ['external_id', 'action_type', 'officer_name', 'officer_name_km', 'subject_count', 'subject_description', 'rank_code', 'rank_text',
  'position', 'province_code', 'reason_codes', 'reason_detail', 'occurred', 'decided_by', 'visibility', 'source_title', 'source_publisher',
  'source_url', 'citation_excerpt', 'citation_locator'];
const joinMulti = (values) => values.map((v) => (v ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join('|');

async function writeImportCsv(path, rows, seed) {
  const { officers: nOfficers, sources: nSources } = sizes(rows);
  const off = [...officers(nOfficers, seed)];
  const src = [...sources(nSources, seed)];
  const out = createWriteStream(path);
  out.write(IMPORT_HEADER.join(',') + '\r\n');
  let buf = '';
  for (const a of actions(rows, { seed, nOfficers, nSources, prefix: 'imp' })) {
    const o = a.officer === null ? null : off[a.officer];
    const cs = a.citations.map((c) => ({ ...c, s: src[c.source] }));
    buf += [a.externalId, a.actionType, o?.fullName, o?.fullNameKm, a.subjectCount, a.subjectDescription, a.rankCode, a.rankText, a.position,
      a.provinceCode, joinMulti(a.reasons), a.reasonDetail, a.occurred, a.decidedBy, a.visibility, joinMulti(cs.map((c) => c.s.title)),
      joinMulti(cs.map((c) => c.s.publisher)), joinMulti(cs.map((c) => c.s.url)), joinMulti(cs.map((c) => c.excerpt)), joinMulti(cs.map((c) => c.locator))]
      .map(csvField).join(',') + '\r\n';
    if (buf.length > 262144) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function scenarioImport() {
  const rows = IMPORT_ROWS;
  const dir = mkdtempSync(join(tmpdir(), 'pdt-bench-'));
  const file = join(dir, 'import.csv');
  let app;
  try {
    await writeImportCsv(file, rows, 7);
    const size = statSync(file).size;
    await admin(`DROP DATABASE IF EXISTS ${IMPORT_DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${IMPORT_DB}`);
    app = await createApp(appConfig(dbUrl(IMPORT_DB)));
    const service = app.get(domain.ImportService);
    const reset = () =>
      withClient(dbUrl(IMPORT_DB), async (c) => {
        await c.query('TRUNCATE citation, action_reason, disciplinary_action, officer, source, change_log CASCADE');
        await c.query('VACUUM ANALYZE');
      });
    const viaApp = async () => {
      await reset();
      const started = performance.now();
      const report = await service.importActions(createReadStream(file), { dryRun: false, viewer: { role: 'ADMIN', keyName: 'bench' }, maxBytes: size + 1 });
      const ms = performance.now() - started;
      if (report.created !== rows) throw new Error(`import created ${report.created} of ${rows}`);
      return ms / 1000;
    };
    // COPY of the same records into the same tables (triggers and foreign keys on), in one transaction.
    const viaCopy = async () => {
      await reset();
      const started = performance.now();
      await loadDataset(dbUrl(IMPORT_DB), rows, { seed: 7, prefix: 'imp', fast: false });
      return (performance.now() - started) / 1000;
    };
    const a = [];
    const c = [];
    for (let i = 0; i < R.import; i++) {
      c.push(await viaCopy());
      a.push(await viaApp());
    }
    const appRate = a.map((s) => rows / s);
    const copyRate = c.map((s) => rows / s);
    results.scenarios.import = { rows, bytes: size, appSeconds: a, copySeconds: c };
    log(`import of ${rows} rows (${(size / 1048576).toFixed(0)} MiB CSV, parse + validation + staging + set-based writes): app ${summary(a, 's', 2)} = ${fmt(median(appRate), 0)} rows/s | COPY into the same tables ${summary(c, 's', 2)} = ${fmt(median(copyRate), 0)} rows/s`);
    target('import_vs_copy', median(appRate) / median(copyRate), '>=', 0.6);
  } finally {
    await app?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${IMPORT_DB} WITH (FORCE)`).catch(() => undefined);
  }
}

async function scenarioLimit(port) {
  // Ten pages of 100 actions with their citations' sources: 10 x 1,501 points > 10,000.
  const fields = `edges { node { id officer { id } reasons { code } citations { excerpt source { id title } } } }`;
  const query = `{ ${Array.from({ length: 10 }, (_, i) => i + 1).map((i) => `p${i}: actions(first: 100) { ${fields} }`).join(' ')} }`;
  const first = await gql(port, query);
  const body = JSON.parse(first.text);
  const code = body.errors?.[0]?.extensions?.code;
  const limit = body.errors?.[0]?.extensions?.limit;
  if (limit !== 'maxCost') throw new Error(`expected a cost refusal, got ${first.status} ${first.text.slice(0, 200)}`);
  const ms = [];
  for (let i = 0; i < R.limit; i++) ms.push((await gql(port, query)).ms);
  results.scenarios.cost_limit = { ms, status: first.status, code };
  log(`request refused by the cost limit (HTTP ${first.status}, ${code}, ${body.errors[0].message.slice(0, 40)}...): ${summary(ms)}`);
  target('cost_limit_refusal_ms', median(ms), '<=', 50, 'absolute, ms');
}

// ---------------------------------------------------------------- main
const t0 = performance.now();
log(`bench: ${ROWS} actions${QUICK ? ' (quick)' : ''}, node ${process.version}, ${cpus().length} cores, server ${new URL(SERVER).host}`);
const prepared = await prepareBenchDb();
const app = await createApp(appConfig(dbUrl(DB)));
if (!prepared.reused) {
  const t = performance.now();
  await loadDataset(dbUrl(DB), ROWS, { seed: 1, prefix: 'bench', fast: true });
  await withClient(dbUrl(DB), async (c) => {
    await c.query('SET statement_timeout = 0');
    await c.query('VACUUM ANALYZE');
    await c.query('CREATE TABLE bench_meta (rows integer NOT NULL)');
    await c.query('INSERT INTO bench_meta VALUES ($1)', [ROWS]);
  });
  const counts = await withClient(dbUrl(DB), (c) =>
    c.query(`SELECT (SELECT count(*) FROM disciplinary_action)::int AS actions, (SELECT count(*) FROM action_reason)::int AS reasons,
      (SELECT count(*) FROM citation)::int AS citations, (SELECT count(*) FROM officer)::int AS officers, (SELECT count(*) FROM source)::int AS sources,
      (SELECT count(*) FROM disciplinary_action WHERE occurred_from <> occurred_to)::int AS imprecise,
      (SELECT count(*) FROM disciplinary_action WHERE subject_count > 1)::int AS groups`),
  );
  const n = counts.rows[0];
  log(`dataset: ${n.actions} actions (${((100 * n.imprecise) / n.actions).toFixed(0)} % month/year/range precision, ${((100 * n.groups) / n.actions).toFixed(1)} % group actions), ${n.reasons} reasons, ${n.citations} citations, ${n.officers} officers, ${n.sources} sources; loaded with COPY in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
await app.listen(0, '127.0.0.1');
const port = new URL(await app.getUrl()).port;
const pool = new pg.Pool({ connectionString: dbUrl(DB), max: 4 });
const baseline = await startBaselineServer(dbUrl(DB));

const SCENARIOS = [
  ['tally', () => scenarioTallies(port, pool), ['tally_one_dimension', 'tally_by_month_running_totals', 'tally_three_dimensions']],
  ['list', () => scenarioList(port, baseline.port), ['list_page_20_throughput', 'list_page_20_p99_ms', 'list_page_100_throughput']],
  ['keyset', () => scenarioKeyset(port, pool), ['keyset_page200_vs_page1']],
  ['limit', () => scenarioLimit(port), ['cost_limit_refusal_ms']],
  ['export', () => scenarioExport(port), ['export_csv_vs_copy', 'export_csv_rss_growth_mib', 'export_xlsx_vs_csv', 'export_xlsx_rss_growth_mib']],
  ['import', () => scenarioImport(), ['import_vs_copy']],
];
try {
  for (const [key, run, names] of SCENARIOS) {
    if (!wants(key)) continue;
    try {
      await run();
    } catch (err) {
      log(`${key}: NOT MEASURED: ${err instanceof Error ? err.message : String(err)}`);
      for (const n of names) if (!results.targets.some((t) => t.name === n)) target(n, null, '<=', 0, 'not measured');
    }
  }
} finally {
  await baseline.close();
  await pool.end();
  await app.close();
  agent.destroy();
}
results.seconds = (performance.now() - t0) / 1000;
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const out = join(ROOT, 'bench-results', `bench-${results.startedAt.replace(/[:.]/g, '-')}${QUICK ? '-quick' : ''}.json`);
writeFileSync(out, JSON.stringify(results, null, 2));
const passed = results.targets.filter((t) => t.pass).length;
log(`raw results: ${out.slice(ROOT.length)} (${results.seconds.toFixed(0)} s)`);
log(`${passed} passed, ${results.targets.length - passed} failed`);
process.exit(0);
