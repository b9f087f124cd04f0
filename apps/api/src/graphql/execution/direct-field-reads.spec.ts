import { GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse } from 'graphql';
import { readPropertiesDirectly } from './direct-field-reads.js';

/** Resolvers shaped as @nestjs/graphql makes them (the function's name is what it recognises). */
function nestResolver(property: string, defaultValue?: unknown) {
  const rootFieldResolver = (root: Record<string, unknown>) =>
    root[property] === undefined ? defaultValue : root[property];
  return rootFieldResolver;
}

describe('readPropertiesDirectly', () => {
  const Thing = new GraphQLObjectType({
    name: 'Thing',
    fields: {
      plain: { type: GraphQLString, resolve: nestResolver('plain') },
      withDefault: { type: GraphQLString, resolve: nestResolver('withDefault', 'fallback') },
      renamed: { type: GraphQLString, resolve: nestResolver('otherProperty') },
      computed: { type: GraphQLString, resolve: (t: { plain: string }) => t.plain.toUpperCase() },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { thing: { type: Thing, resolve: () => ({ plain: 'a', otherProperty: 'b' }) } },
    }),
  });

  it('removes only the resolvers that answer what reading the property answers', async () => {
    const before = await execute({
      schema,
      document: parse('{ thing { plain withDefault renamed computed } }'),
    });
    expect(readPropertiesDirectly(schema)).toBe(1);
    const fields = Thing.getFields();
    expect(fields.plain.resolve).toBeUndefined();
    expect(fields.withDefault.resolve).toBeDefined();
    expect(fields.renamed.resolve).toBeDefined();
    expect(fields.computed.resolve).toBeDefined();
    // Same answers before and after.
    const after = await execute({
      schema,
      document: parse('{ thing { plain withDefault renamed computed } }'),
    });
    expect(after).toEqual(before);
    expect(after.data).toEqual({
      thing: { plain: 'a', withDefault: 'fallback', renamed: 'b', computed: 'A' },
    });
  });
});
