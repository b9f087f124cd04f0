import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Readable } from 'node:stream';
import QueryStream from 'pg-query-stream';
import { DATABASE_RUNTIME, type DatabaseRuntime } from '@app/core';
import { actionFilterSql, type ActionFilter } from '../actions/action-filter.js';
import { asRecordedSql } from '../history/as-recorded.js';
import { seesConfidential, type Viewer } from '../common/viewer.js';
import { leaseConnection } from './connection-lease.js';
import type { ActionExportRow } from './action-columns.js';

// Rows fetched per round trip of the cursor: memory stays at one batch whatever the result size.
const BATCH_SIZE = 500;
// A download may take long on a slow link; the server's default 15 s statement timeout would cut
// it. 30 minutes bounds how long a stalled client can hold a connection.
const EXPORT_STATEMENT_TIMEOUT = '1800s';

/**
 * The export queries. Each result streams from a cursor on a connection of its own, inside a
 * read-only transaction (one snapshot). When the consumer stops early (client disconnect), the
 * connection is closed on a server (the backend ends at once) or rolled back and returned on the
 * embedded database (whose single connection other requests are waiting for).
 */
@Injectable()
export class ExportRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime,
  ) {}

  streamActions(filter: ActionFilter, viewer: Viewer): Promise<Readable> {
    const params: unknown[] = [];
    const where = actionFilterSql(filter, viewer, params);
    params.push(seesConfidential(viewer));
    const sees = `$${params.length}::boolean`;
    const hidden = `(s.confidential AND NOT ${sees})`;
    const select = `
      SELECT a.id, a.external_id, a.action_type, o.full_name AS officer_name, o.full_name_km AS officer_name_km,
        a.subject_count, a.subject_description, a.rank_code, a.rank_text, a.position, a.province_code,
        ARRAY(SELECT ar.reason_code FROM action_reason ar WHERE ar.action_id = a.id ORDER BY ar.reason_code) AS reason_codes,
        a.reason_detail, a.occurred,
        to_char(a.occurred_from, 'YYYY-MM-DD') AS occurred_from, to_char(a.occurred_to, 'YYYY-MM-DD') AS occurred_to,
        a.decided_by, a.visibility,
        (SELECT json_agg(json_build_object(
            'title', CASE WHEN ${hidden} THEN NULL ELSE s.title END,
            'publisher', CASE WHEN ${hidden} THEN NULL ELSE s.publisher END,
            'url', CASE WHEN ${hidden} THEN NULL ELSE s.url END,
            'excerpt', CASE WHEN ${hidden} THEN NULL ELSE c.excerpt END,
            'locator', CASE WHEN ${hidden} THEN NULL ELSE c.locator END,
            'withheld', ${hidden}) ORDER BY c.ordinal)
          FROM citation c JOIN source s ON s.id = c.source_id WHERE c.action_id = a.id) AS citations,
        a.retracted_at, a.retraction_reason, a.created_at, a.updated_at
      FROM disciplinary_action a LEFT JOIN officer o ON o.id = a.officer_id
      WHERE ${where}
      ORDER BY a.seq`;
    // The tag first, so that the running export can be found in pg_stat_activity.
    const sql = `/* export:actions */ ${asRecordedSql(select, params, filter.asRecordedAt, viewer)}`;
    return this.stream<ActionExportRow>(sql, params);
  }

  /** Streams the rows of `sql` (object mode). Destroying the stream frees the connection. */
  private async stream<T>(sql: string, params: unknown[]): Promise<Readable> {
    const lease = await leaseConnection(this.dataSource, this.runtime);
    try {
      await lease.client.query('BEGIN READ ONLY');
      if (!lease.embedded) await lease.client.query(`SET LOCAL statement_timeout = '${EXPORT_STATEMENT_TIMEOUT}'`);
    } catch (err) {
      lease.release(true);
      throw err;
    }
    const rows: Readable = lease.client.query(new QueryStream(sql, params, { batchSize: BATCH_SIZE }));
    rows.once('close', () => {
      if (rows.readableEnded) {
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
    return rows as Readable & AsyncIterable<T>;
  }
}
