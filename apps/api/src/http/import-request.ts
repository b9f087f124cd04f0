import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '@app/core';
import { MAX_IMPORT_BYTES, OFFICER_MATCH_MODES, type OfficerMatch } from '@app/domain';

/** Checks an import request before its body is read: content type, parameters, declared size. */
export function checkImportRequest(req: Request): {
  dryRun: boolean;
  maxBytes: number;
  officerMatch: OfficerMatch;
} {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'text/csv') {
    throw DomainError.badInput(
      'Content-Type',
      'Send the file as the request body with Content-Type: text/csv (UTF-8)',
    );
  }
  for (const name of Object.keys(req.query)) {
    if (name !== 'dryRun' && name !== 'officerMatch')
      throw DomainError.badInput(
        name,
        `Unknown parameter "${name}": the parameters are dryRun and officerMatch`,
      );
  }
  const officerMatch = checkOfficerMatch(req.query.officerMatch);
  const raw = req.query.dryRun;
  if (raw !== undefined && raw !== 'true' && raw !== 'false')
    throw DomainError.badInput('dryRun', 'dryRun is true or false');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_IMPORT_BYTES) {
    throw new DomainError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The file is larger than the limit of ${MAX_IMPORT_BYTES} bytes; split it`,
      {
        field: 'file',
        maxBytes: MAX_IMPORT_BYTES,
      },
    );
  }
  return { dryRun: raw === 'true', maxBytes: MAX_IMPORT_BYTES, officerMatch };
}

/** The `officerMatch` parameter of an import (default `fail-on-ambiguous`). */
export function checkOfficerMatch(raw: unknown): OfficerMatch {
  if (raw === undefined || raw === null) return 'fail-on-ambiguous';
  if (typeof raw !== 'string' || !(OFFICER_MATCH_MODES as readonly string[]).includes(raw)) {
    throw DomainError.badInput(
      'officerMatch',
      `officerMatch is one of ${OFFICER_MATCH_MODES.join(', ')}`,
    );
  }
  return raw as OfficerMatch;
}

/**
 * The request body written to a temporary file before the import opens its transaction: a client
 * that uploads slowly (or stalls) then holds no database connection, which on the embedded database
 * would block every other request. Refused past `maxBytes`; an upload silent for `idleMs` is cut.
 * The file is removed by the returned `remove`.
 */
export async function spoolBody(
  req: Request,
  maxBytes: number,
  idleMs: number,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pdt-import-'));
  const path = join(dir, 'upload.csv');
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(
          new DomainError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            `The file is larger than the limit of ${maxBytes} bytes; split it`,
            { field: 'file', maxBytes },
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  const idle = () =>
    req.destroy(
      new DomainError(ErrorCode.BAD_USER_INPUT, `The upload stalled for ${idleMs} ms and was cut`, {
        field: 'file',
      }),
    );
  const socket = req.socket;
  socket.setTimeout(idleMs, idle);
  try {
    await pipeline(req, limit, createWriteStream(path));
    return { path, remove };
  } catch (err) {
    await remove();
    throw err;
  } finally {
    socket.setTimeout(0);
    socket.off('timeout', idle);
  }
}
