import { badUserInput } from './errors.js';

export const MAX_PAGE_SIZE = 200;

/** Validates `first`: a page of 1..200 rows. */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${String(first)}`, 'first');
  }
  return size;
}

const CURSOR_PREFIX = 'k1:';

/**
 * Cursors are opaque to clients but are simply the sort key of the last row seen, so a page is
 * a keyset seek (`WHERE key > cursor`), as fast on page 3,000 as on page 1.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(`${CURSOR_PREFIX}${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(after: string | null | undefined): string | undefined {
  if (after == null) return undefined;
  const decoded = /^[A-Za-z0-9_-]{1,512}$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length === CURSOR_PREFIX.length) {
    throw badUserInput('after is not a cursor this API issued', 'after');
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * Builds a connection from rows fetched with `limit: size + 1`: the extra row only tells whether
 * another page follows.
 */
export function toConnection<T>(
  rows: T[],
  size: number,
  keyOf: (row: T) => string | number,
  totalCount: number,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
