import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/**
 * Content-Security-Policy of the HTML pages: scripts, styles, images, fonts and connections from
 * our own origin only, never inline script, no plugins, no framing (issue 13, item 9).
 */
const BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const FACTCHECK_CSP = [...BASE, "style-src 'self'", "font-src 'self'"].join('; ');

/**
 * The explorer's policy. GraphiQL and Monaco add <style> elements while they run: they carry this
 * response's nonce (explorer-nonce.client.ts). Monaco positions its editor lines with inline
 * `style` attributes in the HTML it writes, which no nonce can cover: `style-src-attr
 * 'unsafe-inline'` allows those attributes (they cannot run script), and nothing else inline.
 * GraphiQL's fonts are data: URLs inside its stylesheet; Monaco's workers are files of ours.
 */
export function explorerCsp(nonce: string): string {
  return [
    ...BASE.map((d) => (d === "img-src 'self'" ? "img-src 'self' data:" : d)),
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "font-src 'self' data:",
    "worker-src 'self'",
  ].join('; ');
}

/** A fresh nonce for one response (128 random bits). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Headers every page carries besides its policy. */
export function setPageHeaders(res: Response, csp: string): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
}
