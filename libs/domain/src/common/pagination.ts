import { DomainError } from '@app/core';

/** Relay page request: `first` 1..100 and an opaque keyset cursor. */
export interface PageRequest {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
}

// 100: a page must stay one cheap indexed query; larger sets are for the CSV/JSON exports.
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const CURSOR_PREFIX = 'k1:';

/** Cursors are base64url of `k1:<seq>`: a position in the list, never an OFFSET. */
export function encodeCursor(seq: string | number | bigint): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const invalid = () =>
    DomainError.badInput('after', 'The cursor is not valid: use a cursor from this list');
  if (
    typeof cursor !== 'string' ||
    cursor.length === 0 ||
    cursor.length > 64 ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  ) {
    throw invalid();
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw invalid();
  const seq = text.slice(CURSOR_PREFIX.length);
  if (!/^[1-9][0-9]{0,17}$/.test(seq)) throw invalid();
  return seq;
}

export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw DomainError.badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Builds a page from `limit + 1` rows fetched in keyset order. */
export function toPage<T extends { seq: string | number }>(rows: T[], limit: number): Page<T> {
  const hasNextPage = rows.length > limit;
  const items = hasNextPage ? rows.slice(0, limit) : rows;
  return { items, cursors: items.map((r) => encodeCursor(r.seq)), hasNextPage };
}

/** Every field optional and nullable: the shape of create/update inputs (null clears a field). */
export type Patch<T> = { [K in keyof T]?: T[K] | null };
