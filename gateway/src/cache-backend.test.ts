import { describe, expect, it } from 'vitest';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createMemoryCacheBackend, FailSoftCache } from './cache-backend.js';
import { quietLogger } from './__fixtures__/subgraphs.js';

/** A store that works until `broken` is set, counting the calls that reach it. */
function flakyStore() {
  const values = new Map<string, string>();
  const store = {
    broken: false,
    calls: 0,
    async get(key: string) {
      store.calls += 1;
      if (store.broken) throw new Error('connection refused');
      return values.get(key);
    },
    async set(key: string, value: string) {
      store.calls += 1;
      if (store.broken) throw new Error('connection refused');
      values.set(key, value);
    },
    async delete(key: string) {
      store.calls += 1;
      if (store.broken) throw new Error('connection refused');
      return values.delete(key);
    },
  };
  return store satisfies KeyValueCache<string>;
}

describe('FailSoftCache', () => {
  it('passes reads and writes through while the backend works', async () => {
    const cache = new FailSoftCache(flakyStore(), quietLogger());
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await cache.strict.get('k')).toBe('v');
  });

  it('turns a failure into a miss, leaves the backend alone for the pause, then tries again', async () => {
    const store = flakyStore();
    let now = 1_000;
    const logger = quietLogger();
    const warnings: string[] = [];
    logger.warn = (message) => warnings.push(message);
    const cache = new FailSoftCache(store, logger, 5_000, () => now);
    await cache.set('k', 'v');
    store.broken = true;

    expect(await cache.get('k')).toBeUndefined();
    await expect(cache.set('k', 'w')).resolves.toBeUndefined();
    await expect(cache.strict.get('k')).rejects.toThrow(/paused/);
    expect(store.calls).toBe(2); // the set that worked and the first failing get
    expect(warnings).toHaveLength(1);

    store.broken = false;
    now += 5_000;
    expect(await cache.get('k')).toBe('v');
  });

  it('lets the strict view report failures to its caller', async () => {
    const store = flakyStore();
    store.broken = true;
    const cache = new FailSoftCache(store, quietLogger());
    await expect(cache.strict.set('k', 'v')).rejects.toThrow(/connection refused/);
  });
});

describe('createMemoryCacheBackend', () => {
  it('keeps generations apart from entries, so filling the entries cannot evict them', async () => {
    const backend = createMemoryCacheBackend({ maxMiB: 0.001 });
    await backend.generations.set('generation:hotline', 'g1');
    for (let i = 0; i < 100; i++) await backend.entries.set(`fqc:${i}`, 'x'.repeat(100));
    expect(await backend.generations.get('generation:hotline')).toBe('g1');
    expect(await backend.entries.get('fqc:0')).toBeUndefined();
    expect(await backend.entries.get('fqc:99')).toBe('x'.repeat(100));
  });
});
