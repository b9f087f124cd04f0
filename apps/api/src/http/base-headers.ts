import { NotFoundException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Headers every response carries: no MIME sniffing, and a policy that loads nothing and cannot be
 * framed (JSON, CSV and errors need neither). The HTML pages replace the policy with their own,
 * which keeps `frame-ancestors 'none'` and `object-src 'none'`.
 */
export const BASE_CSP =
  "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

export function baseHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', BASE_CSP);
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

/**
 * Apollo answers every path below /graphql as if it were /graphql (a 400 about CSRF for
 * `/graphql/x`): those paths are not routes, and answer 404 like any other unknown path.
 */
export function graphqlSubpathsNotFound(req: Request, _res: Response, next: NextFunction): void {
  if (/^\/graphql\/./.test(req.path)) {
    next(new NotFoundException());
    return;
  }
  next();
}
