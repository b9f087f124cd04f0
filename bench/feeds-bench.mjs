// Time to build the Atom feeds (README "Feeds"): on the seeded report, then on N actions each
// recorded in its own transaction (the figures feed's worst case: every action is a moment at which
// a figure's verdict may change), with figures whose verdicts change as the records grow.
// Usage: node scripts/ensure-build.mjs && node bench/feeds-bench.mjs [actions] [--embedded]
//   DATABASE_URL: the PostgreSQL server (a database of its own is created and dropped); --embedded
//   runs on a new embedded database instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { actions as generate } from './dataset.mjs';

const argv = process.argv.slice(2);
const N = Number(argv.find((a) => /^\d+$/.test(a)) ?? 5000);
const EMBEDDED = argv.includes('--embedded');
const server = process.env.DATABASE_URL;
if (!EMBEDDED && !server)
  throw new Error('Set DATABASE_URL to a PostgreSQL server, or pass --embedded');
for (const k of ['ANONYMOUS', 'READER', 'EDITOR', 'ADMIN', 'ADDRESS'])
  process.env[`RATE_LIMIT_${k}`] = '1000000';

const root = new URL('..', import.meta.url).pathname;
const dist = (p) => pathToFileURL(join(root, 'dist/apps/api', p)).href;
const { createApp } = await import(dist('apps/api/src/bootstrap.js'));
const { loadConfig } = await import(dist('libs/core/src/index.js'));
const domain = await import(dist('libs/domain/src/index.js'));

const name = `pdt_feeds_${Date.now()}`;
const admin = async (sql) => {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(sql).finally(() => c.end());
};
let dataDir;
let url;
if (EMBEDDED) dataDir = mkdtempSync(join(tmpdir(), 'pdt-feeds-'));
else {
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  url = u.toString();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const log = (s) => process.stdout.write(`${s}\n`);
const app = await createApp(
  loadConfig({
    ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }),
    LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_FIRST_START: 'false',
  }),
);
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
const figureFeed = app.get(domain.FigureFeedService);

async function time(path) {
  const t = performance.now();
  const res = await fetch(`${base}${path}`);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body}`);
  return {
    ms: performance.now() - t,
    entries: (body.match(/<entry>/g) ?? []).length,
    complete: !body.includes('still being worked out'),
  };
}
async function repeat(label, path, rounds = 9) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await time(path));
  log(
    `${label}: median ${median(runs.map((r) => r.ms)).toFixed(1)} ms [${Math.min(...runs.map((r) => r.ms)).toFixed(1)}-${Math.max(...runs.map((r) => r.ms)).toFixed(1)}], ${runs[0].entries} entries`,
  );
}
/** Requests the figures feed until it has looked at everything; each request runs at most MAX_EVALUATIONS_PER_REQUEST checks. */
async function untilComplete(label) {
  const runs = [];
  for (let i = 0; i < 200; i++) {
    const r = await time('/feeds/figures.atom');
    runs.push({ ...r, evaluations: figureFeed.lastEvaluations });
    if (r.complete) break;
  }
  const total = runs.reduce((s, r) => s + r.ms, 0);
  log(
    `${label}: ${runs.length} request(s) until complete, ${(total / 1000).toFixed(1)} s in all; first ${runs[0].ms.toFixed(0)} ms (${runs[0].evaluations} checks), ` +
      `slowest ${Math.max(...runs.map((r) => r.ms)).toFixed(0)} ms, last ${runs[runs.length - 1].ms.toFixed(0)} ms (${runs[runs.length - 1].evaluations} checks), ${runs[runs.length - 1].entries} entries`,
  );
}

try {
  log(
    `feeds benchmark on ${EMBEDDED ? 'the embedded database' : 'the PostgreSQL server'}, ${N} actions`,
  );
  await app.get(domain.SeedService).seedCambojaReport();
  await repeat('seeded: actions.atom', '/feeds/actions.atom');
  await repeat('seeded: actions.atom?province=KH-14', '/feeds/actions.atom?province=KH-14');
  await repeat('seeded: figures.atom', '/feeds/figures.atom');

  const viewer = { role: 'EDITOR', keyName: 'bench' };
  const sources = [];
  for (let i = 0; i < 20; i++)
    sources.push(
      await app.get(domain.SourceService).create(
        {
          title: `Report ${i}`,
          publisher: 'Bench News',
          url: `https://example.org/${i}`,
          kind: 'NEWS_ARTICLE',
        },
        viewer,
      ),
    );
  const figures = app.get(domain.ReportedFigureService);
  const scopes = [
    [{ actionTypes: ['DISMISSAL'] }, N * 0.3],
    [{ actionTypes: ['SUSPENSION'], provinceCodes: ['KH-12'] }, N * 0.05],
    [{ reasonCodes: ['DRUG_POSITIVE_TEST'] }, N * 0.25],
    [{ provinceCodes: ['KH-17'] }, N * 0.08],
    [{ actionTypes: ['DEMOTION'], from: '2024-01-01', to: '2024-12-31' }, N * 0.01],
    [{ rankCodes: ['LT_COL', 'COL'] }, N * 0.05],
    [
      { actionTypes: ['DISMISSAL'], reasonCodes: ['CORRUPTION'], provinceCodes: ['KH-12', 'KH-2'] },
      N * 0.01,
    ],
    [{}, N * 0.6],
  ];
  for (const [scope, value] of scopes) {
    await figures.create(
      {
        value: Math.max(1, Math.round(value)),
        qualifier: 'ABOUT',
        scope,
        statedBy: 'Bench',
        statedOn: '2025-06-30',
        citation: { sourceId: sources[0].id },
      },
      undefined,
      viewer,
    );
  }
  const actionsService = app.get(domain.ActionService);
  const t0 = performance.now();
  const created = [];
  for (const a of generate(N, {
    seed: 7,
    nOfficers: 1,
    nSources: sources.length,
    prefix: 'feeds',
  })) {
    const action = await actionsService.create(
      {
        actionType: a.actionType,
        subjectCount: a.subjectCount,
        subjectDescription: a.subjectDescription,
        rankCode: a.rankCode,
        rankText: a.rankText,
        position: a.position,
        provinceCode: a.provinceCode,
        reasonCodes: a.reasons,
        reasonDetail: a.reasonDetail,
        occurred: a.occurred,
        decidedBy: a.decidedBy,
        visibility: a.visibility,
        externalId: a.externalId,
        citations: a.citations.map((c) => ({
          sourceId: sources[c.source].id,
          excerpt: c.excerpt,
          locator: c.locator,
        })),
      },
      undefined,
      viewer,
    );
    created.push(action.id);
    // Now and then a record is retracted: a moment at which counts go down.
    if (created.length % 200 === 0)
      await actionsService.retract(
        { id: created[created.length - 150], reason: 'duplicate' },
        viewer,
      );
  }
  log(
    `${N} actions created one transaction each in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  await repeat(`${N} actions: actions.atom`, '/feeds/actions.atom');
  await repeat(
    `${N} actions: actions.atom?province=KH-12&actionType=DISMISSAL`,
    '/feeds/actions.atom?province=KH-12&actionType=DISMISSAL',
  );
  await untilComplete(`${N} actions: figures.atom in a new process`);
  await repeat(`${N} actions: figures.atom, verdicts remembered`, '/feeds/figures.atom');
  await actionsService.create(
    {
      actionType: 'DISMISSAL',
      provinceCode: 'KH-12',
      reasonCodes: ['CORRUPTION'],
      occurred: '2025-05-01',
      citations: [{ sourceId: sources[1].id }],
    },
    undefined,
    viewer,
  );
  await repeat(`${N} + 1 actions: figures.atom after one more record`, '/feeds/figures.atom');
} finally {
  await app.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  else await admin(`DROP DATABASE ${name} WITH (FORCE)`);
}
