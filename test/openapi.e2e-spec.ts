import { Validator } from '@seriousme/openapi-schema-validator';
import { FILTER_PARAM_DOCS } from '@app/domain';
import { startTestApp, type TestApp } from './support/test-app.js';

// The REST routes the description must cover (the HTML pages and /graphql are not described).
const DESCRIBED = /^\/(exports|imports|feeds|health)\/|^\/(health|schema\.graphql|openapi\.json)$/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Route {
  path: string;
  method: 'get' | 'post';
}

/** The GET and POST routes registered in Express (Nest registers each controller method as a route). */
function expressRoutes(t: TestApp): Route[] {
  const app = t.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const routes: Route[] = [];
  for (const layer of app.router.stack) {
    if (!layer.route) continue;
    for (const method of ['get', 'post'] as const)
      if (layer.route.methods[method]) routes.push({ path: layer.route.path, method });
  }
  return routes;
}

describe('GET /openapi.json', () => {
  let t: TestApp;
  let doc: any;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
    const res = await fetch(`${t.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = await res.json();
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result).toEqual({ valid: true });
    expect(validator.version).toMatch(/^3\./);
    // Every $ref points at a component that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(ref.lastIndexOf('/') + 1, -1);
      expect(doc.components.schemas[name]).toBeDefined();
    }
    expect(doc.info.title).toBe('Police discipline tracker: REST routes');
  });

  it('describes every GET and POST route the app serves under /exports, /imports, /health', () => {
    const served = expressRoutes(t).filter((r) => DESCRIBED.test(r.path));
    expect(served.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/exports/actions.csv',
        '/exports/actions.xlsx',
        '/exports/tally.xlsx',
        '/imports/actions',
        '/health',
        '/health/ready',
        '/schema.graphql',
      ]),
    );
    for (const route of served)
      expect({ route, described: Boolean(doc.paths[route.path]?.[route.method]) }).toEqual({
        route,
        described: true,
      });
    // ... and nothing else: no HTML page, no GraphQL endpoint.
    for (const path of Object.keys(doc.paths)) expect(DESCRIBED.test(path)).toBe(true);
    expect(Object.keys(doc.paths)).not.toEqual(
      expect.arrayContaining(['/', '/factcheck', '/explorer', '/graphql']),
    );
  });

  it('answers something other than 404 at every described path', async () => {
    const editor = await t.key('EDITOR');
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const res = await fetch(`${t.url}${path}`, {
          method: method.toUpperCase(),
          headers:
            method === 'post'
              ? { authorization: `Bearer ${editor}`, 'content-type': 'text/csv' }
              : {},
          body: method === 'post' ? 'action_type\n' : undefined,
        });
        await res.arrayBuffer();
        expect({ path, method, notFound: res.status === 404 }).toEqual({
          path,
          method,
          notFound: false,
        });
      }
    }
  });

  it('documents each route: its summary, its media types and the JSON error shape', () => {
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(operations)) {
        expect({ path, method, summary: typeof op.summary }).toEqual({
          path,
          method,
          summary: 'string',
        });
        expect(Object.keys(op.responses['200']?.content ?? {})).not.toHaveLength(0);
      }
    }
    const media = (path: string) => Object.keys(doc.paths[path].get.responses['200'].content);
    expect(media('/exports/actions.csv')).toEqual(['text/csv']);
    expect(media('/exports/actions.json')).toEqual(['application/json']);
    expect(media('/exports/actions.xlsx')).toEqual([XLSX]);
    expect(media('/exports/tally.xlsx')).toEqual([XLSX]);
    expect(doc.paths['/exports/actions.xlsx'].get.responses['200'].content[XLSX].schema).toEqual({
      type: 'string',
      format: 'binary',
    });
    expect(media('/schema.graphql')).toEqual(['text/plain']);
    expect(media('/health')).toEqual(['application/json']);
    expect(media('/health/ready')).toEqual(['application/json']);
    const ready = doc.paths['/health/ready'].get;
    expect(ready.responses['503'].headers['Retry-After']).toBeDefined();
    expect(ready.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ReadyBody',
    });

    const actions = doc.paths['/exports/actions.csv'].get;
    for (const status of ['400', '429', '503', '500']) {
      expect(actions.responses[status].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ErrorResponseBody',
      });
    }
    expect(actions.responses['429'].headers['Retry-After']).toBeDefined();
    const error = doc.components.schemas.ErrorResponseBody;
    expect(error.properties.errors).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/ErrorBody' },
    });
    expect(doc.components.schemas.ErrorExtensionsBody.properties.code.enum).toEqual(
      expect.arrayContaining([
        'BAD_USER_INPUT',
        'RATE_LIMITED',
        'UNAVAILABLE',
        'INTERNAL_SERVER_ERROR',
      ]),
    );
    const upload = doc.paths['/imports/actions'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['text/csv']);
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '429']),
    );
    expect(upload.security).toEqual([{ apiKey: [] }]);
    // Downloads: anonymous, or with a key.
    expect(actions.security).toEqual(expect.arrayContaining([{}, { apiKey: [] }]));
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents the filter parameters, groupBy and asRecordedAt on the routes that take them', () => {
    const names = (path: string) =>
      doc.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    const filter = Object.keys(FILTER_PARAM_DOCS).sort();
    for (const path of ['/exports/actions.csv', '/exports/actions.json', '/exports/actions.xlsx'])
      expect(names(path)).toEqual(filter);
    for (const path of ['/exports/tally.csv', '/exports/tally.xlsx', '/exports/datapackage.json'])
      expect(names(path)).toEqual([...filter, 'groupBy'].sort());
    expect(names('/exports/figures.csv')).toEqual(['asRecordedAt', 'publishedBy']);
    const actionType = doc.paths['/exports/actions.csv'].get.parameters.find(
      (p: { name: string }) => p.name === 'actionType',
    );
    expect(actionType).toMatchObject({
      in: 'query',
      required: false,
      style: 'form',
      explode: true,
      schema: {
        type: 'array',
        items: { type: 'string', enum: expect.arrayContaining(['DISMISSAL']) },
      },
    });
    const asRecordedAt = doc.paths['/exports/tally.csv'].get.parameters.find(
      (p: { name: string }) => p.name === 'asRecordedAt',
    );
    expect(asRecordedAt.schema).toEqual({
      type: 'string',
      format: 'date-time',
      example: '2024-01-23T23:59:59Z',
    });
  });

  it('documents only parameters that the routes accept: each example answers 200', async () => {
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      const get = operations.get;
      if (!get?.parameters?.length) continue;
      for (const p of get.parameters) {
        const values: string[] = Array.isArray(p.schema.example)
          ? p.schema.example
          : [p.schema.example];
        expect(values[0]).toBeDefined();
        const query = values.map((v) => `${p.name}=${encodeURIComponent(v)}`).join('&');
        const res = await fetch(`${t.url}${path}?${query}`);
        const body = await res.arrayBuffer();
        expect({
          path,
          query,
          status: res.status,
          body: res.status === 200 ? '' : Buffer.from(body).toString(),
        }).toEqual({ path, query, status: 200, body: '' });
      }
    }
  });
});
