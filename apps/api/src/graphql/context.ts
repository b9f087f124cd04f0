import DataLoader from 'dataloader';
import type { Request } from 'express';
import {
  ActionAlternativeService,
  ActionLinkService,
  type ActionAlternativeEntity,
  ActionService,
  type ActionLinkEntity,
  type DisciplinaryActionEntity,
  FigureCheckService,
  type FigureCheckResult,
  HistoryService,
  OfficerService,
  ReportedFigureService,
  SourceService,
  type ChangeRow,
  type ActionPage,
  type PrefetchedParts,
  type CitationRow,
  type HistoryEntityType,
  type OfficerEntity,
  type ReportedFigureEntity,
  type SourceEntity,
  type Viewer,
} from '@app/domain';
import { ANONYMOUS } from '@app/domain';
import { toConnection, type ConnectionShape } from './models/connection.model.js';
import type { CountsAs, DisciplinaryAction } from './models/action.model.js';
import { toAction } from './mappers.js';

/** Per-request batch loaders: a page of 100 actions costs one query per kind of related record. */
export interface Loaders {
  /** Actions by id, as the caller may see them (null: none or hidden). */
  action: DataLoader<string, DisciplinaryActionEntity | null>;
  /** The links of each action (either end) the caller may see. */
  links: DataLoader<string, ActionLinkEntity[]>;
  /** The ids of the SAME_AS duplicates folded into each action, for the caller's audience. */
  duplicates: DataLoader<string, string[]>;
  /** The alternative values of each action's attributes (README "Disagreeing sources"), oldest first. */
  alternatives: DataLoader<string, ActionAlternativeEntity[]>;
  officer: DataLoader<string, OfficerEntity | null>;
  source: DataLoader<string, SourceEntity | null>;
  citations: DataLoader<string, CitationRow[]>;
  figure: DataLoader<string, ReportedFigureEntity | null>;
  figureChildren: DataLoader<string, ReportedFigureEntity[]>;
  /** The figures that repeat each figure. */
  figureRepeats: DataLoader<string, ReportedFigureEntity[]>;
  /** Live checks of figures, a list's figures checked together (FigureCheckService.checkMany). */
  figureCheck: DataLoader<string, FigureCheckResult | null>;
  /** Keyed `<entity type>:<id>`; entries already filtered for the viewer. */
  history: DataLoader<string, ChangeRow[]>;
}

export interface GqlContext {
  req: Request & { viewer?: Viewer };
  viewer: Viewer;
  loaders: Loaders;
  /** What a page of actions brought with each of its nodes (keyed by the node object), see attachPage. */
  prefetched: WeakMap<object, NodePrefetch>;
}

/** What the page statement brought for one action node: its parts, and the page's officers and sources they refer to. */
export interface NodePrefetch {
  parts: PrefetchedParts;
  officers: ReadonlyMap<string, OfficerEntity>;
  sources: ReadonlyMap<string, SourceEntity>;
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
  checks: FigureCheckService;
  links: ActionLinkService;
  alternatives: ActionAlternativeService;
}

export function createLoaders(s: LoaderServices, viewer: Viewer = ANONYMOUS): Loaders {
  return {
    action: new DataLoader(async (ids) => byId(ids, await s.actions.getVisibleByIds(ids, viewer))),
    links: new DataLoader((ids) => s.links.linksOf(ids, viewer)),
    duplicates: new DataLoader((ids) => s.links.duplicateIdsOf(ids, viewer)),
    alternatives: new DataLoader((ids) => s.alternatives.alternativesOf(ids)),
    officer: new DataLoader(async (ids) => byId(ids, await s.officers.getByIds(ids))),
    source: new DataLoader(async (ids) => byId(ids, await s.sources.getByIds(ids))),
    citations: new DataLoader(async (ids) =>
      grouped(ids, await s.actions.citationsByActionIds(ids), (r) => r.actionId),
    ),
    figure: new DataLoader(async (ids) => byId(ids, await s.figures.getByIds(ids))),
    figureChildren: new DataLoader(async (ids) =>
      grouped(ids, await s.figures.childrenOf(ids), (f) => f.parentId ?? ''),
    ),
    figureRepeats: new DataLoader(async (ids) =>
      grouped(ids, await s.figures.repeatedBy(ids), (f) => f.repeatsId ?? ''),
    ),
    figureCheck: new DataLoader((ids) => s.checks.checkMany(ids, viewer)),
    history: new DataLoader((keys) =>
      s.history.historyOf(
        keys.map((k) => ({
          entityType: k.slice(0, k.indexOf(':')) as HistoryEntityType,
          entityId: k.slice(k.indexOf(':') + 1),
        })),
        viewer,
      ),
    ),
  };
}

export function createContext(
  req: Request & { viewer?: Viewer },
  services: LoaderServices,
): GqlContext {
  const viewer = req.viewer ?? ANONYMOUS;
  return { req, viewer, loaders: createLoaders(services, viewer), prefetched: new WeakMap() };
}

/**
 * Hands what a page of actions brought to the field resolvers of its nodes (officer, reasons,
 * citations), which then answer at once, without a promise and without another query. It is kept
 * per node, not put in the request's loaders: a page read with a selection holds partial records,
 * which must not answer for the same officer or source asked elsewhere in the query with more fields.
 */
export function attachPage(
  ctx: GqlContext,
  page: ActionPage,
  connection: ConnectionShape<DisciplinaryAction>,
): void {
  for (const { node } of connection.edges) {
    const parts = page.parts.get(node.id);
    if (parts) ctx.prefetched.set(node, { parts, officers: page.officers, sources: page.sources });
  }
}

/** A page of actions as a connection whose edges say how each action counts towards the page's filter. */
export function toActionConnection(
  ctx: GqlContext,
  page: ActionPage,
  count: () => Promise<number>,
  hasPreviousPage: boolean,
): ConnectionShape<
  DisciplinaryAction,
  { countsAs: CountsAs; counted: { min: number; max: number } }
> {
  const connection = toConnection(page, toAction, count, hasPreviousPage);
  attachPage(ctx, page, connection);
  return {
    ...connection,
    edges: connection.edges.map((e) => {
      const parts = page.parts.get(e.node.id);
      return {
        ...e,
        countsAs: (parts?.countsAs ?? 'CERTAIN') as CountsAs,
        counted: parts?.counted ?? { min: e.node.subjectCount, max: e.node.subjectCount },
      };
    }),
  };
}
