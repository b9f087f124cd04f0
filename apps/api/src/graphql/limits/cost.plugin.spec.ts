import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type {
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestListener,
} from '@apollo/server';
import {
  buildSchema,
  getOperationAST,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { CostCache, costLimitPlugin } from './cost.plugin.js';
import { type QueryCost } from './query-cost.js';

const schema = buildSchema(
  readFileSync(new URL('../../../../../schema.gql', import.meta.url), 'utf8'),
);

/** The plugin's hook, called as Apollo calls it once an operation is resolved. */
async function resolve(
  query: string,
  variables: Record<string, unknown> = {},
  cache?: CostCache,
): Promise<void> {
  const document = parse(query);
  const listener = (await costLimitPlugin(cache).requestDidStart!(
    {} as never,
  )) as GraphQLRequestListener<never>;
  const context = {
    request: { query, variables },
    document,
    schema,
    operation: getOperationAST(document) ?? undefined,
  };
  await listener.didResolveOperation!(
    context as unknown as GraphQLRequestContextDidResolveOperation<never>,
  );
}

/** A cost cache whose answer is given (what a bug or an unforeseen document would produce). */
class FixedCache extends CostCache {
  constructor(private readonly answer: () => QueryCost) {
    super();
  }
  override measure(
    _s: GraphQLSchema,
    _d: DocumentNode,
    _o: OperationDefinitionNode,
    _v: Record<string, unknown>,
  ): QueryCost {
    return this.answer();
  }
}

describe('costLimitPlugin fails closed', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('lets a query within the limits through', async () => {
    await expect(resolve('{ tally { count } }')).resolves.toBeUndefined();
  });

  it('refuses a query whose cost cannot be worked out (maxCost), whatever the reason', async () => {
    const broken = new FixedCache(() => {
      throw new Error('Query exceeds the maximum allowed number of nodes.');
    });
    await expect(resolve('{ provinces { code } }', {}, broken)).rejects.toMatchObject({
      message: expect.stringContaining('could not be costed'),
      extensions: { code: 'BAD_USER_INPUT', limit: 'maxCost', max: 10000 },
    });
  });

  it.each([
    ['NaN', { cost: NaN, aggregates: 0 }, 'maxCost'],
    ['Infinity', { cost: Infinity, aggregates: 0 }, 'maxCost'],
    ['an aggregate count that is no number', { cost: 1, aggregates: NaN }, 'maxAggregates'],
  ])('refuses a cost of %s: no number is no permission', async (_name, answer, limit) => {
    await expect(
      resolve('{ provinces { code } }', {}, new FixedCache(() => answer)),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit } });
  });

  it('answers variables that do not coerce as the client error they are, naming the variable', async () => {
    await expect(
      resolve('query($n: Int) { actions(first: $n) { edges { cursor } } }', { n: 'ten' }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^Variable "\$n" got invalid value "ten"/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers an argument that a variable cannot fill as BAD_USER_INPUT naming the argument', async () => {
    await expect(
      resolve('query($i: Interval = MONTH) { runningTotals(interval: $i) { period } }', {
        i: null,
      }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'interval' },
    });
  });
});
