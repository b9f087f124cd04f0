import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  checkControlSocket,
  controlSocketPath,
  DataDirLockedError,
  dataDirOwner,
  DomainError,
  ErrorCode,
  unsafeDirectoryReason,
} from '@app/core';
import type { ImportProgress, ImportReport, SeedResult } from '@app/domain';
import type {
  ExportRequest,
  ImportRequest,
  KeyInfo,
  MigrateResult,
  RevokeResult,
  TrackerOperations,
} from '../../../api/src/control/control.protocol.js';
import {
  CONTROL_ROUTES,
  EXPORT_ERROR_TRAILER,
  type ControlCommand,
  type ControlError,
} from '../../../api/src/control/control.protocol.js';

/**
 * The command line's end of the control channel (protocol in apps/api/src/control/control.protocol.ts).
 * Used when the embedded database's directory is held by a running API: the command goes to that
 * process over its socket instead of opening the database here.
 */
export class RemoteOperations implements TrackerOperations {
  constructor(
    private readonly socketPath: string,
    /** The API process serving the socket, for messages. */
    readonly pid: number,
  ) {}

  migrate(): Promise<MigrateResult> {
    return this.json('migrate');
  }

  seed(): Promise<SeedResult> {
    return this.json('seed');
  }

  createKey(name: string, role: string): Promise<{ key: string; record: KeyInfo }> {
    return this.json('createKey', { name, role });
  }

  listKeys(): Promise<KeyInfo[]> {
    return this.json('listKeys');
  }

  revokeKey(idOrPrefix: string): Promise<RevokeResult> {
    return this.json('revokeKey', { idOrPrefix });
  }

  /** Streams the file to the API and follows its progress lines to the report (or the error). */
  async importActions(file: Readable, options: ImportRequest): Promise<ImportReport> {
    const route = CONTROL_ROUTES.importActions;
    const req = this.open(
      'importActions',
      `${route.path}?dryRun=${options.dryRun}${options.officerMatch ? `&officerMatch=${options.officerMatch}` : ''}`,
      {
        'content-type': 'text/csv',
        'content-length': options.size,
      },
    );
    // The upload runs beside the answer: the API answers (progress lines) while the file is still being sent.
    const upload = pipeline(file, req).catch((err: unknown) => err);
    const res = await this.response(req);
    if (res.statusCode !== 200)
      throw toError(await readJson<{ error: ControlError }>(res), res.statusCode);
    let outcome: { report: ImportReport } | { error: ControlError } | undefined;
    for await (const line of createInterface({ input: res, crlfDelay: Infinity })) {
      if (!line) continue;
      const event = JSON.parse(line) as {
        progress?: ImportProgress;
        report?: ImportReport;
        error?: ControlError;
      };
      if (event.progress) options.onProgress?.(event.progress);
      else if (event.report) outcome = { report: event.report };
      else if (event.error) outcome = { error: event.error };
    }
    if (!outcome || 'error' in outcome) {
      // Refused (or lost): stop sending the rest of the file.
      file.destroy();
      req.destroy();
      throw outcome ? toError({ error: outcome.error }) : this.lost();
    }
    // The answer came after the API read the whole file, so the upload has ended; a failure here is the API's to report.
    await upload;
    return outcome.report;
  }

  /** The download, streamed from the API; its end checks the trailer, so a failure midway fails the command. */
  async exportData(request: ExportRequest): Promise<Readable> {
    const res = await this.send('exportData', request);
    if (res.statusCode !== 200)
      throw toError(await readJson<{ error: ControlError }>(res), res.statusCode);
    const lost = () => this.lost();
    async function* body(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of res) yield chunk as Buffer;
      } catch {
        throw lost();
      }
      const failure = res.trailers[EXPORT_ERROR_TRAILER];
      if (failure)
        throw toError({ error: JSON.parse(decodeURIComponent(failure)) as ControlError });
    }
    return Readable.from(body(), { objectMode: false });
  }

  private async json<T>(command: ControlCommand, body?: unknown): Promise<T> {
    const res = await this.send(command, body);
    const parsed = await readJson<T & { error?: ControlError }>(res);
    if (res.statusCode !== 200) throw toError(parsed as { error: ControlError }, res.statusCode);
    return parsed;
  }

  private async send(command: ControlCommand, body?: unknown): Promise<IncomingMessage> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: OutgoingHttpHeaders =
      text === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
    const req = this.open(command, CONTROL_ROUTES[command].path, headers);
    req.end(text);
    return this.response(req);
  }

  private open(command: ControlCommand, path: string, headers: OutgoingHttpHeaders) {
    return httpRequest({
      socketPath: this.socketPath,
      method: CONTROL_ROUTES[command].method,
      path,
      headers: { ...headers, connection: 'close' },
    });
  }

  private async response(req: ReturnType<typeof httpRequest>): Promise<IncomingMessage> {
    try {
      const [res] = (await once(req, 'response')) as [IncomingMessage];
      return res;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ECONNREFUSED' || code === 'ENOENT') {
        throw new DataDirLockedError(
          `The embedded database is held by process ${this.pid}, which does not answer on ${this.socketPath} (${code}): ` +
            'if the API is stopping, run the command again once it has stopped.',
        );
      }
      throw this.lost(err);
    }
  }

  private lost(cause?: unknown): Error {
    const why = cause instanceof Error ? ` (${cause.message})` : '';
    return new Error(
      `The connection to the API (process ${this.pid}) was lost before the command finished${why}; see the API's log.`,
    );
  }
}

/**
 * The running API to send commands to, when the embedded database in `dataDir` is held by one;
 * undefined when the directory is free (the command opens the database itself). A directory held
 * by a process without a trustworthy control socket is refused with what to do.
 */
export function runningApi(dataDir: string): RemoteOperations | undefined {
  const owner = dataDirOwner(dataDir);
  if (!owner || owner.pid === process.pid) return undefined;
  const path = controlSocketPath(dataDir);
  const unsafe = unsafeDirectoryReason(dataDir);
  const check = checkControlSocket(path);
  if (!unsafe && check.ok) return new RemoteOperations(path, owner.pid);
  if (!unsafe && !check.ok && check.missing) {
    throw new DataDirLockedError(
      `The embedded database in ${dataDir} is in use by process ${owner.pid}, which takes no commands ` +
        '(another command still running, or an API still starting). Wait for it to finish and run the command again, or stop that process.',
    );
  }
  throw new DataDirLockedError(
    `The embedded database in ${dataDir} is in use by process ${owner.pid}, and its control socket is not safe to use: ` +
      `${unsafe ?? (check.ok ? '' : check.reason)}. Stop that process to run the command directly.`,
  );
}

async function readJson<T>(res: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
  // Decoded whole: a character split between two chunks stays one character.
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(
      `The API answered ${res.statusCode} with something other than JSON: is the command line of another version?`,
    );
  }
}

/** The error the command would have thrown in this process: a domain error keeps its code and details. */
function toError(body: { error?: ControlError }, status?: number): Error {
  const e = body.error;
  if (!e) return new Error(`The API answered ${status ?? ''} without an error`);
  if (e.code && (Object.values(ErrorCode) as string[]).includes(e.code))
    return new DomainError(e.code as ErrorCode, e.message, e.details ?? {});
  return new Error(e.message);
}
