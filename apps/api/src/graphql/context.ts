import DataLoader from 'dataloader';
import type { Request } from 'express';
import {
  ActionService,
  HistoryService,
  OfficerService,
  ReportedFigureService,
  SourceService,
  type ChangeRow,
  type ActionPage,
  type CitationRow,
  type HistoryEntityType,
  type OfficerEntity,
  type ReportedFigureEntity,
  type SourceEntity,
  type Viewer,
} from '@app/domain';
import { ANONYMOUS } from '@app/domain';

/**
 * A DataLoader that also holds what a list page brought with it (`prime`): those values are
 * returned synchronously, so graphql-js completes the field at once instead of awaiting a promise
 * (most of the cost of a field on a page of 100 actions); anything else is batched as usual.
 */
export class PrefetchingLoader<K, V> {
  private readonly known = new Map<K, V>();
  private readonly loader: DataLoader<K, V>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>) {
    this.loader = new DataLoader(batch);
  }

  prime(key: K, value: V): void {
    this.known.set(key, value);
  }

  /** The value, synchronously when primed. */
  get(key: K): V | Promise<V> {
    return this.known.has(key) ? (this.known.get(key) as V) : this.loader.load(key);
  }

  /** The values, synchronously when all are primed. */
  getMany(keys: readonly K[]): V[] | Promise<V[]> {
    const values = keys.map((k) => this.get(k));
    return values.some((v) => v instanceof Promise) ? Promise.all(values) : (values as V[]);
  }
}

/** `f(value)`, synchronously when `value` is not a promise (graphql-js needs no promise then). */
export function mapMaybe<T, R>(value: T | Promise<T>, f: (v: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** Per-request batch loaders: a page of 100 actions costs one query per kind of related record. */
export interface Loaders {
  officer: PrefetchingLoader<string, OfficerEntity | null>;
  source: PrefetchingLoader<string, SourceEntity | null>;
  reasonCodes: PrefetchingLoader<string, string[]>;
  citations: PrefetchingLoader<string, CitationRow[]>;
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
    officer: new PrefetchingLoader(async (ids) => byId(ids, await s.officers.getByIds(ids))),
    source: new PrefetchingLoader(async (ids) => byId(ids, await s.sources.getByIds(ids))),
    reasonCodes: new PrefetchingLoader(async (ids) =>
      grouped(ids, await s.actions.reasonCodesByActionIds(ids), (r) => r.actionId).map((rows) => rows.map((r) => r.reasonCode)),
    ),
    citations: new PrefetchingLoader(async (ids) => grouped(ids, await s.actions.citationsByActionIds(ids), (r) => r.actionId)),
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

/** Puts what a list page brought with it (reasons, citations, officers, sources) into the loaders: no further query. */
export function primeParts(loaders: Loaders, page: ActionPage): void {
  for (const [id, p] of page.parts) {
    loaders.reasonCodes.prime(id, p.reasonCodes);
    loaders.citations.prime(id, p.citations);
  }
  for (const [id, officer] of page.officers) loaders.officer.prime(id, officer);
  for (const [id, source] of page.sources) loaders.source.prime(id, source);
}
