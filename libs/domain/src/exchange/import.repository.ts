import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { from as copyFrom } from 'pg-copy-streams';
import { DATABASE_RUNTIME, DomainError, type DatabaseRuntime } from '@app/core';
import { leaseConnection, type ConnectionLease } from './connection-lease.js';
import type { StagedAction } from './import-rows.js';

// Rows per multi-row INSERT on the embedded database (no COPY there): 1000 rows x 20 arrays.
const INSERT_BATCH = 1000;
// Characters of COPY text gathered before one write to the server.
const COPY_CHUNK = 65_536;
const logger = new Logger('Import');
// A 100k-row import runs statements of several seconds (the edit-history triggers fire per row);
// the server's default 15 s timeout is for requests, not for a bulk load.
const IMPORT_STATEMENT_TIMEOUT = '600s';
// Serialises imports: two imports of overlapping files must not both create the same officer.
const IMPORT_LOCK_KEY = 872_341_992;

// Column name and type of the staging table; arrays and JSON travel as text (COPY and unnest alike).
const STAGE: [name: string, type: string, cast?: string][] = [
  ['row_no', 'int'],
  ['given_id', 'uuid'],
  ['external_id', 'text'],
  ['action_type', 'text'],
  ['officer_name', 'text'],
  ['officer_name_km', 'text'],
  ['subject_count', 'int'],
  ['subject_description', 'text'],
  ['rank_code', 'text'],
  ['rank_text', 'text'],
  ['position', 'text'],
  ['province_code', 'text'],
  ['agency_code', 'text'],
  ['reason_codes', 'text', 'text[]'],
  ['reason_counts', 'text', 'int[]'],
  ['reason_detail', 'text'],
  ['occurred', 'text'],
  ['occurred_from', 'date'],
  ['occurred_to', 'date'],
  ['decided_by', 'text'],
  ['visibility', 'text'],
  ['citations', 'text', 'jsonb'],
  ['retracted_at', 'timestamptz'],
  ['retraction_reason', 'text'],
];
const STAGE_COLUMNS = STAGE.map((c) => c[0]);

function stageValues(a: StagedAction): (string | number | null)[] {
  return [
    a.row,
    a.givenId,
    a.externalId,
    a.actionType,
    a.officerName,
    a.officerNameKm,
    a.subjectCount,
    a.subjectDescription,
    a.rankCode,
    a.rankText,
    a.position,
    a.provinceCode,
    a.agencyCode,
    `{${a.reasonCodes.join(',')}}`,
    a.reasonCounts ? `{${a.reasonCounts.join(',')}}` : null,
    a.reasonDetail,
    a.occurred,
    a.occurredFrom,
    a.occurredTo,
    a.decidedBy,
    a.visibility,
    JSON.stringify(a.citations),
    a.retractedAt,
    a.retractionReason,
  ];
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY text format: `\N` is null; backslash, tab, CR and LF escaped. */
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  // Most fields have nothing to escape: one scan instead of four replacements.
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The phases of an import, in order (the progress bar and the report's timings name them). */
export const IMPORT_PHASES = [
  'reading',
  'matching',
  'writing actions',
  'writing citations',
  'finishing',
  // After the commit: the created actions' likely duplicates (ImportReport.likelyDuplicates).
  'checking duplicates',
] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/** How an import matches officer names (README "Imports"). */
export const OFFICER_MATCH_MODES = ['exact', 'create', 'fail-on-ambiguous'] as const;
export type OfficerMatch = (typeof OFFICER_MATCH_MODES)[number];
// Ambiguous rows listed in a refusal (the count is complete).
const MAX_AMBIGUOUS_LISTED = 100;

export interface OfficerMatchReport {
  mode: OfficerMatch;
  /** Distinct officer names of the file matched to an existing officer. */
  matched: number;
  /** Distinct officer names for which an officer was created. */
  created: number;
  /** Distinct names that several officers bear (with `exact`, each got a new officer). */
  ambiguous: number;
  /** Each ambiguous name: its first row, the officers it could be, and the officer it got. */
  ambiguousOfficers: { name: string; row: number; officerIds: string[]; id: string }[];
}

export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  officers: { name: string; id: string; created: boolean }[];
  /** How the file's officer names were matched (`officerMatch`): distinct names matched, created, ambiguous. */
  officerMatch: OfficerMatchReport;
  sources: { title: string; publisher: string; url: string | null; id: string; created: boolean }[];
  actions: {
    row: number;
    externalId: string | null;
    id: string;
    status: 'created' | 'updated' | 'unchanged';
  }[];
}

/**
 * One import, on one connection, in one transaction: rows are staged (COPY on a server, multi-row
 * unnest INSERTs on the embedded database) into a temporary table, then officers and sources are
 * matched or created and actions inserted or updated with set-based statements.
 */
export class ImportSession {
  private copy?: Writable;
  private copyError?: Error;
  private batch: StagedAction[] = [];
  private pending = '';

  constructor(private readonly lease: ConnectionLease) {}

  get embedded(): boolean {
    return this.lease.embedded;
  }

  async begin(actor: string): Promise<void> {
    const q = this.lease.client;
    await q.query('BEGIN');
    if (!this.lease.embedded)
      await q.query(`SET LOCAL statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
    await q.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
    // Who writes; and that the citation triggers skip what this import does itself (migration
    // ImportSkipsRedundantTriggers). One round trip.
    await q.query(
      `SELECT set_config('app.actor', $1, true), set_config('app.import', 'on', true)`,
      [actor],
    );
    // No key while staging (rows are numbered here, one by one): import_row gets it, once.
    await q.query(`CREATE TEMP TABLE import_action (
        ${STAGE.map(([name, type, cast]) => `${name} ${cast ?? type}`).join(', ')}) ON COMMIT DROP`);
    if (!this.lease.embedded) {
      this.copy = q.query(copyFrom(`COPY import_action (${STAGE_COLUMNS.join(', ')}) FROM STDIN`));
      // Kept, not thrown: an 'error' event without a listener (the connection killed mid-COPY)
      // would crash the process. stage() rethrows it.
      this.copy.on('error', (err: Error) => (this.copyError ??= err));
    }
  }

  /** Stages one valid row; resolves when the database can take more (backpressure). */
  async stage(a: StagedAction): Promise<void> {
    if (this.copy) {
      if (this.copyError) throw this.copyError;
      this.pending += stageValues(a).map(copyField).join('\t') + '\n';
      if (this.pending.length >= COPY_CHUNK) await this.flushCopy();
      return;
    }
    this.batch.push(a);
    if (this.batch.length >= INSERT_BATCH) await this.flushBatch();
  }

  /** Sends the pending lines as one COPY message: one socket write per 64 KiB, not one per row. */
  private async flushCopy(): Promise<void> {
    const chunk = this.pending;
    this.pending = '';
    if (chunk && !this.copy!.write(chunk)) await once(this.copy!, 'drain');
  }

  async endStaging(): Promise<void> {
    if (this.copy) {
      if (this.copyError) throw this.copyError;
      await this.flushCopy();
      const copy = this.copy;
      this.copy = undefined;
      copy.end();
      await once(copy, 'finish');
    } else {
      await this.flushBatch();
    }
  }

  private async flushBatch(): Promise<void> {
    if (!this.batch.length) return;
    const rows = this.batch.map(stageValues);
    this.batch = [];
    const columns = STAGE_COLUMNS.map((_, i) => rows.map((r) => r[i]));
    await this.lease.client.query(
      `INSERT INTO import_action (${STAGE_COLUMNS.join(', ')})
       SELECT ${STAGE.map(([, , cast], i) => (cast ? `c${i + 1}::${cast}` : `c${i + 1}`)).join(', ')}
       FROM unnest(${STAGE.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) AS t(${STAGE.map((_, i) => `c${i + 1}`).join(', ')})`,
      columns,
    );
  }

  /** Matches or creates officers and sources, then creates or updates the actions. */
  async apply(
    step: (phase: ImportPhase) => void = () => undefined,
    officerMatch: OfficerMatch = 'fail-on-ambiguous',
  ): Promise<ImportOutcome> {
    const q = async (sql: string, params: unknown[] = []) => {
      const t0 = Date.now();
      const r = await this.lease.client.query(sql, params);
      logger.debug(`${Date.now() - t0} ms ${sql.slice(0, 90).replace(/\s+/g, ' ')}`);
      return r;
    };

    step('matching');
    // Officers, by name (case-insensitive), as `officerMatch` says (README "Imports"): a merged
    // officer's name is its survivor's; a name several people bear is ambiguous.
    await q(`CREATE TEMP TABLE import_officer ON COMMIT DROP AS
      SELECT DISTINCT ON (lower(officer_name)) lower(officer_name) AS key, officer_name AS full_name,
             officer_name_km AS full_name_km, row_no AS first_row, NULL::uuid AS id, false AS created,
             '{}'::uuid[] AS candidates
      FROM import_action WHERE officer_name IS NOT NULL ORDER BY lower(officer_name), row_no`);
    if (officerMatch !== 'create') {
      await q(`UPDATE import_officer i SET candidates = m.ids FROM (
          SELECT lower(o.full_name) AS key, array_agg(DISTINCT coalesce(o.merged_into, o.id) ORDER BY coalesce(o.merged_into, o.id)) AS ids
          FROM officer o WHERE lower(o.full_name) IN (SELECT key FROM import_officer) GROUP BY lower(o.full_name)) m
        WHERE m.key = i.key`);
      await q(`UPDATE import_officer SET id = candidates[1] WHERE cardinality(candidates) = 1`);
    }
    if (officerMatch === 'fail-on-ambiguous') {
      const ambiguous = (
        await q(
          `SELECT x.row_no AS row, x.officer_name AS name, o.candidates::text[] AS ids,
                  (SELECT count(*)::int FROM import_action y JOIN import_officer z ON z.key = lower(y.officer_name) WHERE cardinality(z.candidates) > 1) AS total
           FROM import_action x JOIN import_officer o ON o.key = lower(x.officer_name)
           WHERE cardinality(o.candidates) > 1 ORDER BY x.row_no LIMIT $1`,
          [MAX_AMBIGUOUS_LISTED],
        )
      ).rows as { row: number; name: string; ids: string[]; total: number }[];
      if (ambiguous.length) {
        const total = ambiguous[0].total;
        throw DomainError.badInput(
          'file',
          `The file was refused (${total} row${total > 1 ? 's' : ''} name${total > 1 ? '' : 's'} an officer that several officers could be); nothing was imported`,
          {
            problems: ambiguous.map((a) => ({
              row: a.row,
              columnName: 'officer_name',
              officerIds: a.ids,
              message: `Officer "${a.name.slice(0, 80)}" matches ${a.ids.length} officers (${a.ids.join(', ')}): merge them if they are one person, or import with officerMatch exact or create`,
            })),
            problemCount: total,
          },
        );
      }
    }
    await q(`WITH ins AS (
        INSERT INTO officer (full_name, full_name_km)
        SELECT full_name, full_name_km FROM import_officer WHERE id IS NULL ORDER BY first_row
        RETURNING id, lower(full_name) AS key)
      UPDATE import_officer i SET id = ins.id, created = true FROM ins WHERE ins.key = i.key`);

    // Sources, by address; those without one by title and publisher. Each temporary table is built
    // whole by one statement (CREATE TABLE AS with joins): an UPDATE of a temporary table rewrites
    // every row, and cost seconds per 100k rows.
    const sourceKey = (t: string) =>
      `CASE WHEN ${t}.url IS NOT NULL THEN 'u:' || ${t}.url ELSE 't:' || ${t}.title || chr(10) || ${t}.publisher END`;
    await q(`CREATE TEMP TABLE import_citation ON COMMIT DROP AS
      SELECT c.*, ${sourceKey('c')} AS key FROM (
        SELECT x.row_no, c.ordinal::int AS ordinal, c.value->>'title' AS title, c.value->>'publisher' AS publisher,
               c.value->>'url' AS url, c.value->>'excerpt' AS excerpt, c.value->>'locator' AS locator
        FROM import_action x, jsonb_array_elements(x.citations) WITH ORDINALITY AS c(value, ordinal)) c`);
    await q(`CREATE TEMP TABLE import_source ON COMMIT DROP AS
      SELECT DISTINCT ON (key) key, title, publisher, url, row_no AS first_row, NULL::uuid AS id, false AS created
      FROM import_citation ORDER BY key, row_no, ordinal`);
    await q(
      `UPDATE import_source i SET id = s.id FROM source s WHERE i.url IS NOT NULL AND s.url = i.url`,
    );
    await q(`UPDATE import_source i SET id = m.id FROM (
        SELECT DISTINCT ON (title, publisher) id, title, publisher FROM source WHERE url IS NULL ORDER BY title, publisher, seq) m
      WHERE i.url IS NULL AND m.title = i.title AND m.publisher = i.publisher`);
    await q(`WITH ins AS (
        INSERT INTO source (title, publisher, url)
        SELECT title, publisher, url FROM import_source WHERE id IS NULL ORDER BY first_row
        RETURNING id, ${sourceKey('source')} AS key)
      UPDATE import_source i SET id = ins.id, created = true FROM ins WHERE ins.key = i.key`);
    await q(`ALTER TABLE import_source ADD PRIMARY KEY (key)`);

    // Which action each row is: by external_id, else by id. A row that matches none is created, with
    // the id of its row when that id is free (a round trip keeps ids); `status` stays null for the
    // rows that match an action until they are compared with it below.
    await q(`CREATE TEMP TABLE import_row ON COMMIT DROP AS
      SELECT i.*, o.id AS officer_id,
             coalesce(e.id, g.id, CASE
               WHEN i.given_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM disciplinary_action a WHERE a.id = i.given_id) THEN i.given_id
               ELSE gen_random_uuid() END) AS target,
             CASE WHEN coalesce(e.id, g.id) IS NULL THEN 'created' END AS status
      FROM import_action i
      LEFT JOIN import_officer o ON o.key = lower(i.officer_name)
      LEFT JOIN disciplinary_action e ON i.external_id IS NOT NULL AND e.external_id = i.external_id
      LEFT JOIN disciplinary_action g ON i.external_id IS NULL AND i.given_id IS NOT NULL AND g.id = i.given_id`);
    await q(`ALTER TABLE import_row ADD PRIMARY KEY (row_no)`);
    // Two rows that are the same action (one by external_id, another by id) cannot both say what it is.
    const clashes = (
      await q(`SELECT target, array_agg(row_no ORDER BY row_no) AS rows, array_agg(external_id ORDER BY row_no) AS external_ids
        FROM import_row WHERE status IS NULL GROUP BY target HAVING count(*) > 1 ORDER BY min(row_no) LIMIT 100`)
    ).rows as { target: string; rows: number[]; external_ids: (string | null)[] }[];
    if (clashes.length) {
      const problems = clashes.map((c) => ({
        row: c.rows[c.rows.length - 1],
        columnName: c.external_ids[c.external_ids.length - 1] === null ? 'id' : 'external_id',
        message: `Rows ${c.rows.join(' and ')} are the same action ${c.target} (matched ${c.external_ids.map((e) => (e === null ? 'by id' : `by external_id "${e}"`)).join(', ')}): keep one row per action`,
      }));
      throw DomainError.badInput(
        'file',
        `The file was refused (${problems.length} action${problems.length > 1 ? 's' : ''} on several rows); nothing was imported`,
        {
          problems,
          problemCount: problems.length,
        },
      );
    }
    await q(`UPDATE import_row i SET status = CASE
        WHEN a.action_type = i.action_type AND a.officer_id IS NOT DISTINCT FROM i.officer_id AND a.subject_count = i.subject_count
         AND a.subject_description IS NOT DISTINCT FROM i.subject_description AND a.rank_code IS NOT DISTINCT FROM i.rank_code
         AND a.rank_text IS NOT DISTINCT FROM i.rank_text AND a.position IS NOT DISTINCT FROM i.position
         AND a.province_code IS NOT DISTINCT FROM i.province_code AND a.agency_code IS NOT DISTINCT FROM i.agency_code AND a.reason_detail IS NOT DISTINCT FROM i.reason_detail
         AND a.occurred = i.occurred AND a.decided_by IS NOT DISTINCT FROM i.decided_by AND a.visibility = i.visibility
         AND a.external_id IS NOT DISTINCT FROM i.external_id
         AND a.reason_codes = i.reason_codes AND a.reason_counts IS NOT DISTINCT FROM i.reason_counts
         AND (i.retracted_at IS NULL OR a.retracted_at IS NOT NULL)
         AND (SELECT coalesce(jsonb_agg(jsonb_build_array(c.source_id, c.excerpt, c.locator) ORDER BY c.ordinal), '[]') FROM citation c WHERE c.action_id = a.id)
           = (SELECT coalesce(jsonb_agg(jsonb_build_array(s.id, c.excerpt, c.locator) ORDER BY c.ordinal), '[]')
              FROM import_citation c JOIN import_source s ON s.key = c.key WHERE c.row_no = i.row_no)
        THEN 'unchanged' ELSE 'updated' END
      FROM disciplinary_action a WHERE i.status IS NULL AND a.id = i.target`);

    step('writing actions');
    const fields = `action_type, officer_id, subject_count, subject_description, rank_code, rank_text, position, province_code, agency_code,
      reason_codes, reason_counts, reason_detail, occurred, occurred_from, occurred_to, decided_by, visibility, external_id`;
    const fromStaged = fields
      .split(',')
      .map((f) => `i.${f.trim()}`)
      .join(', ');
    // A retracted row is recorded retracted (a round trip keeps retractions); an import never un-retracts.
    // The officer as entered is the one matched (set here, so the row trigger of OfficerMerges is
    // skipped); an update that keeps the officer keeps the entered one (a merged officer's own).
    await q(`INSERT INTO disciplinary_action (id, ${fields}, entered_officer_id, retracted_at, retraction_reason)
      SELECT target, ${fields}, officer_id, retracted_at, retraction_reason FROM import_row WHERE status = 'created' ORDER BY row_no`);
    await q(`UPDATE disciplinary_action a SET (${fields}, entered_officer_id, retracted_at, retraction_reason, version, updated_at) =
        ROW(${fromStaged}, CASE WHEN a.officer_id IS NOT DISTINCT FROM i.officer_id THEN a.entered_officer_id ELSE i.officer_id END,
            coalesce(a.retracted_at, i.retracted_at),
            CASE WHEN a.retracted_at IS NULL THEN i.retraction_reason ELSE a.retraction_reason END, a.version + 1, now())
      FROM import_row i WHERE i.status = 'updated' AND a.id = i.target`);
    await q(
      `DELETE FROM citation WHERE action_id IN (SELECT target FROM import_row WHERE status = 'updated')`,
    );
    step('writing citations');
    await q(`INSERT INTO citation (action_id, source_id, excerpt, locator, ordinal)
      SELECT i.target, s.id, c.excerpt, c.locator, c.ordinal
      FROM import_citation c JOIN import_row i ON i.row_no = c.row_no JOIN import_source s ON s.key = c.key
      WHERE i.status IN ('created', 'updated')
      ORDER BY c.row_no, c.ordinal`);

    // Fresh statistics for the tables a bulk load changed: the planner would otherwise plan the next
    // queries (an export right after the import) for the tables as they were before it.
    step('finishing');
    await q(`ANALYZE disciplinary_action, citation, officer, source`);

    const counts = (await q(`SELECT status, count(*)::int AS n FROM import_row GROUP BY status`))
      .rows as { status: string; n: number }[];
    const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    const officers = (
      await q(
        `SELECT full_name AS name, id, created FROM import_officer ORDER BY first_row LIMIT $1`,
        [REPORT_LIST_LIMIT],
      )
    ).rows;
    const matching = (
      await q(`SELECT count(*) FILTER (WHERE NOT created)::int AS matched, count(*) FILTER (WHERE created)::int AS created,
          count(*) FILTER (WHERE cardinality(candidates) > 1)::int AS ambiguous FROM import_officer`)
    ).rows[0] as { matched: number; created: number; ambiguous: number };
    const ambiguousOfficers = (
      await q(
        `SELECT full_name AS name, first_row AS row, candidates::text[] AS "officerIds", id FROM import_officer
         WHERE cardinality(candidates) > 1 ORDER BY first_row LIMIT $1`,
        [REPORT_LIST_LIMIT],
      )
    ).rows as { name: string; row: number; officerIds: string[]; id: string }[];
    const sources = (
      await q(
        `SELECT title, publisher, url, id, created FROM import_source ORDER BY first_row LIMIT $1`,
        [REPORT_LIST_LIMIT],
      )
    ).rows;
    const actions = (
      await q(
        `SELECT row_no AS row, external_id AS "externalId", target AS id, status FROM import_row ORDER BY row_no LIMIT $1`,
        [REPORT_LIST_LIMIT],
      )
    ).rows;
    return {
      created: n('created'),
      updated: n('updated'),
      unchanged: n('unchanged'),
      officers,
      officerMatch: { mode: officerMatch, ...matching, ambiguousOfficers },
      sources,
      actions,
    } as ImportOutcome;
  }

  async finish(commit: boolean): Promise<void> {
    await this.lease.client.query(commit ? 'COMMIT' : 'ROLLBACK');
    this.lease.release();
  }

  /** After a failure: cancel the COPY (CopyFail) and roll back; if that fails, close the connection. */
  async abort(): Promise<void> {
    const copy = this.copy;
    this.copy = undefined;
    const client = this.lease.client;
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      if (copy) {
        copy.on('error', ignore);
        const closed = once(copy, 'close');
        copy.destroy(new Error('import refused'));
        await closed;
      }
      await client.query('ROLLBACK');
      this.lease.release();
    } catch {
      this.lease.release(true);
    } finally {
      client.off('error', ignore);
    }
  }
}

// Lists in the report (officers, sources, actions) stop here; the counts are always complete.
export const REPORT_LIST_LIMIT = 1000;

@Injectable()
export class ImportRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime,
  ) {}

  async open(): Promise<ImportSession> {
    return new ImportSession(await leaseConnection(this.runtime));
  }
}
