// Loading rows with COPY: the benchmark's dataset (generated on the fly) and the raw-load baseline of
// the import scenario (COPY files written beforehand, so that only PostgreSQL's work is timed).
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { actions, copyLine, officers, sizes, sources } from './dataset.mjs';

export async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Buffers lines for a writable stream, in chunks of about 256 KiB, with backpressure. */
class LineWriter {
  constructor(stream) {
    this.stream = stream;
    this.done = once(stream, 'finish');
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
const copyWriter = (client, sql) => new LineWriter(client.query(copyFrom(sql)));

/** A PostgreSQL array literal of codes ([A-Z_] only: nothing to quote). */
const codesLiteral = (codes) => `{${codes.join(',')}}`;
const officerSearchText = (o) => [o.fullName, o.fullNameKm].filter(Boolean).join(' ').toLowerCase();

export const ACTION_COPY_COLUMNS = `id, action_type, officer_id, subject_count, subject_description, rank_code, rank_text, position, province_code,
  reason_codes, reason_detail, occurred, occurred_from, occurred_to, decided_by, visibility, external_id, retracted_at, retraction_reason`;
const CITATION_COPY_COLUMNS = 'action_id, source_id, excerpt, locator, ordinal';

/** Opens `n` connections, each in a transaction with triggers and foreign-key checks off. */
async function replicaSessions(url, n) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('BEGIN');
      // Triggers (history, stamps, reason check) and foreign-key checks off: the rows are
      // consistent by construction. Column defaults (recorded_at, change_seq, seq) still apply.
      await c.query('SET LOCAL session_replication_role = replica');
      await c.query('SET LOCAL statement_timeout = 0');
      return c;
    }),
  );
}

async function inSessions(url, n, fn) {
  const clients = await replicaSessions(url, n);
  try {
    await fn(clients);
    await Promise.all(clients.map((c) => c.query('COMMIT')));
  } catch (err) {
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
    throw err;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * Loads the benchmark's dataset with COPY on two connections at once (officers, sources and actions
 * with their reason codes on one, citations on the other), triggers and foreign-key checks off.
 * Every row gets the load's record time: the history is written afterwards (history.mjs).
 */
export async function loadDataset(url, rows, { seed, prefix }) {
  const { officers: nOfficers, sources: nSources } = sizes(rows);
  await inSessions(url, 2, async ([main, parts]) => {
    const officerIds = [];
    const sourceIds = [];
    const ow = copyWriter(
      main,
      `COPY officer (id, full_name, full_name_km, search_text) FROM STDIN`,
    );
    for (const o of officers(nOfficers, seed)) {
      officerIds.push(o.id);
      await ow.line(copyLine([o.id, o.fullName, o.fullNameKm, officerSearchText(o)]));
    }
    await ow.end();
    const sw = copyWriter(
      main,
      `COPY source (id, title, publisher, url, kind, confidential) FROM STDIN`,
    );
    for (const s of sources(nSources, seed)) {
      sourceIds.push(s.id);
      await sw.line(copyLine([s.id, s.title, s.publisher, s.url, s.kind, s.confidential]));
    }
    await sw.end();
    const aw = copyWriter(main, `COPY disciplinary_action (${ACTION_COPY_COLUMNS}) FROM STDIN`);
    const cw = copyWriter(parts, `COPY citation (${CITATION_COPY_COLUMNS}) FROM STDIN`);
    for (const a of actions(rows, { seed, nOfficers, nSources, prefix })) {
      await aw.line(
        copyLine([
          a.id,
          a.actionType,
          a.officer === null ? null : officerIds[a.officer],
          a.subjectCount,
          a.subjectDescription,
          a.rankCode,
          a.rankText,
          a.position,
          a.provinceCode,
          codesLiteral(a.reasons),
          a.reasonDetail,
          a.occurred,
          a.from,
          a.to,
          a.decidedBy,
          a.visibility,
          a.externalId,
          a.retracted ? '2025-06-01T00:00:00Z' : null,
          a.retracted ? 'Duplicate of another record' : null,
        ]),
      );
      for (const [k, c] of a.citations.entries())
        await cw.line(copyLine([a.id, sourceIds[c.source], c.excerpt, c.locator, k + 1]));
    }
    await Promise.all([aw.end(), cw.end()]);
  });
}

/**
 * The rows an import of `writeImportCsv(rows, seed, prefix)` creates, as COPY files in `dir`: the
 * officers and sources the file names (an import creates only those, with the columns the file
 * carries: no kind, no confidentiality), the actions (not retracted: the file has no retraction
 * columns) and their citations. Written before the timed load, so that the baseline is PostgreSQL's
 * COPY alone, not this generator.
 */
export async function writeRawLoadFiles(dir, rows, { seed, prefix }) {
  const { officers: nOfficers, sources: nSources } = sizes(rows);
  const off = [...officers(nOfficers, seed)];
  const src = [...sources(nSources, seed)];
  const usedOfficer = new Uint8Array(nOfficers);
  const usedSource = new Uint8Array(nSources);
  const file = (name) => join(dir, `${name}.copy`);
  const aw = new LineWriter(createWriteStream(file('action')));
  const cw = new LineWriter(createWriteStream(file('citation')));
  for (const a of actions(rows, { seed, nOfficers, nSources, prefix })) {
    if (a.officer !== null) usedOfficer[a.officer] = 1;
    await aw.line(
      copyLine([
        a.id,
        a.actionType,
        a.officer === null ? null : off[a.officer].id,
        a.subjectCount,
        a.subjectDescription,
        a.rankCode,
        a.rankText,
        a.position,
        a.provinceCode,
        codesLiteral(a.reasons),
        a.reasonDetail,
        a.occurred,
        a.from,
        a.to,
        a.decidedBy,
        a.visibility,
        a.externalId,
        null,
        null,
      ]),
    );
    for (const [k, c] of a.citations.entries()) {
      usedSource[c.source] = 1;
      await cw.line(copyLine([a.id, src[c.source].id, c.excerpt, c.locator, k + 1]));
    }
  }
  await Promise.all([aw.end(), cw.end()]);
  const ow = new LineWriter(createWriteStream(file('officer')));
  for (const [k, o] of off.entries())
    if (usedOfficer[k])
      await ow.line(copyLine([o.id, o.fullName, o.fullNameKm, officerSearchText(o)]));
  await ow.end();
  const sw = new LineWriter(createWriteStream(file('source')));
  for (const [k, s] of src.entries())
    if (usedSource[k]) await sw.line(copyLine([s.id, s.title, s.publisher, s.url]));
  await sw.end();
  return {
    officers: file('officer'),
    sources: file('source'),
    actions: file('action'),
    citations: file('citation'),
  };
}

/** The COPY statement of each file of writeRawLoadFiles. */
const RAW_COPY = {
  officers: `COPY officer (id, full_name, full_name_km, search_text) FROM STDIN`,
  sources: `COPY source (id, title, publisher, url) FROM STDIN`,
  actions: `COPY disciplinary_action (${ACTION_COPY_COLUMNS}) FROM STDIN`,
  citations: `COPY citation (${CITATION_COPY_COLUMNS}) FROM STDIN`,
};
const copyFile = (client, sql, path) =>
  pipeline(createReadStream(path, { highWaterMark: 262144 }), client.query(copyFrom(sql)));

/**
 * The raw load: the files of writeRawLoadFiles streamed into COPY on two connections at once
 * (officers, sources, then actions on one; citations on the other), triggers and foreign-key
 * checks off (session_replication_role = replica), each connection one transaction.
 */
export async function rawLoad(url, files) {
  await inSessions(url, 2, async ([main, parts]) => {
    await Promise.all([
      (async () => {
        for (const table of ['officers', 'sources', 'actions'])
          await copyFile(main, RAW_COPY[table], files[table]);
      })(),
      copyFile(parts, RAW_COPY.citations, files.citations),
    ]);
  });
}

/**
 * The same files loaded as an all-or-nothing load must be, by a role that is not a superuser: COPY
 * on one connection in one transaction, with the tables' triggers and foreign-key checks as they
 * are. Printed beside the import for information (the issue's target is against rawLoad).
 */
export async function rawLoadChecked(url, files) {
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    try {
      await c.query(`SELECT set_config('app.actor', 'bench', true)`);
      for (const table of ['officers', 'sources', 'actions', 'citations'])
        await copyFile(c, RAW_COPY[table], files[table]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/** Empties the record tables an import writes, and their history (which only a migration may empty). */
export async function emptyRecords(url) {
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query(`SET LOCAL app.migrating = 'on'`);
    // Every history table, and (CASCADE) every table that refers to the records: reported figures,
    // links, merges and whatever later issues add; reference data refers to none of them.
    const { rows } = await c.query(
      `SELECT string_agg(quote_ident(tablename), ', ') AS names FROM pg_tables
       WHERE schemaname = 'public' AND tablename LIKE '%\\_history'`,
    );
    await c.query(`TRUNCATE citation, disciplinary_action, officer, source, reported_figure,
      ${rows[0].names} CASCADE`);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  });
}

/** Row counts of the record tables, to check that two loads wrote the same rows. */
export async function recordCounts(url) {
  return withClient(url, async (c) => {
    const { rows } =
      await c.query(`SELECT (SELECT count(*) FROM disciplinary_action)::int AS actions, (SELECT count(*) FROM citation)::int AS citations,
      (SELECT count(*) FROM officer)::int AS officers, (SELECT count(*) FROM source)::int AS sources,
      (SELECT sum(cardinality(reason_codes)) FROM disciplinary_action)::int AS reasons`);
    return rows[0];
  });
}
