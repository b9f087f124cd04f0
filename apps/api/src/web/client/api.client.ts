/// <reference lib="dom" />
/**
 * Browser code: the page's reads of the API's own /graphql. Each query asks for only what the page
 * shows, in pages under the API's query-cost limit.
 */
import type {
  FigureView,
  Labels,
  Page,
  RecordEdgeView,
  RunningTotalView,
} from './factcheck.types.js';
import type { Filter } from './url-state.client.js';

// Page sizes under the API's query-cost limit (a connection costs `first` times its nodes): a
// checked figure with its citation costs ~200 points, a record with citations ~160, of 10,000.
const FIGURE_PAGE = 20;
const RECORD_PAGE = 20;
// At most 50 pages of figures (1,000): the timeline is one screen of a campaign, not an archive.
const MAX_FIGURE_PAGES = 50;

const ACTION_FIELDS = `id actionType occurred occurredQualifier occurredFrom occurredTo subjectCount subjectDescription
  officer { fullName fullNameKm } rank { code name nameKm } rankText position province { code name nameKm }
  reasons { code label } reasonDetail decidedBy
  citations { excerpt locator source { title publisher url redacted language } }
  countedAs { id } duplicates { id } links { kind from { id } to { id subjectCount } }
  alternatives { id attribute value status citation { excerpt locator source { title publisher url redacted language } } }`;

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors && body.errors.length)
    throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

export async function loadLabels(): Promise<Labels> {
  const data = await gql<{
    provinces: Labels['provinces'][string][];
    ranks: Labels['ranks'][string][];
    reasons: { code: string; label: string }[];
    agencies: Labels['agencies'][string][];
  }>(
    '{ provinces { code name nameKm } ranks { code name nameKm } reasons { code label } agencies { code name nameKm } }',
  );
  return {
    provinces: Object.fromEntries(data.provinces.map((p) => [p.code, p])),
    ranks: Object.fromEntries(data.ranks.map((r) => [r.code, r])),
    agencies: Object.fromEntries(data.agencies.map((a) => [a.code, a])),
    reasons: Object.fromEntries(data.reasons.map((r) => [r.code, r.label])),
  };
}

const CHECK_FIELDS = `claimed { min max } recorded { min max } independent { min max } verdict undecided
  explanation coverageRange { min max } countedUntil issues { kind message informational figures { id } }`;

/** Every published figure with its check, oldest statement first, a whole before its parts. */
export async function loadFigures(): Promise<FigureView[]> {
  const fields = `id value qualifier tolerance statedBy statedOn description partsAreExhaustive
    scope { actionTypes reasonCodes provinceCodes rankCodes agencyCodes from to }
    parent { id } parts { id } repeats { id } repeatedBy { id }
    citation { excerpt locator source { title publisher url language redacted } }
    check { ${CHECK_FIELDS} }`;
  const all: FigureView[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_FIGURE_PAGES; page++) {
    const data: {
      reportedFigures: {
        edges: { node: FigureView }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await gql(
      `query Figures($after: String) { reportedFigures(first: ${FIGURE_PAGE}, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    all.push(...data.reportedFigures.edges.map((e) => e.node));
    if (!data.reportedFigures.pageInfo.hasNextPage) break;
    after = data.reportedFigures.pageInfo.endCursor;
  }
  return sortFigures(all);
}

/**
 * Oldest statement first, a whole before its parts; a repeat (the same statement reported by
 * another outlet) right after the original it repeats, whatever day it was reported.
 */
export function sortFigures(all: FigureView[]): FigureView[] {
  const byId = new Map(all.map((f) => [f.id, f]));
  const original = (f: FigureView) => (f.repeats && byId.get(f.repeats.id)) || f;
  const when = (f: FigureView) => f.statedOn ?? f.scope.to ?? '9999';
  const order = (a: FigureView, b: FigureView) =>
    when(a).localeCompare(when(b)) ||
    (a.parent ? 1 : 0) - (b.parent ? 1 : 0) ||
    b.value - a.value ||
    a.id.localeCompare(b.id);
  return [...all].sort((a, b) => {
    const oa = original(a);
    const ob = original(b);
    if (oa !== ob) return order(oa, ob);
    return (a === oa ? 0 : 1) - (b === ob ? 0 : 1) || order(a, b);
  });
}

export async function loadRunningTotals(
  filter: Filter,
  interval: string,
): Promise<RunningTotalView[]> {
  const data = await gql<{ runningTotals: RunningTotalView[] }>(
    'query Totals($filter: ActionFilter, $interval: Interval!) { runningTotals(filter: $filter, interval: $interval) { period count cumulative { min max } } }',
    { filter, interval },
  );
  return data.runningTotals;
}

/** A page of the records of a filter, each with how it counts towards the filter's tally. */
export async function loadRecords(
  filter: Filter,
  after: string | null,
): Promise<Page<RecordEdgeView>> {
  const data = await gql<{
    actions: {
      totalCount: number;
      edges: RecordEdgeView[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }>(
    `query Records($filter: ActionFilter, $after: String) { actions(filter: $filter, first: ${RECORD_PAGE}, after: $after) { totalCount edges { countsAs counted { min max } node { ${ACTION_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
    { filter, after },
  );
  return {
    totalCount: data.actions.totalCount,
    nodes: data.actions.edges,
    hasNextPage: data.actions.pageInfo.hasNextPage,
    endCursor: data.actions.pageInfo.endCursor,
  };
}
