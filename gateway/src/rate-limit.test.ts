import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitedError } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows a burst of the per-minute limit per key, then tells how long to wait', () => {
    const limiter = createRateLimiter(3);
    expect([1, 2, 3].map(() => limiter.take('a', 0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(limiter.take('b', 0).allowed).toBe(true);
    expect(limiter.take('a', 20_000).allowed).toBe(true);
  });

  it('keeps at most maxKeys buckets', () => {
    const limiter = createRateLimiter(1, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    // 'a' was dropped: it starts again with a full bucket.
    expect(limiter.take('a', 0).allowed).toBe(true);
  });

  it('answers 429 with Retry-After', () => {
    const error = rateLimitedError(7);
    expect(error.extensions.code).toBe('RATE_LIMITED');
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('7');
  });
});
