import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import { OfficerMergeRepository } from './officer-merge.repository.js';
import { OfficerService } from './officer.service.js';
import type { OfficerEntity } from './officer.entity.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { actorName, type Viewer } from '../common/viewer.js';

export interface MergeOfficersCommand {
  survivorId: string;
  mergedIds: string[];
  reason: string;
}

export interface SplitOfficerCommand {
  officerId: string;
  mergedId: string;
}

/** Officers merged at once, at most (a merge of more is almost certainly a mistake in a list). */
export const MAX_MERGED_OFFICERS = 20;

const key = (name: string) => name.trim().toLowerCase();

/** Every name of an officer: full name, Khmer name, aliases. */
function namesOf(o: OfficerEntity): string[] {
  return [o.fullName, o.fullNameKm, ...(o.aliases ?? [])].filter((n): n is string =>
    Boolean(n && n.trim()),
  );
}

/**
 * Merging officers (README "Merging officers"): one person entered as several officers becomes one.
 * The survivor takes the merged officers' actions and names; merged ids stay resolvable (they answer
 * the survivor); a split undoes one merge. Both are versioned records (`officer_merge`, and the
 * officers and actions they change), so `asRecordedAt` before a merge shows the officers apart.
 */
@Injectable()
export class OfficerMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly merges: OfficerMergeRepository,
    private readonly officers: OfficerService,
  ) {}

  async merge(command: MergeOfficersCommand, viewer: Viewer): Promise<OfficerEntity> {
    const survivorId = checkId(command.survivorId, 'survivorId').toLowerCase();
    const ids = command.mergedIds ?? [];
    if (ids.length === 0)
      throw DomainError.badInput(
        'mergedIds',
        'Name at least one officer to merge into the survivor',
      );
    if (ids.length > MAX_MERGED_OFFICERS) {
      throw DomainError.badInput(
        'mergedIds',
        `At most ${MAX_MERGED_OFFICERS} officers are merged at once (${ids.length} given)`,
        {
          max: MAX_MERGED_OFFICERS,
        },
      );
    }
    const mergedIds = ids.map((id, i) => checkId(id, `mergedIds.${i}`).toLowerCase());
    mergedIds.forEach((id, i) => {
      if (id === survivorId)
        throw DomainError.badInput(`mergedIds.${i}`, 'The survivor cannot be merged into itself');
      if (mergedIds.indexOf(id) !== i)
        throw DomainError.badInput(`mergedIds.${i}`, `Officer ${id} is listed twice`);
    });
    const reason = (command.reason ?? '').trim();
    if (!reason)
      throw DomainError.badInput('reason', 'Say why these officers are one person (reason)');

    await inTransaction(
      this.dataSource,
      async (m) => {
        const found = await this.merges.lock(m, [survivorId, ...mergedIds]);
        const survivor = found.get(survivorId);
        if (!survivor) throw DomainError.notFound('Officer', survivorId, 'survivorId');
        if (survivor.mergedInto) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            `Officer ${survivorId} was merged into ${survivor.mergedInto}: merge into that officer`,
            {
              field: 'survivorId',
              mergedInto: survivor.mergedInto,
            },
          );
        }
        const names = new Set(namesOf(survivor).map(key));
        const aliases = [...(survivor.aliases ?? [])];
        const merged: { id: string; movedAliases: string[] }[] = [];
        for (const [i, id] of mergedIds.entries()) {
          const officer = found.get(id);
          if (!officer) throw DomainError.notFound('Officer', id, `mergedIds.${i}`);
          if (officer.mergedInto) {
            throw new DomainError(
              ErrorCode.CONFLICT,
              `Officer ${id} was already merged into ${officer.mergedInto}`,
              {
                field: `mergedIds.${i}`,
                mergedInto: officer.mergedInto,
              },
            );
          }
          const moved: string[] = [];
          for (const name of namesOf(officer)) {
            if (names.has(key(name))) continue;
            names.add(key(name));
            moved.push(name.trim());
          }
          aliases.push(...moved);
          merged.push({ id, movedAliases: moved });
        }
        await this.merges.merge(m, survivorId, merged, aliases, reason);
      },
      {},
      { actor: actorName(viewer) },
    );
    return this.officers.getById(survivorId, viewer);
  }

  /** Undoes the merge of `mergedId` into `officerId`; answers the officer given back. */
  async split(command: SplitOfficerCommand, viewer: Viewer): Promise<OfficerEntity> {
    const officerId = checkId(command.officerId, 'officerId').toLowerCase();
    const mergedId = checkId(command.mergedId, 'mergedId').toLowerCase();
    await inTransaction(
      this.dataSource,
      async (m) => {
        const found = await this.merges.lock(m, [officerId, mergedId]);
        const officer = found.get(officerId);
        if (!officer) throw DomainError.notFound('Officer', officerId, 'officerId');
        if (!found.has(mergedId)) throw DomainError.notFound('Officer', mergedId, 'mergedId');
        const survivorId = officer.mergedInto ?? officerId;
        const merges = await this.merges.mergesInto(m, survivorId);
        const merge = merges.find((x) => x.mergedId === mergedId);
        if (!merge) {
          throw DomainError.badInput(
            'mergedId',
            `Officer ${mergedId} was not merged into ${survivorId} (see its mergedFrom)`,
            {
              survivorId,
            },
          );
        }
        const [survivor] =
          survivorId === officerId
            ? [officer]
            : [...(await this.merges.lock(m, [survivorId])).values()];
        // Names the other merges brought too stay with the survivor.
        const kept = new Set(
          merges.filter((x) => x.id !== merge.id).flatMap((x) => x.movedAliases.map(key)),
        );
        const leaving = new Set(merge.movedAliases.map(key).filter((k) => !kept.has(k)));
        const aliases = (survivor.aliases ?? []).filter((a) => !leaving.has(key(a)));
        await this.merges.split(m, merge, aliases);
      },
      {},
      { actor: actorName(viewer) },
    );
    return this.officers.getById(mergedId, viewer);
  }

  /** The ids merged into each officer (for `Officer.mergedFrom`), in the order of `ids`. */
  async mergedFrom(ids: readonly string[]): Promise<string[][]> {
    const map = await this.merges.mergedFrom(ids);
    return ids.map((id) => map.get(id) ?? []);
  }
}
