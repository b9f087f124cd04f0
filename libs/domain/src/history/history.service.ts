import { Injectable } from '@nestjs/common';
import {
  checkPageSize,
  decodeCursor,
  toPage,
  type Page,
  type PageRequest,
} from '../common/pagination.js';
import type { Viewer } from '../common/viewer.js';
import { HistoryRepository, type ChangeRow, type HistoryEntityType } from './history.repository.js';
import { citationsOf, visibilityOf } from '../access/visibility.js';

export interface ChangesQuery {
  since?: Date | null;
  entityType?: HistoryEntityType | null;
}

/**
 * The edit history as callers may see it. Editors and admins see every entry as written.
 * Others never see INTERNAL actions (an entry's INTERNAL side is withheld, entries with no public
 * side are left out) nor what identifies a confidential source, now or in the past: its fields,
 * and the excerpts and locators of citations and figures that quote it.
 */
@Injectable()
export class HistoryService {
  constructor(private readonly history: HistoryRepository) {}

  /** The history of each record, in the order of `keys` (for a DataLoader). */
  async historyOf(
    keys: readonly { entityType: HistoryEntityType; entityId: string }[],
    viewer: Viewer,
  ): Promise<ChangeRow[][]> {
    const rows = await this.redact(await this.history.forEntities(keys), viewer);
    const byKey = new Map<string, ChangeRow[]>();
    for (const row of rows) {
      const key = `${row.entityType}:${row.entityId}`;
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((k) => byKey.get(`${k.entityType}:${k.entityId}`) ?? []);
  }

  /** What changed, oldest first, deletions and retractions included; a keyset cursor on the entry id. */
  async changes(query: ChangesQuery, page: PageRequest, viewer: Viewer): Promise<Page<ChangeRow>> {
    const limit = checkPageSize(page.first);
    const rows = (await this.history.feed({
      ...query,
      afterId: decodeCursor(page.after),
      limit,
      includeInternal: visibilityOf(viewer).seesAll,
    })) as ChangeRow[];
    const result = toPage(rows, limit);
    return { ...result, items: await this.redact(result.items, viewer) };
  }

  countChanges(query: ChangesQuery, viewer: Viewer): Promise<number> {
    return this.history.count({ ...query, includeInternal: visibilityOf(viewer).seesAll });
  }

  private async redact<T extends ChangeRow>(rows: T[], viewer: Viewer): Promise<T[]> {
    const visibility = visibilityOf(viewer);
    if (visibility.seesAll) return rows;
    const sourceIds = new Set<string>();
    for (const row of rows) {
      if (row.entityType === 'source') sourceIds.add(row.entityId);
      for (const side of [row.before, row.after]) {
        if (!side) continue;
        if (typeof side.source_id === 'string') sourceIds.add(side.source_id);
        for (const c of citationsOf(side)) sourceIds.add(c.source_id);
      }
    }
    const confidential = await this.history.confidentialSourceIds([...sourceIds]);
    const out: T[] = [];
    for (const row of rows) {
      const before = visibility.historySide(row.entityType, row.entityId, row.before, confidential);
      const after = visibility.historySide(row.entityType, row.entityId, row.after, confidential);
      if (row.entityType === 'disciplinary_action' && !before && !after) continue;
      out.push({ ...row, changedBy: visibility.actor(row.changedBy), before, after });
    }
    return out;
  }
}
