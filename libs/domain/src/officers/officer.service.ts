import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import { OfficerRepository, type OfficerFields } from './officer.repository.js';
import type { OfficerEntity } from './officer.entity.js';
import {
  checkPageSize,
  decodeCursor,
  toPage,
  type Page,
  type PageRequest,
  type Patch,
} from '../common/pagination.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { ANONYMOUS, actorName, type Viewer } from '../common/viewer.js';
import { visibilityOf } from '../access/visibility.js';

// Writes without a caller (seed, import) read back what they wrote.
const SYSTEM: Viewer = { role: 'ADMIN', keyName: 'system' };

export type CreateOfficerCommand = Patch<OfficerFields> & { fullName: string };
export type UpdateOfficerCommand = Patch<OfficerFields> & { id: string; expectedVersion: number };

const SEARCH_CURSOR = /^s1:(0|1|0\.[0-9]{1,4}|1\.0+):([1-9][0-9]{0,17})$/;

@Injectable()
export class OfficerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
  ) {}

  /**
   * An officer named in no PUBLIC action does not exist for callers who may not see INTERNAL ones.
   * The id of a merged officer answers the survivor it was merged into.
   */
  async getById(id: string, viewer: Viewer = ANONYMOUS): Promise<OfficerEntity> {
    const officer = await this.officers.getResolved(
      checkId(id),
      visibilityOf(viewer).officerSql('o'),
    );
    if (!officer) throw DomainError.notFound('Officer', id);
    return officer;
  }

  getByIds(ids: readonly string[]): Promise<OfficerEntity[]> {
    return this.officers.getByIds(ids);
  }

  async list(
    page: PageRequest,
    search: string | null | undefined,
    viewer: Viewer,
  ): Promise<Page<OfficerEntity>> {
    const limit = checkPageSize(page.first);
    const visible = visibilityOf(viewer).officerSql('o');
    if (search === undefined || search === null) {
      return toPage(await this.officers.listPage(limit, decodeCursor(page.after), visible), limit);
    }
    const query = search.trim();
    if (query.length === 0) throw DomainError.badInput('search', 'search must not be empty');
    let after: { score: number; seq: string } | undefined;
    if (page.after) {
      const m = SEARCH_CURSOR.exec(Buffer.from(page.after, 'base64url').toString('utf8'));
      if (!m)
        throw DomainError.badInput(
          'after',
          'The cursor is not valid: use a cursor from this search',
        );
      after = { score: Number(m[1]), seq: m[2] };
    }
    const rows = await this.officers.search(query, limit, after, visible);
    const hasNextPage = rows.length > limit;
    const items = rows.slice(0, limit);
    return {
      items,
      hasNextPage,
      cursors: items.map((r) => Buffer.from(`s1:${r.score ?? 0}:${r.seq}`).toString('base64url')),
    };
  }

  count(search: string | null | undefined, viewer: Viewer): Promise<number> {
    return this.officers.count(search?.trim() || undefined, visibilityOf(viewer).officerSql('o'));
  }

  async create(command: CreateOfficerCommand, viewer?: Viewer): Promise<OfficerEntity> {
    const id = await inTransaction(
      this.dataSource,
      (m) =>
        this.officers.insert(m, {
          fullName: command.fullName,
          fullNameKm: command.fullNameKm ?? null,
          aliases: command.aliases ?? [],
          gender: command.gender ?? null,
          notes: command.notes ?? null,
        }),
      {},
      { actor: viewer && actorName(viewer) },
    );
    return this.getById(id, viewer ?? SYSTEM);
  }

  async update(command: UpdateOfficerCommand, viewer?: Viewer): Promise<OfficerEntity> {
    const id = checkId(command.id);
    const { id: _id, expectedVersion, ...patch } = command;
    if (patch.fullName === null)
      throw DomainError.badInput('fullName', 'fullName cannot be removed');
    const fields = {
      ...patch,
      fullName: patch.fullName ?? undefined,
      aliases: patch.aliases === null ? [] : patch.aliases,
    };
    await inTransaction(
      this.dataSource,
      async (m) => {
        // A merged officer is edited through its survivor (its own row is what a split gives back).
        const mergedInto = await this.officers.mergedInto(m, id);
        if (mergedInto) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            `Officer ${id} was merged into ${mergedInto}: edit that officer, or split them first`,
            {
              field: 'id',
              mergedInto,
            },
          );
        }
        return this.officers.update(m, id, expectedVersion, fields);
      },
      {},
      { actor: viewer && actorName(viewer) },
    );
    return this.getById(id, viewer ?? SYSTEM);
  }
}
