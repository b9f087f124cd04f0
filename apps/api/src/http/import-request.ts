import type { Request } from 'express';
import { DomainError, ErrorCode } from '@app/core';
import { MAX_IMPORT_BYTES } from '@app/domain';

/** Checks an import request before its body is read: content type, parameters, declared size. */
export function checkImportRequest(req: Request): { dryRun: boolean; maxBytes: number } {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'text/csv') {
    throw DomainError.badInput('Content-Type', 'Send the file as the request body with Content-Type: text/csv (UTF-8)');
  }
  for (const name of Object.keys(req.query)) {
    if (name !== 'dryRun') throw DomainError.badInput(name, `Unknown parameter "${name}": the only parameter is dryRun`);
  }
  const raw = req.query.dryRun;
  if (raw !== undefined && raw !== 'true' && raw !== 'false') throw DomainError.badInput('dryRun', 'dryRun is true or false');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_IMPORT_BYTES) {
    throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than the limit of ${MAX_IMPORT_BYTES} bytes; split it`, {
      field: 'file',
      maxBytes: MAX_IMPORT_BYTES,
    });
  }
  return { dryRun: raw === 'true', maxBytes: MAX_IMPORT_BYTES };
}
