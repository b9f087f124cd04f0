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

/**
 * The request's loaders, each made when a resolver first asks for it: a page of actions uses none of
 * them (its statement brings the parts), and a request builds only the loaders its query needs.
 */
class RequestLoaders implements Loaders {
  #action?: Loaders['action'];
  #links?: Loaders['links'];
  #duplicates?: Loaders['duplicates'];
  #alternatives?: Loaders['alternatives'];
  #officer?: Loaders['officer'];
  #source?: Loaders['source'];
  #citations?: Loaders['citations'];
  #figure?: Loaders['figure'];
  #figureChildren?: Loaders['figureChildren'];
  #figureRepeats?: Loaders['figureRepeats'];
  #figureCheck?: Loaders['figureCheck'];
  #history?: Loaders['history'];

  constructor(
    private readonly s: LoaderServices,
    private readonly viewer: Viewer,
  ) {}

  get action(): Loaders['action'] {
    return (this.#action ??= new DataLoader(async (ids) =>
      byId(ids, await this.s.actions.getVisibleByIds(ids, this.viewer)),
    ));
  }
  get links(): Loaders['links'] {
    return (this.#links ??= new DataLoader((ids) => this.s.links.linksOf(ids, this.viewer)));
  }
  get duplicates(): Loaders['duplicates'] {
    return (this.#duplicates ??= new DataLoader((ids) =>
      this.s.links.duplicateIdsOf(ids, this.viewer),
    ));
  }
  get alternatives(): Loaders['alternatives'] {
    return (this.#alternatives ??= new DataLoader((ids) =>
      this.s.alternatives.alternativesOf(ids),
    ));
  }
  get officer(): Loaders['officer'] {
    return (this.#officer ??= new DataLoader(async (ids) =>
      byId(ids, await this.s.officers.getByIds(ids)),
    ));
  }
  get source(): Loaders['source'] {
    return (this.#source ??= new DataLoader(async (ids) =>
      byId(ids, await this.s.sources.getByIds(ids)),
    ));
  }
  get citations(): Loaders['citations'] {
    return (this.#citations ??= new DataLoader(async (ids) =>
      grouped(ids, await this.s.actions.citationsByActionIds(ids), (r) => r.actionId),
    ));
  }
  get figure(): Loaders['figure'] {
    return (this.#figure ??= new DataLoader(async (ids) =>
      byId(ids, await this.s.figures.getByIds(ids)),
    ));
  }
  get figureChildren(): Loaders['figureChildren'] {
    return (this.#figureChildren ??= new DataLoader(async (ids) =>
      grouped(ids, await this.s.figures.childrenOf(ids), (f) => f.parentId ?? ''),
    ));
  }
  get figureRepeats(): Loaders['figureRepeats'] {
    return (this.#figureRepeats ??= new DataLoader(async (ids) =>
      grouped(ids, await this.s.figures.repeatedBy(ids), (f) => f.repeatsId ?? ''),
    ));
  }
  get figureCheck(): Loaders['figureCheck'] {
    return (this.#figureCheck ??= new DataLoader((ids) =>
      this.s.checks.checkMany(ids, this.viewer),
    ));
  }
  get history(): Loaders['history'] {
    return (this.#history ??= new DataLoader((keys) =>
      this.s.history.historyOf(
        keys.map((k) => ({
          entityType: k.slice(0, k.indexOf(':')) as HistoryEntityType,
          entityId: k.slice(k.indexOf(':') + 1),
        })),
        this.viewer,
      ),
    ));
  }
}

export function createLoaders(s: LoaderServices, viewer: Viewer = ANONYMOUS): Loaders {
  return new RequestLoaders(s, viewer);
}

export function createContext(
  req: Request & { viewer?: Viewer },
  services: LoaderServices,
): GqlContext {
  const viewer = req.viewer ?? ANONYMOUS;
  return { req, viewer, loaders: createLoaders(services, viewer), prefetched: new WeakMap() };
}

/**
 * A page of actions as a connection whose edges say how each action counts towards the page's
 * filter. What the page statement brought with each node (officer, reasons, citations) is handed to
 * the node's field resolvers, which then answer at once, without a promise and without another
 * query. It is kept per node, not put in the request's loaders: a page read with a selection holds
 * partial records, which must not answer for the same officer or source asked elsewhere in the query
 * with more fields.
 */
export function toActionConnection(
  ctx: GqlContext,
  page: ActionPage,
  count: () => Promise<number>,
  hasPreviousPage: boolean,
): ConnectionShape<
  DisciplinaryAction,
  { countsAs: CountsAs; counted: { min: number; max: number } }
> {
  const { pageInfo, totalCount, edges } = toConnection(page, toAction, count, hasPreviousPage);
  return {
    pageInfo,
    totalCount,
    // Each edge built once, as a literal: a spread of the plain edge cost a tenth of a page's time.
    edges: edges.map(({ cursor, node }) => {
      const parts = page.parts.get(node.id);
      if (parts)
        ctx.prefetched.set(node, { parts, officers: page.officers, sources: page.sources });
      return {
        cursor,
        node,
        countsAs: (parts?.countsAs ?? 'CERTAIN') as CountsAs,
        counted: parts?.counted ?? { min: node.subjectCount, max: node.subjectCount },
      };
    }),
  };
}
