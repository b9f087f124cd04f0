import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { APP_CONFIG, DomainError, ErrorCode, type AppConfig } from '@app/core';
import type { ExportDownload } from '@app/domain';
import { sendHttpError } from './http-errors.js';

const logger = new Logger('Exports');

// Seconds a refused download is told to wait: a download of the whole data takes about a minute.
const RETRY_AFTER_SECONDS = 30;

/**
 * Serves downloads so that they can never starve the API: at most DOWNLOADS_MAX_CONCURRENT at once
 * per process (the next answers 503 UNAVAILABLE with Retry-After before touching the database), and
 * a download whose client reads nothing for DOWNLOAD_IDLE_TIMEOUT_MS is cut, which ends its query
 * and frees its connection. (On the embedded database a download holds no connection between its
 * batches at all: ExportRepository.)
 */
@Injectable()
export class Downloads {
  private running = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Downloads running now in this process, and the most it serves at once (for /health). */
  status(): { running: number; limit: number } {
    return { running: this.running, limit: this.config.maxConcurrentDownloads };
  }

  /**
   * Streams a download to the client (to a HEAD request, only the headers a GET would start with,
   * without running its query). The status and headers go out with the first bytes: a query
   * that fails before producing any (a timeout, a lock held too long) still answers with its error
   * code (503 UNAVAILABLE, ...), not a 200 cut short. A client that goes away destroys the
   * pipeline, which ends the database query and frees its connection.
   */
  async send(
    req: Request,
    res: Response,
    make: () => Promise<ExportDownload> | ExportDownload,
  ): Promise<void> {
    if (this.running >= this.config.maxConcurrentDownloads) {
      sendHttpError(
        res,
        new DomainError(
          ErrorCode.UNAVAILABLE,
          `${this.running} downloads are running, the most this server serves at once. Try again in ${RETRY_AFTER_SECONDS} s`,
          { retryAfter: RETRY_AFTER_SECONDS, limit: this.config.maxConcurrentDownloads },
        ),
        req,
      );
      return;
    }
    this.running++;
    try {
      await this.stream(req, res, make);
    } finally {
      this.running--;
    }
  }

  private async stream(
    req: Request,
    res: Response,
    make: () => Promise<ExportDownload> | ExportDownload,
  ): Promise<void> {
    let download: ExportDownload;
    try {
      download = await make();
      if (req.method === 'HEAD') {
        // The status and headers a GET would start with, once its parameters are checked; the
        // query is not run for a body nobody receives.
        download.body.destroy();
        downloadHeaders(res, download);
        res.end();
        return;
      }
      await firstBytes(download.body, res);
    } catch (err) {
      // Nobody is left to answer when the client went away first.
      if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
        sendHttpError(res, err, req);
      return;
    }
    downloadHeaders(res, download);
    // Armed once the bytes flow (a slow query before the first row is the statement timeout's
    // business): no write succeeds for this long when the client stopped reading.
    const socket = req.socket;
    const idle = () => {
      logger.warn(
        `Download ${req.path} cut: its client read nothing for ${this.config.downloadIdleTimeoutMs} ms`,
      );
      res.destroy();
    };
    socket.setTimeout(this.config.downloadIdleTimeoutMs, idle);
    try {
      await pipeline(download.body, res);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ERR_STREAM_PREMATURE_CLOSE')
        logger.error(
          `Download ${req.path} failed midway`,
          err instanceof Error ? err.stack : String(err),
        );
      if (!res.headersSent) sendHttpError(res, err, req);
      else res.destroy();
    } finally {
      socket.setTimeout(0);
      socket.off('timeout', idle);
    }
  }
}

function downloadHeaders(res: Response, download: ExportDownload): void {
  res.status(200);
  res.setHeader('Content-Type', download.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${download.fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
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
      const err = Object.assign(new Error('The client went away before the download started'), {
        code: 'ERR_STREAM_PREMATURE_CLOSE',
      });
      body.destroy();
      done(err);
    };
    body.once('readable', ready);
    body.once('error', done);
    res.once('close', gone);
  });
}
