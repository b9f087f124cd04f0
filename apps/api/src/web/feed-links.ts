/**
 * The fact-check page's Atom feeds (`<link rel="alternate">` in its head), shared by the server
 * (the page shell, from the request's address) and the browser bundle (after each change of the
 * filters): the actions feed takes the page's filters under the same names (those of the
 * downloads), the figures feed takes none.
 */
export const FEED_HREFS = {
  actions: '/feeds/actions.atom',
  figures: '/feeds/figures.atom',
} as const;

/** The page's filter parameters, which /feeds/actions.atom takes as they are. */
const FILTER_PARAMS = ['actionType', 'reason', 'province', 'rank', 'from', 'to'];

/** The actions feed of the view an address shows: its filters kept, everything else (lang, interval, show) left out. */
export function actionsFeedHref(pageQuery: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const name of FILTER_PARAMS)
    for (const v of pageQuery.getAll(name)) if (v) q.append(name, v);
  const s = q.toString();
  return `${FEED_HREFS.actions}${s ? `?${s}` : ''}`;
}
