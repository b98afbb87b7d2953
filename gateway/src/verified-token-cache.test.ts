import { describe, expect, it } from 'vitest';
import { viewerWith } from '@govgraph/core';
import { MAX_REMEMBER_MS, VerifiedTokenCache } from './verified-token-cache.js';

const alice = viewerWith(['cloud:read'], { sub: 'alice' });
const nowMs = Date.now();
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('VerifiedTokenCache', () => {
  it('remembers a verified caller for at most a minute, and no longer than the token lives', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('long', { viewer: alice, exp: seconds(nowMs) + 3600 }, nowMs);
    cache.remember('short', { viewer: alice, exp: seconds(nowMs) + 5 }, nowMs);
    expect(cache.get('long')).toBe(alice);
    const ttls = (cache as unknown as { entries: { getRemainingTTL(k: string): number } }).entries;
    expect(ttls.getRemainingTTL('long')).toBeLessThanOrEqual(MAX_REMEMBER_MS);
    expect(ttls.getRemainingTTL('long')).toBeGreaterThan(MAX_REMEMBER_MS - 5_000);
    expect(ttls.getRemainingTTL('short')).toBeLessThanOrEqual(5_000);
  });

  it('never remembers a token that has expired (accepted within the clock skew) or is not valid yet', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('late', { viewer: alice, exp: seconds(nowMs) - 10 }, nowMs);
    cache.remember('early', { viewer: alice, exp: seconds(nowMs) + 600, nbf: seconds(nowMs) + 60 }, nowMs);
    expect(cache.get('late')).toBeUndefined();
    expect(cache.get('early')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its bound, dropping the least recently used', () => {
    const cache = new VerifiedTokenCache(2);
    for (const token of ['a', 'b']) cache.remember(token, { viewer: alice, exp: seconds(nowMs) + 600 }, nowMs);
    cache.get('a');
    cache.remember('c', { viewer: alice, exp: seconds(nowMs) + 600 }, nowMs);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(alice);
  });
});
