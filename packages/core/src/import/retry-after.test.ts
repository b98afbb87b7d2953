import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

describe('Retry-After', () => {
  const now = Date.parse('2021-03-01T00:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 01 Mar 2021 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Monday, 01-Mar-21 00:00:30 GMT', now)).toBe(30_000);
  });

  it('never waits a negative time, and ignores what it cannot read', () => {
    expect(retryAfterMs('Sun, 28 Feb 2021 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('-1', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
