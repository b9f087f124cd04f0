import type { Logger } from '@nestjs/common';
import { chmodSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import {
  checkControlSocket,
  controlSocketPath,
  DomainError,
  ErrorCode,
  httpStatusOf,
  MAX_SOCKET_PATH_BYTES,
  removeStaleSocket,
  unsafeDirectoryReason,
} from '@app/core';
import type { ExportQuery, ImportProgress } from '@app/domain';
import { checkOfficerMatch } from '../http/import-request.js';
import {
  checkExportRequest,
  type ExportRequest,
  type TrackerOperations,
} from './control.protocol.js';
import {
  CONTROL_ROUTES,
  EXPORT_ERROR_TRAILER,
  MAX_CONTROL_JSON_BYTES,
  PROGRESS_INTERVAL_MS,
  type ControlCommand,
  type ControlError,
} from './control.protocol.js';

/**
 * The API's end of the control channel (protocol in control.protocol.ts): an HTTP server on the
 * Unix socket `<DATA_DIR>/control.sock`, running the command line's operations in this process,
 * which holds the embedded database. The socket is created mode 0600 (bound under a umask of 0177,
 * so it is never open to others, not even between bind and chmod) in a directory that other users
 * cannot write; a stale socket left by a killed process is removed first.
 */
export class ControlServer {
  private constructor(
    private readonly server: Server,
    readonly path: string,
  ) {}

  /**
   * Serves `ops` on the data directory's control socket. Where a private socket cannot be made
   * (another user can write the directory, the path is too long for a socket, Windows), the API runs
   * without it and says why: the command line then needs the API stopped, as before.
   */
  static async start(
    ops: TrackerOperations,
    dataDir: string,
    logger: Logger,
  ): Promise<ControlServer | undefined> {
    const path = controlSocketPath(dataDir);
    const without = (why: string) => {
      logger.warn(
        `No control socket for the command line (${why}); CLI commands on ${dataDir} need the API stopped`,
      );
      return undefined;
    };
    if (process.platform === 'win32') return without('Unix sockets are not used on Windows');
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES)
      return without(`${path} is longer than ${MAX_SOCKET_PATH_BYTES} bytes`);
    const unsafe = unsafeDirectoryReason(dataDir);
    if (unsafe) return without(unsafe);
    try {
      removeStaleSocket(path);
    } catch (err) {
      return without((err as Error).message);
    }
    const handler = new ControlHandler(ops, logger);
    const server = createServer((req, res) => void handler.handle(req, res));
    // An import of a large file takes minutes; only this user's command line can connect.
    server.requestTimeout = 0;
    const previousUmask = process.umask(0o177);
    try {
      // Binds synchronously: the umask applies to the socket file alone.
      server.listen(path);
    } finally {
      process.umask(previousUmask);
    }
    try {
      await once(server, 'listening');
      chmodSync(path, 0o600);
      const check = checkControlSocket(path);
      if (!check.ok) throw new Error(check.reason);
    } catch (err) {
      server.close();
      return without((err as Error).message);
    }
    logger.log(`Command line control socket at ${path}`);
    return new ControlServer(server, path);
  }

  /** Stops taking commands, lets the running ones finish, and removes the socket. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    await closed;
  }
}

class ControlHandler {
  constructor(
    private readonly ops: TrackerOperations,
    private readonly logger: Logger,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The command line went away: the streams reading and writing these see it; nothing to tell it.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://control.sock');
    const command = (Object.keys(CONTROL_ROUTES) as ControlCommand[]).find(
      (c) => CONTROL_ROUTES[c].method === req.method && CONTROL_ROUTES[c].path === url.pathname,
    );
    try {
      if (!command) {
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          `This API does not know the command ${req.method} ${url.pathname}: the command line and the running API are different versions. Restart the API.`,
        );
      }
      this.logger.log(`Command line: ${CONTROL_ROUTES[command].label}`);
      switch (command) {
        case 'migrate':
          return sendJson(res, 200, await this.ops.migrate());
        case 'seed':
          return sendJson(res, 200, await this.ops.seed());
        case 'listKeys':
          return sendJson(res, 200, await this.ops.listKeys());
        case 'createKey': {
          const body = await readJson(req);
          return sendJson(
            res,
            200,
            await this.ops.createKey(stringField(body, 'name'), stringField(body, 'role')),
          );
        }
        case 'revokeKey': {
          const body = await readJson(req);
          return sendJson(res, 200, await this.ops.revokeKey(stringField(body, 'idOrPrefix')));
        }
        case 'importActions':
          return await this.importActions(req, res, url);
        case 'exportData':
          return await this.exportData(req, res);
        default: {
          const unreachable: never = command;
          throw new Error(`unhandled command ${String(unreachable)}`);
        }
      }
    } catch (err) {
      this.logFailure(command, err);
      if (res.headersSent) res.destroy();
      else
        sendJson(res, err instanceof DomainError ? httpStatusOf(err.code) : 500, {
          error: controlError(err),
        });
    } finally {
      // A body the command did not read (a refusal before it) is drained, so the answer arrives.
      if (!req.readableEnded) req.resume();
    }
  }

  /** The CSV body streams into the import; progress and the report come back as JSON lines. */
  private async importActions(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const dryRun = url.searchParams.get('dryRun') ?? 'false';
    if (dryRun !== 'true' && dryRun !== 'false')
      throw DomainError.badInput('dryRun', 'dryRun is true or false');
    const officerMatch = checkOfficerMatch(url.searchParams.get('officerMatch') ?? undefined);
    if ((req.headers['content-type'] ?? '').split(';')[0].trim() !== 'text/csv') {
      throw DomainError.badInput('Content-Type', 'Send the file as a text/csv body');
    }
    const size = Number(req.headers['content-length'] ?? 0);
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const line = (event: object) => {
      if (!res.destroyed) res.write(`${JSON.stringify(event)}\n`);
    };
    let pending: ImportProgress | undefined;
    let sentAt = 0;
    const flush = () => {
      if (pending) line({ progress: pending });
      pending = undefined;
      sentAt = Date.now();
    };
    try {
      const report = await this.ops.importActions(req, {
        dryRun: dryRun === 'true',
        officerMatch,
        size: Number.isFinite(size) ? size : 0,
        onProgress: (progress) => {
          pending = progress;
          if (Date.now() - sentAt >= PROGRESS_INTERVAL_MS) flush();
        },
      });
      flush();
      line({ report });
    } catch (err) {
      this.logFailure('importActions', err);
      flush();
      line({ error: controlError(err) });
    }
    res.end();
  }

  /** The download streams back as the body; a failure after the first byte travels in a trailer. */
  private async exportData(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    checkExportRequest(body);
    const request: ExportRequest = {
      what: body.what as ExportRequest['what'],
      format: body.format as ExportRequest['format'],
      internal: body.internal === true,
      query: exportQuery(body.query),
      groupBy: optionalStrings(body.groupBy, 'groupBy'),
    };
    const stream = await this.ops.exportData(request);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      trailer: EXPORT_ERROR_TRAILER,
    });
    try {
      await pipeline(stream, res, { end: false });
    } catch (err) {
      if (res.destroyed) return; // the command line went away; the pipeline closed the export's cursor
      this.logFailure('exportData', err);
      res.addTrailers({
        [EXPORT_ERROR_TRAILER]: encodeURIComponent(JSON.stringify(controlError(err))),
      });
    }
    res.end();
  }

  /** Refusals are answers; anything else is a fault worth its stack in the API's log. */
  private logFailure(command: ControlCommand | undefined, err: unknown): void {
    if (err instanceof DomainError) return;
    this.logger.error(
      `Command line: ${command ? CONTROL_ROUTES[command].label : 'a command'} failed: ${(err as Error)?.message ?? String(err)}`,
      (err as Error)?.stack,
    );
  }
}

export function controlError(err: unknown): ControlError {
  if (err instanceof DomainError)
    return { code: err.code, message: err.message, details: err.details };
  return { message: err instanceof Error ? err.message : String(err) };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if ((req.headers['content-type'] ?? '').split(';')[0].trim() !== 'application/json') {
    throw DomainError.badInput('Content-Type', 'Send the command as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CONTROL_JSON_BYTES)
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'The command is too large');
    chunks.push(chunk);
  }
  // Decoded whole: a character split between two chunks stays one character.
  const text = Buffer.concat(chunks).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw DomainError.badInput('body', 'The command is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw DomainError.badInput('body', 'The command is a JSON object');
  return parsed as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string') throw DomainError.badInput(field, `${field} is a string`);
  return value;
}

function optionalStrings(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw DomainError.badInput(field, `${field} is a list of strings`);
  return value as string[];
}

function exportQuery(value: unknown): ExportQuery {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw DomainError.badInput('query', 'query is an object');
  const query: ExportQuery = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') query[name] = v;
    else query[name] = optionalStrings(v, name);
  }
  return query;
}
