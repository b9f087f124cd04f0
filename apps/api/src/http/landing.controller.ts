import { Controller, Get, Header } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { renderLandingPage } from './landing.page.js';

@Controller()
export class LandingController {
  private readonly page = renderLandingPage();

  constructor(private readonly schemaHost: GraphQLSchemaHost) {}

  /** The GraphQL explorer for developers; `/` is the fact-check page (apps/api/src/web). */
  @Get('explorer')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
  )
  landing(): string {
    return this.page;
  }

  @Get('schema.graphql')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  schema(): string {
    return printSchema(lexicographicSortSchema(this.schemaHost.schema)) + '\n';
  }
}
