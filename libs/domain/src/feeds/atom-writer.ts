import { create } from 'xmlbuilder2';
import {
  FEED_GENERATOR,
  type FeedCategory,
  type FeedDocument,
  type FeedEntry,
  type FeedLink,
  type FeedPerson,
} from './feed.types.js';

type XMLBuilder = ReturnType<typeof create>;

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
export const ATOM_MEDIA_TYPE = 'application/atom+xml; charset=utf-8';

/** Where the document is served: its paths are put under `base`; `self` is the address requested. */
export interface FeedAddress {
  base: string;
  self: string;
}

/** RFC 3339 in UTC, as RFC 4287 §3.3 asks (`2024-01-23T10:00:00.000Z`). */
function stamp(at: Date): string {
  return at.toISOString();
}

/**
 * Writes the document as Atom 1.0 (RFC 4287) with xmlbuilder2, which escapes text and attribute
 * values and replaces the characters XML 1.0 cannot carry (control characters pasted into a record)
 * with U+FFFD, so that no record can make the feed invalid XML. Text constructs are `type="text"`:
 * nothing a record holds is ever read as markup.
 */
export function writeAtom(doc: FeedDocument, address: FeedAddress): string {
  // A path is under the tracker's address, which may have a path of its own (PUBLIC_URL behind a
  // proxy that serves the tracker under a prefix); other addresses (a source's) are kept as given.
  const resolve = (href: string) =>
    href.startsWith('/') && !href.startsWith('//')
      ? new URL(`${address.base.replace(/\/+$/, '')}${href}`).href
      : new URL(href, address.base).href;
  const root = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '\uFFFD' }).ele(
    ATOM_NAMESPACE,
    'feed',
  );
  const text = (parent: XMLBuilder, name: string, value: string) =>
    parent.ele(name, { type: 'text' }).txt(value);
  const link = (parent: XMLBuilder, l: FeedLink) => {
    const attributes: Record<string, string> = { rel: l.rel, href: resolve(l.href) };
    if (l.type) attributes.type = l.type;
    if (l.title) attributes.title = l.title;
    parent.ele('link', attributes);
  };
  const person = (parent: XMLBuilder, p: FeedPerson) => {
    const author = parent.ele('author');
    author.ele('name').txt(p.name);
    if (p.uri) author.ele('uri').txt(resolve(p.uri));
  };
  const category = (parent: XMLBuilder, c: FeedCategory) => {
    const attributes: Record<string, string> = { term: c.term };
    if (c.scheme) attributes.scheme = resolve(c.scheme);
    if (c.label) attributes.label = c.label;
    parent.ele('category', attributes);
  };

  root.ele('id').txt(doc.id);
  text(root, 'title', doc.title);
  if (doc.subtitle) text(root, 'subtitle', doc.subtitle);
  root.ele('updated').txt(stamp(doc.updated));
  link(root, { rel: 'self', href: address.self, type: 'application/atom+xml' });
  for (const l of doc.links) link(root, l);
  for (const a of doc.authors) person(root, a);
  root.ele('generator').txt(FEED_GENERATOR);
  for (const entry of doc.entries)
    writeEntry(root.ele('entry'), entry, { text, link, person, category });
  return root.end({ prettyPrint: true });
}

interface Writers {
  text(parent: XMLBuilder, name: string, value: string): void;
  link(parent: XMLBuilder, l: FeedLink): void;
  person(parent: XMLBuilder, p: FeedPerson): void;
  category(parent: XMLBuilder, c: FeedCategory): void;
}

function writeEntry(e: XMLBuilder, entry: FeedEntry, w: Writers): void {
  e.ele('id').txt(entry.id);
  w.text(e, 'title', entry.title);
  e.ele('updated').txt(stamp(entry.updated));
  if (entry.published) e.ele('published').txt(stamp(entry.published));
  for (const a of entry.authors) w.person(e, a);
  for (const l of entry.links) w.link(e, l);
  for (const c of entry.categories) w.category(e, c);
  if (entry.summary) w.text(e, 'summary', entry.summary);
  w.text(e, 'content', entry.content);
}
