import type { Request } from 'express';
import type { AppConfig } from '@app/core';
import { instantText, type PublicationLinks } from '@app/domain';

/** The path of a figure's check at a moment (the permalink): `/checks/<id>?asRecordedAt=<instant>`. */
export function permalinkPath(figureId: string, at: Date, suffix = ''): string {
  // An ISO instant needs no escaping in a query ([0-9TZ:.-]); kept readable.
  return `/checks/${encodeURIComponent(figureId)}${suffix}?asRecordedAt=${instantText(at)}`;
}

/**
 * This tracker's public address: PUBLIC_URL, else the address the request came to (through a proxy
 * trusted by TRUST_PROXY, the scheme and host it forwarded: Express's req.protocol and req.host).
 */
export function publicBase(req: Request, config: AppConfig): string {
  return config.publicUrl ?? `${req.protocol}://${req.host ?? 'localhost'}`;
}

/** Permalinks and publisher of the checks published in answer to a request (ClaimReview, pages). */
export function publicationLinks(req: Request, config: AppConfig): PublicationLinks {
  const base = publicBase(req, config);
  return {
    publisher: { name: config.publisherName, url: config.publisherUrl ?? base },
    permalink: (figureId, at) => `${base}${permalinkPath(figureId, at)}`,
  };
}
