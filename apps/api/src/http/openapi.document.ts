import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Injectable, type INestApplication } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@app/core';
import { DATA_LICENCE } from '@app/domain';
import { API_KEY_SCHEME, ApiCommonErrors } from './openapi.decorators.js';

/**
 * The paths that openapi.json describes: the REST routes. The HTML pages (/, /factcheck,
 * /explorer) and GraphQL (/graphql, described by its own schema) are left out.
 */
export const DESCRIBED_PATHS =
  /^\/(exports|imports|feeds|health)\/|^\/(health|schema\.graphql|openapi\.json)$/;

/** The project's version (package.json), found above this file in src/ and in dist/ alike. */
function packageVersion(): string {
  for (
    let dir = dirname(fileURLToPath(import.meta.url));
    dir !== dirname(dir);
    dir = dirname(dir)
  ) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'police-discipline-tracker') return pkg.version ?? '0.0.0';
  }
  return '0.0.0';
}

/** The OpenAPI 3 description of the REST routes, built by @nestjs/swagger from the controllers. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Police discipline tracker: REST routes')
    .setDescription(
      'Downloads of the records (CSV, JSON, XLSX) and of the tallies, the figures and their checks; the CSV import; the health and readiness checks. ' +
        'Anonymous callers get public data; an editor key (`Authorization: Bearer <key>`) adds INTERNAL records and confidential sources. ' +
        `The data is licensed ${DATA_LICENCE.title} (${DATA_LICENCE.path}). ` +
        'Errors are JSON in the GraphQL error shape (`ErrorResponseBody`). Queries and changes of single records are GraphQL, at /graphql (schema: /schema.graphql).',
    )
    .setVersion(packageVersion())
    .setLicense('AGPL-3.0-or-later (the code)', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key (`npm run cli -- keys create`)' },
      API_KEY_SCHEME,
    )
    .addTag('exports', 'Downloads: streamed, one snapshot of the database')
    .addTag('imports', 'Uploads (editor key)')
    .addTag('health', 'For load balancers and operators')
    .addTag('schema', 'The GraphQL schema')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  document.paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => DESCRIBED_PATHS.test(path)),
  );
  describeGraphqlSchema(document);
  return document;
}

/** /schema.graphql belongs to the explorer's controller: described here rather than decorated there. */
function describeGraphqlSchema(document: OpenAPIObject): void {
  const get = document.paths['/schema.graphql']?.get;
  if (!get) return;
  Object.assign(get, {
    tags: ['schema'],
    summary: 'The GraphQL schema (SDL, sorted)',
    description:
      'The schema of /graphql in the GraphQL schema definition language, types and fields sorted by name: the committed schema.gql.',
    responses: {
      '200': {
        description: 'The schema',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
  });
}

/** Holds the description, built once the app's routes are in place (bootstrap.ts: createApp). */
@Injectable()
export class OpenApiDocument {
  private document?: OpenAPIObject;

  publish(app: INestApplication): void {
    this.document = buildOpenApiDocument(app);
  }

  get(): OpenAPIObject {
    if (!this.document)
      throw new DomainError(ErrorCode.UNAVAILABLE, 'The API description is not built yet', {
        retryAfter: 1,
      });
    return this.document;
  }
}

/** GET /openapi.json (the JSON only: no Swagger UI, which would load assets from a CDN). */
@Controller()
@ApiTags('schema')
export class OpenApiController {
  constructor(private readonly openApi: OpenApiDocument) {}

  @Get('openapi.json')
  @ApiOperation({ summary: 'This description of the REST routes (OpenAPI 3)' })
  @ApiOkResponse({
    description: 'The OpenAPI document',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  @ApiCommonErrors()
  document(): OpenAPIObject {
    return this.openApi.get();
  }
}
