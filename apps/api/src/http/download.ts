import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { ExportDownload } from '@app/domain';
import { sendHttpError } from './http-errors.js';

const logger = new Logger('Exports');

/**
 * Streams a download to the client. The status and headers go out with the first bytes: a query
 * that fails before producing any (a timeout, a lock held too long) still answers with its error
 * code (503 UNAVAILABLE, ...), not a 200 cut short. A client that goes away destroys the pipeline,
 * which ends the database query and frees its connection.
 */
export async function sendDownload(req: Request, res: Response, make: () => Promise<ExportDownload>): Promise<void> {
  let download: ExportDownload;
  try {
    download = await make();
    await firstBytes(download.body, res);
  } catch (err) {
    // Nobody is left to answer when the client went away first.
    if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') sendHttpError(res, err, req);
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

/**
 * Resolves when `body` has bytes to read (or has ended); rejects when it fails first. Reads nothing.
 * A client that goes away meanwhile destroys `body` (ending its query) and rejects.
 */
function firstBytes(body: Readable, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      body.off('readable', ready);
      body.off('error', done);
      res.off('close', gone);
      if (err) reject(err);
      else resolve();
    };
    const ready = () => done();
    const gone = () => {
      const err = Object.assign(new Error('The client went away before the download started'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
      body.destroy();
      done(err);
    };
    body.once('readable', ready);
    body.once('error', done);
    res.once('close', gone);
  });
}
