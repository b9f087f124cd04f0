import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '@app/core';

/** dist/web/manifest.json, written by scripts/build-web.mjs. */
export interface WebManifest {
  /** The fact-check page: a script per language (with its catalogue only) and a stylesheet. */
  factcheck: { scripts: { en: string; km: string }; style: string };
  explorer: {
    script: string;
    style: string;
    workers: { editor: string; json: string; graphql: string };
  };
  files: Record<string, { bytes: number; gzipBytes: number; sha256: string }>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
  gzipEtag: string;
}

/** The repository root: the nearest folder above this module with a package.json (from src/ and from dist/). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the API code');
    dir = up;
  }
  return dir;
}

/**
 * The bundled browser code in dist/web (the fact-check page's script and stylesheet, GraphiQL with
 * its chunks and workers). Only files the manifest lists are served, read once and kept with their
 * pre-compressed copy. A missing build answers 503 with what to run, not a broken page.
 */
export class WebAssets {
  private static instance: WebAssets | undefined;
  private readonly cache = new Map<string, Asset>();

  private constructor(
    private readonly dir: string,
    readonly manifest: WebManifest | null,
  ) {}

  static get(): WebAssets {
    if (!WebAssets.instance) {
      const dir = join(repositoryRoot(), 'dist/web');
      const path = join(dir, 'manifest.json');
      const read = existsSync(path)
        ? (JSON.parse(readFileSync(path, 'utf8')) as WebManifest)
        : null;
      // A build older than this code (a script per language) is no build: rebuild it.
      const manifest = read?.factcheck?.scripts ? read : null;
      if (!manifest)
        new Logger('WebAssets').warn(
          'The browser code is not built (dist/web/manifest.json is missing or older than the API): run `npm run build` for the fact-check page and the explorer',
        );
      WebAssets.instance = new WebAssets(dir, manifest);
    }
    return WebAssets.instance;
  }

  /** The manifest, or a 503 telling the operator to build. */
  require(): WebManifest {
    if (!this.manifest)
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        'The browser code is not built: run `npm run build` on the server',
      );
    return this.manifest;
  }

  /** A content hash of a file, for ETags of pages that embed its address. */
  hashOf(name: string): string {
    return this.require().files[name]?.sha256 ?? '';
  }

  private load(name: string): Asset | undefined {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const meta = this.require().files[name];
    const type = TYPES[extname(name)];
    if (!meta || !type) return undefined;
    const asset: Asset = {
      body: readFileSync(join(this.dir, name)),
      gzip: readFileSync(join(this.dir, `${name}.gz`)),
      type,
      // One ETag per representation (RFC 9110 §8.8.3): the gzip copy is another body.
      etag: `"${meta.sha256.slice(0, 27)}"`,
      gzipEtag: `"${meta.sha256.slice(0, 24)}-gz"`,
    };
    this.cache.set(name, asset);
    return asset;
  }

  /**
   * Sends a file of the build (gzip when the browser takes it), with its ETag, so a browser
   * revalidating gets 304. `immutable` for addresses that carry a content hash.
   */
  send(req: Request, res: Response, name: string, caching: 'revalidate' | 'immutable'): void {
    const asset = this.load(name);
    if (!asset) throw new DomainError(ErrorCode.NOT_FOUND, `${req.path} was not found`);
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.setHeader('Content-Type', asset.type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader(
      'Cache-Control',
      caching === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    res.setHeader('ETag', gzip ? asset.gzipEtag : asset.etag);
    res.vary('Accept-Encoding');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.send(gzip ? asset.gzip : asset.body);
  }
}
