import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ImportService, type Viewer } from '@app/domain';
import { Editors } from '../auth/roles.guard.js';
import { CurrentViewer } from '../auth/viewer.decorator.js';
import { sendHttpError } from './http-errors.js';
import { checkImportRequest } from './import-request.js';

/** POST /imports/actions: a CSV body with the columns of actions.csv; `?dryRun=true` writes nothing. */
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post('actions')
  @Editors()
  async actions(@Req() req: Request, @Res() res: Response, @CurrentViewer() viewer: Viewer): Promise<void> {
    try {
      const { dryRun, maxBytes } = checkImportRequest(req);
      const report = await this.imports.importActions(req, { dryRun, viewer, maxBytes });
      res.status(200).json(report);
    } catch (err) {
      // Refused before the body was read: the connection closes after the answer.
      if (!req.readableEnded) res.setHeader('Connection', 'close');
      sendHttpError(res, err, req);
    }
  }
}
