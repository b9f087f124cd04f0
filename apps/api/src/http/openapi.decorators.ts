import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { FILTER_PARAM_DOCS, GROUP_BY_PARAM_DOC, type QueryParamDoc } from '@app/domain';
import { ErrorResponseBody } from './openapi.models.js';

/** The bearer scheme of the API keys (`Authorization: Bearer <key>`), as named in openapi.json. */
export const API_KEY_SCHEME = 'apiKey';

function query(name: string, doc: QueryParamDoc) {
  const item = {
    type: doc.type,
    ...(doc.format ? { format: doc.format } : {}),
    ...(doc.enum ? { enum: [...doc.enum] } : {}),
  };
  return ApiQuery({
    name,
    required: false,
    description: doc.list
      ? `${doc.description}; repeatable (\`${name}=A&${name}=B\`) or comma-separated (\`${name}=A,B\`)`
      : doc.description,
    schema: doc.list
      ? { type: 'array', items: item, example: [doc.example] }
      : { ...item, example: doc.example },
    ...(doc.list ? { style: 'form', explode: true } : {}),
  });
}

/** The filter parameters of the downloads (FILTER_PARAM_DOCS), and `groupBy` for the tallies. */
export function ApiFilterQuery(
  options: { groupBy?: boolean; only?: (keyof typeof FILTER_PARAM_DOCS)[] } = {},
) {
  const names =
    options.only ?? (Object.keys(FILTER_PARAM_DOCS) as (keyof typeof FILTER_PARAM_DOCS)[]);
  return applyDecorators(
    ...names.map((name) => query(name, FILTER_PARAM_DOCS[name])),
    ...(options.groupBy ? [query('groupBy', GROUP_BY_PARAM_DOC)] : []),
  );
}

const error = (status: number, description: string, retryAfter = false) =>
  ApiResponse({
    status,
    description,
    type: ErrorResponseBody,
    ...(retryAfter
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds before a retry can succeed',
              schema: { type: 'integer' },
            },
          },
        }
      : {}),
  });

/** The answers every route may give: over a rate limit, or an unexpected failure. */
const COMMON_ERRORS = [
  error(
    429,
    'RATE_LIMITED: over a request rate (README "Limits"); retry after `retryAfter` seconds',
    true,
  ),
  error(500, 'INTERNAL_SERVER_ERROR: an unexpected failure (logged; never a stack trace)'),
];

/** A download: its media type and file, anonymous or with a key, and the errors of downloads. */
export function ApiDownload(options: {
  summary: string;
  description: string;
  mediaType: string;
  schema?: Record<string, unknown>;
  binary?: boolean;
}) {
  const schema =
    options.schema ?? (options.binary ? { type: 'string', format: 'binary' } : { type: 'string' });
  return applyDecorators(
    ApiTags('exports'),
    ApiOperation({ summary: options.summary, description: options.description }),
    // Anonymous callers get public data; an editor key adds INTERNAL records and confidential sources.
    ApiSecurity({}),
    ApiBearerAuth(API_KEY_SCHEME),
    ApiOkResponse({
      description: 'The file (Content-Disposition: attachment)',
      content: { [options.mediaType]: { schema } },
      headers: {
        'Content-Disposition': {
          description: 'attachment; filename="…"',
          schema: { type: 'string' },
        },
      },
    }),
    error(400, 'BAD_USER_INPUT: an unknown or invalid parameter; `extensions.field` names it'),
    error(
      503,
      'UNAVAILABLE: the most downloads this server serves at once are running, or the database timed out; retry after `retryAfter` seconds',
      true,
    ),
    ...COMMON_ERRORS,
  );
}

/** A 503 UNAVAILABLE answer with Retry-After, as described. */
export const ApiUnavailable = (description: string) => error(503, description, true);

/** Errors of any route (for the routes that are neither downloads nor imports). */
export const ApiCommonErrors = () => applyDecorators(...COMMON_ERRORS);

/** The errors of an upload that needs an editor key. */
export function ApiUploadErrors() {
  return applyDecorators(
    ApiBearerAuth(API_KEY_SCHEME),
    error(
      400,
      'BAD_USER_INPUT: not text/csv, an unknown parameter, or an invalid file (nothing imported; `extensions.problems` lists each problem with its row and column)',
    ),
    error(401, 'UNAUTHENTICATED: no API key'),
    error(403, 'FORBIDDEN: the key is not an editor or admin key'),
    error(413, 'PAYLOAD_TOO_LARGE: the file is larger than the upload limit; split it'),
    error(
      503,
      'UNAVAILABLE: the database could not be reached or the connection was lost; nothing was imported',
      true,
    ),
    ...COMMON_ERRORS,
  );
}
