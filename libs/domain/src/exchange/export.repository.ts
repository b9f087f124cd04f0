import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Readable, Transform } from 'node:stream';
import QueryStream from 'pg-query-stream';
import { to as copyTo } from 'pg-copy-streams';
import { DATABASE_RUNTIME, type DatabaseRuntime } from '@app/core';
import type { ActionFilter } from '../actions/action-filter.js';
import { SqlParams } from '../common/sql-params.js';
import { RecordTime } from '../history/record-time.js';
import { countingSql } from '../tallies/counting-sql.js';
import { visibilityOf } from '../access/visibility.js';
import type { Viewer } from '../common/viewer.js';
import { leaseConnection, type ConnectionLease } from './connection-lease.js';
import {
  ACTION_COLUMNS,
  WITHHELD_PUBLISHER,
  WITHHELD_TITLE,
  type ActionExportRow,
} from './action-columns.js';
import {
  CrlfRecords,
  csvRecord,
  MULTI_VALUE_SEPARATOR,
  sqlIsoTimestamp,
  sqlJoinMultiValue,
  sqlTextCell,
} from './csv.js';
import { inlineParameters, sqlLiteral } from '../common/sql-literals.js';

// Rows fetched per round trip of the cursor: memory stays at one batch whatever the result size.
const BATCH_SIZE = 500;
// A download may take long on a slow link; the server's default 15 s statement timeout would cut
// it. 30 minutes bounds how long a stalled client can hold a connection.
const EXPORT_STATEMENT_TIMEOUT = '1800s';
const CLIENT_CHECK_INTERVAL = '1s';

/**
 * The export queries. Each result streams on a connection of its own, inside a read-only
 * transaction (one snapshot): actions.csv as PostgreSQL's own COPY output on a server, everything
 * else (and actions.csv on the embedded database, whose socket does not carry COPY) from a cursor.
 * When the consumer stops early (client disconnect), the connection is closed on a server (the
 * backend ends at once) or rolled back and returned on the embedded database (whose single
 * connection other requests are waiting for).
 */
@Injectable()
export class ExportRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime,
  ) {}

  streamActions(filter: ActionFilter, viewer: Viewer): Promise<Readable> {
    return this.stream<ActionExportRow>((page) => actionJsonSelect(filter, viewer, page));
  }

  /**
   * actions.csv without its header: RFC 4180 records (CRLF) of the cells of ACTION_COLUMNS, written
   * by the database (actionCsvSelect). On a server, `COPY (...) TO STDOUT WITH (FORMAT csv)` streams
   * them with no per-row work in this process but turning LF record ends into CRLF; on the embedded
   * database the same SELECT is read from a cursor and each row written with csvRecord (the same
   * quoting rules as COPY's: test/export-bytes.e2e-spec.ts checks the bytes on both).
   */
  async streamActionsCsv(filter: ActionFilter, viewer: Viewer): Promise<Readable> {
    if (this.runtime.embedded) {
      const rows = await this.streamActionCells(filter, viewer);
      const toRecords = new Transform({
        writableObjectMode: true,
        transform(row: ActionCells, _enc, done) {
          done(null, csvRecord(ACTION_COLUMNS.map((c) => row[c.name] ?? '')));
        },
      });
      return chain(rows, toRecords);
    }
    // COPY takes no bind parameters: the checked filter's values are written as literals.
    const { sql, params } = actionCsvSelect(filter, viewer);
    const copy = `/* export:actions */ COPY (${inlineParameters(sql, params)}) TO STDOUT WITH (FORMAT csv)`;
    const lease = await this.begin();
    const out = lease.client.query(copyTo(copy));
    this.endWith(out, lease);
    return chain(out, new CrlfRecords());
  }

  /**
   * The cells of actions.csv (actionCsvSelect), one object per action keyed by column name (text,
   * NULL for an empty cell): the rows of the CSV on the embedded database and of actions.xlsx on
   * both. `batchSize`: rows per cursor fetch or keyset batch.
   */
  streamActionCells(
    filter: ActionFilter,
    viewer: Viewer,
    batchSize = BATCH_SIZE,
  ): Promise<Readable> {
    return this.stream<ActionCells>((page) => actionCsvSelect(filter, viewer, page), batchSize);
  }

  /**
   * Streams the rows of a query in entry order (object mode). On a server: one cursor in one
   * read-only transaction (one snapshot); destroying the stream frees the connection. On the
   * embedded database, whose single connection every request shares, the rows are read in keyset
   * batches of BATCH_SIZE, each its own short statement, fetched only when the client has taken
   * the previous one: a client that stops reading holds no connection, and other requests run
   * between two batches.
   */
  private async stream<T>(
    query: (page?: KeysetPage) => { sql: string; params: unknown[] },
    batchSize = BATCH_SIZE,
  ): Promise<Readable> {
    if (this.runtime.embedded) {
      const dataSource = this.dataSource;
      async function* batches(): AsyncGenerator<T> {
        let afterSeq: string | null = null;
        for (;;) {
          const { sql, params } = query({ afterSeq, limit: batchSize });
          const rows = (await dataSource.query(sql, params)) as (T & { _seq: string })[];
          for (const row of rows) {
            const { _seq, ...rest } = row;
            afterSeq = _seq;
            yield rest as T;
          }
          if (rows.length < batchSize) return;
        }
      }
      return Readable.from(batches(), { highWaterMark: batchSize });
    }
    const { sql, params } = query();
    const lease = await this.begin();
    const rows = lease.client.query(new QueryStream(sql, params, { batchSize }));
    // Destroyed before its end (the client went away, a HEAD request, a failure): the connection
    // is closed at once, which ends the backend's query within a second. The cursor's own close
    // would first wait for the batch being computed: before the first rows, the whole sort, while
    // the download no longer counts against the limit of downloads at once.
    // Read to the end, it is destroyed too (autoDestroy): endWith then commits and returns it.
    rows._destroy = (err: Error | null, done: (err?: Error | null) => void) => {
      if (!rows.readableEnded) lease.release(true);
      done(err);
    };
    this.endWith(rows, lease);
    return rows as Readable & AsyncIterable<T>;
  }

  /** A connection of its own in a read-only transaction with the export's statement timeout. */
  private async begin(): Promise<ConnectionLease> {
    const lease = await leaseConnection(this.runtime);
    try {
      await lease.client.query('BEGIN READ ONLY');
      if (!lease.embedded) {
        await lease.client.query(`SET LOCAL statement_timeout = '${EXPORT_STATEMENT_TIMEOUT}'`);
        // A backend notices a closed connection only when it next writes to it; one still waiting
        // for its first row (a lock, a sort) checks every second instead, so a download whose
        // client went away ends its query within a second rather than at the timeout.
        await lease.client.query(
          `SET LOCAL client_connection_check_interval = '${CLIENT_CHECK_INTERVAL}'`,
        );
      }
    } catch (err) {
      lease.release(true);
      throw err;
    }
    return lease;
  }

  /**
   * When `stream` closes: commit and return the connection if it was read to the end; otherwise
   * (destroyed early, failed) close the connection on a server, which ends the backend and its
   * query at once, or roll back and return the embedded database's single connection.
   */
  private endWith(stream: Readable, lease: ConnectionLease): void {
    stream.once('close', () => {
      if (stream.readableEnded) {
        lease.client.query('COMMIT').then(
          () => lease.release(),
          () => lease.release(true),
        );
      } else if (lease.embedded) {
        // The cursor is closed by now (QueryStream closes it before 'close'); end the transaction.
        lease.client.query('ROLLBACK').then(
          () => lease.release(),
          () => lease.release(true),
        );
      } else {
        lease.release(true);
      }
    });
  }
}

/** A row of actionCsvSelect: the text of each cell of actions.csv by column name (NULL: empty). */
export type ActionCells = Record<string, string | null>;

/**
 * The actions of a download and the parts they need, at the filter's record time: the matching
 * actions, their officers, and their citations with their sources aggregated per action in one
 * pass (a join on the set, not a subquery per row); with `page`, one keyset batch.
 */
function exportFrom(
  filter: ActionFilter,
  viewer: Viewer,
  p: SqlParams,
  page: KeysetPage | undefined,
  citationColumns: (hidden: string) => string,
) {
  const rt = new RecordTime(filter.asRecordedAt, p);
  const c = countingSql(filter, viewer, p, rt);
  let where = c.where;
  if (page?.afterSeq) where += ` AND a.seq > ${p.add(page.afterSeq, 'bigint')}`;
  const hidden = visibilityOf(viewer).sourceWithheldSql('s', p);
  const from = `
    FROM ${rt.of('disciplinary_action')} a
    LEFT JOIN ${rt.of('officer')} o ON o.id = a.officer_id
    LEFT JOIN (
      SELECT c.action_id, ${citationColumns(hidden)}
      FROM ${rt.of('citation')} c JOIN ${rt.of('source')} s ON s.id = c.source_id
      ${page ? `WHERE c.action_id IN (SELECT a.id FROM ${rt.of('disciplinary_action')} a WHERE ${where} ORDER BY a.seq LIMIT ${page.limit})` : ''}
      GROUP BY c.action_id
    ) cit ON cit.action_id = a.id
    WHERE ${where}
    ORDER BY a.seq${page ? ` LIMIT ${page.limit}` : ''}`;
  const countsAs = `CASE WHEN NOT ${c.counted} THEN 'not counted' WHEN ${c.certain} AND (${c.lo}) = (${c.hi}) THEN 'certain' ELSE 'possible' END`;
  return { from, countsAs, seq: page ? ', a.seq::text AS _seq' : '' };
}

/**
 * The SELECT of actions.csv: one text cell per column of ACTION_COLUMNS, named after it, as the
 * file shows it (formulas neutralised, several values joined, confidential sources withheld, empty
 * cells NULL), in entry order.
 */
function actionCsvSelect(
  filter: ActionFilter,
  viewer: Viewer,
  page?: KeysetPage,
): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const withheld = (hidden: string, expr: string, shown: string | null) =>
    `CASE WHEN ${hidden} THEN ${shown === null ? 'NULL' : sqlLiteral(shown)} ELSE ${expr} END`;
  const joined = (expr: string) => sqlJoinMultiValue(expr, 'c.ordinal');
  const { from, countsAs, seq } = exportFrom(
    filter,
    viewer,
    p,
    page,
    (hidden) => `${joined(withheld(hidden, 's.title', WITHHELD_TITLE))} AS titles,
        ${joined(withheld(hidden, 's.publisher', WITHHELD_PUBLISHER))} AS publishers,
        ${joined(withheld(hidden, 's.url', null))} AS urls,
        ${joined(withheld(hidden, 'c.excerpt', null))} AS excerpts,
        ${joined(withheld(hidden, 'c.locator', null))} AS locators`,
  );
  const cells: Record<string, string> = {
    id: 'a.id::text',
    external_id: sqlTextCell('a.external_id'),
    action_type: 'a.action_type',
    officer_name: sqlTextCell('o.full_name'),
    officer_name_km: sqlTextCell('o.full_name_km'),
    subject_count: 'a.subject_count::text',
    subject_description: sqlTextCell('a.subject_description'),
    rank_code: sqlTextCell('a.rank_code'),
    rank_text: sqlTextCell('a.rank_text'),
    position: sqlTextCell('a.position'),
    province_code: sqlTextCell('a.province_code'),
    agency_code: sqlTextCell('a.agency_code'),
    // Codes are [A-Z0-9_] and counts digits: nothing to escape.
    reason_codes: `NULLIF(array_to_string(a.reason_codes, '${MULTI_VALUE_SEPARATOR}'), '')`,
    reason_counts: `array_to_string(a.reason_counts, '${MULTI_VALUE_SEPARATOR}')`,
    reason_detail: sqlTextCell('a.reason_detail'),
    occurred: sqlTextCell('a.occurred'),
    occurred_from: "to_char(a.occurred_from, 'YYYY-MM-DD')",
    occurred_to: "to_char(a.occurred_to, 'YYYY-MM-DD')",
    decided_by: sqlTextCell('a.decided_by'),
    visibility: 'a.visibility',
    source_title: sqlTextCell('cit.titles'),
    source_publisher: sqlTextCell('cit.publishers'),
    source_url: sqlTextCell('cit.urls'),
    citation_excerpt: sqlTextCell('cit.excerpts'),
    citation_locator: sqlTextCell('cit.locators'),
    retracted_at: sqlIsoTimestamp('a.retracted_at'),
    retraction_reason: sqlTextCell('a.retraction_reason'),
    created_at: sqlIsoTimestamp('a.created_at'),
    updated_at: sqlIsoTimestamp('a.updated_at'),
    counts_as: countsAs,
  };
  const missing = ACTION_COLUMNS.find((c) => !(c.name in cells));
  if (missing) throw new Error(`actions.csv has no SQL for its column ${missing.name}`);
  const select = `SELECT ${ACTION_COLUMNS.map((c) => `${cells[c.name]} AS ${c.name}`).join(',\n      ')}${seq} ${from}`;
  // The tag first, so that a running export can be found in pg_stat_activity.
  return { sql: `/* export:actions */ ${select}`, params: p.values };
}

/** One batch of a keyset read in entry order: rows after `afterSeq`, at most `limit`. */
interface KeysetPage {
  afterSeq: string | null;
  limit: number;
}

/** The rows of actions.json (citations as JSON, withheld where the viewer may not see the source). */
function actionJsonSelect(
  filter: ActionFilter,
  viewer: Viewer,
  page?: KeysetPage,
): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const { from, countsAs, seq } = exportFrom(
    filter,
    viewer,
    p,
    page,
    (hidden) => `json_agg(json_build_object(
          'title', CASE WHEN ${hidden} THEN NULL ELSE s.title END,
          'publisher', CASE WHEN ${hidden} THEN NULL ELSE s.publisher END,
          'url', CASE WHEN ${hidden} THEN NULL ELSE s.url END,
          'excerpt', CASE WHEN ${hidden} THEN NULL ELSE c.excerpt END,
          'locator', CASE WHEN ${hidden} THEN NULL ELSE c.locator END,
          'withheld', ${hidden}) ORDER BY c.ordinal) AS citations`,
  );
  const select = `
    SELECT a.id, a.external_id, a.action_type, o.full_name AS officer_name, o.full_name_km AS officer_name_km,
      a.subject_count, a.subject_description, a.rank_code, a.rank_text, a.position, a.province_code, a.agency_code,
      a.reason_codes, a.reason_counts, a.reason_detail, a.occurred,
      to_char(a.occurred_from, 'YYYY-MM-DD') AS occurred_from, to_char(a.occurred_to, 'YYYY-MM-DD') AS occurred_to,
      a.decided_by, a.visibility, cit.citations, a.retracted_at, a.retraction_reason, a.created_at, a.updated_at,
      ${countsAs} AS counts_as${seq} ${from}`;
  return { sql: `/* export:actions */ ${select}`, params: p.values };
}

/** Pipes `source` into `transform` so that destroying either destroys both (frees the connection). */
export function chain(source: Readable, transform: Transform): Readable {
  source.on('error', (err) => transform.destroy(err));
  transform.once('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(transform);
}
