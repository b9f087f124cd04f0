import { v5 as uuidV5 } from 'uuid';
import type { ActionFilter } from '../actions/action-filter.js';
import type { DisciplinaryActionEntity } from '../actions/action.entities.js';

/**
 * Addresses the feeds link to, as paths on this site. The fact-check page (`/`) keeps its view in
 * its address with the parameter names of the downloads (apps/api/src/web/client/url-state.client.ts):
 * `actionType`, `reason`, `province`, `rank`, `from`, `to`, and `show=figure:<id>` for the records
 * behind a figure; each figure is the element `#figure-<id>` and each listed record `#record-<id>`.
 */
export const FEED_PATHS = {
  actions: '/feeds/actions.atom',
  figures: '/feeds/figures.atom',
} as const;

// The UUID namespace of this tracker's feed and entry ids (RFC 9562 name-based ids, version 5):
// the same name always gives the same id, on any host and in any process.
const FEED_ID_NAMESPACE = 'edfb24f8-8e75-4d2a-8e78-51b21800c893';

export function nameBasedId(name: string): string {
  return `urn:uuid:${uuidV5(name, FEED_ID_NAMESPACE)}`;
}

/** An entry about a record has the record's own id. */
export function recordId(uuid: string): string {
  return `urn:uuid:${uuid}`;
}

/** ActionFilter field -> download parameter, in the order a canonical query lists them. */
const PARAMS: [keyof ActionFilter, string][] = [
  ['actionTypes', 'actionType'],
  ['reasonCodes', 'reason'],
  ['provinceCodes', 'province'],
  ['rankCodes', 'rank'],
  ['rankTiers', 'rankTier'],
  ['officerId', 'officerId'],
  ['sourceId', 'sourceId'],
  ['from', 'from'],
  ['to', 'to'],
  ['includeRetracted', 'includeRetracted'],
  ['asRecordedAt', 'asRecordedAt'],
];
/** The parameters the fact-check page understands (it shows the others' wider view). */
const PAGE_PARAMS = new Set(['actionType', 'reason', 'province', 'rank', 'from', 'to']);

/** The filter as download parameters, in a fixed order with sorted values: one filter, one query. */
export function canonicalQuery(filter: ActionFilter, only?: ReadonlySet<string>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [field, param] of PARAMS) {
    if (only && !only.has(param)) continue;
    const value = filter[field];
    if (value === null || value === undefined || value === false) continue;
    if (Array.isArray(value)) for (const v of [...value].sort()) q.append(param, v);
    else q.append(param, value instanceof Date ? value.toISOString() : String(value));
  }
  return q;
}

function withQuery(path: string, q: URLSearchParams, hash = ''): string {
  const s = q.toString();
  return `${path}${s ? `?${s}` : ''}${hash}`;
}

/** The fact-check page showing what the filter selects, as far as the page's own filters go. */
export function pageAddress(filter: ActionFilter): string {
  return withQuery('/', canonicalQuery(filter, PAGE_PARAMS));
}

export function actionsFeedAddress(filter: ActionFilter): string {
  return withQuery(FEED_PATHS.actions, canonicalQuery(filter));
}

/**
 * A record on the fact-check page. The page has no address of its own for one record: this is the
 * page filtered to the record's type, province and days, where it is listed (`#record-<id>`).
 */
export function recordAddress(
  a: Pick<
    DisciplinaryActionEntity,
    'id' | 'actionType' | 'provinceCode' | 'occurredFrom' | 'occurredTo'
  >,
): string {
  const filter: ActionFilter = {
    actionTypes: [a.actionType],
    from: a.occurredFrom,
    to: a.occurredTo,
  };
  if (a.provinceCode) filter.provinceCodes = [a.provinceCode];
  return withQuery('/', canonicalQuery(filter, PAGE_PARAMS), `#record-${a.id}`);
}

/** A figure in the page's timeline, with the records behind it listed below. */
export function figureAddress(id: string): string {
  return withQuery('/', new URLSearchParams({ show: `figure:${id}` }), `#figure-${id}`);
}
