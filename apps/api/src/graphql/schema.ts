import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { RESOLVERS } from './resolvers/index.js';
import { SCALARS_MAP } from './scalars.js';

/** The public contract as SDL, sorted, exactly as committed in schema.gql. Needs no database. */
export async function printPublicSchema(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  try {
    const schema = await app
      .get(GraphQLSchemaFactory)
      .create(RESOLVERS, { scalarsMap: SCALARS_MAP });
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
