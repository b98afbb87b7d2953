import { describe, expect, it } from 'vitest';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { SubgraphGenerations } from './cache-generations.js';

describe('SubgraphGenerations', () => {
  it('gives each subgraph a generation that stays until it is bumped', async () => {
    const generations = new SubgraphGenerations(new InMemoryLRUCache<string>());
    const first = await generations.current(['hotline', 'cloud']);
    expect(Object.keys(first).sort()).toEqual(['cloud', 'hotline']);
    expect(await generations.current(['hotline', 'cloud'])).toEqual(first);

    const bumped = await generations.bump('hotline');
    const after = await generations.current(['hotline', 'cloud']);
    expect(after.hotline).toBe(bumped);
    expect(after.hotline).not.toBe(first.hotline);
    expect(after.cloud).toBe(first.cloud);
  });

  it('replaces a forgotten generation with a new one, never with an old value', async () => {
    const store = new InMemoryLRUCache<string>();
    const generations = new SubgraphGenerations(store);
    const before = (await generations.current(['hotline'])).hotline;
    store.clear(); // evicted, or Redis restarted
    const after = (await generations.current(['hotline'])).hotline;
    expect(after).not.toBe(before);
  });

  it('throws when the store cannot be read, so that the caller skips the cache', async () => {
    const generations = new SubgraphGenerations({
      get: async () => {
        throw new Error('down');
      },
      set: async () => {},
      delete: async () => true,
    });
    await expect(generations.current(['hotline'])).rejects.toThrow('down');
  });
});
