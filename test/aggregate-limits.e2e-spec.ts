import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, getOperationAST, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { chromium } from 'playwright-core';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app.js';
import { captureStatements } from './support/statements.js';
import { AGGREGATE_FIELDS } from '../apps/api/src/graphql/limits/cost-weights.js';
import { QUERY_LIMITS } from '../apps/api/src/graphql/limits/query-limits.js';
import { queryCost, type QueryCost } from '../apps/api/src/graphql/limits/query-cost.js';

/**
 * Aggregates are priced by their work (issue 13, item 5): tallies, running totals, figure checks and
 * counts carry weights, heavier as recorded at a past moment, and at most 20 run per request; a
 * request over either limit is refused before any statement; the fact-check page's own requests fit.
 */

// The types an aggregating field returns: a tally, running totals, a figure check.
const AGGREGATE_RESULT_TYPES = new Set([
  'Tally',
  'RunningTotalPoint',
  'FigureCheck',
  'VerdictPoint',
]);
const AT = '2024-01-23T23:59:59Z';

async function anonymous(
  t: TestApp,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ res: GqlResponse; statements: number }> {
  let res!: GqlResponse;
  const statements = await captureStatements(async () => {
    res = await t.gql(query, variables);
  });
  return { res, statements: statements.length };
}

describe('aggregates: weights and a cap per request', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let figureId: string;
  const cost = (query: string, variables: Record<string, unknown> = {}): QueryCost => {
    const document = parse(query);
    return queryCost(schema, document, getOperationAST(document)!, variables);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.seed();
    schema = t.app.get(GraphQLSchemaHost).schema;
    figureId = (await t.gql(`{ reportedFigures(first: 1) { edges { node { id } } } }`)).data!
      .reportedFigures.edges[0].node.id;
  });
  afterAll(() => t.close());

  it('has a weight for every field of the schema that aggregates, and every weight names such a field', () => {
    const aggregating: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const returnsAggregate = AGGREGATE_RESULT_TYPES.has(getNamedType(field.type).name);
        const counts = field.name === 'totalCount' && type.name.endsWith('Connection');
        if (returnsAggregate || counts) aggregating.push(`${type.name}.${field.name}`);
      }
    }
    expect(aggregating).toEqual(
      expect.arrayContaining([
        'Query.tally',
        'Query.runningTotals',
        'Query.checkFigure',
        'ReportedFigure.check',
      ]),
    );
    // A field added later that aggregates must say what it weighs (cost-weights.ts).
    expect(aggregating.filter((key) => !Object.hasOwn(AGGREGATE_FIELDS, key))).toEqual([]);
    expect(Object.keys(AGGREGATE_FIELDS).filter((key) => !aggregating.includes(key))).toEqual([]);
    for (const [key, { weight, asRecordedArgument, perPeriod }] of Object.entries(
      AGGREGATE_FIELDS,
    )) {
      expect([key, weight]).toEqual([key, expect.any(Number)]);
      expect(weight).toBeGreaterThanOrEqual(100);
      // The weight's argument exists on the field.
      const [typeName, fieldName] = key.split('.');
      const field = (schema.getType(typeName) as any).getFields()[fieldName];
      if (asRecordedArgument) {
        expect(field.args.map((a: { name: string }) => a.name)).toContain(asRecordedArgument);
      }
      // A weight per period is charged for the field's `interval`.
      if (perPeriod) expect(field.args.map((a: { name: string }) => a.name)).toContain('interval');
    }
  });

  it('charges each weight where its field is asked, as recorded at a moment 10 times, once per item under a page', () => {
    expect(cost('{ tally { count } }')).toEqual({ cost: 301, aggregates: 1 });
    expect(cost('query($at: DateTime) { tally(asRecordedAt: $at) { count } }', { at: AT })).toEqual(
      { cost: 3001, aggregates: 1 },
    );
    expect(cost('{ runningTotals(interval: MONTH) { period } }')).toEqual({
      cost: 301,
      aggregates: 1,
    });
    // A verdict timeline: 400 and 40 a period, at the most periods of its interval (120 months, 30 years).
    expect(
      cost(
        `{ reportedFigure(id: "${figureId}") { verdictTimeline(interval: MONTH) { verdict } } }`,
      ),
    ).toEqual({
      cost: 1 + 400 + 120 * 40 + 1,
      aggregates: 1,
    });
    expect(
      cost(`{ reportedFigure(id: "${figureId}") { verdictTimeline(interval: YEAR) { verdict } } }`),
    ).toEqual({
      cost: 1 + 400 + 30 * 40 + 1,
      aggregates: 1,
    });
    expect(cost(`{ checkFigure(id: "${figureId}") { verdict } }`)).toEqual({
      cost: 401,
      aggregates: 1,
    });
    expect(cost(`{ checkFigure(id: "${figureId}", asRecordedAt: "${AT}") { verdict } }`)).toEqual({
      cost: 4001,
      aggregates: 1,
    });
    expect(cost('{ reportedFigures(first: 20) { edges { node { check { verdict } } } } }')).toEqual(
      { cost: 1 + 20 * 403, aggregates: 20 },
    );
    expect(cost('{ actions(first: 100) { totalCount edges { node { id } } } }')).toEqual({
      cost: 1 + 100 + 100 * 2,
      aggregates: 1,
    });
  });

  it('refuses 20 aliased tallies as recorded at a moment before any statement (they ran 15.8 s on 5,000 rows)', async () => {
    const query = `query($at: DateTime) { ${Array.from({ length: 20 }, (_, i) => `t${i}: tally(asRecordedAt: $at, groupBy: [PROVINCE]) { count groups { count } }`).join(' ')} }`;
    const { res, statements } = await anonymous(t, query, { at: AT });
    expect(res.data).toBeUndefined();
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxCost',
      max: 10000,
      cost: 20 * (3000 + 1 + 1),
    });
    expect(statements).toBe(0);
    // Three of them fit; a fourth does not.
    const some = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `t${i}: tally(asRecordedAt: "${AT}") { count }`).join(' ')} }`;
    expect((await t.gql(some(3))).errors).toBeUndefined();
    expect((await anonymous(t, some(4))).res.errors![0].extensions).toMatchObject({
      limit: 'maxCost',
      cost: 4 * 3001,
    });
  });

  it('answers 20 live tallies side by side (a year of months and more), and refuses a 21st aggregate', async () => {
    const months = Array.from({ length: 20 }, (_, i) => {
      const month = new Date(Date.UTC(2023, i, 1)).toISOString().slice(0, 7);
      return `m${i}: tally(filter: { from: "${month}-01", to: "${month}-28" }) { count range { min max } }`;
    });
    const twenty = await t.gql(`{ ${months.join(' ')} }`);
    expect(twenty.errors).toBeUndefined();
    expect(Object.keys(twenty.data!)).toHaveLength(20);
    const { res, statements } = await anonymous(t, `{ ${months.join(' ')} tally { count } }`);
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxAggregates',
      max: 20,
      found: 21,
    });
    expect(res.errors![0].message).toMatch(/21 aggregates .* the limit is 20/);
    expect(statements).toBe(0);
  });

  it('counts a check under a page once per figure: 20 checked figures are answered, 21 refused though within the points', async () => {
    const page = (n: number) =>
      `{ reportedFigures(first: ${n}) { edges { node { value check { verdict recorded { min max } } } } } }`;
    const twenty = await t.gql(page(20));
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data!.reportedFigures.edges.length).toBeGreaterThanOrEqual(3);
    expect(cost(page(21)).cost).toBeLessThan(QUERY_LIMITS.maxCost);
    const { res, statements } = await anonymous(t, page(21));
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxAggregates',
      found: 21,
    });
    expect(statements).toBe(0);
  });

  describe('the fact-check page', () => {
    let profile: string;

    afterAll(() => profile && rmSync(profile, { recursive: true, force: true }));

    it('has every request it sends accepted, each within the points and the aggregates', async () => {
      // The page's own requests, recorded in Debian's Chromium as in test/web.e2e-spec.ts: whatever the page sends.
      profile = mkdtempSync(join(tmpdir(), 'pdt-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      });
      const sent: { query: string; variables: Record<string, unknown> }[] = [];
      const answers: { errors?: unknown[] }[] = [];
      try {
        await context.route('**/*', (route) =>
          new URL(route.request().url()).hostname === '127.0.0.1'
            ? route.continue()
            : route.abort(),
        );
        const page = context.pages()[0] ?? (await context.newPage());
        page.on('request', (r) => {
          if (r.url().endsWith('/graphql') && r.method() === 'POST') sent.push(r.postDataJSON());
        });
        page.on('response', async (r) => {
          if (r.url().endsWith('/graphql')) answers.push(await r.json());
        });
        await page.goto(`${t.url}/`);
        await page.waitForSelector('body[data-ready="true"]');
        // The records behind a figure: another view, other requests.
        await page.goto(`${t.url}/?show=figure:${figureId}#records`);
        await page.waitForSelector('body[data-ready="true"]');
      } finally {
        await context.close();
      }
      expect(answers.length).toBe(sent.length);
      expect(answers.filter((a) => a.errors)).toEqual([]);
      const priced = sent.map(({ query, variables }) => ({
        query,
        ...cost(query, variables ?? {}),
      }));
      // Capabilities, reference data, figures with their checks, running totals, records.
      expect(
        priced.some(
          (p) => /reportedFigures/.test(p.query) && /check \{/.test(p.query) && p.aggregates === 20,
        ),
      ).toBe(true);
      expect(priced.some((p) => /runningTotals/.test(p.query))).toBe(true);
      expect(priced.some((p) => /actions\(/.test(p.query))).toBe(true);
      for (const p of priced) {
        expect(p.cost).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
        expect(p.aggregates).toBeLessThanOrEqual(QUERY_LIMITS.maxAggregates);
      }
    });

    it('has its fallback for a server without ReportedFigure.check accepted: 20 checkFigure side by side', async () => {
      // apps/api/src/web/factcheck-app.client.ts (loadFigures): sent only when `check` is missing.
      const CHECK_FIELDS =
        'claimed { min max } recorded { min max } verdict coverage issues { kind message figures { id } }';
      const query = `{ ${Array.from({ length: 20 }, (_, j) => `c${j}: checkFigure(id: ${JSON.stringify(figureId)}) { ${CHECK_FIELDS} }`).join(' ')} }`;
      expect(cost(query)).toEqual({ cost: 20 * (401 + 1 + 1 + 11), aggregates: 20 });
      const res = await t.gql(query);
      expect(res.errors).toBeUndefined();
      expect(Object.keys(res.data!)).toHaveLength(20);
    });
  });
});
