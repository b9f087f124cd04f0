import { HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, fromDatabaseError, httpStatusOf } from '@app/core';

const logger = new Logger('HttpErrors');

/**
 * Sends an error as JSON in the GraphQL error shape (`{ errors: [{ message, extensions }] }`),
 * so REST and GraphQL clients read failures the same way. Unknown errors are logged and masked.
 */
export function sendHttpError(res: Response, thrown: unknown, req?: Request): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const err = fromHttpException(fromDatabaseError(thrown), req);
  if (err instanceof DomainError) {
    if (err.details.retryAfter !== undefined)
      res.setHeader('Retry-After', String(err.details.retryAfter));
    res.status(httpStatusOf(err.code)).json({
      errors: [{ message: err.message, extensions: { code: err.code, ...err.details } }],
    });
    return;
  }
  logger.error(
    `Unexpected error on ${req?.method ?? ''} ${req?.path ?? ''}`,
    err instanceof Error ? err.stack : String(err),
  );
  res.status(500).json({
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
}

/**
 * Nest's own client errors (no route for the path, a malformed request the router refused) as
 * domain errors: a 404 is NOT_FOUND naming the path, never a 500 logged as a server fault.
 */
function fromHttpException(err: unknown, req?: Request): unknown {
  if (!(err instanceof HttpException)) return err;
  const status = err.getStatus();
  if (status === 404) {
    return new DomainError(
      ErrorCode.NOT_FOUND,
      `Nothing is served at ${req?.method ?? 'GET'} ${req?.path ?? ''}: see /openapi.json for the routes, /graphql for the API`,
      {
        field: 'path',
      },
    );
  }
  if (status === 413)
    return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
  if (status >= 400 && status < 500)
    return new DomainError(ErrorCode.BAD_USER_INPUT, err.message, { field: 'request' });
  return err;
}
