import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/core';
import { SOURCE_CONSTRAINTS, SourceRepository, type SourceFields } from './source.repository.js';
import type { SourceEntity } from './source.entity.js';
import {
  checkPageSize,
  decodeCursor,
  toPage,
  type Page,
  type PageRequest,
  type Patch,
} from '../common/pagination.js';
import { inTransaction } from '../common/transaction.js';
import { checkHttpUrl } from '../common/url.js';
import { checkId } from '../common/uuid.js';
import { actorName, type Viewer } from '../common/viewer.js';
import { visibilityOf } from '../access/visibility.js';

export type CreateSourceCommand = Patch<SourceFields> & { title: string; publisher: string };
export type UpdateSourceCommand = Patch<SourceFields> & { id: string; expectedVersion: number };

@Injectable()
export class SourceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: SourceRepository,
  ) {}

  /** Confidential sources exist for everyone (citations point at them) but show no identifying field to anonymous callers. */
  async getById(id: string): Promise<SourceEntity> {
    const [source] = await this.sources.getByIds([checkId(id)]);
    if (!source) throw DomainError.notFound('Source', id);
    return source;
  }

  getByIds(ids: readonly string[]): Promise<SourceEntity[]> {
    return this.sources.getByIds(ids);
  }

  async list(page: PageRequest, viewer: Viewer): Promise<Page<SourceEntity>> {
    const limit = checkPageSize(page.first);
    return toPage(
      await this.sources.listPage(limit, decodeCursor(page.after), visibilityOf(viewer).seesAll),
      limit,
    );
  }

  count(viewer: Viewer): Promise<number> {
    return this.sources.count(visibilityOf(viewer).seesAll);
  }

  async create(command: CreateSourceCommand, viewer?: Viewer): Promise<SourceEntity> {
    checkHttpUrl(command.url, 'url');
    checkHttpUrl(command.archiveUrl, 'archiveUrl');
    const id = await inTransaction(
      this.dataSource,
      (m) =>
        this.sources.insert(m, {
          title: command.title,
          publisher: command.publisher,
          url: command.url ?? null,
          publishedOn: command.publishedOn ?? null,
          language: command.language ?? null,
          kind: command.kind ?? 'OTHER',
          archiveUrl: command.archiveUrl ?? null,
          accessedOn: command.accessedOn ?? null,
          confidential: command.confidential ?? false,
          notes: command.notes ?? null,
        }),
      SOURCE_CONSTRAINTS,
      { actor: viewer && actorName(viewer) },
    );
    return this.getById(id);
  }

  async update(command: UpdateSourceCommand, viewer?: Viewer): Promise<SourceEntity> {
    const id = checkId(command.id);
    const { id: _id, expectedVersion, ...patch } = command;
    for (const required of ['title', 'publisher', 'kind', 'confidential'] as const) {
      if (patch[required] === null)
        throw DomainError.badInput(required, `${required} cannot be removed`);
    }
    checkHttpUrl(patch.url, 'url');
    checkHttpUrl(patch.archiveUrl, 'archiveUrl');
    const fields = {
      ...patch,
      title: patch.title ?? undefined,
      publisher: patch.publisher ?? undefined,
      kind: patch.kind ?? undefined,
      confidential: patch.confidential ?? undefined,
    };
    await inTransaction(
      this.dataSource,
      (m) => this.sources.update(m, id, expectedVersion, fields),
      SOURCE_CONSTRAINTS,
      {
        actor: viewer && actorName(viewer),
      },
    );
    return this.getById(id);
  }
}
