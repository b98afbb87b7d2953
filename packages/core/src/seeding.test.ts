import { describe, expect, it } from 'vitest';
import { apportion, createRandom, exactFlags } from './seeding.js';

describe('seeding helpers', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRandom('x');
    const b = createRandom('x');
    const c = createRandom('y');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('apportions an exact total', () => {
    const parts = apportion(9_243_000, [5, 3, 1, 1, 0.5]);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(9_243_000);
    expect(parts[0]).toBeGreaterThan(parts[1]!);
    expect(apportion(7, [1, 1, 1])).toEqual([3, 2, 2]);
  });

  it('flags exactly the requested count', () => {
    const flags = exactFlags(1000, 973, createRandom(1));
    expect(flags.filter(Boolean)).toHaveLength(973);
    expect(() => exactFlags(3, 4, createRandom(1))).toThrow();
  });
});
