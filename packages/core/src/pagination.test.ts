import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.js';

describe('pagination', () => {
  it('round-trips cursors', () => {
    expect(decodeCursor(encodeCursor('440800XK00001'))).toBe('440800XK00001');
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each(['not a cursor', 'abc', Buffer.from('k2:x').toString('base64url'), 'x'.repeat(600)])(
    'rejects the malformed cursor %s',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrowError(/cursor/);
    },
  );

  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(200)).toBe(200);
    for (const bad of [0, -1, 201, 1.5]) expect(() => pageSize(bad)).toThrowError(/between 1 and 200/);
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const page = toConnection(['a', 'b', 'c'], 2, (s) => s, 10);
    expect(page.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
    expect(toConnection([], 2, (s: string) => s, 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
