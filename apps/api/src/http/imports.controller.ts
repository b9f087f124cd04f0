import { createReadStream } from 'node:fs';
import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/core';
import type { Request, Response } from 'express';
import { ImportService, type Viewer } from '@app/domain';
import { Editors } from '../auth/roles.guard.js';
import { CurrentViewer } from '../auth/viewer.decorator.js';
import { sendHttpError } from './http-errors.js';
import { ApiUploadErrors } from './openapi.decorators.js';
import { ImportReportBody } from './openapi.models.js';
import { checkImportRequest, spoolBody } from './import-request.js';

/** POST /imports/actions: a CSV body with the columns of actions.csv; `?dryRun=true` writes nothing. */
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('actions')
  @Editors()
  @ApiTags('imports')
  @ApiOperation({
    summary: 'Import actions from CSV',
    description:
      'The body is a CSV file with the columns of actions.csv (action_type, reason_codes, occurred, source_title and source_publisher required). ' +
      'One transaction: any invalid row refuses the whole file. A row updates the action with its external_id (else id), or creates one; re-sending a file changes nothing.',
  })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    schema: { type: 'boolean' },
    description: 'Report what the import would do, and write nothing',
  })
  @ApiQuery({
    name: 'officerMatch',
    required: false,
    schema: {
      type: 'string',
      enum: ['fail-on-ambiguous', 'exact', 'create'],
      default: 'fail-on-ambiguous',
    },
    description:
      'How officer names are matched: fail-on-ambiguous (default) refuses a row whose name several officers bear, naming their ids; exact takes a single match, else creates; create always creates a new officer',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV file (UTF-8)', schema: { type: 'string' } })
  @ApiOkResponse({ description: 'What the import did (or would do)', type: ImportReportBody })
  @ApiUploadErrors()
  async actions(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    try {
      const { dryRun, maxBytes, officerMatch } = checkImportRequest(req);
      // The whole body first, then the transaction (it never waits on the network).
      const upload = await spoolBody(req, maxBytes, this.config.downloadIdleTimeoutMs);
      try {
        const report = await this.imports.importActions(createReadStream(upload.path), {
          dryRun,
          officerMatch,
          viewer,
          maxBytes,
        });
        res.status(200).json(report);
      } finally {
        await upload.remove();
      }
    } catch (err) {
      // Refused before the body was read: the connection closes after the answer.
      if (!req.readableEnded) res.setHeader('Connection', 'close');
      sendHttpError(res, err, req);
    }
  }
}
