/**
 * An Atom 1.0 document (RFC 4287) as the feeds build it, before it is written as XML. Addresses are
 * paths on this site (`/feeds/actions.atom?...`, `/?province=KH-14#record-...`) or absolute URLs
 * (a source's address); the writer resolves paths against the address the request came to.
 */
export interface FeedLink {
  href: string;
  rel: 'self' | 'alternate' | 'related';
  type?: string;
  title?: string;
}

export interface FeedCategory {
  term: string;
  /** Names the vocabulary: a path whose address, followed by the term, is the feed of that category. */
  scheme?: string;
  label?: string;
}

export interface FeedPerson {
  name: string;
  uri?: string;
}

export interface FeedEntry {
  /** A permanent IRI, the same in every feed that carries the entry and on every request. */
  id: string;
  title: string;
  updated: Date;
  published?: Date;
  links: FeedLink[];
  summary?: string;
  /** Plain text (`type="text"`): readers show it as written, nothing in it is markup. */
  content: string;
  categories: FeedCategory[];
  authors: FeedPerson[];
  /** For ordering only (not written): the moment the entry is about, newest first. */
  at: Date;
}

export interface FeedDocument {
  id: string;
  title: string;
  subtitle?: string;
  updated: Date;
  /** The feed's own address (rel="self") is added by the writer: it is the address requested. */
  links: FeedLink[];
  authors: FeedPerson[];
  entries: FeedEntry[];
}

/** Who publishes the feeds, and the program that writes them (`generator`). */
export const FEED_PUBLISHER = 'Police discipline tracker';
export const FEED_GENERATOR = 'police-discipline-tracker';
/** The most entries a feed carries (issue 18: the newest 50). */
export const FEED_ENTRIES = 50;
