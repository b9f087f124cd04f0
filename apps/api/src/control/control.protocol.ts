import type { Readable } from 'node:stream';
import type { MigrationInterface } from 'typeorm';
import { DomainError } from '@app/core';
import type {
  ExportQuery,
  ImportProgress,
  ImportReport,
  OfficerMatch,
  Role,
  SeedResult,
} from '@app/domain';

/**
 * The control channel's protocol: HTTP/1.1 over the Unix socket `<DATA_DIR>/control.sock`, one
 * request per command (the client sends `Connection: close`), JSON in and out. Versioned by the
 * path: a command line of another version gets 404 and says so.
 *
 * | command        | request                                                  | answer (200)                                 |
 * |----------------|----------------------------------------------------------|----------------------------------------------|
 * | migrate        | `POST /v1/migrate`                                       | `MigrateResult`                              |
 * | seed           | `POST /v1/seed`                                          | `SeedResult`                                 |
 * | keys create    | `POST /v1/keys` `{ name, role }`                         | `{ key, record: KeyInfo }`                   |
 * | keys list      | `GET /v1/keys`                                           | `KeyInfo[]`                                  |
 * | keys revoke    | `POST /v1/keys/revoke` `{ idOrPrefix }`                  | `RevokeResult`                               |
 * | import         | `POST /v1/imports/actions?dryRun=true\|false[&officerMatch=exact\|create\|fail-on-ambiguous]`, the CSV file as a `text/csv` body with its `Content-Length` | newline-delimited JSON (`application/x-ndjson`): `{"progress":{"bytes","rows"}}` lines as the file is read, then one `{"report": ImportReport}` or `{"error": ...}` line |
 * | export         | `POST /v1/exports` `ExportRequest`                       | the file, streamed (chunked); a failure after the first byte comes in the `X-Control-Error` trailer (URI-encoded JSON of the error) |
 *
 * A refused command answers with the status of its error code (400, 404, ...; 500 for an
 * unexpected failure) and `{ "error": { "code", "message", "details" } }`: the command line turns
 * it back into the same error it would have thrown in its own process.
 */
export const CONTROL_ROUTES = {
  migrate: { method: 'POST', path: '/v1/migrate', label: 'migrate' },
  seed: { method: 'POST', path: '/v1/seed', label: 'seed' },
  createKey: { method: 'POST', path: '/v1/keys', label: 'keys create' },
  listKeys: { method: 'GET', path: '/v1/keys', label: 'keys list' },
  revokeKey: { method: 'POST', path: '/v1/keys/revoke', label: 'keys revoke' },
  importActions: { method: 'POST', path: '/v1/imports/actions', label: 'import' },
  exportData: { method: 'POST', path: '/v1/exports', label: 'export' },
} as const;

export type ControlCommand = keyof typeof CONTROL_ROUTES;

/** The error of a refused command (and of an `{"error"}` import line, and the export trailer). */
export interface ControlError {
  /** A domain error code (`BAD_USER_INPUT`, `NOT_FOUND`, ...); absent for an unexpected failure. */
  code?: string;
  message: string;
  details?: Record<string, unknown>;
}

export const EXPORT_ERROR_TRAILER = 'x-control-error';

// 64 KiB of JSON: a command's arguments (a key name, export filters) are a few hundred bytes.
export const MAX_CONTROL_JSON_BYTES = 64 * 1024;

// Progress lines of an import at most every 100 ms: a progress bar redraws no faster, and a large
// file's parser reports every 64 KiB chunk.
export const PROGRESS_INTERVAL_MS = 100;

/**
 * What the command line does to the database, as one interface with two implementations: in this
 * process (`InProcessOperations`, over a Nest context that opened the database), or through the
 * control socket of the API process that holds the embedded database (`RemoteOperations` in
 * apps/cli, served by `ControlServer`, which runs `InProcessOperations` in the API). The commands
 * print the same results either way.
 */
export interface TrackerOperations {
  migrate(): Promise<MigrateResult>;
  seed(): Promise<SeedResult>;
  /** `role`: READER, EDITOR or ADMIN (BAD_USER_INPUT otherwise). */
  createKey(name: string, role: string): Promise<{ key: string; record: KeyInfo }>;
  listKeys(): Promise<KeyInfo[]>;
  revokeKey(idOrPrefix: string): Promise<RevokeResult>;
  /** Imports a CSV file; `size` (bytes) lifts the upload limit for a file the operator chose. */
  importActions(file: Readable, options: ImportRequest): Promise<ImportReport>;
  /** Starts a download (checked first: a bad request fails before any byte). */
  exportData(request: ExportRequest): Promise<Readable>;
}

export interface MigrateResult {
  /** Migrations applied by this run. */
  applied: string[];
  /** Every migration the database's process knows (for a version check by the command line). */
  known: string[];
}

/** An API key as the command line shows it (never its secret or hash). */
export interface KeyInfo {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface RevokeResult {
  key: KeyInfo;
  /** The key had been revoked before: nothing changed. */
  alreadyRevoked: boolean;
}

export interface ImportRequest {
  dryRun: boolean;
  /** How officer names are matched (default `fail-on-ambiguous`). */
  officerMatch?: OfficerMatch;
  size: number;
  onProgress?: (progress: ImportProgress) => void;
}

export const EXPORT_KINDS = ['actions', 'tally', 'figures'] as const;
export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;

export interface ExportRequest {
  what: (typeof EXPORT_KINDS)[number];
  format: (typeof EXPORT_FORMATS)[number];
  /** INTERNAL records and confidential sources, as an editor sees them. */
  internal: boolean;
  /** The filters of /exports (`province`, `from`, ...). */
  query: ExportQuery;
  /** tally dimensions. */
  groupBy?: string[];
}

/** Checks an export request before anything is opened; BAD_USER_INPUT names the option. */
export function checkExportRequest(request: { what?: unknown; format?: unknown }): void {
  if (!(EXPORT_KINDS as readonly unknown[]).includes(request.what))
    throw DomainError.badInput('what', 'export actions, tally or figures');
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(request.format))
    throw DomainError.badInput('format', 'the format is csv, json or xlsx');
  if (request.format === 'json' && request.what !== 'actions') {
    throw DomainError.badInput(
      'format',
      'JSON is available for actions; tally and figures are CSV',
    );
  }
  if (request.format === 'xlsx' && request.what === 'figures') {
    throw DomainError.badInput(
      'format',
      'XLSX is available for actions and tally; figures are CSV',
    );
  }
}

// The roles by name, for a check before anything loads (the command line's start-up time).
const ROLE_NAMES = ['READER', 'EDITOR', 'ADMIN'] as const satisfies readonly Role[];
// Compiles only while ROLE_NAMES lists every Role.
const EVERY_ROLE: Exclude<Role, (typeof ROLE_NAMES)[number]> extends never ? true : never = true;

export function checkRole(role: string): Role {
  if (!EVERY_ROLE || !(ROLE_NAMES as readonly string[]).includes(role))
    throw DomainError.badInput('role', `--role must be one of ${ROLE_NAMES.join(', ')}`);
  return role as Role;
}

/** The names TypeORM records for migrations (`name`, else the class name). */
export function migrationNames(migrations: readonly MigrationInterface[]): string[] {
  return migrations.map((m) => m.name ?? m.constructor.name);
}
