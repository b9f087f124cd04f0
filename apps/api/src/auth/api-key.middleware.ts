import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode } from '@app/core';
import { ANONYMOUS, ApiKeyService, type Viewer } from '@app/domain';
import { sendHttpError } from '../http/http-errors.js';

/**
 * Reads `Authorization: Bearer <key>` (and nothing else: a key in a URL is ignored) and sets
 * `req.viewer`. No header: anonymous. A bad key is refused with 401 rather than silently
 * downgraded, so a client never mistakes a typo for "no internal records".
 */
@Injectable()
export class ApiKeyMiddleware implements NestMiddleware {
  constructor(private readonly keys: ApiKeyService) {}

  async use(req: Request & { viewer?: Viewer }, res: Response, next: NextFunction): Promise<void> {
    const header = req.headers.authorization;
    if (!header) {
      req.viewer = ANONYMOUS;
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    try {
      if (!match)
        throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <key>"');
      req.viewer = await this.keys.authenticate(match[1]);
      next();
    } catch (err) {
      sendHttpError(res, err, req);
    }
  }
}
