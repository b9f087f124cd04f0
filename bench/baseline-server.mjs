// The baseline of the list scenario: a minimal hand-written Node `http` + `pg` server answering
// GET /actions?first=N&after=CURSOR with the same JSON as the GraphQL query LIST_QUERY of run.mjs
// (anonymous viewer: public, unretracted actions; confidential sources withheld).
import http from 'node:http';
import pg from 'pg';

const SQL = `
  SELECT a.id, a.seq, a.action_type, a.occurred, a.subject_count,
    o.id AS officer_id, o.full_name,
    p.code AS province_code, p.name AS province_name,
    (SELECT coalesce(json_agg(json_build_object('code', r.code, 'label', r.label) ORDER BY r.code), '[]')
       FROM unnest(a.reason_codes) AS ar(code) JOIN reason r ON r.code = ar.code) AS reasons,
    (SELECT coalesce(json_agg(json_build_object(
         'excerpt', CASE WHEN s.confidential THEN NULL ELSE c.excerpt END,
         'locator', CASE WHEN s.confidential THEN NULL ELSE c.locator END,
         'source', json_build_object('id', s.id, 'title', CASE WHEN s.confidential THEN NULL ELSE s.title END,
                                     'url', CASE WHEN s.confidential THEN NULL ELSE s.url END)) ORDER BY c.ordinal), '[]')
       FROM citation c JOIN source s ON s.id = c.source_id WHERE c.action_id = a.id) AS citations
  FROM disciplinary_action a
  LEFT JOIN officer o ON o.id = a.officer_id
  LEFT JOIN province p ON p.code = a.province_code
  WHERE a.visibility = 'PUBLIC' AND a.retracted_at IS NULL AND ($2::bigint IS NULL OR a.seq < $2::bigint)
  ORDER BY a.seq DESC
  LIMIT $1`;

const cursorOf = (seq) => Buffer.from(`k1:${seq}`, 'utf8').toString('base64url');

export async function startBaselineServer(connectionString, poolSize = 10) {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const first = Math.min(100, Number(url.searchParams.get('first') ?? 20));
      const after = url.searchParams.get('after');
      const seq = after ? Buffer.from(after, 'base64url').toString('utf8').slice(3) : null;
      const { rows } = await pool.query(SQL, [first + 1, seq]);
      const page = rows.slice(0, first);
      const edges = page.map((r) => ({
        cursor: cursorOf(r.seq),
        node: {
          id: r.id,
          actionType: r.action_type,
          occurred: r.occurred,
          subjectCount: r.subject_count,
          officer: r.officer_id ? { id: r.officer_id, fullName: r.full_name } : null,
          province: r.province_code ? { code: r.province_code, name: r.province_name } : null,
          reasons: r.reasons,
          citations: r.citations,
        },
      }));
      const body = JSON.stringify({
        data: {
          actions: {
            edges,
            pageInfo: {
              endCursor: edges.length ? edges[edges.length - 1].cursor : null,
              hasNextPage: rows.length > first,
            },
          },
        },
      });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
