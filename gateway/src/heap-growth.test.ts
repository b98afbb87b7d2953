import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingFlag } from './heap-growth.js';

describe('heapGrowingFlag', () => {
  it('turns a percentage into the V8 flag', () => {
    expect(heapGrowingFlag(DEFAULT_HEAP_GROWING_PERCENT)).toBe('--heap-growing-percent=50');
  });

  it('leaves V8 alone at 0', () => {
    expect(heapGrowingFlag(0)).toBeUndefined();
  });

  it('refuses negative or fractional values', () => {
    expect(() => heapGrowingFlag(-1)).toThrow(/whole number/);
    expect(() => heapGrowingFlag(12.5)).toThrow(/whole number/);
  });
});
