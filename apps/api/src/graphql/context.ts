import DataLoader from 'dataloader';
import type { Request } from 'express';
import {
  ActionService,
  HistoryService,
  OfficerService,
  ReportedFigureService,
  SourceService,
  type ChangeRow,
  type ActionParts,
  type CitationRow,
  type HistoryEntityType,
  type OfficerEntity,
  type ReportedFigureEntity,
  type SourceEntity,
  type Viewer,
} from '@app/domain';
import { ANONYMOUS } from '@app/domain';

/** Per-request batch loaders: a page of 100 actions costs one query per kind of related record. */
export interface Loaders {
  officer: DataLoader<string, OfficerEntity | null>;
  source: DataLoader<string, SourceEntity | null>;
  reasonCodes: DataLoader<string, string[]>;
  citations: DataLoader<string, CitationRow[]>;
  figure: DataLoader<string, ReportedFigureEntity | null>;
  figureChildren: DataLoader<string, ReportedFigureEntity[]>;
  /** Keyed `<entity type>:<id>`; entries already filtered for the viewer. */
  history: DataLoader<string, ChangeRow[]>;
}

export interface GqlContext {
  req: Request & { viewer?: Viewer };
  viewer: Viewer;
  loaders: Loaders;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

function grouped<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

export interface LoaderServices {
  officers: OfficerService;
  sources: SourceService;
  actions: ActionService;
  figures: ReportedFigureService;
  history: HistoryService;
}

export function createLoaders(s: LoaderServices, viewer: Viewer = ANONYMOUS): Loaders {
  return {
    officer: new DataLoader(async (ids) => byId(ids, await s.officers.getByIds(ids))),
    source: new DataLoader(async (ids) => byId(ids, await s.sources.getByIds(ids))),
    reasonCodes: new DataLoader(async (ids) =>
      grouped(ids, await s.actions.reasonCodesByActionIds(ids), (r) => r.actionId).map((rows) => rows.map((r) => r.reasonCode)),
    ),
    citations: new DataLoader(async (ids) => grouped(ids, await s.actions.citationsByActionIds(ids), (r) => r.actionId)),
    figure: new DataLoader(async (ids) => byId(ids, await s.figures.getByIds(ids))),
    figureChildren: new DataLoader(async (ids) => grouped(ids, await s.figures.childrenOf(ids), (f) => f.parentId ?? '')),
    history: new DataLoader((keys) =>
      s.history.historyOf(
        keys.map((k) => ({ entityType: k.slice(0, k.indexOf(':')) as HistoryEntityType, entityId: k.slice(k.indexOf(':') + 1) })),
        viewer,
      ),
    ),
  };
}

export function createContext(req: Request & { viewer?: Viewer }, services: LoaderServices): GqlContext {
  const viewer = req.viewer ?? ANONYMOUS;
  return { req, viewer, loaders: createLoaders(services, viewer) };
}

/** Puts the reasons and citations a list page brought with it into the loaders (no further query). */
export function primeParts(loaders: Loaders, parts: ReadonlyMap<string, ActionParts>): void {
  for (const [id, p] of parts) {
    loaders.reasonCodes.prime(id, p.reasonCodes);
    loaders.citations.prime(id, p.citations);
  }
}
