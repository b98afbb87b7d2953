// Per-client rate limiting, in memory: a token bucket per client key (the token's `sub`, else the
// caller's IP). Each gateway process limits on its own; behind a load balancer of N gateways the
// effective limit is N times this (a shared store would go here).
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6_000;
export const RATE_LIMITED = 'RATE_LIMITED';

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until one more request is allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string, nowMs?: number): RateLimitDecision;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * `perMinute` requests a minute per key, in bursts of up to `perMinute`. At most `maxKeys`
 * buckets are kept; the least recently used one is dropped first (it is then as good as full).
 */
export function createRateLimiter(perMinute: number, maxKeys = 50_000): RateLimiter {
  if (!Number.isFinite(perMinute) || perMinute <= 0) throw new Error('the rate limit must be a positive number per minute');
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  return {
    take(key, nowMs = Date.now()) {
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key);
        bucket.tokens = Math.min(perMinute, bucket.tokens + (nowMs - bucket.updatedMs) * perMs);
        bucket.updatedMs = nowMs;
      } else {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
        bucket = { tokens: perMinute, updatedMs: nowMs };
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}

export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests: try again in ${retryAfterSeconds} s`, {
    extensions: {
      code: RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
