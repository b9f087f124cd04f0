import { readFileSync } from 'node:fs';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { queryCost, VariablesError, type QueryCost } from './query-cost.js';

// The committed public schema (test/schema.e2e-spec.ts holds it to the code).
const schema = buildSchema(
  readFileSync(new URL('../../../../../schema.gql', import.meta.url), 'utf8'),
);
const FIGURE = '00000000-0000-4000-8000-000000000001';

function cost(query: string, variables: Record<string, unknown> = {}): QueryCost {
  const document = parse(query);
  return queryCost(schema, document, getOperationAST(document)!, variables);
}

describe('queryCost: points and aggregates of an operation', () => {
  it.each<[string, string, Record<string, unknown>, QueryCost]>([
    [
      'scalars are free, an object costs 1',
      '{ provinces { code } }',
      {},
      { cost: 1, aggregates: 0 },
    ],
    [
      'an unpaged list costs 10 times its items',
      '{ reasons { code } actions(first: 1) { edges { node { citations { source { id } } } } } }',
      {},
      { cost: 1 + 1 + (1 + 1 + (1 + 10 * 1)), aggregates: 0 },
    ],
    [
      'a connection costs `first` times its nodes, pageInfo once',
      '{ actions(first: 50) { pageInfo { hasNextPage } edges { node { officer { id } } } } }',
      {},
      { cost: 1 + 1 + 50 * (1 + 1 + 1), aggregates: 0 },
    ],
    [
      'the default page is 20',
      '{ officers { edges { node { id } } } }',
      {},
      { cost: 1 + 20 * 2, aggregates: 0 },
    ],
    [
      'totalCount is a count: 100, once per connection',
      '{ actions(first: 50) { totalCount edges { node { id } } } }',
      {},
      { cost: 1 + 100 + 50 * 2, aggregates: 1 },
    ],
    ['a tally weighs 300', '{ tally { count } }', {}, { cost: 301, aggregates: 1 }],
    [
      'running totals weigh 300 (a list of points)',
      '{ runningTotals(interval: MONTH) { period cumulative { min } } }',
      {},
      { cost: 300 + 1 + 10 * 1, aggregates: 1 },
    ],
    [
      'a tally as recorded at a moment weighs 10 times',
      '{ tally(asRecordedAt: "2024-01-23T00:00:00Z") { count } }',
      {},
      { cost: 3001, aggregates: 1 },
    ],
    [
      'asRecordedAt given as a variable counts',
      'query($at: DateTime) { tally(asRecordedAt: $at) { count } }',
      { at: '2024-01-23T00:00:00Z' },
      { cost: 3001, aggregates: 1 },
    ],
    [
      'asRecordedAt as a variable left out does not',
      'query($at: DateTime) { tally(asRecordedAt: $at) { count } }',
      {},
      { cost: 301, aggregates: 1 },
    ],
    [
      'a figure check weighs 400',
      `{ checkFigure(id: "${FIGURE}") { verdict } }`,
      {},
      { cost: 401, aggregates: 1 },
    ],
    [
      'a figure check as recorded at a moment weighs 4,000',
      `{ checkFigure(id: "${FIGURE}", asRecordedAt: "2024-01-23T00:00:00Z") { verdict } }`,
      {},
      { cost: 4001, aggregates: 1 },
    ],
    [
      'a check under a page counts once per item',
      '{ reportedFigures(first: 7) { edges { node { check { verdict } } } } }',
      {},
      { cost: 1 + 7 * (1 + 1 + 401), aggregates: 7 },
    ],
    [
      'a check under an unpaged list counts 10 times',
      '{ reportedFigures(first: 2) { edges { node { parts { check { verdict } } } } } }',
      {},
      { cost: 1 + 2 * (1 + 1 + (1 + 10 * 401)), aggregates: 20 },
    ],
    [
      '@include(if: false) and @skip(if: true) leave a field out',
      'query($no: Boolean!) { tally @include(if: $no) { count } r: runningTotals(interval: DAY) @skip(if: true) { period } }',
      { no: false },
      { cost: 0, aggregates: 0 },
    ],
    [
      '__schema is a flat 500, whatever is asked of it',
      '{ __schema { types { fields { args { type { ofType { name } } } } } } }',
      {},
      { cost: 500, aggregates: 0 },
    ],
  ])('%s', (_name, query, variables, expected) => {
    expect(cost(query, variables)).toEqual(expected);
  });

  it('costs fragments as their text written in place, inline or named, spread once or twice', () => {
    const written = cost(
      '{ a: actions(first: 30) { edges { node { officer { id } citations { source { id } } } } } b: tally { count } c: tally { count } }',
    );
    const withFragments = cost(`{ a: actions(first: 30) { edges { node { ...N } } } ...T }
      fragment N on DisciplinaryAction { officer { id } ... on DisciplinaryAction { citations { ...C } } }
      fragment C on Citation { source { id } }
      fragment T on Query { b: tally { count } ...U }
      fragment U on Query { c: tally { count } }`);
    expect(withFragments).toEqual(written);
    // The same fragment spread twice counts twice, as the same fields written twice do.
    expect(cost('{ ...T ...T } fragment T on Query { tally { count } }')).toEqual({
      cost: 602,
      aggregates: 2,
    });
  });

  it('costs fragments spreading fragments 2^40 times in a few milliseconds, and to the point', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice ... F39 spreads F40 twice; F40 asks for one officer: 2^40 officers.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on DisciplinaryAction { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const query = `{ action(id: "${FIGURE}") { ...F0 } }\n${fragments}\nfragment F40 on DisciplinaryAction { officer { id } }`;
    const started = performance.now();
    const { cost: points } = cost(query);
    // A few milliseconds when each fragment is costed once; visiting 2^40 spreads would never end.
    // The bound leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(250);
    expect(points).toBe(1 + 2 ** 40);
  });

  it('throws VariablesError for variables that do not coerce, naming the variable', () => {
    expect(() =>
      cost('query($n: Int) { actions(first: $n) { edges { cursor } } }', { n: 'ten' }),
    ).toThrow(VariablesError);
    expect(() =>
      cost('query($n: Int) { actions(first: $n) { edges { cursor } } }', { n: 'ten' }),
    ).toThrow(/Variable "\$n"/);
  });

  it('throws VariablesError naming the argument a variable cannot fill (null for a non-null argument, through a default)', () => {
    const query = 'query($i: Interval = MONTH) { runningTotals(interval: $i) { period } }';
    expect(cost(query, {})).toEqual({ cost: 301, aggregates: 1 });
    let thrown: unknown;
    try {
      cost(query, { i: null });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(VariablesError);
    expect(thrown).toMatchObject({ argument: 'interval' });
    expect(() =>
      cost('query($x: Boolean = true) { provinces @include(if: $x) { code } }', { x: null }),
    ).toThrow(VariablesError);
  });
});
