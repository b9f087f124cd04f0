import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode } from '@app/core';
import { sendHttpError } from '../../http/http-errors.js';

// The JSON body limit (bootstrap.ts): a GraphQL request is a few KiB; 1 MiB leaves room for large variables.
export const JSON_BODY_LIMIT = '1mb';

/**
 * Errors of the body parsers as JSON in the GraphQL error shape instead of Express's HTML page:
 * 413 PAYLOAD_TOO_LARGE for a body over the limit, 400 BAD_USER_INPUT for a body that is not JSON.
 */
export function bodyParserErrors(
  err: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large' || e?.status === 413) {
    return sendHttpError(
      res,
      new DomainError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The request body is larger than the limit of ${JSON_BODY_LIMIT}`,
      ),
      req,
    );
  }
  if (
    e?.type === 'entity.parse.failed' ||
    (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
  ) {
    return sendHttpError(
      res,
      DomainError.badInput(
        'body',
        'The request body could not be read: send JSON with Content-Type: application/json',
      ),
      req,
    );
  }
  next(err);
}
