import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, fromDatabaseError, httpStatusOf } from '@app/core';

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
  const err = fromDatabaseError(thrown);
  if (err instanceof DomainError) {
    if (err.details.retryAfter !== undefined) res.setHeader('Retry-After', String(err.details.retryAfter));
    res.status(httpStatusOf(err.code)).json({
      errors: [{ message: err.message, extensions: { code: err.code, ...err.details } }],
    });
    return;
  }
  logger.error(`Unexpected error on ${req?.method ?? ''} ${req?.path ?? ''}`, err instanceof Error ? err.stack : String(err));
  res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}
