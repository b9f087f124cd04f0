import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { EXPLORER_ASSETS_PATH, renderExplorerPage } from '../web/explorer/explorer.page.js';
import { FACTCHECK_ICON_PATH } from '../web/factcheck.page.js';
import { WebAssets } from '../web/web-assets.js';
import { explorerCsp, newNonce, setPageHeaders } from '../web/web-security.js';

@Controller()
export class LandingController {
  private readonly assets = WebAssets.get();

  constructor(private readonly schemaHost: GraphQLSchemaHost) {}

  /** The GraphQL explorer for developers (GraphiQL, apps/api/src/web/explorer); `/` is the fact-check page. */
  @Get('explorer')
  explorer(@Res() res: Response): void {
    const manifest = this.assets.require();
    // A new nonce for every response: the page is not cached.
    const nonce = newNonce();
    setPageHeaders(res, explorerCsp(nonce));
    res.setHeader('Cache-Control', 'no-store');
    res.send(renderExplorerPage(manifest.explorer, nonce, FACTCHECK_ICON_PATH));
  }

  /** GraphiQL's bundle, chunks, stylesheet, font and workers: content-hashed names, cached for good. */
  @Get(`${EXPLORER_ASSETS_PATH.slice(1)}:file`)
  explorerAsset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    this.assets.send(req, res, `explorer/${file}`, 'immutable');
  }

  @Get('schema.graphql')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  schema(): string {
    return printSchema(lexicographicSortSchema(this.schemaHost.schema)) + '\n';
  }
}
