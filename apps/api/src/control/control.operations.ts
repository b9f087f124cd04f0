import type { INestApplicationContext } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DATABASE_RUNTIME, runMigrationsLocked, type DatabaseRuntime } from '@app/core';
import {
  ANONYMOUS,
  ApiKeyService,
  ExportService,
  ImportService,
  MAX_IMPORT_BYTES,
  SeedService,
  type ApiKeyEntity,
  type ExportDownload,
  type ImportReport,
  type SeedResult,
  type Viewer,
} from '@app/domain';
import {
  checkExportRequest,
  checkRole,
  migrationNames,
  type ExportRequest,
  type ImportRequest,
  type KeyInfo,
  type MigrateResult,
  type RevokeResult,
  type TrackerOperations,
} from './control.protocol.js';

/** Whoever runs the CLI operates the database: an admin, named "cli" in the edit history. */
export const CLI_OPERATOR: Viewer = { role: 'ADMIN', keyName: 'cli' };

export function keyInfo(e: ApiKeyEntity): KeyInfo {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: e.id,
    name: e.name,
    role: e.role,
    prefix: e.prefix,
    createdAt: e.createdAt.toISOString(),
    lastUsedAt: iso(e.lastUsedAt),
    revokedAt: iso(e.revokedAt),
  };
}

/** The operations on a database opened by this process (the CLI's own context, or the API's). */
export class InProcessOperations implements TrackerOperations {
  /** `appliedAtOpen`: migrations applied when the context opened the database (the CLI opens it migrating). */
  constructor(
    private readonly ctx: INestApplicationContext,
    private readonly appliedAtOpen: string[] = [],
  ) {}

  async migrate(): Promise<MigrateResult> {
    const runtime = this.ctx.get<DatabaseRuntime>(DATABASE_RUNTIME);
    const applied = await runMigrationsLocked(runtime.dataSource, runtime.serverUrl);
    return {
      applied: [...this.appliedAtOpen, ...applied],
      known: migrationNames(runtime.dataSource.migrations),
    };
  }

  seed(): Promise<SeedResult> {
    return this.ctx.get(SeedService).seedCambojaReport();
  }

  async createKey(name: string, role: string): Promise<{ key: string; record: KeyInfo }> {
    const { key, record } = await this.ctx.get(ApiKeyService).create(name, checkRole(role));
    return { key, record: keyInfo(record) };
  }

  async listKeys(): Promise<KeyInfo[]> {
    return (await this.ctx.get(ApiKeyService).list()).map(keyInfo);
  }

  async revokeKey(idOrPrefix: string): Promise<RevokeResult> {
    const { key, alreadyRevoked } = await this.ctx.get(ApiKeyService).revoke(idOrPrefix);
    return { key: keyInfo(key), alreadyRevoked };
  }

  importActions(file: Readable, options: ImportRequest): Promise<ImportReport> {
    return this.ctx.get(ImportService).importActions(file, {
      dryRun: options.dryRun,
      officerMatch: options.officerMatch,
      viewer: CLI_OPERATOR,
      // The operator's own file: no upload limit, only the row limit.
      maxBytes: Math.max(MAX_IMPORT_BYTES, options.size),
      // The reading phase's share of the bar grows with the bytes read of this many.
      size: options.size,
      onProgress: options.onProgress,
    });
  }

  async exportData(request: ExportRequest): Promise<Readable> {
    checkExportRequest(request);
    const exports = this.ctx.get(ExportService);
    const viewer = request.internal ? CLI_OPERATOR : ANONYMOUS;
    let download: ExportDownload;
    if (request.what === 'figures') download = exports.figuresCsv(request.query, viewer);
    else if (request.what === 'tally') {
      download = await exports.tally(
        await exports.filterFrom(request.query),
        exports.groupByFrom({ groupBy: request.groupBy }),
        viewer,
        request.format === 'xlsx' ? 'xlsx' : 'csv',
      );
    } else
      download = await exports.actions(
        await exports.filterFrom(request.query),
        viewer,
        request.format,
      );
    return download.body;
  }
}
