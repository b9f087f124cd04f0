import { Logger } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { ExportDownload } from '@app/domain';
import { sendHttpError } from './http-errors.js';

const logger = new Logger('Exports');

/**
 * Streams a download to the client. Headers go out once the query is running; a client that goes
 * away destroys the pipeline, which closes the database cursor and frees its connection.
 */
export async function sendDownload(req: Request, res: Response, make: () => Promise<ExportDownload>): Promise<void> {
  let download: ExportDownload;
  try {
    download = await make();
  } catch (err) {
    sendHttpError(res, err, req);
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', download.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${download.fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  try {
    await pipeline(download.body, res);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error(`Download ${req.path} failed midway`, err instanceof Error ? err.stack : String(err));
    if (!res.headersSent) sendHttpError(res, err, req);
    else res.destroy();
  }
}
