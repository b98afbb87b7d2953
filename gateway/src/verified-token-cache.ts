// Remembers the callers whose bearer tokens were verified recently. A dashboard sends the same
// token with every refresh, and verifying it with jose costs ~0.25 ms of WebCrypto work per request
// (more than the rest of a cached answer); a hit costs a map lookup.
//
// An entry is kept until the token's own `exp`, and never longer than MAX_REMEMBER_MS, so a key
// removed from the JWKS stops letting its tokens in within a minute. Refusals are never remembered:
// each bad token is checked (and refused) again.
import { LRUCache } from 'lru-cache';
import type { Viewer } from '@govgraph/core';

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;
export const MAX_REMEMBER_MS = 60_000;

export interface VerifiedClaims {
  viewer: Viewer;
  /** Seconds since the epoch, from the token. */
  exp: number;
  nbf?: number;
}

export class VerifiedTokenCache {
  private readonly entries: LRUCache<string, Viewer>;

  constructor(maxEntries = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE) {
    this.entries = new LRUCache<string, Viewer>({ max: Math.max(1, maxEntries), ttlAutopurge: false });
  }

  get(token: string): Viewer | undefined {
    return this.entries.get(token);
  }

  remember(token: string, claims: VerifiedClaims, nowMs = Date.now()): void {
    // A token that is not valid yet was refused, and one without a lifetime is never remembered.
    if (claims.nbf !== undefined && claims.nbf * 1000 > nowMs) return;
    const ttl = Math.min(claims.exp * 1000 - nowMs, MAX_REMEMBER_MS);
    if (!(ttl > 0)) return;
    this.entries.set(token, claims.viewer, { ttl });
  }

  get size(): number {
    return this.entries.size;
  }
}
